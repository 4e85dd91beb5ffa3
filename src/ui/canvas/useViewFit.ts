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
import { CANVAS_PANELS, canvasPanels } from './panels';
import type { FitOutcome } from './viewFit';

// The fitting itself loads with the first fit (the initial-JS budget).
const loadFit = () => import('./viewFit');

/**
 * The canvas's room: its size and the panels' sizes. It has changed when the canvas grew or shrank
 * by ROOM_STEP px or more, or a panel came, went or changed size; a line of text more or less
 * somewhere (a count in the phase bar) is no reason to move the view.
 */
const ROOM_STEP = 24;
interface Room {
  readonly width: number;
  readonly height: number;
  readonly panels: string;
}
function roomOf(el: HTMLElement): Room {
  const r = el.getBoundingClientRect();
  return {
    width: r.width,
    height: r.height,
    panels: canvasPanels(el)
      .map((p) => `${Math.round(p.width)}x${Math.round(p.height)}`)
      .join(';'),
  };
}
const roomChanged = (a: Room, b: Room) =>
  a.panels !== b.panels || Math.abs(a.width - b.width) >= ROOM_STEP || Math.abs(a.height - b.height) >= ROOM_STEP;

type MoveHandler = (event: unknown, viewport: Viewport) => void;

const same = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;

/**
 * `ready`: React Flow holds the nodes of the current design. Returns the handlers for React Flow's
 * onMoveStart and onMoveEnd, which tell a move of the user's (the view is theirs from then on)
 * from a fit.
 */
export function useViewFit(
  ready: boolean,
  flowElement: () => HTMLElement | null,
  rackOf: (id: string) => string | undefined,
): { onMoveStart: MoveHandler; onMoveEnd: MoveHandler } {
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
  /** The room the last fit had: the canvas's size and where the panels over it were. */
  const room = useRef<Room>({ width: 0, height: 0, panels: '' });
  // The store knows whether the view is fitted: keeping an element in view is then the fit's job.
  const setFitted = useCallback(
    (v: Viewport | undefined) => {
      fitted.current = v;
      if (stores.ui.getState().viewFitted !== (v !== undefined)) stores.ui.setState({ viewFitted: v !== undefined });
    },
    [stores],
  );

  const fit = useCallback(
    (t: FitTarget, labelsRetry = true) => {
      const el = flowElement();
      if (!el) return;
      const run = ++runs.current;
      busy.current = run;
      room.current = roomOf(el);
      const duration = t.duration ?? 0;
      // A member of a large fabric's rack out of view is not in React Flow (cull.ts): its rack,
      // which is, stands in for it, and once in view it is drawn.
      const held = t.nodes?.map((id) => (flow.getNode(id) !== undefined ? id : (rackOf(id) ?? id)));
      const wanted: FitTarget = held ? { ...t, nodes: [...new Set(held)] } : t;
      const done = (outcome: FitOutcome) => {
        if (busy.current !== run) return;
        busy.current = 0;
        if (outcome !== 'failed') {
          target.current = t;
          setFitted(flow.getViewport());
        }
        // A design just opened is fitted before its edge labels are drawn: once more with them.
        if (outcome === 'fitted-without-labels' && labelsRetry) {
          again.current = false;
          window.requestAnimationFrame(() => window.requestAnimationFrame(() => fit({ ...t, duration: 0 }, false)));
        } else if (again.current && fitted.current) {
          again.current = false;
          fit({ ...target.current, duration: 0 });
        }
      };
      void loadFit()
        .then(({ fitClearOfPanels }) => fitClearOfPanels(flow, el, wanted, duration))
        .then(done, () => done('failed'));
      // An animated fit that is interrupted (by a click on the canvas) never settles its promise;
      // what it reached counts as the fit. (A fit at once may wait for React Flow to measure a
      // design just opened, however long that takes.)
      if (duration > 0) window.setTimeout(() => done('fitted'), duration + 1000);
    },
    [flow, flowElement, setFitted, rackOf],
  );

  // Requests.
  useEffect(() => {
    if (!ready || handled.current === request) return;
    handled.current = request;
    const t = stores.ui.getState().fitTarget;
    if (!t.ifNeeded) {
      fit(t);
      return;
    }
    void loadFit().then(({ viewNeedsFit }) => {
      const el = flowElement();
      if (el && viewNeedsFit(flow, el.getBoundingClientRect())) fit(t);
    });
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
        else if (fitted.current && roomChanged(roomOf(el), room.current)) fit({ ...target.current, duration: 0 });
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

  // A pan or zoom of the user's (a move with an input event that changed the view) makes the
  // view theirs: no more fitting until asked. Other moves (a node kept in view, the zoom buttons)
  // count when they are not a fit's own.
  const moveStart = useRef<Viewport | undefined>(undefined);
  const onMoveStart = useCallback((_event: unknown, viewport: Viewport) => {
    moveStart.current = viewport;
  }, []);
  const onMoveEnd = useCallback(
    (event: unknown, viewport: Viewport) => {
      const moved = !moveStart.current || !same(viewport, moveStart.current);
      if (event && moved) {
        busy.current = 0;
        again.current = false;
        setFitted(undefined);
        return;
      }
      if (busy.current || !fitted.current) return;
      if (!same(viewport, fitted.current)) setFitted(undefined);
    },
    [setFitted],
  );
  return { onMoveStart, onMoveEnd };
}
