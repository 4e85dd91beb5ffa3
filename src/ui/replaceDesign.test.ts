/**
 * A whole new design (opened, generated, from a template) starts the engine at once: the
 * simulation's debounce is for edits typed in a field, and would only delay the verdict here.
 */
import { describe, expect, it, vi } from 'vitest';
import { scenarioById } from '../scenarios';
import { createDesignStore } from '../store/design';
import { createSimulationStore } from '../store/simulation';
import { createUiStore } from '../store/ui';
import { replaceDesign } from './actions';
import { inProcessClient } from './diagnostics/test-support';

describe('replacing the design', () => {
  it('runs the simulation without waiting for the debounce', () => {
    const first = scenarioById('two-racks-ebgp-no-filter');
    const second = scenarioById('two-racks-ebgp');
    if (!first || !second) throw new Error('no scenario');
    const design = createDesignStore(first.doc);
    const simulate = vi.fn(inProcessClient.simulate);
    // A debounce no test would wait for: only an immediate run can call the engine.
    const simulation = createSimulationStore(design, { ...inProcessClient, simulate }, { debounceMs: 3_600_000 });
    const stores = { design, ui: createUiStore({ animate: false }), simulation, worker: inProcessClient };
    expect(replaceDesign(stores, second.doc)).toBe(true);
    expect(simulate).toHaveBeenCalledTimes(1);
    expect(simulate.mock.calls[0]?.[0]).toBe(design.getState().doc);
    expect(simulation.getState().status).toBe('running');
  });
});
