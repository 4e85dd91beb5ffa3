import { describe, expect, it } from 'vitest';
import {
  bezierRoute,
  borderPoint,
  offsetPolyline,
  pointAtDistance,
  pointAtFraction,
  polylineLength,
  sidePoint,
  straightRoute,
  svgPath,
  trimEnd,
} from './geometry';

const card = { x: 0, y: 0, width: 100, height: 50 };
const L = [
  { x: 0, y: 0 },
  { x: 10, y: 0 },
  { x: 10, y: 10 },
];

describe('overlay geometry', () => {
  it('finds where a line from a card centre crosses its border, and a gap beyond', () => {
    expect(borderPoint(card, { x: 200, y: 25 })).toEqual({ x: 100, y: 25 });
    expect(borderPoint(card, { x: 200, y: 25 }, 4)).toEqual({ x: 104, y: 25 });
    expect(borderPoint(card, { x: 50, y: 200 })).toEqual({ x: 50, y: 50 });
    // A diagonal leaves through the side it reaches first: 100×50 card towards (150, 125) leaves through the bottom.
    expect(borderPoint(card, { x: 150, y: 125 })).toEqual({ x: 75, y: 50 });
    expect(borderPoint(card, { x: 50, y: 25 })).toEqual({ x: 50, y: 25 });
  });

  it('draws a straight line between two cards from border to border', () => {
    const below = { x: 0, y: 200, width: 100, height: 50 };
    expect(straightRoute(card, below)).toEqual([
      { x: 50, y: 54 },
      { x: 50, y: 196 },
    ]);
  });

  it('puts handles at the middle of each side', () => {
    expect([
      sidePoint(card, 'top'),
      sidePoint(card, 'bottom'),
      sidePoint(card, 'left'),
      sidePoint(card, 'right'),
    ]).toEqual([
      { x: 50, y: 0 },
      { x: 50, y: 50 },
      { x: 0, y: 25 },
      { x: 100, y: 25 },
    ]);
  });

  it('samples the same bezier React Flow draws between a bottom and a top handle', () => {
    // Controls at (0, 50) and (100, 50): the midpoint of the curve is (50, 50).
    expect(bezierRoute({ x: 0, y: 0 }, 'bottom', { x: 100, y: 100 }, 'top', 2)).toEqual([
      { x: 0, y: 0 },
      { x: 50, y: 50 },
      { x: 100, y: 100 },
    ]);
    // The target lies behind the source's side: the control bulges 0.25 × 25 × √100 = 62.5 outwards.
    const back = bezierRoute({ x: 0, y: 100 }, 'bottom', { x: 0, y: 0 }, 'top', 2);
    expect(back[1]).toEqual({ x: 0, y: 50 });
    expect(bezierRoute({ x: 0, y: 0 }, 'right', { x: 100, y: 0 }, 'left', 4).map((p) => p.y)).toEqual([0, 0, 0, 0, 0]);
  });

  it('measures and walks a polyline', () => {
    expect(polylineLength(L)).toBe(20);
    expect(pointAtDistance(L, 15)).toEqual({ x: 10, y: 5 });
    expect(pointAtDistance(L, -3)).toEqual({ x: 0, y: 0 });
    expect(pointAtDistance(L, 99)).toEqual({ x: 10, y: 10 });
    expect(pointAtFraction(L, 0.25)).toEqual({ x: 5, y: 0 });
    expect(pointAtFraction(L, 2)).toEqual({ x: 10, y: 10 });
    expect(pointAtDistance([], 3)).toEqual({ x: 0, y: 0 });
  });

  it('offsets a polyline to the right of its direction of travel', () => {
    expect(
      offsetPolyline(
        [
          { x: 0, y: 0 },
          { x: 10, y: 0 },
        ],
        3,
      ),
    ).toEqual([
      { x: 0, y: 3 },
      { x: 10, y: 3 },
    ]);
    // The way back keeps its own right: the other side of the link.
    expect(
      offsetPolyline(
        [
          { x: 10, y: 0 },
          { x: 0, y: 0 },
        ],
        3,
      ),
    ).toEqual([
      { x: 10, y: -3 },
      { x: 0, y: -3 },
    ]);
    // Going down (y grows), right is towards smaller x.
    expect(
      offsetPolyline(
        [
          { x: 0, y: 0 },
          { x: 0, y: 10 },
        ],
        2,
      ),
    ).toEqual([
      { x: -2, y: 0 },
      { x: -2, y: 10 },
    ]);
  });

  it('trims the end of a polyline and writes it as an SVG path', () => {
    expect(trimEnd(L, 5)).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 5 },
    ]);
    expect(trimEnd(L, 12)).toEqual([
      { x: 0, y: 0 },
      { x: 8, y: 0 },
    ]);
    expect(trimEnd(L, 50)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 0 },
    ]);
    expect(
      svgPath([
        { x: 0, y: 0 },
        { x: 10.26, y: 3.04 },
      ]),
    ).toBe('M0,0 L10.3,3');
  });
});
