/**
 * The prefix structures of prefixes.ts against the obvious pairwise answers, on random prefixes
 * (fast-check, fixed seeds): the sweep and the cursors must find exactly what comparing every
 * pair finds, only without comparing every pair.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPrefix4,
  maskOf,
  prefix4,
  prefixContainsPrefix,
  prefixesOverlap,
  prefixSize,
  type Prefix4,
} from '../lib/ip';
import { BlockAllocator, earliestOverlaps, PrefixLookup } from './prefixes';

/** Prefixes of 10.0.0.0/14 from /12 to /28: small enough to collide often. */
const prefix = fc
  .tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 12, max: 28 }),
  )
  .map(([a, b, c, len]) => ({ addr: (((10 << 24) | (a << 16) | (b << 8) | c) & maskOf(len)) >>> 0, len }));

function pairwiseEarliest(list: readonly (Prefix4 | undefined)[]): [number, number][] {
  const out: [number, number][] = [];
  list.forEach((p, i) => {
    const j = list.findIndex((q, k) => k < i && p && q && prefixesOverlap(p, q));
    if (j >= 0) out.push([i, j]);
  });
  return out;
}

/** The allocation the allocator stands for: the lowest block of the first pool not overlapping anything taken. */
function naiveNext(pools: readonly { prefix: Prefix4; blockSize: number }[], taken: Prefix4[]): Prefix4 | undefined {
  for (const { prefix: p, blockSize } of pools) {
    if (blockSize < p.len) continue;
    for (let addr = p.addr; addr < p.addr + prefixSize(p); addr += 2 ** (32 - blockSize)) {
      const candidate = { addr, len: blockSize };
      if (!taken.some((t) => prefixesOverlap(t, candidate))) return candidate;
    }
  }
  return undefined;
}

describe('earliestOverlaps', () => {
  it('finds, for each prefix, the first earlier one it overlaps (as comparing every pair does)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(prefix, { nil: undefined }), { maxLength: 40 }), (list) => {
        expect([...earliestOverlaps(list)]).toEqual(pairwiseEarliest(list));
      }),
      { seed: 15_03, numRuns: 400 },
    );
  });

  it('handles thousands of copies of one prefix as a chain', () => {
    const same = Array.from({ length: 5000 }, () => prefix4('10.0.0.0/24'));
    const r = earliestOverlaps(same);
    expect(r.size).toBe(4999);
    expect(r.get(4999)).toBe(0);
  });
});

describe('PrefixLookup', () => {
  it('finds the first listed prefix that contains a prefix (as a search of the list does)', () => {
    fc.assert(
      fc.property(fc.array(prefix, { maxLength: 30 }), prefix, (list, p) => {
        const i = list.findIndex((q) => prefixContainsPrefix(q, p));
        expect(new PrefixLookup(list).firstContaining(p)).toBe(i >= 0 ? i : undefined);
      }),
      { seed: 15_04, numRuns: 400 },
    );
  });
});

describe('BlockAllocator', () => {
  it('hands out the blocks a search of every candidate against every taken block would, pools overlapping or not', () => {
    // Up to 64 blocks a pool (and some pools too small for one block), so the search of every candidate stays quick.
    const pool = fc
      .tuple(prefix, fc.integer({ min: -1, max: 6 }))
      .map(([p, extra]) => ({ prefix: p, blockSize: Math.min(32, p.len + extra) }));
    fc.assert(
      fc.property(
        fc.array(pool, { minLength: 1, maxLength: 4 }),
        fc.array(prefix, { maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        (pools, taken, count) => {
          const allocator = new BlockAllocator(pools, taken);
          const naiveTaken = [...taken];
          for (let k = 0; k < count; k++) {
            const expected = naiveNext(pools, naiveTaken);
            const got = allocator.next();
            expect(got && formatPrefix4(got)).toBe(expected && formatPrefix4(expected));
            if (!expected) break;
            naiveTaken.push(expected);
          }
        },
      ),
      { seed: 15_05, numRuns: 300 },
    );
  });
});
