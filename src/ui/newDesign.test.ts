/**
 * File → New on the real stores (no browser): the old design's prose, expectations, lesson,
 * layout and migration are gone, the change is one undo step, and Undo restores the design exactly.
 */
import { describe, expect, it } from 'vitest';
import { scenarioById } from '../scenarios';
import { createDesignStore } from '../store/design';
import { createSimulationStore } from '../store/simulation';
import { createUiStore } from '../store/ui';
import { commandForShortcut, shortcutOf } from './commands';
import type { Stores } from './context';
import { inProcessClient } from './diagnostics/test-support';
import { lessonOf, startLesson } from './lesson/workshop';
import { startNewDesign } from './newDesign';

function setup(): Stores {
  const scenario = scenarioById('two-racks-ebgp-no-filter');
  if (!scenario) throw new Error('no scenario');
  const design = createDesignStore(scenario.doc);
  return {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient),
    worker: inProcessClient,
  };
}

const undoSteps = (s: Stores) => s.design.temporal.getState().pastStates.length;

describe('File → New', () => {
  it('empty: nothing of the old design survives, one undo step, the canvas refits, an open lesson closes', () => {
    const s = setup();
    const before = s.design.getState().doc;
    expect(before.metadata.tags?.length).toBeGreaterThan(0);
    expect(before.metadata.expected).toBeDefined();
    expect(before.lesson).toBeDefined();
    s.ui.getState().select(['rack-a']);
    s.ui.getState().setHighlight(['node-a1']);
    expect(startLesson(s)).toBe(true);
    const fit = s.ui.getState().fitRequest;

    expect(startNewDesign(s, { kind: 'empty' })).toBe(true);
    const doc = s.design.getState().doc;
    expect(doc.metadata).toEqual({ name: 'new-design' });
    expect(doc.lesson).toBeUndefined();
    expect(doc.spec).toEqual({
      racks: [],
      nodes: [],
      routers: [],
      links: [],
      sessions: [],
      calicoResources: [],
      vms: [],
    });
    expect(undoSteps(s)).toBe(1);
    expect(s.ui.getState().fitRequest).toBe(fit + 1);
    expect(s.ui.getState().selection).toEqual([]);
    expect(s.ui.getState().highlight).toEqual([]);
    expect(lessonOf(s).getState().lesson).toBeUndefined();
    expect(s.ui.getState().notices.map((n) => n.text)).toEqual([
      'New design: an empty design (Undo brings the previous one back)',
    ]);

    s.design.temporal.getState().undo();
    expect(s.design.getState().doc).toBe(before);
  });

  it('from a template: its racks, nodes, VM and migration under the new name, still one undo step', () => {
    const s = setup();
    expect(startNewDesign(s, { kind: 'two-racks', nodesPerRack: 3 })).toBe(true);
    const doc = s.design.getState().doc;
    expect(doc.metadata).toEqual({ name: 'new-design' });
    expect(doc.spec.nodes).toHaveLength(6);
    expect(doc.spec.migration).toEqual({ vm: 'vm-1', to: 'node-02-1' });
    expect(doc.spec.layout).toBeUndefined();
    expect(undoSteps(s)).toBe(1);
  });

  it('refuses a template with a node count out of range, changing nothing', () => {
    const s = setup();
    const before = s.design.getState().doc;
    expect(startNewDesign(s, { kind: 'one-rack', nodesPerRack: 40 })).toBe(false);
    expect(s.design.getState().doc).toBe(before);
    expect(undoSteps(s)).toBe(0);
    expect(s.ui.getState().notices.map((n) => `${n.kind}: ${n.text}`)).toEqual([
      'error: New design: a template has 1 to 16 nodes per rack',
    ]);
  });

  it('is File → New… in the command registry, on Ctrl+Alt+N (⌘⌥N, a dead key on macOS, too)', () => {
    const press = (key: string, mods: { ctrlKey?: boolean; metaKey?: boolean }) =>
      commandForShortcut(
        shortcutOf({ key, code: 'KeyN', shiftKey: false, altKey: true, ctrlKey: false, metaKey: false, ...mods }),
      )?.id;
    expect(press('n', { ctrlKey: true })).toBe('file.new');
    expect(press('Dead', { metaKey: true })).toBe('file.new');
    expect(
      commandForShortcut(
        shortcutOf({ key: 'n', code: 'KeyN', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }),
      ),
    ).toBeUndefined();
  });
});
