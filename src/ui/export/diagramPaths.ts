/**
 * The packet paths of the exported diagram, laid out exactly as the canvas overlay lays them out
 * (the same choice of clients, lanes, trimming and end marks from packetPaths.ts and geometry.ts;
 * this file only turns them into SVG text, as PacketPaths.tsx turns them into React elements).
 * Style tells the outcome without colour: delivered solid with arrows, blackhole dashed ending in
 * ✕, loop dotted ending in ↻.
 */
import type { PathsFrom } from '../../store/ui';
import type { FlowReport } from '../../worker/protocol';
import { OUTCOME_ICON } from '../sim/outcome';
import { svgPath, type Point } from '../sim/overlay/geometry';
import { choosePaths, endMarks, planPaths, type PathEnd } from '../sim/overlay/packetPaths';
import { layFlow, MARK_R, markPoint } from '../sim/overlay/pathLayout';
import type { FlowGeometry } from '../sim/overlay/useFlowGeometry';
import { el, FONT, PALETTE, text } from './svgKit';

export const PATH_STYLE: Readonly<Record<PathEnd, { stroke: string; width: number; dash?: string; cap: string }>> = {
  delivered: { stroke: PALETTE.pathDelivered, width: 2.6, cap: 'round' },
  blackhole: { stroke: PALETTE.pathBlackhole, width: 2.6, dash: '8 5', cap: 'butt' },
  loop: { stroke: PALETTE.pathLoop, width: 3.2, dash: '0.1 6', cap: 'round' },
};

export interface DrawnPaths {
  /** White casings, then the coloured lines (under the cards). */
  readonly lines: string;
  /** The ✕ / ↻ marks (above everything). */
  readonly marks: string;
  /** Points the picture must include. */
  readonly extent: readonly Point[];
  /** Clients whose paths are not drawn (delivered ones on a large fabric). */
  readonly hidden: number;
  readonly drawnClients: number;
}

/** Arrowheads, one per outcome colour. */
export function arrowDefs(): string {
  return (['delivered', 'blackhole', 'loop'] as const)
    .map((end) =>
      el(
        'marker',
        {
          id: `lr-arrow-${end}`,
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 5,
          markerHeight: 5,
          orient: 'auto-start-reverse',
        },
        el('path', { d: 'M0,0 L10,5 L0,10 z', fill: PATH_STYLE[end].stroke }),
      ),
    )
    .join('');
}

export function pathLine(end: PathEnd, d: string, arrow: boolean): string {
  const s = PATH_STYLE[end];
  return el('path', {
    class: `path-line ${end}`,
    d,
    fill: 'none',
    stroke: s.stroke,
    'stroke-width': s.width,
    'stroke-dasharray': s.dash,
    'stroke-linecap': s.cap,
    'stroke-linejoin': 'round',
    'marker-end': arrow ? `url(#lr-arrow-${end})` : undefined,
  });
}

export function endMarkSvg(end: Exclude<PathEnd, 'delivered'>, at: Point, hop?: string): string {
  return el(
    'g',
    { class: `path-mark ${end}`, 'data-hop': hop, transform: `translate(${at.x.toFixed(1)},${at.y.toFixed(1)})` },
    el('circle', { r: MARK_R, fill: PATH_STYLE[end].stroke, stroke: '#fff', 'stroke-width': 1.8 }),
    text(OUTCOME_ICON[end], {
      y: 4.5,
      'text-anchor': 'middle',
      'font-family': FONT,
      'font-size': 13,
      'font-weight': 700,
      fill: '#fff',
    }),
  );
}

export function drawPaths(
  flows: ReadonlyMap<string, FlowReport> | undefined,
  pathsFrom: PathsFrom,
  geometry: FlowGeometry,
): DrawnPaths {
  const choice = choosePaths(flows, pathsFrom);
  const plan = planPaths(choice.flows);
  const casings: string[] = [];
  const groups: string[] = [];
  const extent: Point[] = [];
  for (const flow of plan) {
    const lines: string[] = [];
    for (const line of layFlow(flow, geometry)) {
      const d = svgPath(line.points);
      extent.push(...line.points);
      casings.push(el('path', { d }));
      lines.push(pathLine(line.end, d, line.arrow));
    }
    groups.push(el('g', { class: 'packet-path', 'data-client': flow.client, 'data-outcome': flow.outcome }, ...lines));
  }
  const marks: string[] = [];
  for (const m of endMarks(plan)) {
    const at = markPoint(m, geometry);
    if (!at) continue;
    extent.push({ x: at.x - MARK_R, y: at.y - MARK_R }, { x: at.x + MARK_R, y: at.y + MARK_R });
    marks.push(endMarkSvg(m.end, at, m.hop));
  }
  const casingGroup =
    casings.length > 0
      ? el(
          'g',
          {
            class: 'path-casings',
            fill: 'none',
            stroke: '#fff',
            'stroke-opacity': 0.9,
            'stroke-width': 6.5,
            'stroke-linecap': 'round',
            'stroke-linejoin': 'round',
          },
          ...casings,
        )
      : '';
  return {
    lines: casingGroup + groups.join(''),
    marks: marks.join(''),
    extent,
    hidden: choice.hidden,
    drawnClients: plan.length,
  };
}
