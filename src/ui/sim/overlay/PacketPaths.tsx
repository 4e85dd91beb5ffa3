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
import { svgPath, type Point } from './geometry';
import { shownFlows } from '../../../store/simulation';
import {
  choosePaths,
  endMarks,
  markTitle,
  planPaths,
  type EndMark,
  type PathEnd,
  type PlannedFlow,
} from './packetPaths';
import { layFlow, MARK_R, markPoint } from './pathLayout';
import { useFlowGeometry, type FlowGeometry } from './useFlowGeometry';

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

function drawFlow(flow: PlannedFlow, geometry: FlowGeometry): DrawnFlow {
  return {
    client: flow.client,
    outcome: flow.outcome,
    lines: layFlow(flow, geometry).map((l) => ({ key: l.key, end: l.end, d: svgPath(l.points), arrow: l.arrow })),
  };
}

function placeMark(mark: EndMark, geometry: FlowGeometry): DrawnMark | undefined {
  const at = markPoint(mark, geometry);
  return at && { mark, at };
}

export const PacketPaths = memo(function PacketPaths() {
  const flows = useSimulation(shownFlows);
  const pathsFrom = useUi((s) => s.pathsFrom);
  const geometry = useFlowGeometry();
  const plan = useMemo(() => planPaths(choosePaths(flows, pathsFrom).flows), [flows, pathsFrom]);
  const drawn = useMemo(() => plan.map((f) => drawFlow(f, geometry)), [plan, geometry]);
  const marks = useMemo(
    () =>
      endMarks(plan)
        .map((m) => placeMark(m, geometry))
        .filter((m): m is DrawnMark => m !== undefined),
    [plan, geometry],
  );
  if (drawn.length === 0) return null;
  return (
    <>
      <svg className="overlay-layer overlay-below" aria-hidden="true">
        <defs>
          {(['delivered', 'blackhole', 'loop'] as const).map((end) => (
            <marker
              key={end}
              id={`lr-arrow-${end}`}
              className={`path-arrow ${end}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto-start-reverse"
            >
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
              <path
                key={l.key}
                className={`path-line ${l.end}`}
                data-end={l.end}
                d={l.d}
                markerEnd={l.arrow ? `url(#lr-arrow-${l.end})` : undefined}
              />
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
