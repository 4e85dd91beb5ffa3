import { describe, expect, it } from 'vitest';
import { getBezierPath, Position } from '@xyflow/react';
import { bezierPoint } from './bezier';

describe('bezierPoint', () => {
  const ends = {
    sourceX: 400,
    sourceY: 66,
    targetX: 95,
    targetY: 412,
    sourcePosition: Position.Bottom,
    targetPosition: Position.Top,
  };

  it('is React Flow’s label point at the middle, and the ends at 0 and 1', () => {
    const [, labelX, labelY] = getBezierPath(ends);
    const [x, y] = bezierPoint(ends, 0.5);
    expect([x, y].map((v) => Math.round(v * 1000) / 1000)).toEqual(
      [labelX, labelY].map((v) => Math.round(v * 1000) / 1000),
    );
    expect(bezierPoint(ends, 0)).toEqual([400, 66]);
    expect(bezierPoint(ends, 1)).toEqual([95, 412]);
  });

  it('moves towards the target as t grows', () => {
    const ys = [0.5, 0.65, 0.8].map((t) => bezierPoint(ends, t)[1]);
    expect(ys[0]).toBeLessThan(ys[1] as number);
    expect(ys[1]).toBeLessThan(ys[2] as number);
  });
});
