/**
 * When the canvas fits its view. A fit request (a design opened, Fit view, auto-layout, a lesson
 * step, undo and redo when the view no longer shows the design) fits the view clear of the panels
 * over the canvas. Until the user pans or zooms, the view stays fitted: when the canvas changes
 * size (the route table or the editor opens or closes, the window is resized) or a panel over it
 * does (the lesson card, the legend), it is fitted again. Editing the design never moves the view.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import { useStores, useUi } from '../context';
import type { FitTarget } from '../../store/ui';
import { CANVAS_PANELS, fitClearOfPanels, viewNeedsFit } from './viewFit';

const same = (a: Viewport, b: Viewport) => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;

/**
 * `ready`: React Flow holds the nodes of the current design. Returns the handler for React Flow's
 * onMoveEnd, which tells a move of the user's (the view is theirs from then on) from a fit.
 */
export function useViewFit(ready: boolean, flowElement: () => HTMLElement | null): (event: unknown, viewport: Viewport) => void {
  const stores = useStores();
  const flow = useReactFlow();
  const request = useUi((s) => s.fitRequest);
  const handled = useRef(0);
  /** The view the last fit made, while the user has not moved away from it. */
  const fitted = useRef<Viewport | undefined>(undefined);
  /** The fit under way (its number), during which moves are the fit's own. */
  const busy = useRef(0);
  const runs = useRef(0);
  const target = useRef<FitTarget>({});
  /** The room changed during a fit: fit again when it is done. */
  const again = useRef(false);

  const fit = useCallback(
    (t: FitTarget) => {
      const el = flowElement();
      if (!el) return;
      const run = ++runs.current;
      busy.current = run;
      const duration = t.duration ?? 0;
      const done = (ok: boolean) => {
        if (busy.current !== run) return;
        busy.current = 0;
        if (ok) {
          target.current = t;
          fitted.current = flow.getViewport();
        }
        if (again.current && fitted.current) {
          again.current = false;
          fit({ ...target.current, duration: 0 });
        }
      };
      void fitClearOfPanels(flow, el, t, duration).then(done, () => done(false));
      // A pointer on the canvas interrupts an animated fit, whose promise then never settles: the
      // user has taken the view over. (A fit at once cannot be interrupted; it may wait for React
      // Flow to measure a design just opened, however long that takes.)
      if (duration > 0) {
        window.setTimeout(() => {
          if (busy.current !== run) return;
          busy.current = 0;
          fitted.current = undefined;
        }, duration + 2000);
      }
    },
    [flow, flowElement],
  );

  // Requests.
  useEffect(() => {
    if (!ready || handled.current === request) return;
    handled.current = request;
    const t = stores.ui.getState().fitTarget;
    const el = flowElement();
    if (t.ifNeeded && el && !viewNeedsFit(flow, el.getBoundingClientRect())) return;
    fit(t);
  }, [ready, request, stores, flow, fit, flowElement]);

  // The room changes: a fitted view is fitted again (the same target, at once).
  useEffect(() => {
    const el = flowElement();
    const area = el?.closest('.canvas-wrap');
    if (!el || !area) return;
    let frame = 0;
    const refit = () => {
      if (frame) return;
      frame = window.requestAnimationFrame(() => {
        frame = 0;
        if (busy.current) again.current = true;
        else if (fitted.current) fit({ ...target.current, duration: 0 });
      });
    };
    const sizes = new ResizeObserver(refit);
    const watch = () => {
      sizes.disconnect();
      sizes.observe(el);
      area.querySelectorAll(CANVAS_PANELS).forEach((p) => sizes.observe(p));
    };
    // Panels come and go (the lesson card, the offer to start a lesson): watch the new ones too.
    const panels = new MutationObserver(() => {
      watch();
      refit();
    });
    panels.observe(area, { childList: true });
    panels.observe(el, { childList: true });
    watch();
    return () => {
      sizes.disconnect();
      panels.disconnect();
      window.cancelAnimationFrame(frame);
    };
  }, [fit, flowElement]);

  return useCallback((_event: unknown, viewport: Viewport) => {
    if (busy.current || !fitted.current) return;
    if (!same(viewport, fitted.current)) fitted.current = undefined;
  }, []);
}
