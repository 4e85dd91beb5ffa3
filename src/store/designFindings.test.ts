/**
 * A design without a migration (no VM yet, or none chosen) still gets the findings about the
 * design itself: the simulation store asks the engine for them instead of a simulation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../lib/result';
import type { Topology } from '../model';
import { DEFAULT_SCENARIO } from '../scenarios';
import type { EngineClient } from '../worker/client';
import type { Diagnostic, SimulationSummary } from '../worker/protocol';
import { createDesignStore } from './design';
import { createSimulationStore, findingsCurrent, findingsOf } from './simulation';

function fakeClient() {
  const simulations: { doc: Topology; resolve: (r: Result<SimulationSummary, string>) => void }[] = [];
  const checks: { doc: Topology; resolve: (r: Result<readonly Diagnostic[], string>) => void }[] = [];
  const client: EngineClient = {
    simulate: (doc) => new Promise((resolve) => simulations.push({ doc, resolve })),
    findings: (doc) => new Promise((resolve) => checks.push({ doc, resolve })),
    dispose: () => undefined,
  };
  return { client, simulations, checks };
}

const sessionDown: Diagnostic = {
  code: 'LR-SESSION-DOWN',
  severity: 'error',
  subjects: ['node-a1', 'tor-a', 'rack-a-tor'],
  message: 'down',
  fix: 'f',
  action: { kind: 'set-peer-as', peer: 'rack-a-tor', asNumber: 65001 },
};

function withoutMigration(): Topology {
  const doc = structuredClone(DEFAULT_SCENARIO.doc);
  delete doc.spec.migration;
  return doc;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('findings of a design without a migration', () => {
  it('asks the engine for the design’s findings, not a simulation, and keeps them', async () => {
    const design = createDesignStore(withoutMigration());
    const { client, simulations, checks } = fakeClient();
    const sim = createSimulationStore(design, client);
    const done = sim.getState().run();
    expect(sim.getState().status).toBe('running');
    expect(findingsCurrent(sim.getState())).toBe(false);
    expect(checks).toHaveLength(1);
    expect(simulations).toHaveLength(0);
    checks[0]?.resolve(ok([sessionDown]));
    await done;
    expect(sim.getState()).toMatchObject({ status: 'no-migration', report: undefined, error: undefined });
    expect(findingsOf(sim.getState())).toEqual([sessionDown]);
    expect(findingsCurrent(sim.getState())).toBe(true);
  });

  it('drops them once the design has a migration again: the report holds its findings', async () => {
    const design = createDesignStore(withoutMigration());
    const { client, simulations, checks } = fakeClient();
    const sim = createSimulationStore(design, client, { debounceMs: 10 });
    const first = sim.getState().run();
    checks[0]?.resolve(ok([sessionDown]));
    await first;
    design.getState().update((d) => void (d.spec.migration = { vm: 'vm-1', to: 'node-b1' }));
    // While the new run is under way the previous findings stay, no longer current.
    expect(sim.getState().status).toBe('running');
    expect(findingsOf(sim.getState())).toEqual([sessionDown]);
    expect(findingsCurrent(sim.getState())).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(simulations).toHaveLength(1);
    simulations[0]?.resolve(
      ok({ topology: 'x', phases: [], timeline: [], diagnostics: [] } as unknown as SimulationSummary),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(sim.getState().status).toBe('ready');
    expect(sim.getState().designFindings).toBeUndefined();
    expect(findingsOf(sim.getState())).toEqual([]);
  });

  it('reports a failed check as an error', async () => {
    const design = createDesignStore(withoutMigration());
    const { client, checks } = fakeClient();
    const sim = createSimulationStore(design, client);
    const done = sim.getState().run();
    checks[0]?.resolve({ ok: false, error: 'the engine failed: boom' });
    await done;
    expect(sim.getState()).toMatchObject({
      status: 'error',
      error: 'the engine failed: boom',
      designFindings: undefined,
    });
  });
});
