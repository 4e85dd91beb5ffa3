/**
 * The timeline's axis (one segment per phase, linear inside, breaks for the quiet gaps) and its
 * words (the time as phase + offset, what happens at the time shown), on the shape of the default
 * design's report: base settles at 48 ms, later phases start 1 s after the previous settles,
 * settled 30 s after source-deleted.
 */
import { describe, expect, it } from 'vitest';
import type { EventReport, FlowReport, SimulationSummary } from '../../worker/protocol';
import { axisOf, formatGap, GAP, MIN_SPAN_MS, positionOf, timeAt } from './axis';
import { describeNow, formatMs, timeLabel } from './describe';

const flow = (client: string, outcome: FlowReport['outcome']): FlowReport => ({
  client,
  outcome,
  deliveredFraction: outcome === 'delivered' ? 1 : 0,
  paths: [[client]],
  pathEnds: [],
});
const phase = (name: string, start: number, settledAt: number, vmHost: string) => ({
  name,
  trigger: `${name} trigger`,
  vmHost,
  start,
  settledAt,
  flows: [flow('node-a1', 'delivered')],
  routes: {},
  fib: {},
  oscillating: [],
});
const send = (time: number, from: string, to: string, kind: 'update' | 'withdraw' = 'update'): EventReport => ({
  time,
  kind,
  prefix: '10.244.1.5/32',
  from,
  to,
  arrive: time + 10,
  paths: 1,
});
const table = (time: number, speaker: string, kind: 'rib' | 'fib'): EventReport => ({
  time,
  kind,
  prefix: '10.244.1.5/32',
  speaker,
});
const instant = (time: number, p: string, flows: FlowReport[] = []) => ({ time, phase: p, routes: {}, fib: {}, flows });

const REPORT = {
  migration: { vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-b1' },
  phases: [
    phase('base', 0, 48, 'node-a1'),
    phase('target', 1048, 1048, 'node-a1'),
    phase('live', 2048, 2096, 'node-b1'),
    phase('source-deleted', 3096, 3096, 'node-b1'),
    phase('settled', 33096, 33144, 'node-b1'),
  ],
  timeline: [
    instant(0, 'base', [flow('node-a1', 'delivered'), flow('border-1', 'blackhole')]),
    instant(48, 'base', [flow('border-1', 'delivered')]),
    instant(1048, 'target'),
    instant(2048, 'live', [flow('node-a1', 'blackhole'), flow('border-1', 'blackhole')]),
    instant(2060, 'live', [flow('border-1', 'delivered')]),
    instant(2096, 'live', [flow('node-a1', 'delivered')]),
    instant(3096, 'source-deleted'),
    instant(33096, 'settled'),
    instant(33144, 'settled'),
  ],
  events: [
    table(0, 'node-a1', 'rib'),
    send(0, 'node-a1', 'tor-a'),
    table(48, 'border-1', 'rib'),
    table(2048, 'node-b1', 'rib'),
    table(2048, 'node-b1', 'fib'),
    send(2048, 'node-b1', 'tor-b'),
    table(2060, 'tor-b', 'rib'),
    table(2060, 'tor-b', 'fib'),
    table(2060, 'spine-1', 'rib'),
    send(2060, 'tor-b', 'node-b2'),
    send(2060, 'tor-b', 'spine-1'),
    send(2060, 'tor-b', 'node-a9', 'withdraw'),
    table(2096, 'node-a1', 'fib'),
    table(33144, 'node-a1', 'fib'),
  ],
  transients: [{ phase: 'live', client: 'node-a1', blackholeMs: 48 }],
} as unknown as SimulationSummary;

describe('timeline axis', () => {
  const axis = axisOf(REPORT);

  it('gives each phase a segment: from its trigger to settled (at least MIN_SPAN_MS) plus the playback hold', () => {
    expect(axis.segments.map((s) => [s.phase, s.start, s.end])).toEqual([
      ['base', 0, 72],
      ['target', 1048, 1048 + MIN_SPAN_MS + 24],
      ['live', 2048, 2120],
      ['source-deleted', 3096, 3144],
      ['settled', 33096, 33168],
    ]);
    expect(axis.segments.map((s) => s.events.length)).toEqual([3, 0, 10, 0, 1]);
  });

  it('lays the segments side by side, roughly equal, with breaks labelled by the quiet time', () => {
    const widths = axis.segments.map((s) => s.width);
    expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThanOrEqual(0.6);
    const last = axis.segments[4] as { left: number; width: number };
    expect(last.left + last.width).toBeCloseTo(1, 9);
    expect(axis.breaks.map((b) => formatGap(b.ms))).toEqual(['1 s', '1 s', '1 s', '30 s']);
    expect(axis.breaks.map((b) => b.width)).toEqual([GAP, GAP, GAP, GAP]);
    const live = axis.segments[2] as { left: number; width: number };
    expect(axis.breaks[1]?.left).toBeCloseTo(live.left - GAP, 9);
  });

  it('maps times to positions and back, linear inside a segment', () => {
    const live = axis.segments[2] as { left: number; width: number };
    expect(positionOf(axis, 2048)).toBeCloseTo(live.left, 9);
    expect(positionOf(axis, 2084)).toBeCloseTo(live.left + live.width / 2, 9);
    expect(timeAt(axis, live.left + live.width / 2)).toBe(2084);
    expect(timeAt(axis, live.left + live.width / 4)).toBe(2066);
    // A quiet gap sits at the end of the segment before it.
    expect(positionOf(axis, 2500)).toBeCloseTo(live.left + live.width, 9);
    expect(positionOf(axis, -5)).toBe(0);
    expect(positionOf(axis, 99999)).toBe(1);
    // In a break: the nearer edge.
    const brk = axis.breaks[1] as { left: number; width: number };
    expect(timeAt(axis, brk.left + brk.width * 0.2)).toBe(1048 + MIN_SPAN_MS + 24);
    expect(timeAt(axis, brk.left + brk.width * 0.8)).toBe(2048);
    expect([timeAt(axis, 0), timeAt(axis, 1)]).toEqual([0, 33168]);
  });
});

describe('timeline words', () => {
  it('says the time as the phase and the offset from its trigger', () => {
    expect(timeLabel(REPORT, 2072)?.text).toBe('live +24 ms');
    expect(timeLabel(REPORT, 33144)?.text).toBe('settled +48 ms');
    expect(timeLabel(REPORT, 0)?.text).toBe('base +0 ms');
    expect(formatMs(33144)).toBe('33,144 ms');
  });

  it('at an instant: the trigger of a phase, the table changes, the messages sent, the clients that change', () => {
    expect(describeNow(REPORT, 2048, 3).map((i) => [i.kind, i.text])).toEqual([
      ['trigger', 'live: live trigger'],
      ['tables', '10.244.1.5/32 changes the RIB and FIB of node-b1'],
      ['update', 'node-b1 updates 10.244.1.5/32 → tor-b'],
      ['flows', '✕ blackhole: node-a1, border-1'],
    ]);
    expect(describeNow(REPORT, 2060, 4).map((i) => [i.kind, i.text, i.outcome])).toEqual([
      ['tables', '10.244.1.5/32 changes the RIB and FIB of tor-b', undefined],
      ['tables', '10.244.1.5/32 changes the RIB of spine-1', undefined],
      ['update', 'tor-b updates 10.244.1.5/32 → node-b2, spine-1', undefined],
      ['withdraw', 'tor-b withdraws 10.244.1.5/32 → node-a9', undefined],
      ['flows', '✓ delivered: border-1', 'delivered'],
    ]);
  });

  it('lists at most 8 names', () => {
    const many = {
      ...REPORT,
      events: Array.from({ length: 12 }, (_, k) => table(2096, `node-${String(k).padStart(2, '0')}`, 'fib')),
    } as unknown as SimulationSummary;
    expect(describeNow(many, 2096, 5)[0]?.text).toBe(
      '10.244.1.5/32 changes the FIB of node-00, node-01, node-02, node-03, node-04, node-05, node-06 +5 more',
    );
  });

  it('between instants: the messages in flight, then those being processed, then nothing', () => {
    expect(describeNow(REPORT, 2065, 4).map((i) => i.text)).toEqual([
      'UPDATE 10.244.1.5/32 in flight tor-b → node-b2, spine-1, arrives +22 ms',
      'WITHDRAW 10.244.1.5/32 in flight tor-b → node-a9, arrives +22 ms',
    ]);
    expect(describeNow(REPORT, 2071, 4).map((i) => i.text)).toEqual([
      'node-b2, spine-1 process the UPDATE of 10.244.1.5/32 from tor-b',
      'node-a9 processes the WITHDRAW of 10.244.1.5/32 from tor-b',
    ]);
    expect(describeNow(REPORT, 2110, 5).map((i) => [i.kind, i.text])).toEqual([
      ['quiet', 'settled at +48 ms: no change since'],
    ]);
  });
});
