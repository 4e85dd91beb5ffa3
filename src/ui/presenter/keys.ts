/** The keys of presenter mode, as a pure function of the key event (tested without a browser). */

export type PresenterAction = 'next' | 'prev' | 'leave';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & { target: EventTarget | null };

/** Whether the key belongs to the focused element: a text field, a radio group, an open dialog. */
function keyBelongsToFocus(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  // A dialog over the app (the gallery, a file's problems) handles its own keys, Escape included.
  if (el.closest('[role="dialog"]')) return true;
  if (key === 'Escape') return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/**
 * What a key does in presenter mode: → Space Page Down next step, ← Page Up previous step (only
 * while a lesson is open; otherwise they keep their timeline meaning), Escape leaves.
 */
export function presenterKeyAction(e: KeyLike, lessonOpen: boolean): PresenterAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || keyBelongsToFocus(e.target, e.key)) return undefined;
  if (e.key === 'Escape') return 'leave';
  if (!lessonOpen || e.shiftKey) return undefined;
  if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') return 'next';
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') return 'prev';
  return undefined;
}
