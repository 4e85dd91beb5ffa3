/**
 * Click questions: while one waits for its answer, a click on a canvas element (a node, router,
 * rack, or a VM's chip) answers it. The click still does what it always does (select), so the
 * canvas needs no special mode; a drag is not a click and answers nothing.
 */
import { useEffect } from 'react';
import { awaitsClick, currentStep } from '../../store/lesson';
import { useStores } from '../context';
import { lessonOf } from './workshop';

/** A pointer that moved further than this between down and up dragged something. */
const DRAG_PX = 5;

/** The element names a click on `target` can mean, the most specific first (a VM chip, then its node). */
export function clickedNames(target: Element): string[] {
  const out: string[] = [];
  const chip = target.closest('.vm-chip[data-testid^="vm-"]');
  const chipName = chip?.getAttribute('data-testid')?.slice(3);
  if (chipName) out.push(chipName);
  const node = target.closest('.react-flow__node')?.getAttribute('data-id');
  if (node) out.push(node);
  return out;
}

/** The name that answers: one the question accepts if the click can mean it, else the most specific. */
export function answerName(names: readonly string[], accepted: readonly string[]): string | undefined {
  return names.find((n) => accepted.includes(n)) ?? names[0];
}

export function useClickAnswers(): void {
  const stores = useStores();
  useEffect(() => {
    let down: { x: number; y: number } | undefined;
    const onDown = (e: PointerEvent) => void (down = { x: e.clientX, y: e.clientY });
    const onClick = (e: MouseEvent) => {
      const lesson = lessonOf(stores).getState();
      if (!awaitsClick(lesson) || !(e.target instanceof Element)) return;
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > DRAG_PX) return;
      const accepted = currentStep(lesson)?.question?.answer ?? [];
      const name = answerName(clickedNames(e.target), accepted);
      if (name !== undefined) lesson.answerWithElement(name);
    };
    // Capture: React Flow may stop a click from bubbling after a drag; this sees every click first.
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('click', onClick, true);
    };
  }, [stores]);
}
