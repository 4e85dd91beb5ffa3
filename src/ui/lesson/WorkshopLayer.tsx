/**
 * Everything of the workshop that sits over the app, loaded lazily when first needed: the
 * scenario gallery, the lesson player (its card, the step applied to the canvas, click answers),
 * the offer to start a lesson, and presenter mode.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useDesign, useStores, useUi } from '../context';
import { Gallery } from '../gallery/Gallery';
import { Presenter } from '../presenter/Presenter';
import { useClickAnswers } from './useClickAnswers';
import { useStepApplication } from './useStepApplication';
import { lessonOf, startLesson, useLesson } from './workshop';
import './lesson.css';

// The card brings the markdown renderer: only loaded once a lesson is open.
const LessonCard = lazy(() => import('./LessonCard'));

/** A share link that names a lesson step opens the lesson there, once the design is in. */
function usePendingStep(): void {
  const stores = useStores();
  const pending = useUi((s) => s.pendingLessonStep);
  const hasLesson = useDesign((s) => s.doc.lesson !== undefined);
  useEffect(() => {
    if (pending === undefined) return;
    if (hasLesson) startLesson(stores, pending);
    stores.ui.setState({ pendingLessonStep: undefined });
  }, [stores, pending, hasLesson]);
}

/** A design with a lesson was opened from the Scenarios menu: offer it (never start it unasked). */
function LessonOffer() {
  const stores = useStores();
  const offer = useLesson((s) => s.offer);
  const playing = useLesson((s) => s.lesson !== undefined);
  const steps = useDesign((s) => s.doc.lesson?.steps.length ?? 0);
  if (offer === undefined || playing || steps === 0) return null;
  return (
    <div className="lesson-offer" role="status" data-testid="lesson-offer" data-canvas-overlay>
      <span>This scenario has a lesson ({steps} steps).</span>
      <button
        type="button"
        className="btn primary"
        data-testid="lesson-offer-start"
        onClick={() => startLesson(stores)}
      >
        Start the lesson
      </button>
      <button
        type="button"
        className="btn"
        aria-label="No thanks"
        title="No thanks"
        onClick={() => lessonOf(stores).getState().setOffer(undefined)}
      >
        ✕
      </button>
    </div>
  );
}

export default function WorkshopLayer() {
  const galleryOpen = useLesson((s) => s.galleryOpen);
  const lessonOpen = useLesson((s) => s.lesson !== undefined);
  const presenter = useLesson((s) => s.presenter);
  useStepApplication();
  useClickAnswers();
  usePendingStep();
  return (
    <>
      {/* Presenting, the card has a column of its own beside the canvas; otherwise it docks in the right-hand column (Docks). */}
      {lessonOpen && presenter && (
        <Suspense fallback={<div className="lesson-card loading">Loading the lesson…</div>}>
          <LessonCard />
        </Suspense>
      )}
      <LessonOffer />
      {presenter && <Presenter />}
      {galleryOpen && <Gallery />}
    </>
  );
}
