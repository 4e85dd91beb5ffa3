/**
 * File → Export diagram as SVG / PNG: the canvas as React Flow has laid it out (positions and
 * measured sizes from the flow instance), with the packet paths and verdicts of the instant
 * shown, rendered by the pure `renderDiagramSvg`. The PNG is that SVG drawn on a canvas at 2×:
 * its size is the SVG's viewBox × 2, rounded (less for a design so large that 2× would pass
 * MAX_PNG_SIDE, which browsers cannot allocate; the notice then says the scale).
 */
import type { InternalNode } from '@xyflow/react';
import { vmHostOf } from '../../store/simulation';
import type { CommandContext } from '../commandContext';
import { toFlow, type FlowEdge, type FlowNode } from '../canvas/toFlow';
import { layoutLookup } from '../canvas/cull';
import { shownFlows } from '../../store/simulation';
import { makeGeometry } from '../sim/overlay/useFlowGeometry';
import { timeLabel } from '../timeline/describe';
import { renderDiagramSvg, type DiagramScene, type DiagramSvg } from './diagramSvg';
import { downloadBlob } from '../download';

export const PNG_SCALE = 2;
/** The longest PNG side produced, in px: well inside every browser's canvas limits. */
export const MAX_PNG_SIDE = 16384;

/** What the canvas shows now, as a scene for the SVG renderer. */
export function currentScene(ctx: CommandContext): DiagramScene {
  const { design, simulation, ui } = ctx.stores;
  const doc = design.getState().doc;
  const sim = simulation.getState();
  // The design's own nodes and edges: on a large fabric React Flow holds only what is in view, and
  // far out bundles per rack instead of the edges (canvas/cull.ts, canvas/lod.ts).
  const drawn = toFlow(doc, ui.getState().selection);
  const edges: FlowEdge[] = drawn.edges;
  // React Flow's own nodes carry the sizes measured; the others, the layout's.
  const held = new Map((ctx.flow.getNodes() as FlowNode[]).map((n) => [n.id, n]));
  const nodes = drawn.nodes.map((n) => held.get(n.id) ?? n);
  // Internal nodes carry the absolute positions (rack members are stored relative to their rack) and the measured sizes.
  const lookup = new Map<string, InternalNode>();
  for (const n of held.values()) {
    const internal = ctx.flow.getInternalNode(n.id);
    if (internal) lookup.set(n.id, internal);
  }
  const report = sim.report;
  const when = report ? (timeLabel(report, sim.time)?.text ?? sim.phase) : 'no simulation';
  const host = vmHostOf(sim);
  return {
    title: doc.metadata.title ?? doc.metadata.name,
    caption: `${doc.metadata.name} · ${when}`,
    nodes,
    edges,
    geometry: makeGeometry(layoutLookup(nodes, lookup), edges),
    flows: report ? shownFlows(sim) : undefined,
    pathsFrom: ui.getState().pathsFrom,
    ...(report && host ? { vm: { name: report.migration.vm, host, from: report.migration.from } } : {}),
  };
}

/** `<design>-<phase>.svg` */
export function diagramFileName(ctx: CommandContext, extension: 'svg' | 'png'): string {
  return `${ctx.stores.design.getState().doc.metadata.name}-${ctx.stores.simulation.getState().phase}.${extension}`;
}

export function exportDiagramSvg(ctx: CommandContext): void {
  const { svg } = renderDiagramSvg(currentScene(ctx));
  downloadBlob(diagramFileName(ctx, 'svg'), new Blob([svg], { type: 'image/svg+xml' }));
}

/** The PNG's pixel size for an SVG: viewBox × 2, rounded, scaled down to fit MAX_PNG_SIDE. */
export function pngSize(diagram: Pick<DiagramSvg, 'width' | 'height'>): {
  width: number;
  height: number;
  scale: number;
} {
  const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / diagram.width, MAX_PNG_SIDE / diagram.height);
  return { width: Math.round(diagram.width * scale), height: Math.round(diagram.height * scale), scale };
}

/** Rasterizes an SVG document in the browser: an image from a Blob URL, drawn on a canvas. */
export async function svgToPng(diagram: DiagramSvg): Promise<Blob> {
  const { width, height } = pngSize(diagram);
  const url = URL.createObjectURL(new Blob([diagram.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('this browser has no 2D canvas');
    g.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportDiagramPng(ctx: CommandContext): Promise<void> {
  const diagram = renderDiagramSvg(currentScene(ctx));
  const size = pngSize(diagram);
  try {
    downloadBlob(diagramFileName(ctx, 'png'), await svgToPng(diagram));
  } catch (e) {
    ctx.stores.ui
      .getState()
      .notify('error', `The PNG could not be made: ${(e as Error).message}. Export as SVG instead.`);
    return;
  }
  if (size.scale < PNG_SCALE) {
    ctx.stores.ui
      .getState()
      .notify(
        'info',
        `The design is large: the PNG is ${size.width} × ${size.height} px (${size.scale.toFixed(2)}×, not 2×); the SVG keeps every detail.`,
      );
  }
}
