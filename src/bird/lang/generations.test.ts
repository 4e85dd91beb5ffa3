import { describe, expect, it } from 'vitest';
import { GenerationCache, newCacheGeneration } from './generations';

describe('GenerationCache', () => {
  it('keeps what the latest generation used and drops the rest when a new one opens', () => {
    const c = new GenerationCache<string, number>(100);
    newCacheGeneration();
    c.set('old', 1);
    c.set('shared', 2);
    newCacheGeneration();
    expect(c.get('shared')).toBe(2);
    c.set('new', 3);
    // 'old' was not used by the generation that just ended: gone; 'shared' and 'new' were.
    newCacheGeneration();
    expect([c.get('old'), c.get('shared'), c.get('new')]).toEqual([undefined, 2, 3]);
    expect(c.size).toBe(2);
  });

  it('is bounded by entry count within one generation, oldest first out', () => {
    const c = new GenerationCache<number, number>(8);
    newCacheGeneration();
    for (let i = 0; i < 20; i++) c.set(i, i * 10);
    expect(c.size).toBeLessThanOrEqual(8);
    expect(c.get(19)).toBe(190);
    expect(c.get(0)).toBeUndefined();
  });

  it('drops entries this generation has not used first when full', () => {
    const c = new GenerationCache<string, number>(4);
    newCacheGeneration();
    c.set('a', 1);
    c.set('b', 2);
    newCacheGeneration();
    c.set('c', 3);
    c.set('d', 4);
    expect(c.get('a')).toBe(1);
    c.set('e', 5);
    // 'b' (unused in this generation) left; 'a', used again, stayed.
    expect([c.get('a'), c.get('b'), c.get('c'), c.get('d'), c.get('e')]).toEqual([1, undefined, 3, 4, 5]);
  });
});
