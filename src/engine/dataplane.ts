/**
 * The data plane (DESIGN §5): a packet from a client to the VM's IP, hop by hop. Each speaker
 * looks the destination up in its kernel FIB (longest prefix, then lowest metric; Felix's route
 * wins a tie), follows every ECMP next hop (over the underlay when the next hop is not adjacent),
 * and the walk ends delivered (at the node running the VM), blackholed (no route, a blackhole
 * route, an unreachable next hop, or the VM's interface on a node where the VM is not running) or
 * in a loop. The paths from a speaker onwards are the same for every client that reaches it, so
 * a Walker computes them once per speaker (loop-free results only).
 */
import { formatIPv4, prefixContainsAddr } from '../lib/ip';
import type { FibEntry } from './fib';
import type { Underlay } from './underlay';

export type Outcome = 'delivered' | 'blackhole' | 'loop' | 'split';

export interface PathEnd {
  readonly hops: readonly string[];
  readonly end: 'delivered' | 'blackhole' | 'loop';
  readonly why: string;
  readonly fraction: number;
}

export interface Flow {
  readonly client: string;
  readonly outcome: Outcome;
  readonly deliveredFraction: number;
  readonly paths: readonly PathEnd[];
}

export const MAX_PATHS = 256;

export function lookup(entries: readonly FibEntry[], dst: number): FibEntry | undefined {
  let best: FibEntry | undefined;
  for (const e of entries) {
    if (!prefixContainsAddr(e.prefix, dst)) continue;
    if (
      !best ||
      e.prefix.len > best.prefix.len ||
      (e.prefix.len === best.prefix.len &&
        (e.metric < best.metric || (e.metric === best.metric && e.proto === 'felix' && best.proto !== 'felix')))
    ) {
      best = e;
    }
  }
  return best;
}

export class Walker {
  private readonly memo = new Map<string, PathEnd[]>();

  constructor(
    private readonly dst: number,
    private readonly vmHost: string,
    private readonly fibOf: (speaker: string) => readonly FibEntry[],
    private readonly underlay: Underlay,
  ) {}

  /** The paths from `here` onwards; `stack` holds the speakers already on the way (for loops). */
  private tails(here: string, stack: readonly string[]): { paths: PathEnd[]; looped: boolean } {
    const cached = this.memo.get(here);
    if (cached) return { paths: cached, looped: false };
    const one = (end: PathEnd['end'], why: string): PathEnd[] => [{ hops: [here], end, why, fraction: 1 }];
    const entry = lookup(this.fibOf(here), this.dst);
    let paths: PathEnd[];
    let looped = false;
    if (!entry) paths = one('blackhole', `${here} has no route to ${formatIPv4(this.dst)}`);
    else if (entry.kind === 'local') {
      paths =
        here === this.vmHost
          ? one('delivered', `${here} delivers to the VM`)
          : one('blackhole', `${here} hands the packet to the VM's interface, but the VM is not running on ${here}`);
    } else if (entry.kind === 'blackhole')
      paths = one('blackhole', `${here}: blackhole route ${formatIPv4(entry.prefix.addr)}/${entry.prefix.len}`);
    else if (entry.kind === 'unreachable' || entry.nexthops.length === 0)
      paths = one(
        'blackhole',
        `${here}: the next hop of ${formatIPv4(entry.prefix.addr)}/${entry.prefix.len} is unreachable`,
      );
    else {
      paths = [];
      const share = 1 / entry.nexthops.length;
      const onStack = [...stack, here];
      for (const gw of entry.nexthops) {
        const owner = this.underlay.ownerOf(gw);
        const next =
          owner === undefined
            ? undefined
            : this.underlay.isAdjacent(here, owner)
              ? owner
              : this.underlay.path(here, owner)?.via;
        if (next === undefined || next === here) {
          paths.push({
            hops: [here],
            end: 'blackhole',
            why: `${here}: next hop ${formatIPv4(gw)} cannot be reached`,
            fraction: share,
          });
        } else if (onStack.includes(next)) {
          paths.push({ hops: [here, next], end: 'loop', why: `${next} is visited twice`, fraction: share });
          looped = true;
        } else {
          const sub = this.tails(next, onStack);
          looped ||= sub.looped;
          for (const t of sub.paths) {
            if (paths.length >= MAX_PATHS) break;
            paths.push({ hops: [here, ...t.hops], end: t.end, why: t.why, fraction: share * t.fraction });
          }
        }
      }
    }
    // A path that loops depends on how it got here: only loop-free results are reused.
    if (!looped) this.memo.set(here, paths);
    return { paths, looped };
  }

  flow(client: string): Flow {
    const paths = this.tails(client, []).paths;
    const delivered = paths.filter((p) => p.end === 'delivered');
    const deliveredFraction = Math.round(delivered.reduce((a, p) => a + p.fraction, 0) * 1e9) / 1e9;
    const outcome: Outcome =
      delivered.length === paths.length
        ? 'delivered'
        : delivered.length > 0
          ? 'split'
          : paths.some((p) => p.end === 'loop')
            ? 'loop'
            : 'blackhole';
    return { client, outcome, deliveredFraction, paths };
  }
}

export function walk(
  client: string,
  dst: number,
  vmHost: string,
  fibOf: (speaker: string) => readonly FibEntry[],
  underlay: Underlay,
): Flow {
  return new Walker(dst, vmHost, fibOf, underlay).flow(client);
}
