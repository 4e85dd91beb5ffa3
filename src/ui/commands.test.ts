import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForShortcut, focusUsesKey, shortcutOf } from './commands';

const key = (k: string, code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('command registry', () => {
  it('maps key events to shortcuts and commands', () => {
    expect(commandForShortcut(shortcutOf(key('z', 'KeyZ', { ctrlKey: true })))?.id).toBe('edit.undo');
    expect(commandForShortcut(shortcutOf(key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true })))?.id).toBe('edit.redo');
    expect(commandForShortcut(shortcutOf(key('y', 'KeyY', { metaKey: true })))?.id).toBe('edit.redo');
    expect(commandForShortcut(shortcutOf(key('!', 'Digit1', { shiftKey: true })))?.id).toBe('view.fit');
    expect(commandForShortcut(shortcutOf(key('Delete', 'Delete')))?.id).toBe('edit.delete');
    expect(commandForShortcut(shortcutOf(key('x', 'KeyX')))).toBeUndefined();
  });

  it('plays, pauses and steps the timeline with Space and the arrows', () => {
    expect(shortcutOf(key(' ', 'Space'))).toBe('Space');
    expect(commandForShortcut(shortcutOf(key(' ', 'Space')))?.id).toBe('sim.playPause');
    expect(commandForShortcut(shortcutOf(key('ArrowLeft', 'ArrowLeft')))?.id).toBe('sim.prevInstant');
    expect(commandForShortcut(shortcutOf(key('ArrowRight', 'ArrowRight')))?.id).toBe('sim.nextInstant');
    expect(commandForShortcut(shortcutOf(key('ArrowRight', 'ArrowRight', { shiftKey: true })))).toBeUndefined();
  });

  it('leaves Space and the arrows to the focused element that uses them', () => {
    // An element inside the first ancestor matching one of the selectors given (as Element.closest does).
    const inside = (ancestor: string) => ({ closest: (selectors: string) => (selectors.split(',').includes(ancestor) ? {} : null) }) as unknown as EventTarget;
    const button = inside('button');
    const phaseBar = inside('[role="radiogroup"]');
    const canvasNode = inside('.react-flow__node');
    expect([focusUsesKey(button, ' '), focusUsesKey(button, 'ArrowLeft')]).toEqual([true, false]);
    expect([focusUsesKey(phaseBar, ' '), focusUsesKey(phaseBar, 'ArrowRight')]).toEqual([false, true]);
    expect([focusUsesKey(canvasNode, ' '), focusUsesKey(canvasNode, 'ArrowUp')]).toEqual([true, true]);
    expect(focusUsesKey(inside('body'), ' ')).toBe(false);
    expect(shortcutOf({ ...key('ArrowRight', 'ArrowRight'), target: phaseBar })).toBe('');
    expect(shortcutOf({ ...key(' ', 'Space'), target: inside('body') })).toBe('Space');
  });

  it('gives every shortcut to one command only', () => {
    const all = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    expect(new Set(all).size).toBe(all.length);
  });
});
