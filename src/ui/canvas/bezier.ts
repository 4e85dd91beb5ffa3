/**
 * A point along a React Flow bezier edge (the curve getBezierPath draws, default curvature), so a
 * label can sit elsewhere than at its middle: labels of edges that meet at one end are spread out.
 */
import { Position } from '@xyflow/react';

const CURVATURE = 0.25;

function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

function control(pos: Position, x1: number, y1: number, x2: number, y2: number): [number, number] {
  switch (pos) {
    case Position.Left:
      return [x1 - controlOffset(x1 - x2), y1];
    case Position.Right:
      return [x1 + controlOffset(x2 - x1), y1];
    case Position.Top:
      return [x1, y1 - controlOffset(y1 - y2)];
    case Position.Bottom:
      return [x1, y1 + controlOffset(y2 - y1)];
  }
}

export interface BezierEnds {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly targetX: number;
  readonly targetY: number;
  readonly sourcePosition: Position;
  readonly targetPosition: Position;
}

/** The point at t (0: source, 1: target) of the edge's cubic curve. */
export function bezierPoint(e: BezierEnds, t: number): [number, number] {
  const [c1x, c1y] = control(e.sourcePosition, e.sourceX, e.sourceY, e.targetX, e.targetY);
  const [c2x, c2y] = control(e.targetPosition, e.targetX, e.targetY, e.sourceX, e.sourceY);
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * e.sourceX + b * c1x + c * c2x + d * e.targetX, a * e.sourceY + b * c1y + c * c2y + d * e.targetY];
}
