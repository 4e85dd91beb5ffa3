import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { err, ok, type Result } from '../lib/result';
import type { Topology } from '../model';
import { DEFAULT_SCENARIO } from '../scenarios';
import type { EngineClient } from '../worker/client';
import type { PhaseSummary, SimulationSummary } from '../worker/protocol';
import { createDesignStore } from './design';
import { createUiStore } from './ui';
import {
  createSimulationStore,
  currentPhase,
  followSelection,
  outcomeOf,
  verdictOf,
  verdictTone,
  vmHostOf,
} from './simulation';

/** A client that records each call and lets the test decide when and how it ends. */
function fakeClient() {
  const calls: { doc: Topology; resolve: (r: Result<SimulationSummary, string>) => void }[] = [];
  const client: EngineClient = {
    simulate: (doc) => new Promise((resolve) => calls.push({ doc, resolve })),
    dispose: () => undefined,
  };
  return { client, calls };
}

const phase = (
  name: string,
  vmHost: string,
  outcomes: Record<string, PhaseSummary['flows'][number]['outcome']>,
): PhaseSummary =>
  ({
    name,
    trigger: '',
    vmHost,
    start: 0,
    settledAt: 0,
    flows: Object.entries(outcomes).map(([client, outcome]) => ({
      client,
      outcome,
      deliveredFraction: outcome === 'delivered' ? 1 : 0,
      paths: [],
      pathEnds: [],
    })),
    oscillating: [],
  }) as PhaseSummary;

const report = (
  tag: string,
  live: Record<string, PhaseSummary['flows'][number]['outcome']> = { 'node-a1': 'delivered' },
) =>
  ({
    topology: tag,
    phases: [phase('base', 'node-a1', { 'node-a1': 'delivered' }), phase('live', 'node-b1', live)],
    timeline: [],
  }) as unknown as SimulationSummary;

const flush = () => vi.advanceTimersByTimeAsync(0);

function setup() {
  const design = createDesignStore(DEFAULT_SCENARIO.doc);
  const { client, calls } = fakeClient();
  const sim = createSimulationStore(design, client);
  return { design, sim, calls };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('simulation store', () => {
  it('starts idle on the live phase, runs on demand and keeps the report', async () => {
    const { sim, calls } = setup();
    expect(sim.getState()).toMatchObject({ status: 'idle', phase: 'live', report: undefined, speaker: undefined });
    const done = sim.getState().run();
    expect(sim.getState().status).toBe('running');
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(ok(report('r1')));
    await done;
    expect(sim.getState()).toMatchObject({ status: 'ready', error: undefined });
    expect(sim.getState().report?.topology).toBe('r1');
  });

  it('re-runs once, 300 ms after the last of several quick edits', async () => {
    const { design, sim, calls } = setup();
    design.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65010));
    await vi.advanceTimersByTimeAsync(200);
    design.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65011));
    expect(sim.getState().status).toBe('running');
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.doc.spec.routers[0]?.asNumber).toBe(65011);
  });

  it('does not re-run for a layout change (the engine does not read positions)', async () => {
    const { design, sim, calls } = setup();
    const done = sim.getState().run();
    calls[0]?.resolve(ok(report('r1')));
    await done;
    design.getState().update((d) => void (d.spec.layout = { positions: { 'spine-1': [10, 20] } }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(sim.getState().status).toBe('ready');
  });

  it('applies only the newest design’s result, whatever order the results come in', async () => {
    const { design, sim, calls } = setup();
    const first = sim.getState().run();
    design.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65010));
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(ok(report('new')));
    await flush();
    calls[0]?.resolve(ok(report('old')));
    await first;
    expect(sim.getState().report?.topology).toBe('new');
    expect(sim.getState().status).toBe('ready');
  });

  it('drops the result of a run whose design changed meanwhile, even before the next run starts', async () => {
    const { design, sim, calls } = setup();
    const first = sim.getState().run();
    design.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65010));
    calls[0]?.resolve(ok(report('old')));
    await first;
    expect(sim.getState().report).toBeUndefined();
    expect(sim.getState().status).toBe('running');
  });

  it('reports the engine’s error and clears the stale report', async () => {
    const { sim, calls } = setup();
    let done = sim.getState().run();
    calls[0]?.resolve(ok(report('r1')));
    await done;
    done = sim.getState().run();
    calls[1]?.resolve(err('vm-1 already runs on node-a1'));
    await done;
    expect(sim.getState()).toMatchObject({ status: 'error', error: 'vm-1 already runs on node-a1', report: undefined });
  });

  it('says so when the design has no migration, without asking the engine', async () => {
    const design = createDesignStore({
      ...DEFAULT_SCENARIO.doc,
      spec: { ...DEFAULT_SCENARIO.doc.spec, migration: undefined },
    } as Topology);
    const { client, calls } = fakeClient();
    const sim = createSimulationStore(design, client);
    await sim.getState().run();
    expect(sim.getState().status).toBe('no-migration');
    expect(calls).toHaveLength(0);
  });

  it('flags a run as slow only once it has taken 300 ms', async () => {
    const { sim, calls } = setup();
    const done = sim.getState().run();
    await vi.advanceTimersByTimeAsync(299);
    expect(sim.getState().slow).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sim.getState().slow).toBe(true);
    calls[0]?.resolve(ok(report('r1')));
    await done;
    expect(sim.getState().slow).toBe(false);
  });

  it('selects and steps through the phases, within bounds', () => {
    const { sim } = setup();
    sim.getState().selectPhase('base');
    sim.getState().stepPhase(-1);
    expect(sim.getState().phase).toBe('base');
    sim.getState().stepPhase(1);
    expect(sim.getState().phase).toBe('target');
    sim.getState().selectPhase('settled');
    sim.getState().stepPhase(1);
    expect(sim.getState().phase).toBe('settled');
  });

  it('closes the route table of a speaker that leaves the design', () => {
    const { design, sim } = setup();
    sim.getState().showRoutes('node-b2');
    design.getState().update((d) => {
      d.spec.nodes = d.spec.nodes.filter((n) => n.name !== 'node-b2');
    });
    expect(sim.getState().speaker).toBeUndefined();
  });

  it('stops following the design once disposed', async () => {
    const { design, sim, calls } = setup();
    sim.getState().dispose();
    design.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65010));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(0);
  });
});

describe('route table follows the selection', () => {
  it('shows the selected speaker’s table while one is open', () => {
    const { design, sim } = setup();
    const ui = createUiStore();
    followSelection(ui, design, sim);
    ui.getState().select(['tor-a']);
    expect(sim.getState().speaker).toBeUndefined();
    sim.getState().showRoutes('node-a1');
    ui.getState().select(['tor-b']);
    expect(sim.getState().speaker).toBe('tor-b');
    ui.getState().select(['rack-a']);
    ui.getState().select(['peer:rack-a-tor']);
    ui.getState().select(['node-a2', 'node-b1']);
    expect(sim.getState().speaker).toBe('tor-b');
  });
});

describe('selectors', () => {
  it('read the selected phase: outcomes, VM host, verdict', () => {
    const s = {
      report: report('r', {
        'node-a1': 'blackhole',
        'node-a2': 'delivered',
        'node-b2': 'split',
        'border-1': 'delivered',
      }),
      phase: 'live' as const,
      instant: -1,
    };
    expect(currentPhase(s)?.name).toBe('live');
    expect(outcomeOf(s, 'node-a1')).toBe('blackhole');
    expect(outcomeOf(s, 'tor-a')).toBeUndefined();
    expect(vmHostOf(s)).toBe('node-b1');
    const v = verdictOf(currentPhase(s) as PhaseSummary);
    expect(v).toEqual({ delivered: 2, blackhole: 1, split: 1, loop: 0 });
    expect(verdictTone(v)).toBe('bad');
    expect(verdictTone({ delivered: 2, blackhole: 0, split: 1, loop: 0 })).toBe('partial');
    expect(verdictTone({ delivered: 2, blackhole: 0, split: 0, loop: 0 })).toBe('ok');
    expect(outcomeOf({ report: undefined, phase: 'live', instant: -1 }, 'node-a1')).toBeUndefined();
  });
});
