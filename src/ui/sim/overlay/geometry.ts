/**
 * Flow-coordinate geometry of the canvas overlay: where a line between two cards starts and ends,
 * the curve React Flow draws for a session edge, positions along a polyline and lanes beside it.
 * Pure functions; the overlay's components feed them the measured cards.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type Side = 'top' | 'bottom' | 'left' | 'right';

export const centreOf = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** Where the ray from the card's centre towards `toward` crosses its border, `gap` further out. */
export function borderPoint(r: Rect, toward: Point, gap = 0): Point {
  const c = centreOf(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return c;
  const scaleX = dx === 0 ? Infinity : r.width / 2 / Math.abs(dx);
  const scaleY = dy === 0 ? Infinity : r.height / 2 / Math.abs(dy);
  const k = Math.min(scaleX, scaleY) + gap / length;
  return { x: c.x + dx * k, y: c.y + dy * k };
}

/** The straight line between two cards, border to border (the cards themselves stay readable). */
export function straightRoute(from: Rect, to: Rect, gap = 4): Point[] {
  return [borderPoint(from, centreOf(to), gap), borderPoint(to, centreOf(from), gap)];
}

/** The point on a card's side where React Flow puts a handle of that side. */
export function sidePoint(r: Rect, side: Side): Point {
  switch (side) {
    case 'top':
      return { x: r.x + r.width / 2, y: r.y };
    case 'bottom':
      return { x: r.x + r.width / 2, y: r.y + r.height };
    case 'left':
      return { x: r.x, y: r.y + r.height / 2 };
    case 'right':
      return { x: r.x + r.width, y: r.y + r.height / 2 };
  }
}

// React Flow's default bezier (curvature 0.25): the control point leaves each end along its side,
// half the distance when the other end lies ahead, a square-root bulge when it lies behind.
const CURVATURE = 0.25;
const controlOffset = (distance: number) => (distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance));

function controlPoint(p: Point, side: Side, other: Point): Point {
  switch (side) {
    case 'left':
      return { x: p.x - controlOffset(p.x - other.x), y: p.y };
    case 'right':
      return { x: p.x + controlOffset(other.x - p.x), y: p.y };
    case 'top':
      return { x: p.x, y: p.y - controlOffset(p.y - other.y) };
    case 'bottom':
      return { x: p.x, y: p.y + controlOffset(other.y - p.y) };
  }
}

/** The edge React Flow draws between two handles, as `samples` + 1 points from source to target. */
export function bezierRoute(source: Point, sourceSide: Side, target: Point, targetSide: Side, samples = 16): Point[] {
  const c1 = controlPoint(source, sourceSide, target);
  const c2 = controlPoint(target, targetSide, source);
  const out: Point[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push({
      x: a * source.x + b * c1.x + c * c2.x + d * target.x,
      y: a * source.y + b * c1.y + c * c2.y + d * target.y,
    });
  }
  return out;
}

export function polylineLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(
      (points[i] as Point).x - (points[i - 1] as Point).x,
      (points[i] as Point).y - (points[i - 1] as Point).y,
    );
  return total;
}

/** The point `distance` along the polyline (clamped to its ends). */
export function pointAtDistance(points: readonly Point[], distance: number): Point {
  const first = points[0];
  if (!first) return { x: 0, y: 0 };
  let left = Math.max(0, distance);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const step = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= step && step > 0) return { x: a.x + ((b.x - a.x) * left) / step, y: a.y + ((b.y - a.y) * left) / step };
    left -= step;
  }
  return points[points.length - 1] as Point;
}

/** The point at a fraction (0 to 1) of the polyline's length. */
export function pointAtFraction(points: readonly Point[], fraction: number): Point {
  return pointAtDistance(points, Math.min(1, Math.max(0, fraction)) * polylineLength(points));
}

/**
 * The polyline moved `offset` to the right of its direction of travel (screen coordinates, y
 * down): traffic keeps right, so the two directions of a link never share a lane.
 */
export function offsetPolyline(points: readonly Point[], offset: number): Point[] {
  if (offset === 0 || points.length < 2) return [...points];
  return points.map((p, i) => {
    const a = points[Math.max(0, i - 1)] as Point;
    const b = points[Math.min(points.length - 1, i + 1)] as Point;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    return { x: p.x - (dy / length) * offset, y: p.y + (dx / length) * offset };
  });
}

/** The polyline cut short by `distance` at its end (room for a marker at the end). */
export function trimEnd(points: readonly Point[], distance: number): Point[] {
  const length = polylineLength(points);
  if (points.length < 2 || distance <= 0) return [...points];
  if (distance >= length) return [points[0] as Point, points[0] as Point];
  const end = pointAtDistance(points, length - distance);
  const out: Point[] = [points[0] as Point];
  let walked = 0;
  for (let i = 1; i < points.length; i++) {
    walked += Math.hypot(
      (points[i] as Point).x - (points[i - 1] as Point).x,
      (points[i] as Point).y - (points[i - 1] as Point).y,
    );
    if (walked >= length - distance) break;
    out.push(points[i] as Point);
  }
  out.push(end);
  return out;
}

/** An SVG path `d` through the points, rounded to tenths (shorter DOM, same picture). */
export function svgPath(points: readonly Point[]): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)},${r(p.y)}`).join(' ');
}
