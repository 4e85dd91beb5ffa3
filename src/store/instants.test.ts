/**
 * The timeline in the UI's terms: states folded from the report's instants, the instant at a
 * time, the difference between two instants row by row, and the simulation store's playback
 * (phases, steps, scrubbing, play with the gaps between phases skipped).
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../lib/result';
import { DEFAULT_SCENARIO } from '../scenarios';
import type { EngineClient } from '../worker/client';
import type { FibReportEntry, FlowReport, RouteEntry, SimulationSummary } from '../worker/protocol';
import { createDesignStore } from './design';
import { diffFib, diffRoutes, instantAt, instantStates, phaseInstants } from './instants';
import { createSimulationStore, flowOf, PHASE_HOLD_MS, vmHostOf, WALL_MS_PER_SIM_MS } from './simulation';

const route = (o: Partial<RouteEntry>): RouteEntry =>
  ({
    prefix: '10.244.1.5/32',
    selected: true,
    nextHop: '10.0.1.1',
    learnedFrom: 'tor-a',
    localPref: 100,
    asPath: [65001],
    communities: [],
    preference: 100,
    metric: null,
    reason: 'only',
    explanation: 'the only candidate',
    protocol: 'Node_10_0_1_1',
    largeCommunities: [],
    origin: 'IGP',
    med: null,
    source: 'RTS_BGP',
    decidedBy: null,
    changes: [],
    ...o,
  }) as RouteEntry;
const fib = (o: Partial<FibReportEntry>): FibReportEntry => ({
  prefix: '10.244.1.5/32',
  metric: 0,
  kind: 'via',
  via: ['10.0.1.1'],
  proto: 'bird',
  used: true,
  explanation: '',
  ...o,
});
const flow = (client: string, outcome: FlowReport['outcome']): FlowReport => ({
  client,
  outcome,
  deliveredFraction: outcome === 'delivered' ? 1 : 0,
  paths: [[client]],
  pathEnds: [],
});

/** base at 0 and 12 ms, target at 1012 (nothing changes), live at 2012 and 2024. */
const REPORT = {
  session: 's',
  migration: { vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-b1' },
  phases: [
    { name: 'base', vmHost: 'node-a1', flows: [flow('node-a2', 'delivered')] },
    { name: 'target', vmHost: 'node-a1', flows: [flow('node-a2', 'delivered')] },
    { name: 'live', vmHost: 'node-b1', flows: [flow('node-a2', 'delivered')] },
  ],
  timeline: [
    { time: 0, phase: 'base', speakers: ['node-a1'], flows: [flow('node-a2', 'blackhole')] },
    { time: 12, phase: 'base', speakers: ['tor-a'], flows: [flow('node-a2', 'delivered')] },
    { time: 1012, phase: 'target', speakers: [], flows: [] },
    {
      time: 2012,
      phase: 'live',
      speakers: ['tor-a'],
      flows: [flow('node-a2', 'blackhole'), flow('node-b2', 'delivered')],
    },
    { time: 2024, phase: 'live', speakers: ['node-b1', 'tor-a'], flows: [flow('node-a2', 'delivered')] },
  ],
} as unknown as SimulationSummary;

describe('instant states', () => {
  const states = instantStates(REPORT);

  it('fold the changes: a client keeps its flow until it changes', () => {
    expect(
      states.map((s) => [
        s.time,
        s.phase,
        s.vmHost,
        [...s.changedSpeakers].join(','),
        [...s.flows.values()].map((f) => `${f.client} ${f.outcome}`).join(', '),
      ]),
    ).toEqual([
      [0, 'base', 'node-a1', 'node-a1', 'node-a2 blackhole'],
      [12, 'base', 'node-a1', 'tor-a', 'node-a2 delivered'],
      [1012, 'target', 'node-a1', '', 'node-a2 delivered'],
      [2012, 'live', 'node-b1', 'tor-a', 'node-a2 blackhole, node-b2 delivered'],
      [2024, 'live', 'node-b1', 'node-b1,tor-a', 'node-a2 delivered, node-b2 delivered'],
    ]);
    expect([...(states[3]?.changedClients ?? [])]).toEqual(['node-a2', 'node-b2']);
    expect([...(states[2]?.changedClients ?? [])]).toEqual([]);
    // An instant where no flow changed shares the flows of the one before (selectors stay cheap).
    expect(states[2]?.flows).toBe(states[1]?.flows);
    expect(instantStates(REPORT)).toBe(states);
  });

  it('the instant in force at a time, and the instants of a phase', () => {
    expect([-1, 0, 11, 12, 2000, 2012, 99999].map((t) => instantAt(REPORT, t))).toEqual([-1, 0, 0, 1, 2, 3, 4]);
    expect(phaseInstants(REPORT, 'live')).toEqual({ first: 3, last: 4 });
    expect(phaseInstants(REPORT, 'settled')).toBeUndefined();
  });
});

describe('the difference between two instants', () => {
  it('RIB rows: added, changed (same candidate, new attributes), unchanged, removed', () => {
    const before = [route({}), route({ protocol: 'Node_10_0_1_2', nextHop: '10.0.1.2', selected: false })];
    const after = [route({ selected: false }), route({ protocol: 'Node_10_0_1_3', nextHop: '10.0.1.3' })];
    const d = diffRoutes(before, after);
    expect(d.rows.map((r) => [r.row.protocol, r.change])).toEqual([
      ['Node_10_0_1_1', 'changed'],
      ['Node_10_0_1_3', 'added'],
    ]);
    expect(d.removed.map((r) => r.protocol)).toEqual(['Node_10_0_1_2']);
    expect(diffRoutes(before, before).rows.every((r) => r.change === 'same')).toBe(true);
    expect(diffRoutes(undefined, before).rows.map((r) => r.change)).toEqual(['added', 'added']);
  });

  it('kernel routes: a new metric is a new route', () => {
    const d = diffFib(
      [fib({ metric: 1024, proto: 'felix', kind: 'local', via: [] }), fib({ metric: 2147483547 })],
      [fib({ metric: 1024, proto: 'felix', kind: 'local', via: [] }), fib({ metric: 512 })],
    );
    expect(d.rows.map((r) => [r.row.metric, r.change])).toEqual([
      [1024, 'same'],
      [512, 'added'],
    ]);
    expect(d.removed.map((r) => r.metric)).toEqual([2147483547]);
  });
});

describe('playback in the simulation store', () => {
  async function ready() {
    const client: EngineClient = { simulate: () => Promise.resolve(ok(REPORT)), dispose: () => undefined };
    const sim = createSimulationStore(createDesignStore(DEFAULT_SCENARIO.doc), client);
    await sim.getState().run();
    return sim;
  }

  it('a new report shows the selected phase settled; phases, steps and scrubbing move the instant', async () => {
    const sim = await ready();
    expect(sim.getState()).toMatchObject({ phase: 'live', instant: 4, time: 2024 });
    sim.getState().selectPhase('base');
    expect(sim.getState()).toMatchObject({ phase: 'base', instant: 1, time: 12 });
    expect(flowOf(sim.getState(), 'node-a2')?.outcome).toBe('delivered');
    sim.getState().stepInstant(-1);
    expect(sim.getState()).toMatchObject({ phase: 'base', instant: 0, time: 0 });
    expect(flowOf(sim.getState(), 'node-a2')?.outcome).toBe('blackhole');
    sim.getState().stepInstant(-1);
    expect(sim.getState().instant).toBe(0);
    sim.getState().setTime(2015);
    expect(sim.getState()).toMatchObject({ phase: 'live', instant: 3, time: 2015 });
    expect(vmHostOf(sim.getState())).toBe('node-b1');
  });

  it('plays at the chosen speed, skips the quiet time between phases, stops at the end', async () => {
    const sim = await ready();
    sim.getState().selectPhase('base');
    sim.getState().stepInstant(-1);
    sim.getState().play();
    sim.getState().tick(6 * WALL_MS_PER_SIM_MS);
    expect(sim.getState()).toMatchObject({ time: 6, instant: 0, playing: true });
    sim.getState().setSpeed(2);
    sim.getState().play();
    sim.getState().tick(3 * WALL_MS_PER_SIM_MS);
    expect(sim.getState()).toMatchObject({ time: 12, instant: 1 });
    // Past base's hold: on to target's trigger, then live's.
    sim.getState().tick(PHASE_HOLD_MS * WALL_MS_PER_SIM_MS);
    expect(sim.getState()).toMatchObject({ time: 1012, phase: 'target', instant: 2 });
    sim.getState().tick(PHASE_HOLD_MS * WALL_MS_PER_SIM_MS);
    expect(sim.getState()).toMatchObject({ time: 2012, phase: 'live' });
    sim.getState().tick(10_000 * WALL_MS_PER_SIM_MS);
    expect(sim.getState()).toMatchObject({ time: 2024 + PHASE_HOLD_MS, phase: 'live', instant: 4, playing: false });
    // Play at the end starts over.
    sim.getState().play();
    expect(sim.getState()).toMatchObject({ time: 0, instant: 0, playing: true });
    sim.getState().setSpeed(10);
    expect(sim.getState().speed).toBe(4);
  });
});
