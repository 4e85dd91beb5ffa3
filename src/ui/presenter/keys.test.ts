// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { domHarness } from '../test-dom';
import { presenterKeyAction } from './keys';

const dom = domHarness();

/** Elements where the focus can be in presenter mode. */
function targets() {
  const { host } = dom.open();
  host.innerHTML = `<div data-testid="pane"></div><button data-testid="button">Present</button><input data-testid="input">
    <div class="monaco-editor"><div class="native-edit-context" role="textbox" data-testid="editor"></div></div>
    <div role="dialog"><button data-testid="in-dialog">x</button></div>`;
  return (testId: string) => host.querySelector(`[data-testid="${testId}"]`) as EventTarget;
}

const key = (
  k: string,
  target: EventTarget,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods, target });

describe('presenter keys', () => {
  it('moves through the lesson with → Space Page Down and ← Page Up', () => {
    const at = targets();
    expect(
      ['ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'PageUp'].map((k) => presenterKeyAction(key(k, at('pane')), true)),
    ).toEqual(['next', 'next', 'next', 'prev', 'prev']);
  });

  it('steps with Space and the arrows even on a focused button (a clicker sends them)', () => {
    const at = targets();
    expect(['ArrowRight', ' ', 'ArrowLeft'].map((k) => presenterKeyAction(key(k, at('button')), true))).toEqual([
      'next',
      'next',
      'prev',
    ]);
  });

  it('leaves with Escape, with or without a lesson', () => {
    const at = targets();
    expect([
      presenterKeyAction(key('Escape', at('pane')), true),
      presenterKeyAction(key('Escape', at('pane')), false),
    ]).toEqual(['leave', 'leave']);
  });

  it('leaves the arrows and Space to the timeline when no lesson is open', () => {
    const at = targets();
    expect(['ArrowRight', ' ', 'ArrowLeft'].map((k) => presenterKeyAction(key(k, at('pane')), false))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('ignores modified keys, every key in a text field or the config editor (Escape too), keys in a dialog', () => {
    const at = targets();
    expect(presenterKeyAction(key('ArrowRight', at('pane'), { shiftKey: true }), true)).toBeUndefined();
    expect(presenterKeyAction(key('ArrowRight', at('pane'), { ctrlKey: true }), true)).toBeUndefined();
    expect(['ArrowRight', ' ', 'PageDown', 'Escape'].map((k) => presenterKeyAction(key(k, at('input')), true))).toEqual(
      [undefined, undefined, undefined, undefined],
    );
    expect(
      ['ArrowRight', ' ', 'PageDown', 'Escape'].map((k) => presenterKeyAction(key(k, at('editor')), true)),
    ).toEqual([undefined, undefined, undefined, undefined]);
    expect(presenterKeyAction(key('Escape', at('in-dialog')), true)).toBeUndefined();
    expect(presenterKeyAction(key('x', at('pane')), true)).toBeUndefined();
  });
});
