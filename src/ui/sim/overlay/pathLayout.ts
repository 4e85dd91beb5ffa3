/**
 * Where the planned packet paths run on the canvas: each segment in its lane beside the link, a
 * failing path stopped short of its last card, and the point of each ✕ / ↻ mark. The overlay
 * (PacketPaths.tsx) and the diagram export (export/diagramPaths.ts) draw from the same layout.
 */
import { offsetPolyline, pointAtDistance, polylineLength, trimEnd, type Point } from './geometry';
import { laneOffset, type EndMark, type PathEnd, type PlannedFlow, type PlannedSegment } from './packetPaths';
import type { FlowGeometry } from './useFlowGeometry';

/** Radius of the ✕ / ↻ mark at the end of a failing path (flow units). */
export const MARK_R = 10;

export interface LaidLine {
  readonly key: string;
  readonly end: PathEnd;
  readonly points: readonly Point[];
  /** An arrowhead at its end: every segment but the last of a failing path, where the mark sits. */
  readonly arrow: boolean;
}

function laneOf(s: PlannedSegment, geometry: FlowGeometry): Point[] | undefined {
  const route = geometry.route(s.from, s.to);
  return route && offsetPolyline(route, laneOffset(s.lane, s.lanes));
}

/** The lines of one client's paths, segment by segment. */
export function layFlow(flow: PlannedFlow, geometry: FlowGeometry): LaidLine[] {
  const lines: LaidLine[] = [];
  for (const p of flow.paths) {
    const failing = p.end !== 'delivered';
    p.segments.forEach((s, i) => {
      let points = laneOf(s, geometry);
      if (!points) return;
      // A failing path stops short of its last card: its mark sits there.
      const last = i === p.segments.length - 1;
      if (last && failing) points = trimEnd(points, 2 * MARK_R);
      lines.push({ key: `${p.index}-${i}`, end: p.end, points, arrow: !(last && failing) });
    });
  }
  return lines;
}

/** Just outside the card where the paths end, in the middle of their lanes; on the left side when the client itself drops. */
export function markPoint(mark: EndMark, geometry: FlowGeometry): Point | undefined {
  if (mark.from === undefined) {
    const r = geometry.rect(mark.hop);
    return r && { x: r.x - MARK_R + 2, y: r.y + r.height / 2 };
  }
  const ends = mark.paths
    .map((p) => p.segments[p.segments.length - 1])
    .map((s) => s && laneOf(s, geometry))
    .filter((l): l is Point[] => l !== undefined)
    .map((l) => pointAtDistance(l, polylineLength(l) - MARK_R));
  if (ends.length === 0) return undefined;
  return { x: ends.reduce((a, p) => a + p.x, 0) / ends.length, y: ends.reduce((a, p) => a + p.y, 0) / ends.length };
}
