import { describe, expect, it } from 'vitest';
import type { EventReport } from '../../../worker/protocol';
import { messagesInFlight, messageTitle } from './messages';

const EVENTS: EventReport[] = [
  { time: 0, kind: 'rib', prefix: '10.244.1.0/26', speaker: 'node-a1' },
  { time: 0, kind: 'update', prefix: '10.244.1.0/26', from: 'node-a1', to: 'tor-a', arrive: 10, paths: 1 },
  { time: 0, kind: 'update', prefix: '10.244.1.5/32', from: 'node-a1', to: 'tor-a', arrive: 10, paths: 1 },
  { time: 12, kind: 'fib', prefix: '10.244.1.0/26', speaker: 'tor-a' },
  { time: 12, kind: 'update', prefix: '10.244.1.0/26', from: 'tor-a', to: 'spine-1', arrive: 22, paths: 2 },
  { time: 12, kind: 'withdraw', prefix: '10.244.1.5/32', from: 'tor-a', to: 'node-a2', arrive: 22 },
  { time: 2048, kind: 'update', prefix: '10.244.1.5/32', from: 'node-b1', to: 'tor-b', arrive: 2058, paths: 1 },
];
const report = { events: EVENTS };

const summary = (t: number) =>
  messagesInFlight(report, t).map((f) => [
    f.message.kind,
    f.message.from,
    f.message.to,
    f.message.prefix,
    f.progress,
    f.queue,
  ]);

describe('BGP messages in flight', () => {
  it('are the UPDATEs and WITHDRAWs sent at or before the time and arriving after it', () => {
    expect(summary(0)).toEqual([
      ['update', 'node-a1', 'tor-a', '10.244.1.0/26', 0, 0],
      ['update', 'node-a1', 'tor-a', '10.244.1.5/32', 0, 1],
    ]);
    expect(summary(5)).toEqual([
      ['update', 'node-a1', 'tor-a', '10.244.1.0/26', 0.5, 0],
      ['update', 'node-a1', 'tor-a', '10.244.1.5/32', 0.5, 1],
    ]);
    // Arrived at 10: gone; the next batch leaves at 12.
    expect(summary(10)).toEqual([]);
    expect(summary(11)).toEqual([]);
    expect(summary(19.5)).toEqual([
      ['update', 'tor-a', 'spine-1', '10.244.1.0/26', 0.75, 0],
      ['withdraw', 'tor-a', 'node-a2', '10.244.1.5/32', 0.75, 0],
    ]);
    expect(summary(2053)).toEqual([['update', 'node-b1', 'tor-b', '10.244.1.5/32', 0.5, 0]]);
    expect(summary(3000)).toEqual([]);
    expect(summary(-1)).toEqual([]);
  });

  it('never returns more than the limit', () => {
    expect(messagesInFlight(report, 5, 1)).toHaveLength(1);
  });

  it('say what they carry on hover', () => {
    const [update] = messagesInFlight(report, 13);
    expect(update && messageTitle(update.message)).toBe(
      'UPDATE 10.244.1.0/26 tor-a → spine-1 (2 paths)\nsent at 12 ms, arrives at 22 ms',
    );
    const [first] = messagesInFlight(report, 1);
    expect(first && messageTitle(first.message)).toBe(
      'UPDATE 10.244.1.0/26 node-a1 → tor-a (1 path)\nsent at 0 ms, arrives at 10 ms',
    );
    const withdraw = messagesInFlight(report, 13)[1];
    expect(withdraw && messageTitle(withdraw.message)).toBe(
      'WITHDRAW 10.244.1.5/32 tor-a → node-a2\nsent at 12 ms, arrives at 22 ms',
    );
  });
});
