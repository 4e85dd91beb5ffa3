/**
 * Opening the route table shrinks the canvas. The element whose table it shows must stay in
 * sight: when the panel hides it, the view pans (never zooms: the user chose the zoom) to it.
 * A view that is still fitted is left to the fit, which refits it to the smaller canvas.
 */
import { useContext, useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { CanvasLayoutContext, layoutLookup } from './cull';
import { useStores } from '../context';

const MARGIN = 24;

export function useKeepInView(id: string | undefined): void {
  const flow = useReactFlow();
  const store = useStoreApi();
  const stores = useStores();
  const layout = useContext(CanvasLayoutContext);
  useEffect(() => {
    if (id === undefined) return;
    // A fitted view is fitted again to the smaller canvas (useViewFit): the element stays in it.
    if (stores.ui.getState().viewFitted) return;
    // Wait two frames: the panel lays out, then React Flow measures the smaller pane.
    let frame = window.requestAnimationFrame(() => {
      frame = window.requestAnimationFrame(() => {
        // A large fabric's member out of view is not in React Flow (cull.ts): the layout has it.
        const node = flow.getInternalNode(id) ?? layoutLookup(layout.current, new Map()).get(id);
        if (!node) return;
        const { width, height, transform } = store.getState();
        const [tx, ty, zoom] = transform;
        const w = node.measured.width ?? node.width ?? 0;
        const h = node.measured.height ?? node.height ?? 0;
        const { x, y } = node.internals.positionAbsolute;
        const left = x * zoom + tx;
        const top = y * zoom + ty;
        const visible =
          left >= MARGIN && top >= MARGIN && left + w * zoom <= width - MARGIN && top + h * zoom <= height - MARGIN;
        if (!visible) void flow.setCenter(x + w / 2, y + h / 2, { zoom, duration: 250 });
      });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [id, flow, store, stores, layout]);
}
