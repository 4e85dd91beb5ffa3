import { describe, expect, it } from 'vitest';
import type { FlowReport, SimulationSummary } from '../../../worker/protocol';
import {
  ALL_CLIENTS_LIMIT,
  choosePaths,
  endMarks,
  laneOffset,
  LANE_BASE,
  markTitle,
  MAX_DRAWN_FLOWS,
  planPaths,
} from './packetPaths';
import { shownFlows } from '../../../store/simulation';

const delivered = (client: string, hops: string[]): FlowReport => ({
  client,
  outcome: 'delivered',
  deliveredFraction: 1,
  paths: [hops],
  pathEnds: [{ end: 'delivered', why: `${hops[hops.length - 1]} delivers to the VM`, fraction: 1 }],
});
const NODE_A1_DROPS: FlowReport = {
  client: 'node-a1',
  outcome: 'blackhole',
  deliveredFraction: 0,
  paths: [['node-a1']],
  pathEnds: [
    {
      end: 'blackhole',
      why: "node-a1 hands the packet to the VM's interface, but the VM is not running on node-a1",
      fraction: 1,
    },
  ],
};
const SPLIT: FlowReport = {
  client: 'border-1',
  outcome: 'split',
  deliveredFraction: 0.5,
  paths: [
    ['border-1', 'spine-1', 'tor-b', 'node-b1'],
    ['border-1', 'spine-2', 'tor-a', 'node-a1'],
  ],
  pathEnds: [
    { end: 'delivered', why: 'node-b1 delivers to the VM', fraction: 0.5 },
    { end: 'blackhole', why: 'node-a1: blackhole route 10.244.1.0/26', fraction: 0.5 },
  ],
};
const LOOP: FlowReport = {
  client: 'node-a2',
  outcome: 'loop',
  deliveredFraction: 0,
  paths: [['node-a2', 'tor-a', 'spine-1', 'tor-a']],
  pathEnds: [{ end: 'loop', why: 'tor-a is visited twice', fraction: 1 }],
};
const map = (flows: FlowReport[]) => new Map(flows.map((f) => [f.client, f]));

describe('which packet paths are drawn', () => {
  const flows = map([delivered('node-b2', ['node-b2', 'tor-b', 'node-b1']), NODE_A1_DROPS, SPLIT]);

  it('all clients, in name order; none; or one client', () => {
    expect(choosePaths(flows, 'all')).toEqual({
      flows: [SPLIT, NODE_A1_DROPS, flows.get('node-b2')],
      hidden: 0,
      mode: 'all',
    });
    expect(choosePaths(flows, 'none')).toEqual({ flows: [], hidden: 0, mode: 'none' });
    expect(choosePaths(flows, 'node-a1')).toEqual({ flows: [NODE_A1_DROPS], hidden: 0, mode: 'one' });
    // A client that is gone: all are drawn (and the control says "all clients").
    expect(choosePaths(flows, 'node-z9').mode).toBe('all');
    expect(choosePaths(undefined, 'all')).toEqual({ flows: [], hidden: 0, mode: 'none' });
  });

  it('in a big design, all means the clients not delivered, at most MAX_DRAWN_FLOWS', () => {
    const many = map([
      ...Array.from({ length: ALL_CLIENTS_LIMIT }, (_, i) =>
        delivered(`n${String(i).padStart(3, '0')}`, [`n${i}`, 'tor']),
      ),
      NODE_A1_DROPS,
    ]);
    expect(choosePaths(many, 'all')).toEqual({ flows: [NODE_A1_DROPS], hidden: ALL_CLIENTS_LIMIT, mode: 'all' });
    expect(choosePaths(many, 'n003').flows.map((f) => f.client)).toEqual(['n003']);
    const failing = map(
      Array.from({ length: 100 }, (_, i) => ({ ...NODE_A1_DROPS, client: `c${String(i).padStart(3, '0')}` })),
    );
    const capped = choosePaths(failing, 'all');
    expect(capped.flows).toHaveLength(MAX_DRAWN_FLOWS);
    expect(capped.flows[0]?.client).toBe('c000');
    expect(capped.hidden).toBe(100 - MAX_DRAWN_FLOWS);
  });
});

describe('how packet paths are laid out', () => {
  it('gives each path sharing a link in the same direction its own lane', () => {
    const plan = planPaths([
      delivered('node-a1', ['node-a1', 'tor-a', 'spine-1', 'tor-b', 'node-b1']),
      delivered('node-a2', ['node-a2', 'tor-a', 'spine-1', 'tor-b', 'node-b1']),
      delivered('node-b2', ['node-b2', 'tor-b', 'node-b1']),
    ]);
    const lanes = (client: string) =>
      plan.find((f) => f.client === client)?.paths[0]?.segments.map((s) => `${s.from}>${s.to} ${s.lane}/${s.lanes}`);
    expect(lanes('node-a1')).toEqual([
      'node-a1>tor-a 0/1',
      'tor-a>spine-1 0/2',
      'spine-1>tor-b 0/2',
      'tor-b>node-b1 0/3',
    ]);
    expect(lanes('node-a2')).toEqual([
      'node-a2>tor-a 0/1',
      'tor-a>spine-1 1/2',
      'spine-1>tor-b 1/2',
      'tor-b>node-b1 1/3',
    ]);
    expect(lanes('node-b2')).toEqual(['node-b2>tor-b 0/1', 'tor-b>node-b1 2/3']);
  });

  it('ends each path where it is delivered, dropped, or where its loop closes', () => {
    const [split] = planPaths([SPLIT]);
    expect(split?.paths.map((p) => [p.end, p.endHop, p.segments.length])).toEqual([
      ['delivered', 'node-b1', 3],
      ['blackhole', 'node-a1', 3],
    ]);
    const [own] = planPaths([NODE_A1_DROPS]);
    expect(own?.paths.map((p) => [p.end, p.endHop, p.segments.length])).toEqual([['blackhole', 'node-a1', 0]]);
    const [loop] = planPaths([LOOP]);
    expect(loop?.paths[0]?.endHop).toBe('tor-a');
    // tor-a → spine-1 and spine-1 → tor-a are different directions: one lane each.
    expect(loop?.paths[0]?.segments.map((s) => s.lanes)).toEqual([1, 1, 1]);
  });

  it('spaces lanes 4 apart beside the link, squeezed into a 14-wide band when many', () => {
    expect(laneOffset(0, 1)).toBe(LANE_BASE);
    expect([0, 1, 2].map((l) => laneOffset(l, 3))).toEqual([6, 10, 14]);
    expect(laneOffset(8, 9)).toBe(LANE_BASE + 14);
  });

  it('marks each hop where paths fail once per way in, saying who and why', () => {
    const viaTorA = (client: string): FlowReport => ({
      ...NODE_A1_DROPS,
      client,
      paths: [[client, 'tor-a', 'node-a1']],
    });
    const marks = endMarks(planPaths([viaTorA('border-1'), NODE_A1_DROPS, viaTorA('node-a2'), LOOP, SPLIT]));
    expect(marks.map((m) => [m.hop, m.from, m.end, m.paths.map((p) => p.client)])).toEqual([
      ['node-a1', 'tor-a', 'blackhole', ['border-1', 'node-a2', 'border-1']],
      ['node-a1', undefined, 'blackhole', ['node-a1']],
      ['tor-a', 'spine-1', 'loop', ['node-a2']],
    ]);
    expect(marks[0] && markTitle(marks[0])).toBe(
      "✕ node-a1 drops the packets of border-1, node-a2\nnode-a1 hands the packet to the VM's interface, but the VM is not running on node-a1\nnode-a1: blackhole route 10.244.1.0/26",
    );
    expect(marks[2] && markTitle(marks[2])).toBe('↻ the packets of node-a2 loop back to tor-a\ntor-a is visited twice');
  });
});

describe('the flows shown', () => {
  const report = {
    migration: { vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-b1' },
    phases: [
      { name: 'base', vmHost: 'node-a1', flows: [delivered('node-a2', ['node-a2', 'tor-a', 'node-a1'])] },
      { name: 'live', vmHost: 'node-b1', flows: [NODE_A1_DROPS] },
    ],
    timeline: [
      { time: 0, phase: 'base', routes: {}, fib: {}, flows: [delivered('node-a2', ['node-a2', 'tor-a', 'node-a1'])] },
      { time: 2000, phase: 'live', routes: {}, fib: {}, flows: [NODE_A1_DROPS] },
    ],
  } as unknown as SimulationSummary;

  it('are the instant’s, folded over the timeline', () => {
    const at1 = shownFlows({ report, phase: 'live', instant: 1 });
    expect([...(at1?.keys() ?? [])]).toEqual(['node-a2', 'node-a1']);
    expect(at1?.get('node-a1')?.outcome).toBe('blackhole');
    expect(shownFlows({ report, phase: 'live', instant: 1 })).toBe(at1);
  });

  it('without an instant, are the phase’s settled flows (the same map every time)', () => {
    const live = shownFlows({ report, phase: 'live', instant: -1 });
    expect([...(live?.keys() ?? [])]).toEqual(['node-a1']);
    expect(shownFlows({ report, phase: 'live', instant: -1 })).toBe(live);
    expect(shownFlows({ report: undefined, phase: 'live', instant: -1 })).toBeUndefined();
  });
});
