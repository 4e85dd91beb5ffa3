import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios';
import { formatIssue } from '../model';
import { createDesignStore } from './design';

describe('design store', () => {
  it('commits a valid edit as one undo step, and undo/redo restore exactly', () => {
    const store = createDesignStore(DEFAULT_SCENARIO.doc);
    const r = store.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65010));
    expect(r.ok).toBe(true);
    expect(store.getState().doc.spec.routers[0]?.asNumber).toBe(65010);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.temporal.getState().undo();
    expect(store.getState().doc).toBe(DEFAULT_SCENARIO.doc);
    store.temporal.getState().redo();
    expect(store.getState().doc.spec.routers[0]?.asNumber).toBe(65010);
  });

  it('refuses an invalid edit with its issues and changes nothing', () => {
    const store = createDesignStore(DEFAULT_SCENARIO.doc);
    const r = store.getState().update((d) => void ((d.spec.nodes[1] as { address: string }).address = '10.0.9.12'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map(formatIssue)).toEqual([
      "spec.nodes[1].address: 10.0.9.12 is outside rack rack-a's subnet 10.0.1.0/24",
    ]);
    expect(store.getState().doc).toBe(DEFAULT_SCENARIO.doc);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('records no step for committing the current document again', () => {
    const store = createDesignStore(DEFAULT_SCENARIO.doc);
    store.getState().commit(store.getState().doc);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });
});
