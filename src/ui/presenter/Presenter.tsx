/**
 * Presenter mode, while it is on: the keys (← → Space and the Page keys clickers send move
 * through the lesson, Escape leaves), leaving with the browser's full screen, and the laser
 * pointer that follows the mouse over the whole app. The large, high-contrast look is the
 * `presenter` class on the app root (presenter.css).
 */
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useStores } from '../context';
import { leavePresenter, lessonOf, useLesson } from '../lesson/workshop';
import { presenterKeyAction } from './keys';
import './presenter.css';

function LaserPointer() {
  const dot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => {
      const el = dot.current;
      if (!el) return;
      el.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
      el.hidden = false;
    };
    const hide = () => void (dot.current && (dot.current.hidden = true));
    window.addEventListener('pointermove', move, { passive: true });
    document.documentElement.addEventListener('pointerleave', hide);
    return () => {
      window.removeEventListener('pointermove', move);
      document.documentElement.removeEventListener('pointerleave', hide);
    };
  }, []);
  // Hidden until the pointer moves: a dot in the corner would point at nothing.
  return <div className="laser-pointer" ref={dot} hidden data-testid="laser-pointer" aria-hidden="true" />;
}

export function Presenter() {
  const stores = useStores();
  const lessonOpen = useLesson((s) => s.lesson !== undefined);

  useEffect(() => {
    // Capture, so that while presenting ← → and Space move through the lesson, not the timeline.
    const onKey = (e: KeyboardEvent) => {
      const action = presenterKeyAction(e, lessonOf(stores).getState().lesson !== undefined);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      const lesson = lessonOf(stores).getState();
      if (action === 'leave') leavePresenter(stores);
      else if (action === 'next') lesson.next();
      else lesson.prev();
    };
    // The browser's own way out of full screen (Escape there never reaches the page) leaves presenter mode too.
    let wasFullscreen = document.fullscreenElement !== null;
    const onFullscreen = () => {
      if (wasFullscreen && !document.fullscreenElement) leavePresenter(stores);
      wasFullscreen = document.fullscreenElement !== null;
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [stores]);

  // The bar goes into the phase bar, after its status, so that it covers nothing.
  const phaseBar = useMemo(() => document.querySelector('[data-testid="phase-bar"]'), []);
  const bar = (
    <div className="presenter-bar" data-testid="presenter" data-presenter="on" role="status">
      <span className="sr-only">Presenter mode</span>
      <span
        className="keys"
        title={`Presenter mode: ${lessonOpen ? '← → or Space move through the lesson, ' : ''}Escape leaves`}
      >
        {lessonOpen ? '← → Space · ' : ''}Esc
      </span>
      <button type="button" className="btn" onClick={() => leavePresenter(stores)} data-testid="presenter-leave">
        Leave
      </button>
    </div>
  );
  return (
    <>
      {phaseBar ? createPortal(bar, phaseBar) : bar}
      <LaserPointer />
    </>
  );
}
