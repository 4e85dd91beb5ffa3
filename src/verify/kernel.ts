/**
 * A namespace's kernel routing table as `ip -j route show table main` prints it, and the walk of
 * real FIBs from a client towards the VM: longest prefix, then lowest metric, every multipath
 * next hop, each gateway handed to the speaker that owns its address. Written apart from the
 * engine's walker on purpose: the lab checks the engine, it does not reuse it.
 */
import { formatIPv4, parseIPv4, prefix4, prefixContainsAddr, type Prefix4 } from '../lib/ip';

export interface KernelRoute {
  readonly prefix: string;
  readonly type: string;
  readonly metric: number;
  /** `boot` when `ip` omits it (its default). */
  readonly protocol: string;
  readonly gateways: readonly string[];
  readonly device?: string;
}

interface IpJsonHop {
  readonly gateway?: string;
  readonly dev?: string;
}
interface IpJsonRoute extends IpJsonHop {
  readonly dst: string;
  readonly type?: string;
  readonly metric?: number;
  readonly protocol?: string;
  readonly nexthops?: readonly IpJsonHop[];
}

function normalPrefix(dst: string): string {
  if (dst === 'default') return '0.0.0.0/0';
  return dst.includes('/') ? dst : `${dst}/32`;
}

export function parseIpRoutes(json: string): KernelRoute[] {
  const list = JSON.parse(json) as IpJsonRoute[];
  return list.map((r) => {
    const hops = r.nexthops ?? [r];
    const gateways = hops.map((h) => h.gateway).filter((g): g is string => g !== undefined);
    const device = r.dev;
    return {
      prefix: normalPrefix(r.dst),
      type: r.type ?? 'unicast',
      metric: r.metric ?? 0,
      protocol: r.protocol ?? 'boot',
      gateways: [...gateways].sort(),
      ...(device !== undefined ? { device } : {}),
    };
  });
}

/** The kernel routes whose prefix contains `ip`. */
export function routesContaining(routes: readonly KernelRoute[], ip: number): KernelRoute[] {
  return routes.filter((r) => {
    const p = prefix4(r.prefix);
    return p !== undefined && prefixContainsAddr(p, ip);
  });
}

/** The route the kernel uses for `ip`: longest prefix, then lowest metric. */
export function kernelLookup(routes: readonly KernelRoute[], ip: number): KernelRoute | undefined {
  let best: { r: KernelRoute; p: Prefix4 } | undefined;
  for (const r of routes) {
    const p = prefix4(r.prefix);
    if (!p || !prefixContainsAddr(p, ip)) continue;
    if (!best || p.len > best.p.len || (p.len === best.p.len && r.metric < best.r.metric)) best = { r, p };
  }
  return best?.r;
}

export interface RealPath {
  readonly hops: readonly string[];
  readonly end: 'delivered' | 'blackhole' | 'loop';
  readonly why: string;
  readonly fraction: number;
}

export interface RealFlow {
  readonly client: string;
  readonly outcome: 'delivered' | 'blackhole' | 'loop' | 'split';
  readonly deliveredFraction: number;
  readonly paths: readonly RealPath[];
}

export interface WalkInput {
  readonly ip: number;
  readonly vmHost: string;
  readonly workloadIf: string;
  readonly fib: (speaker: string) => readonly KernelRoute[];
  /** The speaker that owns an address. */
  readonly owner: (address: string) => string | undefined;
}

function tails(at: string, stack: readonly string[], w: WalkInput): RealPath[] {
  const one = (end: RealPath['end'], why: string): RealPath[] => [{ hops: [at], end, why, fraction: 1 }];
  const r = kernelLookup(w.fib(at), w.ip);
  const dst = formatIPv4(w.ip);
  if (!r) return one('blackhole', `${at} has no route to ${dst}`);
  if (r.type !== 'unicast') return one('blackhole', `${at}: ${r.type} route ${r.prefix}`);
  if (r.gateways.length === 0) {
    if (r.device === w.workloadIf) {
      return at === w.vmHost
        ? one('delivered', `${at} delivers to the VM`)
        : one('blackhole', `${at} hands the packet to the VM's interface, but the VM is not running on ${at}`);
    }
    return one('blackhole', `${at}: ${r.prefix} dev ${r.device ?? '?'} reaches no VM`);
  }
  const share = 1 / r.gateways.length;
  const out: RealPath[] = [];
  for (const gw of r.gateways) {
    const next = w.owner(gw);
    if (next === undefined)
      out.push({ hops: [at], end: 'blackhole', why: `${at}: gateway ${gw} belongs to no speaker`, fraction: share });
    else if (stack.includes(next) || next === at)
      out.push({ hops: [at, next], end: 'loop', why: `${next} is visited twice`, fraction: share });
    else
      for (const t of tails(next, [...stack, at], w))
        out.push({ hops: [at, ...t.hops], end: t.end, why: t.why, fraction: share * t.fraction });
  }
  return out;
}

/** The flow from `client` over the real FIBs. */
export function walkReal(client: string, w: WalkInput): RealFlow {
  const paths = tails(client, [], w);
  const delivered = paths.filter((p) => p.end === 'delivered');
  const deliveredFraction = Math.round(delivered.reduce((a, p) => a + p.fraction, 0) * 1e9) / 1e9;
  const outcome: RealFlow['outcome'] =
    delivered.length === paths.length
      ? 'delivered'
      : delivered.length > 0
        ? 'split'
        : paths.some((p) => p.end === 'loop')
          ? 'loop'
          : 'blackhole';
  return { client, outcome, deliveredFraction, paths };
}

export const ipOf = (text: string): number => parseIPv4(text) as number;
