/** The panels over the canvas, which a fitted view keeps clear of (viewFit, useViewFit). */
import type { Box } from './fitInsets';

/** The canvas's zoom range. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;

/**
 * What sits over the canvas: React Flow's panels (minimap, attribution) and ours (the tools row,
 * the legend, the offer of a lesson). The tools panel is only their frame: its two boxes count apart.
 */
export const CANVAS_PANELS = '.react-flow__panel:not(.canvas-tools), [data-canvas-overlay]';

/** The panels over the canvas, relative to React Flow's pane. */
export function canvasPanels(flowElement: HTMLElement): Box[] {
  const pane = flowElement.getBoundingClientRect();
  const area = flowElement.closest('.canvas-wrap') ?? flowElement;
  return [...area.querySelectorAll<HTMLElement>(CANVAS_PANELS)].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - pane.left, y: r.top - pane.top, width: r.width, height: r.height };
  });
}
