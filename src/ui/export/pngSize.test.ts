import { describe, expect, it } from 'vitest';
import { MAX_PNG_SIDE, pngSize } from './exportDiagram';

describe('the PNG size of an exported diagram', () => {
  it('is the SVG viewBox at twice the size', () => {
    expect(pngSize({ width: 1089, height: 807 })).toEqual({ width: 2178, height: 1614, scale: 2 });
  });

  it('shrinks to fit MAX_PNG_SIDE on a very large design', () => {
    expect(MAX_PNG_SIDE).toBe(16384);
    const big = pngSize({ width: 12000, height: 3001 });
    expect(big.width).toBe(16384);
    expect(big.height).toBe(Math.round(3001 * (16384 / 12000)));
  });
});
