/**
 * Fitting the canvas around the panels over it: the panels are measured where they are, the
 * padding that keeps them clear is chosen (fitInsets), and React Flow fits with it. Loaded
 * (by useViewFit) when the first fit is asked for.
 */
import { getViewportForBounds, type ReactFlowInstance, type Rect } from '@xyflow/react';
import { asPadding, fitInsets, type Insets } from './fitInsets';
import { canvasPanels, MIN_ZOOM } from './panels';
import type { FitTarget } from '../../store/ui';

/**
 * A large fabric (drawn with levels of detail, canvas/lod.ts: its root element has the class
 * `lod`) is fitted far out, where its edge labels are hidden: they are not measured for a fit.
 * React Flow then holds only what is in view (cull.ts), so its node count does not tell.
 */
const isLarge = (flowElement: HTMLElement) => flowElement.classList.contains('lod');
/** A whole design is never blown up past this: a lone rack stays at a natural size. */
export const DESIGN_MAX_ZOOM = 1.25;

/**
 * The edge labels' extent in flow coordinates: a label beside a bundle's knob sticks out of its
 * rack, and must not end up under a panel either. (Labels are drawn in the zoomed viewport.)
 */
function labelsBounds(flow: ReactFlowInstance, flowElement: HTMLElement | undefined): Rect | undefined {
  if (!flowElement || isLarge(flowElement)) return undefined;
  const pane = flowElement.getBoundingClientRect();
  const { x, y, zoom } = flow.getViewport();
  let box: { left: number; top: number; right: number; bottom: number } | undefined;
  for (const el of flowElement.querySelectorAll('.edge-label')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const left = (r.left - pane.left - x) / zoom;
    const top = (r.top - pane.top - y) / zoom;
    const right = left + r.width / zoom;
    const bottom = top + r.height / zoom;
    box = box
      ? {
          left: Math.min(box.left, left),
          top: Math.min(box.top, top),
          right: Math.max(box.right, right),
          bottom: Math.max(box.bottom, bottom),
        }
      : { left, top, right, bottom };
  }
  return box && { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
}

function union(a: Rect, b: Rect | undefined): Rect {
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** What to fit: some elements (a lesson step's), or the whole design with its edge labels. */
function boundsOf(
  flow: ReactFlowInstance,
  target: FitTarget,
  flowElement?: HTMLElement,
): { ids: string[] | undefined; bounds: Rect } | undefined {
  const wanted = target.nodes?.filter((id) => flow.getNode(id) !== undefined);
  const ids = wanted && wanted.length > 0 ? wanted : undefined;
  const nodes = ids ?? flow.getNodes().map((n) => n.id);
  if (nodes.length === 0) return undefined;
  const bounds = flow.getNodesBounds(nodes);
  return { ids, bounds: ids ? bounds : union(bounds, labelsBounds(flow, flowElement)) };
}

/**
 * Whether a view needs fitting after the design changed under it (undo, redo): the design leaves
 * the pane, or it has become a small island in it.
 */
export function viewNeedsFit(flow: ReactFlowInstance, pane: { width: number; height: number }): boolean {
  const found = boundsOf(flow, {});
  if (!found) return false;
  const { x, y, zoom } = flow.getViewport();
  const left = found.bounds.x * zoom + x;
  const top = found.bounds.y * zoom + y;
  const width = found.bounds.width * zoom;
  const height = found.bounds.height * zoom;
  const outside = left < -2 || top < -2 || left + width > pane.width + 2 || top + height > pane.height + 2;
  const small = width < pane.width * 0.4 && height < pane.height * 0.4;
  return outside || small;
}

/** The zoom at which the bounds fill the room the insets leave. */
function zoomFor(pane: { width: number; height: number }, insets: Insets, bounds: Rect, maxZoom: number): number {
  return Math.min(
    (pane.width - insets.left - insets.right) / bounds.width,
    (pane.height - insets.top - insets.bottom) / bounds.height,
    maxZoom,
  );
}

/** Some elements (a lesson step's) are shown with the whole design when that costs them little size. */
const WHOLE_DESIGN_SHARE = 0.7;

/** How a fit went: done; done before the edge labels were drawn (fit again once they are); not done. */
export type FitOutcome = 'fitted' | 'fitted-without-labels' | 'failed';

/** Fits the view to the target, clear of the panels; resolves when the move has been made. */
export async function fitClearOfPanels(
  flow: ReactFlowInstance,
  flowElement: HTMLElement,
  target: FitTarget,
  duration = 0,
): Promise<FitOutcome> {
  let found = boundsOf(flow, target, flowElement);
  if (!found) return 'failed';
  const rect = flowElement.getBoundingClientRect();
  const pane = { width: rect.width, height: rect.height };
  if (pane.width === 0 || pane.height === 0) return 'failed';
  const panels = canvasPanels(flowElement);
  const maxZoom = target.maxZoom ?? DESIGN_MAX_ZOOM;
  let insets = fitInsets(pane, panels, found.bounds, maxZoom);
  if (found.ids) {
    const whole = boundsOf(flow, {}, flowElement);
    const wholeInsets = whole && fitInsets(pane, panels, whole.bounds, maxZoom);
    if (
      whole &&
      wholeInsets &&
      zoomFor(pane, wholeInsets, whole.bounds, maxZoom) >=
        WHOLE_DESIGN_SHARE * zoomFor(pane, insets, found.bounds, maxZoom)
    ) {
      found = whole;
      insets = wholeInsets;
    }
  }
  // React Flow fits nodes: the labels sticking out of them get their room as extra padding.
  const nodes = found.ids ?? flow.getNodes().map((n) => n.id);
  const inner = flow.getNodesBounds(nodes);
  const zoom = zoomFor(pane, insets, found.bounds, maxZoom);
  const padding: Insets = {
    top: insets.top + (inner.y - found.bounds.y) * zoom,
    left: insets.left + (inner.x - found.bounds.x) * zoom,
    bottom: insets.bottom + (found.bounds.y + found.bounds.height - inner.y - inner.height) * zoom,
    right: insets.right + (found.bounds.x + found.bounds.width - inner.x - inner.width) * zoom,
  };
  const labelsDrawn =
    found.ids !== undefined ||
    isLarge(flowElement) ||
    flow.getEdges().length === 0 ||
    flowElement.querySelector('.edge-label') !== null;
  // Measured nodes: set the view at once. fitView would first put every node through React Flow
  // again (it waits for measurements that way), which a fabric of a thousand cards feels.
  const measured = flow.getNodes().every((n) => (n.measured?.width ?? 0) > 0);
  const ok = measured
    ? await flow.setViewport(
        getViewportForBounds(found.bounds, pane.width, pane.height, MIN_ZOOM, maxZoom, asPadding(insets)),
        { duration },
      )
    : await flow.fitView({
        nodes: nodes.map((id) => ({ id })),
        padding: asPadding(padding),
        maxZoom,
        includeHiddenNodes: true,
        duration,
      });
  return !ok ? 'failed' : labelsDrawn ? 'fitted' : 'fitted-without-labels';
}
