// @vitest-environment jsdom
/**
 * Which keys the focused element keeps, with real elements and real key events dispatched on
 * them (the app listens on window, as here): Monaco's EditContext div and find widget, inspector
 * fields, buttons, the phase bar, dialogs. Every shortcut of the command registry is tried in the editor.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForShortcut, shortcutOf } from './commands';
import { isTextEntry, keyBelongsToFocus, type KeyOptions } from './focusKeys';
import { domHarness } from './test-dom';

const dom = domHarness();

/** The DOM the app has where keys land: Monaco (as Chromium renders it), fields, widgets, a dialog. */
function page(): HTMLElement {
  const { host } = dom.open();
  host.innerHTML = `
    <div class="monaco-editor" data-testid="monaco">
      <div class="overflow-guard"><div class="native-edit-context" role="textbox" tabindex="0" data-testid="edit-context"></div></div>
      <div class="find-widget"><textarea aria-label="Find" data-testid="find"></textarea><div class="button" role="button" tabindex="0" data-testid="find-next"></div></div>
    </div>
    <div class="editor-host nokey"><div class="shadow-root-host" data-testid="context-menu-host"></div></div>
    <div role="textbox" tabindex="0" data-testid="aria-textbox"></div>
    <textarea class="inputarea" data-testid="monaco-textarea"></textarea>
    <input data-testid="text">
    <input type="number" data-testid="number">
    <input type="checkbox" data-testid="checkbox">
    <select data-testid="select"><option>a</option></select>
    <div contenteditable="true"><p data-testid="editable">x</p></div>
    <div contenteditable="false"><span tabindex="0" data-testid="not-editable">x</span></div>
    <button data-testid="button">b</button>
    <div role="radiogroup"><button role="radio" data-testid="phase">p</button></div>
    <div role="slider" tabindex="0" data-testid="slider"></div>
    <div class="react-flow__node" tabindex="0" data-testid="node"></div>
    <div class="react-flow__pane" tabindex="0" data-testid="pane"></div>
    <div role="dialog"><button data-testid="in-dialog">ok</button></div>
    <dialog open><select data-testid="in-native-dialog"></select></dialog>`;
  return host;
}

const at = (host: HTMLElement, testId: string) => host.querySelector(`[data-testid="${testId}"]`) as HTMLElement;

type Mods = Partial<Pick<KeyboardEventInit, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'isComposing'>>;

/** Dispatches a real keydown on the element and asks the rule from a window listener, as App.tsx does. */
function press(el: Element, key: string, mods: Mods = {}, options?: KeyOptions, code = ''): boolean {
  let answer: boolean | undefined;
  const listener = (e: KeyboardEvent) => void (answer = keyBelongsToFocus(e, options));
  window.addEventListener('keydown', listener);
  // composed, as the browser's own key events are: they leave shadow roots.
  el.dispatchEvent(
    new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true, composed: true, ...mods }),
  );
  window.removeEventListener('keydown', listener);
  if (answer === undefined) throw new Error('the keydown did not reach window');
  return answer;
}

/** The key event a shortcut string stands for (`Mod+Shift+Z`, `Shift+1`, `Space`, `[`). */
function eventFor(shortcut: string): { key: string; code: string; mods: Mods } {
  const parts = shortcut.split('+');
  const last = parts[parts.length - 1] === '' ? '+' : (parts[parts.length - 1] as string);
  const mods: Mods = {
    ctrlKey: parts.includes('Mod'),
    shiftKey: parts.includes('Shift'),
    altKey: parts.includes('Alt'),
  };
  const shifted: Record<string, string> = { '1': '!' };
  if (/^[0-9]$/.test(last)) return { key: mods.shiftKey ? (shifted[last] ?? last) : last, code: `Digit${last}`, mods };
  if (last === 'Space') return { key: ' ', code: 'Space', mods };
  if (last === '=') return { key: '=', code: 'Equal', mods };
  if (last === '-') return { key: '-', code: 'Minus', mods };
  if (/^[A-Z]$/.test(last)) return { key: mods.shiftKey ? last : last.toLowerCase(), code: `Key${last}`, mods };
  return { key: last, code: last, mods };
}

const SHORTCUTS = COMMANDS.flatMap((c) => (c.shortcuts ?? []).map((s) => ({ shortcut: s, command: c })));

describe('keys of the focused element', () => {
  it('recognises where text is typed: Monaco (EditContext, textarea, find widget), fields, editable content', () => {
    const host = page();
    const typed = [
      'edit-context',
      'find',
      'find-next',
      'context-menu-host',
      'monaco-textarea',
      'aria-textbox',
      'text',
      'number',
      'select',
      'editable',
    ];
    const notTyped = ['checkbox', 'button', 'phase', 'slider', 'node', 'pane', 'not-editable'];
    expect(typed.filter((id) => !isTextEntry(at(host, id)))).toEqual([]);
    expect(notTyped.filter((id) => isTextEntry(at(host, id)))).toEqual([]);
    expect(isTextEntry(null)).toBe(false);
  });

  it('gives the config editor every shortcut key of the registry, but save, open and the editor toggle', () => {
    const host = page();
    expect(SHORTCUTS.length).toBeGreaterThan(20);
    for (const where of ['edit-context', 'find', 'find-next', 'text']) {
      const appKeeps = SHORTCUTS.filter(({ shortcut, command }) => {
        const { key, code, mods } = eventFor(shortcut);
        // The event really is that shortcut: the test cannot pass by pressing other keys.
        expect(
          commandForShortcut(
            shortcutOf({ key, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }),
          )?.id,
        ).toBe(command.id);
        return !press(at(host, where), key, mods, command, code);
      });
      expect(appKeeps.map((s) => s.shortcut).sort()).toEqual(['Mod+E', 'Mod+O', 'Mod+S', 'Mod+Shift+S']);
    }
  });

  it('leaves every shortcut to the app when the focus is on the canvas pane or nowhere', () => {
    const host = page();
    const taken = SHORTCUTS.filter(({ shortcut, command }) => {
      const { key, code, mods } = eventFor(shortcut);
      return press(at(host, 'pane'), key, mods, command, code) || press(document.body, key, mods, command, code);
    });
    expect(taken.map((s) => s.shortcut)).toEqual([]);
  });

  it('gives the field Ctrl/⌘ keys it uses itself (undo, copy, select all) even with a registry command on them', () => {
    const host = page();
    for (const [key, mods] of [
      ['z', { ctrlKey: true }],
      ['z', { metaKey: true }],
      ['Z', { ctrlKey: true, shiftKey: true }],
      ['c', { ctrlKey: true }],
      ['a', { metaKey: true }],
    ] as const) {
      expect(press(at(host, 'edit-context'), key, mods, {})).toBe(true);
    }
    expect(press(at(host, 'edit-context'), 's', { ctrlKey: true }, { inTextFields: true })).toBe(false);
    expect(press(at(host, 'edit-context'), 's', { metaKey: true }, { inTextFields: true })).toBe(false);
    // Without Ctrl/⌘ even such a command's key is the field's.
    expect(press(at(host, 'edit-context'), 's', {}, { inTextFields: true })).toBe(true);
  });

  it('gives Space to buttons and the arrows to arrow widgets, unless presenter mode asks past widgets', () => {
    const host = page();
    expect([
      press(at(host, 'button'), ' '),
      press(at(host, 'button'), 'ArrowLeft'),
      press(at(host, 'button'), 'p'),
    ]).toEqual([true, false, false]);
    expect([
      press(at(host, 'phase'), 'ArrowRight'),
      press(at(host, 'slider'), 'ArrowLeft'),
      press(at(host, 'node'), 'ArrowUp'),
      press(at(host, 'node'), ' '),
    ]).toEqual([true, true, true, true]);
    expect([press(at(host, 'checkbox'), ' '), press(at(host, 'checkbox'), 'g')]).toEqual([true, false]);
    const past = { widgetKeys: false };
    expect([press(at(host, 'button'), ' ', {}, past), press(at(host, 'phase'), 'ArrowRight', {}, past)]).toEqual([
      false,
      false,
    ]);
    // A text field keeps its keys even then.
    expect([press(at(host, 'edit-context'), ' ', {}, past), press(at(host, 'text'), 'Escape', {}, past)]).toEqual([
      true,
      true,
    ]);
  });

  it('gives Monaco’s context menu its keys: they come from its shadow root’s host in the editor panel', () => {
    const host = page();
    const menuHost = at(host, 'context-menu-host');
    const menu = menuHost.attachShadow({ mode: 'open' });
    menu.innerHTML = '<ul class="actions-container" role="menu" tabindex="0"><li role="menuitem">Copy</li></ul>';
    const item = menu.querySelector('li') as HTMLElement;
    // Dispatched inside the shadow root; window's listener sees the host as the target.
    expect(['p', 'g', ']', ' ', 'Escape'].map((k) => press(item, k)).every(Boolean)).toBe(true);
  });

  it('gives a dialog all its keys, and never makes a shortcut of a key that composes text', () => {
    const host = page();
    expect([
      press(at(host, 'in-dialog'), 'Escape'),
      press(at(host, 'in-dialog'), 'g'),
      press(at(host, 'in-native-dialog'), 'p'),
    ]).toEqual([true, true, true]);
    expect([
      press(at(host, 'pane'), 'p', { isComposing: true }),
      press(at(host, 'pane'), 'Process'),
      press(at(host, 'pane'), 'Dead'),
    ]).toEqual([true, true, true]);
    // ⌘⌥N on macOS arrives as a dead key: with ⌘ or Ctrl held it is still a shortcut.
    expect([
      press(at(host, 'pane'), 'Dead', { metaKey: true, altKey: true }),
      press(at(host, 'pane'), 'Dead', { ctrlKey: true, altKey: true }),
    ]).toEqual([false, false]);
  });
});
