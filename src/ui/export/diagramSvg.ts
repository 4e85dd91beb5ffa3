/**
 * The canvas as a standalone SVG file, for slides and documents: the design's racks, cards and
 * sessions where React Flow has them, the packet paths and verdicts of the instant shown, a
 * title ("two-racks-ebgp · live +48 ms") and a legend. Plain vector SVG (rects, paths, text; no
 * foreignObject, no CSS), so Inkscape, office suites and browsers all open it. Pure and
 * deterministic: the same scene gives the same text.
 */
import type { PathsFrom } from '../../store/ui';
import type { Outcome } from '../../store/simulation';
import type { FlowReport } from '../../worker/protocol';
import type { BundleData, FlowEdge, FlowNode, PairData, RackData } from '../canvas/toFlow';
import type { SessionKind } from '../canvas/sessions';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../sim/outcome';
import { bezierRoute, pointAtFraction, svgPath, type Point, type Rect } from '../sim/overlay/geometry';
import type { FlowGeometry } from '../sim/overlay/useFlowGeometry';
import { calicoNodeSvg, cardPills, OUTCOME_COLOR, rackSvg, routerSvg, type ClientMarks } from './diagramBoxes';
import { arrowDefs, drawPaths, endMarkSvg, pathLine } from './diagramPaths';
import { el, esc, FONT, num, PALETTE, text, textWidth } from './svgKit';

export interface DiagramScene {
  /** The design's title (or name). */
  readonly title: string;
  /** What is shown: `two-racks-ebgp · live +48 ms`. */
  readonly caption: string;
  /** React Flow's nodes (their data names what to draw) and edges. */
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** Absolute rectangles and the routes between speakers, as the canvas overlay uses them. */
  readonly geometry: FlowGeometry;
  /** Every client's flow at the instant shown; undefined without a simulation. */
  readonly flows: ReadonlyMap<string, FlowReport> | undefined;
  readonly pathsFrom: PathsFrom;
  /** The migrating VM and the node it runs on at the instant shown. */
  readonly vm?: { readonly name: string; readonly host: string; readonly from: string };
}

export interface DiagramSvg {
  readonly svg: string;
  /** The viewBox size, whole px. */
  readonly width: number;
  readonly height: number;
}

const PAD = 28;
const HEADER_H = 70;
const LEGEND_H = 46;

const KIND_COLOR: Readonly<Record<SessionKind, string>> = {
  eBGP: PALETTE.ebgp,
  iBGP: PALETTE.ibgp,
  'RR client': PALETTE.rrclient,
  mixed: PALETTE.mixed,
};

interface Label {
  readonly svg: string;
  readonly box: Rect;
}

/** A pill-shaped edge label, centred on `at` (or starting there with `anchor: 'start'`). */
function edgeLabel(
  main: string,
  extra: string,
  color: string,
  at: Point,
  anchor: 'middle' | 'start',
  strong: boolean,
): Label {
  const w = textWidth(main, 11, strong) + textWidth(extra, 11) + 14;
  const x = anchor === 'middle' ? at.x - w / 2 : at.x;
  const box = { x, y: at.y - 9, width: w, height: 18 };
  const spans =
    el('tspan', { fill: strong ? PALETTE.danger : PALETTE.text, 'font-weight': strong ? 700 : undefined }, esc(main)) +
    (extra ? el('tspan', { fill: PALETTE.muted }, esc(extra)) : '');
  return {
    box,
    svg: el(
      'g',
      { class: 'edge-label' },
      el('rect', { x, y: box.y, width: w, height: 18, rx: 9, fill: '#fff', stroke: color, 'stroke-width': 1.5 }),
      el('text', { x: x + 7, y: at.y + 4, 'font-size': 11 }, spans),
    ),
  };
}

function pairEdgeSvg(data: PairData, route: readonly Point[]): { line: string; label?: Label } {
  const color = data.session ? KIND_COLOR[data.kind] : PALETTE.link;
  const line = el('path', {
    class: 'session',
    d: svgPath(route),
    fill: 'none',
    stroke: color,
    'stroke-width': data.session ? 2.5 : 1.5,
    'stroke-dasharray': data.session && !data.link ? '7 5' : undefined,
  });
  return {
    line,
    label: data.label ? edgeLabel(data.label, '', color, pointAtFraction(route, 0.5), 'middle', false) : undefined,
  };
}

/** Where a BGPPeer bundle starts: under its ToR inside the rack, the rack's top, or a node's top. */
function bundleStart(edge: FlowEdge, source: FlowNode | undefined, rect: Rect): Point {
  const handle = edge.sourceHandle ?? '';
  if (source?.type === 'rack' && handle.startsWith('bundle-')) {
    const anchor = (source.data as RackData).torAnchors.find((t) => `bundle-${t.name}` === handle);
    if (anchor) return { x: rect.x + anchor.x, y: rect.y + anchor.y };
  }
  return { x: rect.x + rect.width / 2, y: rect.y };
}

function bundleSvg(
  edge: FlowEdge,
  data: BundleData,
  source: FlowNode | undefined,
  from: Rect,
  to: Rect,
): { line: string; label: Label } {
  const start = bundleStart(edge, source, from);
  const end = { x: to.x + to.width / 2, y: to.y + to.height };
  const route = bezierRoute(start, 'top', end, 'bottom');
  const d = svgPath(route);
  const color = data.mismatch ? PALETTE.danger : KIND_COLOR[data.kind];
  const line =
    el('path', {
      class: 'bundle',
      d,
      fill: 'none',
      stroke: color,
      'stroke-width': 5,
      'stroke-opacity': 0.55,
      'stroke-dasharray': data.mismatch ? '6 4' : undefined,
    }) + el('path', { d, fill: 'none', stroke: '#fff', 'stroke-width': 1.2, 'stroke-opacity': 0.9 });
  // A bundle inside its rack is short and vertical: its label sits beside it, as on the canvas.
  const beside = Math.abs(end.y - start.y) < 100 && Math.abs(end.x - start.x) < 40;
  const filters =
    data.filters.length === 0
      ? ' · no filter'
      : ` · ${data.filters.length === 1 ? '1 filter' : `${data.filters.length} filters`}`;
  const main = data.mismatch ? `⚠ ${data.mismatch}` : data.label;
  const label = edgeLabel(
    main,
    filters,
    color,
    beside ? { x: start.x + 14, y: start.y } : pointAtFraction(route, 0.5),
    beside ? 'start' : 'middle',
    data.mismatch !== undefined,
  );
  return { line, label };
}

function summary(flows: ReadonlyMap<string, FlowReport> | undefined): string {
  if (!flows || flows.size === 0) return '';
  const counts = new Map<Outcome, number>();
  for (const f of flows.values()) counts.set(f.outcome, (counts.get(f.outcome) ?? 0) + 1);
  const order: Outcome[] = ['delivered', 'blackhole', 'loop', 'split'];
  return order
    .filter((o) => counts.has(o))
    .map((o) => `${OUTCOME_ICON[o]} ${counts.get(o)} ${OUTCOME_LABEL[o]}`)
    .join('   ');
}

/** The legend row: what each path style and mark means. Returns its SVG and width. */
function legend(x0: number, y: number, hidden: number, vm: string | undefined): { svg: string; width: number } {
  const parts: string[] = [];
  let x = x0;
  const word = (s: string, fill: string = PALETTE.text, bold = false) => {
    parts.push(text(s, { x, y: y + 4, 'font-size': 12.5, fill, 'font-weight': bold ? 700 : undefined }));
    x += textWidth(s, 12.5, bold) + 18;
  };
  word('Packet paths to the VM:', PALETTE.muted);
  parts.push(pathLine('delivered', `M${num(x)},${y} L${num(x + 34)},${y}`, true));
  x += 42;
  word('✓ delivered');
  parts.push(
    pathLine('blackhole', `M${num(x)},${y} L${num(x + 26)},${y}`, false),
    endMarkSvg('blackhole', { x: x + 36, y }),
  );
  x += 52;
  word('✕ blackhole');
  parts.push(pathLine('loop', `M${num(x)},${y} L${num(x + 26)},${y}`, false), endMarkSvg('loop', { x: x + 36, y }));
  x += 52;
  word('↻ loop');
  const split = '½ split';
  const w = textWidth(split, 11, true) + 14;
  parts.push(
    el('rect', { x, y: y - 9, width: w, height: 18, rx: 9, fill: OUTCOME_COLOR.split.fg }),
    text(split, { x: x + 7, y: y + 4, 'font-size': 11, 'font-weight': 700, fill: '#fff' }),
  );
  x += w + 8;
  word('each path in its own style');
  if (vm) word(`▣ ${vm} here: where the VM runs`, PALETTE.vmText);
  if (hidden > 0) word(`(${hidden} client${hidden === 1 ? '' : 's'} not drawn)`, PALETTE.muted);
  return { svg: el('g', { class: 'legend' }, ...parts), width: x - 18 - x0 };
}

function union(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}

export function renderDiagramSvg(scene: DiagramScene): DiagramSvg {
  const { geometry, flows, vm } = scene;
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));
  const boxes: Rect[] = [];
  const racks: string[] = [];
  const cards: string[] = [];
  const pills: string[] = [];
  for (const n of scene.nodes) {
    const r = geometry.rect(n.id);
    if (!r) continue;
    boxes.push(r);
    if (n.type === 'rack') {
      racks.push(rackSvg(n.data, r));
      continue;
    }
    const marks: ClientMarks = {
      outcome: flows?.get(n.id)?.outcome,
      vmHere: vm && vm.host === n.id ? vm.name : undefined,
      vmAway: vm && vm.host !== n.id && vm.from === n.id ? vm.name : undefined,
    };
    cards.push(n.type === 'calicoNode' ? calicoNodeSvg(n.data, r, marks) : routerSvg(n.data, r, marks));
    const p = cardPills(n.id, r, marks);
    if (p.box) boxes.push(p.box);
    pills.push(p.svg);
  }
  const lines: string[] = [];
  const labels: Label[] = [];
  for (const e of scene.edges) {
    const from = geometry.rect(e.source);
    const to = geometry.rect(e.target);
    if (!from || !to || !e.data) continue;
    const drawn =
      e.type === 'pair'
        ? (() => {
            const route = geometry.route(e.source, e.target);
            return route ? pairEdgeSvg(e.data as PairData, route) : undefined;
          })()
        : bundleSvg(e, e.data as BundleData, byId.get(e.source), from, to);
    if (!drawn) continue;
    lines.push(drawn.line);
    if (drawn.label) labels.push(drawn.label);
  }
  const paths = drawPaths(flows, scene.pathsFrom, geometry);
  const extent = paths.extent.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 }));
  const content = union([...boxes, ...labels.map((l) => l.box), ...extent]);

  const title = scene.title;
  const caption = [scene.caption, summary(flows)].filter((s) => s !== '').join('   ·   ');
  // Without a simulation there is nothing for the legend to explain.
  const legendRow = flows && flows.size > 0 ? legend(PAD, 0, paths.hidden, vm?.name) : undefined;
  const legendH = legendRow ? LEGEND_H : 0;
  const width = Math.ceil(
    Math.max(
      content.width + 2 * PAD,
      textWidth(title, 20, true) + 2 * PAD,
      textWidth(caption, 13.5) + 2 * PAD,
      (legendRow?.width ?? 0) + 2 * PAD,
    ),
  );
  const height = Math.ceil(HEADER_H + content.height + PAD + legendH);
  const dx = (width - content.width) / 2 - content.x;
  const dy = HEADER_H - content.y;
  const legendY = height - LEGEND_H / 2 - 4;

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(FONT)}">`,
    el('title', {}, esc(`${title} — ${scene.caption}`)),
    el('defs', {}, arrowDefs()),
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    el(
      'g',
      { class: 'header' },
      text(title, { x: PAD, y: 32, 'font-size': 20, 'font-weight': 700, fill: PALETTE.text }),
      text(caption, { class: 'caption', x: PAD, y: 55, 'font-size': 13.5, fill: PALETTE.muted }),
    ),
    el(
      'g',
      { class: 'diagram', transform: `translate(${dx.toFixed(1)},${dy.toFixed(1)})` },
      ...racks,
      el('g', { class: 'sessions' }, ...lines),
      el('g', { class: 'packet-paths' }, paths.lines),
      ...cards,
      ...labels.map((l) => l.svg),
      ...pills,
      el('g', { class: 'path-marks' }, paths.marks),
    ),
    legendRow
      ? el('line', { x1: PAD, y1: height - LEGEND_H, x2: width - PAD, y2: height - LEGEND_H, stroke: PALETTE.line })
      : '',
    legendRow ? el('g', { transform: `translate(0,${legendY.toFixed(1)})` }, legendRow.svg) : '',
    '</svg>',
  ];
  return { svg: `${svg.join('\n')}\n`, width, height };
}
