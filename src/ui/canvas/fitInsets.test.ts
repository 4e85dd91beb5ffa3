import { describe, expect, it } from 'vitest';
import { fitInsets, FIT_MARGIN, type Box, type Insets } from './fitInsets';

const PANE = { width: 932, height: 675 };
/** The panels of the canvas at 1440 × 900: tools row and legend top right, minimap bottom right. */
const TOOLS: Box = { x: 330, y: 15, width: 440, height: 30 };
const LEGEND: Box = { x: 778, y: 15, width: 139, height: 190 };
const MINIMAP: Box = { x: 747, y: 528, width: 170, height: 110 };

/** Where React Flow puts a design fitted with these insets (centred in the room they leave). */
function placed(insets: Insets, design: { width: number; height: number }): Box {
  const scale = Math.min(
    (PANE.width - insets.left - insets.right) / design.width,
    (PANE.height - insets.top - insets.bottom) / design.height,
  );
  const width = design.width * scale;
  const height = design.height * scale;
  return {
    x: insets.left + (PANE.width - insets.left - insets.right - width) / 2,
    y: insets.top + (PANE.height - insets.top - insets.bottom - height) / 2,
    width,
    height,
  };
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('fitInsets', () => {
  it('keeps a margin around a design when nothing is over the canvas', () => {
    expect(fitInsets(PANE, [], { width: 700, height: 700 })).toEqual({
      top: FIT_MARGIN,
      right: FIT_MARGIN,
      bottom: FIT_MARGIN,
      left: FIT_MARGIN,
    });
  });

  it('puts a tall design beside the legend and the minimap, a wide one between the tools and the minimap', () => {
    const tall = fitInsets(PANE, [TOOLS, LEGEND, MINIMAP], { width: 720, height: 700 });
    expect(tall).toEqual({
      top: 15 + 30 + FIT_MARGIN,
      right: PANE.width - MINIMAP.x + FIT_MARGIN,
      bottom: FIT_MARGIN,
      left: FIT_MARGIN,
    });
    const wide = fitInsets(PANE, [TOOLS, LEGEND, MINIMAP], { width: 3000, height: 600 });
    expect(wide).toEqual({
      top: 15 + 190 + FIT_MARGIN,
      right: FIT_MARGIN,
      bottom: PANE.height - MINIMAP.y + FIT_MARGIN,
      left: FIT_MARGIN,
    });
  });

  it('never lets a panel cover the fitted design, whatever its shape', () => {
    for (const design of [
      { width: 720, height: 700 },
      { width: 3000, height: 600 },
      { width: 400, height: 1600 },
      { width: 100, height: 100 },
    ]) {
      const where = placed(fitInsets(PANE, [TOOLS, LEGEND, MINIMAP], design), design);
      for (const panel of [TOOLS, LEGEND, MINIMAP])
        expect(overlaps(where, panel), `${design.width}×${design.height}`).toBe(false);
    }
  });

  it('ignores panels that are hidden or outside the canvas', () => {
    const hidden: Box = { x: 10, y: 10, width: 0, height: 0 };
    const outside: Box = { x: -500, y: 40, width: 480, height: 600 };
    expect(fitInsets(PANE, [hidden, outside], { width: 700, height: 700 })).toEqual({
      top: FIT_MARGIN,
      right: FIT_MARGIN,
      bottom: FIT_MARGIN,
      left: FIT_MARGIN,
    });
  });

  it('of two nearly equal fits, takes the one with more room around the design', () => {
    // The legend as a top band makes this design 2 % larger than as a right band; the right band leaves more room.
    const insets = fitInsets(PANE, [LEGEND], { width: 700, height: 402 });
    expect(insets.right).toBe(PANE.width - LEGEND.x + FIT_MARGIN);
    expect(insets.top).toBe(FIT_MARGIN);
  });
});
