/**
 * Room to keep free when fitting the view: the panels that sit over the canvas (controls, legend,
 * minimap, the lesson card) must not cover the fitted design. Each panel hugs a corner or an edge;
 * it is kept clear either as a band along one of the two edges nearest to it. Of those choices,
 * the one that leaves the design largest wins. Pure: measured rectangles in, padding out.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

type Side = keyof Insets;

/** Space between the design and a panel, and around the design where no panel is. */
export const FIT_MARGIN = 16;
/** Sizes this close count as equal when choosing where the panels' bands go. */
const NEAR = 0.04;

/** The two bands (along the nearest edges) that keep a panel clear, with their depth. */
function bandsOf(pane: { width: number; height: number }, panel: Box): { side: Side; depth: number }[] {
  const depth: Record<Side, number> = {
    top: panel.y + panel.height,
    bottom: pane.height - panel.y,
    left: panel.x + panel.width,
    right: pane.width - panel.x,
  };
  const gap: Record<Side, number> = {
    top: panel.y,
    bottom: pane.height - panel.y - panel.height,
    left: panel.x,
    right: pane.width - panel.x - panel.width,
  };
  const vertical: Side = gap.top <= gap.bottom ? 'top' : 'bottom';
  const horizontal: Side = gap.left <= gap.right ? 'left' : 'right';
  return [
    { side: vertical, depth: depth[vertical] },
    { side: horizontal, depth: depth[horizontal] },
  ];
}

/**
 * The padding (in pane pixels) that keeps every panel clear of a design of the given size and
 * shows the design as large as possible (up to maxScale). Panels outside the pane or of no size
 * are ignored.
 */
export function fitInsets(
  pane: { width: number; height: number },
  panels: readonly Box[],
  design: { width: number; height: number },
  maxScale = Infinity,
  margin = FIT_MARGIN,
): Insets {
  const visible = panels.filter(
    (p) =>
      p.width > 0 && p.height > 0 && p.x < pane.width && p.y < pane.height && p.x + p.width > 0 && p.y + p.height > 0,
  );
  const choices = visible.map((p) => bandsOf(pane, p));
  const w = Math.max(design.width, 1);
  const h = Math.max(design.height, 1);
  const candidates: { insets: Insets; scale: number; area: number }[] = [];
  // Two choices per panel and a handful of panels: trying every combination is cheap.
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    const insets: Record<Side, number> = { top: margin, right: margin, bottom: margin, left: margin };
    choices.forEach((bands, i) => {
      const band = bands[(mask >> i) & 1] as { side: Side; depth: number };
      insets[band.side] = Math.max(insets[band.side], band.depth + margin);
    });
    const room = { width: pane.width - insets.left - insets.right, height: pane.height - insets.top - insets.bottom };
    const scale = room.width <= 0 || room.height <= 0 ? 0 : Math.min(room.width / w, room.height / h, maxScale);
    candidates.push({ insets, scale, area: Math.max(0, room.width) * Math.max(0, room.height) });
  }
  // The largest design; of nearly equal sizes, the most room around it (it sits less cramped).
  const largest = Math.max(...candidates.map((c) => c.scale));
  const near = candidates.filter((c) => c.scale >= largest * (1 - NEAR));
  return near.reduce((a, b) => (b.area > a.area ? b : a)).insets;
}

/** The insets as React Flow's fitView padding. */
export function asPadding(insets: Insets): {
  top: `${number}px`;
  right: `${number}px`;
  bottom: `${number}px`;
  left: `${number}px`;
} {
  return { top: `${insets.top}px`, right: `${insets.right}px`, bottom: `${insets.bottom}px`, left: `${insets.left}px` };
}
