/**
 * Entering a lesson step applies it: the highlight, whose packet paths are drawn, the phase and
 * time, and the canvas fitted to the highlighted elements (the whole design when there are
 * none). A new report (the design re-simulated, or the first run after opening it) re-applies
 * the step's phase and time, which need the report's phase starts.
 */
import { useEffect, useRef } from 'react';
import { currentStep } from '../../store/lesson';
import type { Stores } from '../context';
import { useStores } from '../context';
import { stepView, type StepView } from './stepView';
import { lessonOf, useLesson } from './workshop';

/** How far a step's elements may be blown up: a projector wants them larger. */
const STEP_MAX_ZOOM = { normal: 1.4, presenter: 1.8 } as const;

function applyTime(stores: Stores, view: StepView): void {
  const sim = stores.simulation.getState();
  if (view.phase !== undefined) sim.selectPhase(view.phase);
  if (view.time !== undefined) sim.setTime(view.time);
}

export function useStepApplication(): void {
  const stores = useStores();
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

  // The canvas: on each step, and when presenter mode changes the room there is. The canvas fits
  // clear of the lesson card, and fits again while the card or the room changes size.
  useEffect(() => {
    const st = currentStep({ lesson, step });
    if (!st) return;
    const view = stepView(stores.design.getState().doc, stores.simulation.getState().report, st);
    stores.ui.getState().requestFit({
      nodes: view.fit,
      maxZoom: presenter ? STEP_MAX_ZOOM.presenter : STEP_MAX_ZOOM.normal,
      duration: 400,
    });
  }, [stores, lesson, step, presenter]);

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
