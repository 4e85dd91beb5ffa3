/**
 * Questions about many IPv4 prefixes at once, answered without comparing every pair: a design
 * of thousands of racks, pools or blocks (or thousands of copies of one) is checked in
 * O(n log n). Aligned prefixes never partly overlap: two either are disjoint or one contains
 * the other, which is what both structures below rely on.
 */
import { maskOf, prefixContainsPrefix, prefixSize, type Prefix4 } from '../lib/ip';

/**
 * For each prefix that overlaps an earlier one (in list order), the index of the earliest such;
 * the map iterates in list order.
 * A sweep in address order (shorter first) keeps the chain of enclosing prefixes on a stack: a
 * prefix overlaps exactly its enclosing chain and the prefixes it encloses. The smallest index
 * among a prefix's ancestors is carried down the stack, the smallest among its descendants is
 * carried up when they are popped, so each prefix is pushed and popped once.
 */
export function earliestOverlaps(prefixes: readonly (Prefix4 | undefined)[]): Map<number, number> {
  const order: { p: Prefix4; i: number }[] = [];
  prefixes.forEach((p, i) => p && order.push({ p, i }));
  order.sort((a, b) => a.p.addr - b.p.addr || a.p.len - b.p.len || a.i - b.i);
  const result = new Map<number, number>();
  type Open = { p: Prefix4; i: number; aboveMin: number; belowMin: number };
  const stack: Open[] = [];
  const close = () => {
    const done = stack.pop() as Open;
    const earliest = Math.min(done.aboveMin, done.belowMin);
    if (earliest < done.i) result.set(done.i, earliest);
    const parent = stack[stack.length - 1];
    if (parent) parent.belowMin = Math.min(parent.belowMin, done.belowMin, done.i);
  };
  for (const cur of order) {
    while (stack.length > 0 && !prefixContainsPrefix((stack[stack.length - 1] as Open).p, cur.p)) close();
    const top = stack[stack.length - 1];
    stack.push({ ...cur, aboveMin: top ? Math.min(top.aboveMin, top.i) : Infinity, belowMin: Infinity });
  }
  while (stack.length > 0) close();
  return new Map([...result].sort((a, b) => a[0] - b[0]));
}

/** Finds, for a prefix or an address, the first prefix of a list (in list order) that contains it: 33 look-ups, whatever the list's size. */
export class PrefixLookup {
  private readonly first = new Map<number, number>();

  constructor(prefixes: readonly (Prefix4 | undefined)[]) {
    prefixes.forEach((p, i) => {
      const key = keyOf(p?.addr ?? 0, p?.len ?? 0);
      if (p && !this.first.has(key)) this.first.set(key, i);
    });
  }

  /** Adds a prefix at `index`, which must be past every index added before. */
  add(p: Prefix4, index: number): void {
    const key = keyOf(p.addr, p.len);
    if (!this.first.has(key)) this.first.set(key, index);
  }

  /** The index of the first listed prefix that contains `p` (or is `p`). */
  firstContaining(p: Prefix4): number | undefined {
    let best: number | undefined;
    for (let len = 0; len <= p.len; len++) {
      const i = this.first.get(keyOf((p.addr & maskOf(len)) >>> 0, len));
      if (i !== undefined && (best === undefined || i < best)) best = i;
    }
    return best;
  }

  containsAddr(addr: number): boolean {
    return this.firstContaining({ addr, len: 32 }) !== undefined;
  }
}

const keyOf = (addr: number, len: number) => addr * 64 + len;

/**
 * Hands out the lowest free block of the first pool with room, as Calico's IPAM does in file
 * order (DESIGN §4). What is taken is kept as sorted, merged address ranges and each pool has a
 * cursor that only moves up, so n allocations cost O(n log n) instead of a scan of every taken
 * block for every candidate. Blocks handed out in one pool can only collide with another pool's
 * cursor when pools overlap, which a valid design never has; for such input the allocator falls
 * back to checking every taken range.
 */
export class BlockAllocator {
  private readonly pools: { start: number; end: number; step: number; len: number; cursor: number }[];
  private readonly taken: { start: number; end: number }[];
  private readonly handedOut: { start: number; end: number }[] = [];
  private readonly poolsOverlap: boolean;
  private poolIndex = 0;

  constructor(pools: readonly { prefix: Prefix4 | undefined; blockSize: number }[], taken: readonly Prefix4[]) {
    this.pools = [];
    for (const { prefix, blockSize } of pools) {
      if (!prefix || blockSize < prefix.len || blockSize > 32) continue;
      this.pools.push({
        start: prefix.addr,
        end: prefix.addr + prefixSize(prefix) - 1,
        step: 2 ** (32 - blockSize),
        len: blockSize,
        cursor: prefix.addr,
      });
    }
    this.taken = mergeRanges(taken.map((t) => ({ start: t.addr, end: t.addr + prefixSize(t) - 1 })));
    const byStart = [...this.pools].sort((a, b) => a.start - b.start);
    this.poolsOverlap = byStart.some((p, k) => k > 0 && p.start <= (byStart[k - 1] as { end: number }).end);
  }

  next(): Prefix4 | undefined {
    for (; this.poolIndex < this.pools.length; this.poolIndex++) {
      const pool = this.pools[this.poolIndex] as (typeof this.pools)[number];
      while (pool.cursor + pool.step - 1 <= pool.end) {
        const blockEnd = pool.cursor + pool.step - 1;
        const clash = this.clash(pool.cursor, blockEnd);
        if (clash === undefined) {
          const block = { addr: pool.cursor, len: pool.len };
          pool.cursor += pool.step;
          if (this.poolsOverlap) this.handedOut.push({ start: block.addr, end: blockEnd });
          return block;
        }
        // Skip to the first block of this pool past the taken range.
        pool.cursor = pool.start + Math.ceil((clash + 1 - pool.start) / pool.step) * pool.step;
      }
    }
    return undefined;
  }

  /** The end of a taken range overlapping [start, end], if any. */
  private clash(start: number, end: number): number | undefined {
    const ranges = this.taken;
    // The first range that ends at or after `start` (binary search): the only one that can overlap first.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranges[mid] as { end: number }).end < start) lo = mid + 1;
      else hi = mid;
    }
    const r = ranges[lo];
    if (r && r.start <= end) return r.end;
    for (const h of this.handedOut) if (h.start <= end && h.end >= start) return h.end;
    return undefined;
  }
}

function mergeRanges(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  ranges.sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
