/**
 * Entering a lesson step applies it: the highlight, whose packet paths are drawn, the phase and
 * time, and the canvas fitted to the highlighted elements (the whole design when there are
 * none). A new report (the design re-simulated, or the first run after opening it) re-applies
 * the step's phase and time, which need the report's phase starts.
 */
import { useEffect, useRef } from 'react';
import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { currentStep } from '../../store/lesson';
import type { Stores } from '../context';
import { useStores } from '../context';
import { stepView, type StepView } from './stepView';
import { lessonOf, useLesson } from './workshop';

/** Room kept free on the canvas's left for the narration card (its width plus a margin). */
const CARD_ROOM = { normal: '440px', presenter: '620px' } as const;
/** How many frames to wait for React Flow to measure a newly opened design before fitting. */
const MAX_WAIT_FRAMES = 120;

function applyTime(stores: Stores, view: StepView): void {
  const sim = stores.simulation.getState();
  if (view.phase !== undefined) sim.selectPhase(view.phase);
  if (view.time !== undefined) sim.setTime(view.time);
}

/**
 * Fits the canvas once React Flow has measured every node, two frames later still, so that the
 * fit the canvas queues for a design just opened has run and this one wins.
 */
function fitWhenMeasured(flow: ReactFlowInstance, ids: readonly string[], presenter: boolean): () => void {
  let frame = 0;
  let waited = 0;
  const fit = () => {
    const nodes = ids.filter((id) => flow.getNode(id) !== undefined).map((id) => ({ id }));
    void flow.fitView({
      nodes: nodes.length > 0 ? nodes : undefined,
      padding: { top: '48px', right: '48px', bottom: '40px', left: presenter ? CARD_ROOM.presenter : CARD_ROOM.normal },
      maxZoom: presenter ? 1.8 : 1.4,
      includeHiddenNodes: true,
      duration: 400,
    });
  };
  const attempt = () => {
    const all = flow.getNodes();
    const measured = all.length > 0 && all.every((n) => (n.measured?.width ?? 0) > 0);
    if (!measured && waited++ < MAX_WAIT_FRAMES) {
      frame = window.requestAnimationFrame(attempt);
      return;
    }
    frame = window.requestAnimationFrame(() => {
      frame = window.requestAnimationFrame(fit);
    });
  };
  attempt();
  return () => window.cancelAnimationFrame(frame);
}

export function useStepApplication(): void {
  const stores = useStores();
  const flow = useReactFlow();
  const lesson = useLesson((s) => s.lesson);
  const step = useLesson((s) => s.step);
  const presenter = useLesson((s) => s.presenter);
  const open = lesson !== undefined;
  const wasOpen = useRef(false);

  // The step itself: highlight, paths, phase and time.
  useEffect(() => {
    const st = currentStep({ lesson, step });
    if (!st) return;
    const view = stepView(stores.design.getState().doc, stores.simulation.getState().report, st);
    const ui = stores.ui.getState();
    ui.setHighlight(view.highlight);
    ui.setPathsFrom(view.pathsFrom);
    applyTime(stores, view);
  }, [stores, lesson, step]);

  // The canvas: on each step, and when presenter mode changes the room there is.
  useEffect(() => {
    const st = currentStep({ lesson, step });
    if (!st) return;
    const view = stepView(stores.design.getState().doc, stores.simulation.getState().report, st);
    return fitWhenMeasured(flow, view.fit, presenter);
  }, [stores, flow, lesson, step, presenter]);

  // A new report: the step's time needs its phase starts.
  useEffect(
    () =>
      stores.simulation.subscribe((s, prev) => {
        if (s.report === prev.report || !s.report) return;
        const st = currentStep(lessonOf(stores).getState());
        if (st) applyTime(stores, stepView(stores.design.getState().doc, s.report, st));
      }),
    [stores],
  );

  // Closing the lesson takes its marks off the canvas.
  useEffect(() => {
    if (wasOpen.current && !open) {
      stores.ui.getState().setHighlight([]);
      stores.ui.getState().setPathsFrom('all');
    }
    wasOpen.current = open;
  }, [stores, open]);

  // Opening another design (or undoing back to the one before) closes its lesson.
  useEffect(
    () =>
      stores.design.subscribe((s, prev) => {
        if (s.doc === prev.doc) return;
        const l = lessonOf(stores).getState();
        if (l.lesson && (s.doc.metadata.name !== l.design || !s.doc.lesson)) l.close();
        if (l.offer !== undefined && s.doc.metadata.name !== l.offer) l.setOffer(undefined);
      }),
    [stores],
  );
}
