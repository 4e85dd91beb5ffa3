/**
 * Whether a key belongs to the focused element rather than to the app: the one rule every
 * app-wide key listener goes through (the command shortcuts in App.tsx, presenter mode).
 *
 * - Where text is typed (a text input, a textarea, a select, editable content, an ARIA text box,
 *   anything inside Monaco: its EditContext div in Chromium, its textarea elsewhere, its find
 *   widget, its context menu) every key is the field's: letters, digits, Space, the arrows, Delete, Escape, and
 *   Ctrl/⌘ combinations (undo there is the field's own undo). The only exceptions are the few
 *   commands marked `inTextFields` (save, open, the editor toggle), which a field never uses.
 * - In a dialog, every key is the dialog's.
 * - Space on a button-like element and the arrows in a widget that moves with them (the phase
 *   bar, the timeline slider, a focused canvas node) are that element's, except in presenter
 *   mode, where a clicker's Space and arrows step the lesson wherever the focus is.
 * - Keys that compose text (an input method at work, a dead key without Ctrl/⌘) are never shortcuts.
 */

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'> & {
  readonly target?: EventTarget | null;
  readonly isComposing?: boolean;
};

export interface KeyOptions {
  /** The app's command for this key still runs in a text field when Ctrl/⌘ is held (Mod+S saves from anywhere). */
  readonly inTextFields?: boolean;
  /** Space on a button and the arrows in an arrow widget are the widget's (default true; presenter mode: false). */
  readonly widgetKeys?: boolean;
}

/** <input> types that take no typed text (any other type, or none, is a text field). */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'hidden',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

const TEXT_ENTRY = [
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="searchbox"]',
  '[role="combobox"]',
  '.monaco-editor',
  // An area that keeps its keys from React Flow keeps them from the app too: the config editor's
  // host, where Monaco's context menu sits in a shadow root (keys from there reach us from its host).
  '.nokey',
].join(',');

const DIALOG = 'dialog, [role="dialog"], [role="alertdialog"]';

/** Where the focus is in a widget that moves with the arrow keys itself. */
const ARROW_WIDGETS = [
  'input',
  '[role="radiogroup"]',
  '[role="slider"]',
  '[role="tablist"]',
  '[role="menu"]',
  '[role="menubar"]',
  '[role="listbox"]',
  '[role="grid"]',
  '[role="tree"]',
  // React Flow moves a focused, selected node (or the selection box) with the arrows.
  '.react-flow__node',
  '.react-flow__nodesselection-rect',
].join(',');

/** Where Space activates the focused element (a button, a checkbox; React Flow selects a focused node or edge). */
const SPACE_WIDGETS = [
  'button',
  'a[href]',
  'summary',
  'input',
  '[role="button"]',
  '[role="checkbox"]',
  '[role="radio"]',
  '[role="switch"]',
  '[role="menuitem"]',
  '[role="option"]',
  '[role="tab"]',
  '.react-flow__node',
  '.react-flow__edge',
].join(',');

function asElement(target: EventTarget | null | undefined): Element | undefined {
  const el = target as Element | null | undefined;
  return el && typeof el.closest === 'function' ? el : undefined;
}

/** Whether typing goes to this element (or to the text editor it is part of). */
export function isTextEntry(target: EventTarget | null | undefined): boolean {
  const el = asElement(target);
  if (!el) return false;
  if (el.tagName === 'INPUT') return !NON_TEXT_INPUTS.has((el as HTMLInputElement).type.toLowerCase());
  return (el as HTMLElement).isContentEditable === true || el.closest(TEXT_ENTRY) !== null;
}

/** Whether the focused element (the event's target) takes this key, so no app-wide shortcut may act on it. */
export function keyBelongsToFocus(e: KeyEventLike, options: KeyOptions = {}): boolean {
  // An input method at work, or a dead key starting an accented letter (with Ctrl/⌘ held it is a
  // shortcut: on macOS ⌥ turns many keys into dead keys, and ⌘⌥N must stay File → New).
  if (e.isComposing === true || e.key === 'Process' || (e.key === 'Dead' && !e.ctrlKey && !e.metaKey)) return true;
  const el = asElement(e.target);
  if (!el) return false;
  if (el.closest(DIALOG)) return true;
  if (isTextEntry(el)) return !(options.inTextFields === true && (e.ctrlKey || e.metaKey));
  if (options.widgetKeys === false) return false;
  if (e.key === ' ') return el.closest(SPACE_WIDGETS) !== null;
  if (e.key.startsWith('Arrow')) return el.closest(ARROW_WIDGETS) !== null;
  return false;
}
