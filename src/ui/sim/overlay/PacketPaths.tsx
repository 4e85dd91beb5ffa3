/**
 * The packet paths of the instant shown, from every client (or the one chosen) to the VM. Each
 * path is drawn hop by hop beside the links it takes, in the style of how it ends: delivered
 * solid with arrows, blackhole dashed ending in ✕ at the hop that drops it, loop dotted ending in
 * ↻ at the speaker it returns to; a split client's paths each in their own style. The lines sit
 * under the cards (their names stay readable); the end marks sit above, with the reason on hover.
 */
import { memo, useMemo } from 'react';
import { useSimulation, useUi } from '../../context';
import { OUTCOME_ICON } from '../outcome';
import { offsetPolyline, pointAtDistance, polylineLength, svgPath, trimEnd, type Point } from './geometry';
import { choosePaths, endMarks, laneOffset, markTitle, planPaths, shownFlows, type EndMark, type PathEnd, type PlannedFlow, type PlannedSegment } from './packetPaths';
import { useFlowGeometry, type FlowGeometry } from './useFlowGeometry';

/** Radius of the ✕ / ↻ mark at the end of a failing path (flow units). */
const MARK_R = 10;

interface DrawnLine {
  readonly key: string;
  readonly end: PathEnd;
  readonly d: string;
  readonly arrow: boolean;
}

interface DrawnFlow {
  readonly client: string;
  readonly outcome: PlannedFlow['outcome'];
  readonly lines: readonly DrawnLine[];
}

interface DrawnMark {
  readonly mark: EndMark;
  readonly at: Point;
}

function laneOf(s: PlannedSegment, geometry: FlowGeometry): Point[] | undefined {
  const route = geometry.route(s.from, s.to);
  return route && offsetPolyline(route, laneOffset(s.lane, s.lanes));
}

function drawFlow(flow: PlannedFlow, geometry: FlowGeometry): DrawnFlow {
  const lines: DrawnLine[] = [];
  for (const p of flow.paths) {
    const failing = p.end !== 'delivered';
    p.segments.forEach((s, i) => {
      let points = laneOf(s, geometry);
      if (!points) return;
      // A failing path stops short of its last card: its mark sits there.
      const last = i === p.segments.length - 1;
      if (last && failing) points = trimEnd(points, 2 * MARK_R);
      lines.push({ key: `${p.index}-${i}`, end: p.end, d: svgPath(points), arrow: !(last && failing) });
    });
  }
  return { client: flow.client, outcome: flow.outcome, lines };
}

/** Just outside the card where the paths end, in the middle of their lanes; on the left side when the client itself drops. */
function placeMark(mark: EndMark, geometry: FlowGeometry): DrawnMark | undefined {
  if (mark.from === undefined) {
    const r = geometry.rect(mark.hop);
    return r && { mark, at: { x: r.x - MARK_R + 2, y: r.y + r.height / 2 } };
  }
  const ends = mark.paths
    .map((p) => p.segments[p.segments.length - 1])
    .map((s) => s && laneOf(s, geometry))
    .filter((l): l is Point[] => l !== undefined)
    .map((l) => pointAtDistance(l, polylineLength(l) - MARK_R));
  if (ends.length === 0) return undefined;
  return { mark, at: { x: ends.reduce((a, p) => a + p.x, 0) / ends.length, y: ends.reduce((a, p) => a + p.y, 0) / ends.length } };
}

export const PacketPaths = memo(function PacketPaths() {
  const flows = useSimulation(shownFlows);
  const pathsFrom = useUi((s) => s.pathsFrom);
  const geometry = useFlowGeometry();
  const plan = useMemo(() => planPaths(choosePaths(flows, pathsFrom).flows), [flows, pathsFrom]);
  const drawn = useMemo(() => plan.map((f) => drawFlow(f, geometry)), [plan, geometry]);
  const marks = useMemo(() => endMarks(plan).map((m) => placeMark(m, geometry)).filter((m): m is DrawnMark => m !== undefined), [plan, geometry]);
  if (drawn.length === 0) return null;
  return (
    <>
      <svg className="overlay-layer overlay-below" aria-hidden="true">
        <defs>
          {(['delivered', 'blackhole', 'loop'] as const).map((end) => (
            <marker key={end} id={`lr-arrow-${end}`} className={`path-arrow ${end}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          ))}
        </defs>
        {/* White casings first, so that crossing and neighbouring paths stay apart. */}
        <g className="path-casings">
          {drawn.flatMap((f) => f.lines.map((l) => <path key={`${f.client}-${l.key}`} d={l.d} />))}
        </g>
        {drawn.map((f) => (
          <g key={f.client} className="packet-path" data-testid={`packet-path-${f.client}`} data-outcome={f.outcome}>
            {f.lines.map((l) => (
              <path key={l.key} className={`path-line ${l.end}`} data-end={l.end} d={l.d} markerEnd={l.arrow ? `url(#lr-arrow-${l.end})` : undefined} />
            ))}
          </g>
        ))}
      </svg>
      <svg className="overlay-layer overlay-above">
        {marks.map(({ mark, at }) => (
          <g
            key={mark.key}
            className={`path-mark ${mark.end}`}
            data-testid="packet-drop"
            data-hop={mark.hop}
            data-end={mark.end}
            data-clients={[...new Set(mark.paths.map((p) => p.client))].join(' ')}
            transform={`translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`}
          >
            <title>{markTitle(mark)}</title>
            <circle r={MARK_R} />
            <text dy="0.35em">{OUTCOME_ICON[mark.end]}</text>
          </g>
        ))}
      </svg>
    </>
  );
});
