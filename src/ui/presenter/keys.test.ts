import { describe, expect, it } from 'vitest';
import { presenterKeyAction } from './keys';

/** A target whose closest() finds the given selector (as Element.closest does) and has a tag name. */
const target = (tagName = 'DIV', inDialog = false) =>
  ({ tagName, isContentEditable: false, closest: (s: string) => (inDialog && s === '[role="dialog"]' ? {} : null) }) as unknown as EventTarget;
const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}, t = target()) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods, target: t });

describe('presenter keys', () => {
  it('moves through the lesson with → Space Page Down and ← Page Up', () => {
    expect(['ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'PageUp'].map((k) => presenterKeyAction(key(k), true))).toEqual(['next', 'next', 'next', 'prev', 'prev']);
  });

  it('leaves with Escape, with or without a lesson', () => {
    expect([presenterKeyAction(key('Escape'), true), presenterKeyAction(key('Escape'), false)]).toEqual(['leave', 'leave']);
  });

  it('leaves the arrows and Space to the timeline when no lesson is open', () => {
    expect(['ArrowRight', ' ', 'ArrowLeft'].map((k) => presenterKeyAction(key(k), false))).toEqual([undefined, undefined, undefined]);
  });

  it('ignores modified keys, keys in form fields and keys in a dialog', () => {
    expect(presenterKeyAction(key('ArrowRight', { shiftKey: true }), true)).toBeUndefined();
    expect(presenterKeyAction(key('ArrowRight', { ctrlKey: true }), true)).toBeUndefined();
    expect(presenterKeyAction(key('ArrowRight', {}, target('INPUT')), true)).toBeUndefined();
    expect(presenterKeyAction(key('Escape', {}, target('INPUT')), true)).toBe('leave');
    expect(presenterKeyAction(key('Escape', {}, target('BUTTON', true)), true)).toBeUndefined();
    expect(presenterKeyAction(key('x'), true)).toBeUndefined();
  });
});
