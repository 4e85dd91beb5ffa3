import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForShortcut, shortcutOf } from './commands';

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

  it('gives every shortcut to one command only', () => {
    const all = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    expect(new Set(all).size).toBe(all.length);
  });
});
