import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForShortcut, shortcutOf, textFieldCommandOf } from './commands';

const key = (
  k: string,
  code: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

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

  it('names the commands that still run from a text field: save, open, the editor toggle', () => {
    expect(COMMANDS.filter((c) => c.inTextFields).map((c) => c.id)).toEqual([
      'file.open',
      'file.saveYaml',
      'file.saveJson',
      'view.editor',
    ]);
    expect(textFieldCommandOf(key('s', 'KeyS', { ctrlKey: true }))?.id).toBe('file.saveYaml');
    expect(textFieldCommandOf(key('S', 'KeyS', { metaKey: true, shiftKey: true }))?.id).toBe('file.saveJson');
    expect(textFieldCommandOf(key('e', 'KeyE', { ctrlKey: true }))?.id).toBe('view.editor');
    expect(textFieldCommandOf(key('z', 'KeyZ', { ctrlKey: true }))).toBeUndefined();
    expect(textFieldCommandOf(key('s', 'KeyS'))).toBeUndefined();
  });

  it('gives every shortcut to one command only', () => {
    const all = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    expect(new Set(all).size).toBe(all.length);
  });
});
