/**
 * Picking free resources for new elements: addresses in a rack subnet, loopbacks, rack subnets,
 * IPAM blocks, VM IPs, AS numbers, names. Deterministic: always the lowest free value.
 */
import {
  formatIPv4,
  formatPrefix4,
  parseIPv4,
  prefix4,
  prefixContainsAddr,
  prefixesOverlap,
  prefixSize,
  type Prefix4,
} from '../../lib/ip';
import { uniqueName } from '../../lib/names';
import { effectiveBlocks, elementNames, nextFreeBlock, resolveCluster } from '../resolve';
import type { Topology } from '../schema';

/** Where loopbacks of spines, route reflectors and border routers come from. */
export const LOOPBACK_RANGE = '10.0.0.0/24';
/** Rack subnets are carved as /24s out of this range (10.0.1.0/24, 10.0.2.0/24, ...). */
export const RACK_RANGE = '10.0.0.0/16';
export const NODE_HOST_START = 11;
export const TOR_HOST_START = 1;

export function usedAddresses(doc: Topology): Set<number> {
  const used = new Set<number>();
  for (const x of [...doc.spec.nodes, ...doc.spec.routers]) {
    const a = parseIPv4(x.address);
    if (a !== undefined) used.add(a);
  }
  return used;
}

/** The lowest free host address of `subnet` at or after host number `start`. */
export function freeHostAddress(
  doc: Topology,
  subnet: string,
  start: number,
  extraUsed: ReadonlySet<number> = new Set(),
): string | undefined {
  const p = prefix4(subnet);
  if (!p) return undefined;
  const used = usedAddresses(doc);
  const size = prefixSize(p);
  const last = size > 2 ? size - 2 : size - 1;
  for (let host = Math.min(start, last); host <= last; host++) {
    const a = p.addr + host;
    if (!used.has(a) && !extraUsed.has(a)) return formatIPv4(a);
  }
  return undefined;
}

export function nextLoopback(doc: Topology, extraUsed: ReadonlySet<number> = new Set()): string | undefined {
  return freeHostAddress(doc, LOOPBACK_RANGE, 1, extraUsed);
}

/** The next /24 for a new rack that overlaps no rack subnet, the loopback range or a pool. */
export function nextRackSubnet(doc: Topology, extraTaken: readonly Prefix4[] = []): string | undefined {
  const taken: Prefix4[] = [...extraTaken];
  for (const r of doc.spec.racks) {
    const p = prefix4(r.subnet);
    if (p) taken.push(p);
  }
  const lo = prefix4(LOOPBACK_RANGE);
  if (lo) taken.push(lo);
  for (const pool of resolveCluster(doc.spec).ipPools) {
    const p = prefix4(pool.cidr);
    if (p) taken.push(p);
  }
  const range = prefix4(RACK_RANGE) as Prefix4;
  for (let addr = range.addr; addr < range.addr + prefixSize(range); addr += 256) {
    const candidate = { addr, len: 24 };
    if (!taken.some((t) => prefixesOverlap(t, candidate))) return formatPrefix4(candidate);
  }
  return undefined;
}

/** The next IPAM block not affine to any node (explicit or allocated in file order). */
export function nextBlock(doc: Topology, extraTaken: readonly Prefix4[] = []): string | undefined {
  const taken: Prefix4[] = [...extraTaken];
  for (const blocks of effectiveBlocks(doc.spec).values())
    for (const b of blocks) {
      const p = prefix4(b);
      if (p) taken.push(p);
    }
  const block = nextFreeBlock(resolveCluster(doc.spec).ipPools, taken);
  return block ? formatPrefix4(block) : undefined;
}

/** A free VM IP inside the node's first block (skipping the block's network address). */
export function freeVmIp(doc: Topology, nodeName: string): string | undefined {
  const blocks = effectiveBlocks(doc.spec).get(nodeName) ?? [];
  const used = new Set(doc.spec.vms.map((v) => parseIPv4(v.ip)));
  for (const b of blocks) {
    const p = prefix4(b);
    if (!p) continue;
    for (let a = p.addr + 1; a < p.addr + prefixSize(p); a++) {
      if (!used.has(a) && prefixContainsAddr(p, a)) return formatIPv4(a);
    }
  }
  return undefined;
}

/** The lowest AS number at or above `base` that no router or node uses. */
export function freeAsNumber(doc: Topology, base: number, extraUsed: ReadonlySet<number> = new Set()): number {
  const used = new Set<number>([...extraUsed]);
  for (const r of doc.spec.routers) used.add(r.asNumber);
  for (const n of doc.spec.nodes) if (n.asNumber !== undefined) used.add(n.asNumber);
  used.add(resolveCluster(doc.spec).asNumber);
  let asn = base;
  while (used.has(asn)) asn++;
  return asn;
}

export function freeName(doc: Topology, base: string, extraTaken: Iterable<string> = []): string {
  return uniqueName(base, new Set([...elementNames(doc), ...extraTaken]));
}

/** The short tag of a rack used in member names: `rack-a` → `a`, `rack-07` → `07`. */
export function rackTag(rackName: string): string {
  return rackName.startsWith('rack-') && rackName.length > 5 ? rackName.slice(5) : rackName;
}

/** `node-a1` for rack tag `a`, `node-07-1` for a numeric tag. */
export function memberName(prefix: string, tag: string, index: number | undefined): string {
  if (index === undefined) return `${prefix}-${tag}`;
  return /[0-9]$/.test(tag) ? `${prefix}-${tag}-${index}` : `${prefix}-${tag}${index}`;
}

/** The next rack name: rack-a ... rack-z, then rack-27, rack-28, ... */
export function nextRackName(doc: Topology): string {
  const taken = elementNames(doc);
  for (let i = 0; i < 26; i++) {
    const name = `rack-${String.fromCharCode(97 + i)}`;
    if (!taken.has(name)) return name;
  }
  for (let i = 27; ; i++) if (!taken.has(`rack-${i}`)) return `rack-${i}`;
}
