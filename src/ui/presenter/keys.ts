/** The keys of presenter mode, as a pure function of the key event (tested without a browser). */
import { keyBelongsToFocus, type KeyEventLike } from '../focusKeys';

export type PresenterAction = 'next' | 'prev' | 'leave';

type KeyLike = KeyEventLike & Pick<KeyboardEvent, 'altKey' | 'shiftKey'>;

/**
 * What a key does in presenter mode: → Space Page Down next step, ← Page Up previous step (only
 * while a lesson is open; otherwise they keep their timeline meaning), Escape leaves. Never a
 * key of a text field, the config editor or a dialog (focusKeys.ts): there Escape and the arrows
 * are the field's, and the Leave button, or Escape once the focus is out, leaves. Space and the
 * arrows on a focused button or slider still step the lesson (a clicker sends them).
 */
export function presenterKeyAction(e: KeyLike, lessonOpen: boolean): PresenterAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || keyBelongsToFocus(e, { widgetKeys: false })) return undefined;
  if (e.key === 'Escape') return 'leave';
  if (!lessonOpen || e.shiftKey) return undefined;
  if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') return 'next';
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') return 'prev';
  return undefined;
}
