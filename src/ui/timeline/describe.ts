/**
 * The timeline in words: the simulated time as the phase and the offset from its trigger
 * (`live +24 ms`), and what happens at the time shown: the trigger, the RIB/FIB changes, the
 * UPDATEs and WITHDRAWs sent, the clients whose traffic changes, or the messages in flight when
 * the time falls between two instants.
 */
import { instantStates, phaseInstants } from '../../store/instants';
import type { Outcome } from '../../store/simulation';
import type { EventReport, FlowReport, SimulationSummary } from '../../worker/protocol';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../sim/outcome';
import { axisOf, segmentAt } from './axis';

/** `2,072 ms`: whole milliseconds, grouped for reading. */
export function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export interface TimeLabel {
  readonly phase: string;
  /** Whole ms since the phase's trigger. */
  readonly offset: number;
  /** `live +24 ms` */
  readonly text: string;
}

export function timeLabel(report: SimulationSummary, time: number): TimeLabel | undefined {
  const seg = segmentAt(axisOf(report), time);
  if (!seg) return undefined;
  const offset = Math.round(time - seg.start);
  return { phase: seg.phase, offset, text: `${seg.phase} +${offset} ms` };
}

export type NowKind = 'trigger' | 'tables' | 'update' | 'withdraw' | 'flight' | 'flows' | 'quiet';

export interface NowItem {
  readonly kind: NowKind;
  readonly text: string;
  /** `flows` items: the outcome the listed clients now have. */
  readonly outcome?: Outcome;
}

/** Names listed in full up to this many; a large fabric's longer lists end in `+N more`. */
const LIST_MAX = 8;

function list(names: Iterable<string>): string {
  const all = [...new Set(names)];
  return all.length <= LIST_MAX
    ? all.join(', ')
    : `${all.slice(0, LIST_MAX - 1).join(', ')} +${all.length - LIST_MAX + 1} more`;
}

/** Groups in first-seen order. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.values()];
}

/** `10.244.1.5/32 changes the RIB and FIB of node-b2, spine-1`, one item per prefix and set of tables. */
function tableItems(events: readonly EventReport[]): NowItem[] {
  const bySpeaker = new Map<string, { prefix: string; speaker: string; rib: boolean; fib: boolean }>();
  for (const e of events) {
    if ((e.kind !== 'rib' && e.kind !== 'fib') || e.speaker === undefined) continue;
    const k = `${e.prefix}|${e.speaker}`;
    const entry = bySpeaker.get(k) ?? { prefix: e.prefix, speaker: e.speaker, rib: false, fib: false };
    entry[e.kind] = true;
    bySpeaker.set(k, entry);
  }
  return groupBy([...bySpeaker.values()], (c) => `${c.prefix}|${c.rib}|${c.fib}`).map((g) => {
    const c = g[0] as { prefix: string; rib: boolean; fib: boolean };
    const tables = c.rib && c.fib ? 'RIB and FIB' : c.rib ? 'RIB' : 'FIB';
    return { kind: 'tables' as const, text: `${c.prefix} changes the ${tables} of ${list(g.map((x) => x.speaker))}` };
  });
}

/** `tor-b updates 10.244.1.5/32 → node-b2, spine-1` */
function sendItems(events: readonly EventReport[]): NowItem[] {
  const sends = events.filter((e) => e.kind === 'update' || e.kind === 'withdraw');
  return groupBy(sends, (e) => `${e.kind}|${e.from}|${e.prefix}`).map((g) => {
    const e = g[0] as EventReport;
    const verb = e.kind === 'update' ? 'updates' : 'withdraws';
    return {
      kind: e.kind as 'update' | 'withdraw',
      text: `${e.from} ${verb} ${e.prefix} → ${list(g.map((x) => x.to ?? '?'))}`,
    };
  });
}

/** `✕ blackhole: border-1, node-a2`: the clients whose traffic changes, by their new outcome. */
function flowItems(flows: readonly FlowReport[]): NowItem[] {
  const order: Outcome[] = ['blackhole', 'loop', 'split', 'delivered'];
  return order
    .map((o) => ({ o, clients: flows.filter((f) => f.outcome === o).map((f) => f.client) }))
    .filter((g) => g.clients.length > 0)
    .map((g) => ({
      kind: 'flows' as const,
      outcome: g.o,
      text: `${OUTCOME_ICON[g.o]} ${OUTCOME_LABEL[g.o]}: ${list(g.clients)}`,
    }));
}

/** What happens at `time`, given the instant in force there (index into report.timeline, -1: none). */
export function describeNow(report: SimulationSummary, time: number, instant: number): NowItem[] {
  const seg = segmentAt(axisOf(report), time);
  if (!seg) return [];
  const at = (t: number) => `+${Math.round(t - seg.start)} ms`;
  const cur = instant >= 0 ? instantStates(report)[instant] : undefined;
  const items: NowItem[] = [];
  if (cur && Math.abs(cur.time - time) < 0.5) {
    // Exactly at an instant: everything that changes there.
    if (phaseInstants(report, cur.phase)?.first === instant) {
      const trigger = report.phases.find((p) => p.name === cur.phase)?.trigger;
      if (trigger) items.push({ kind: 'trigger', text: `${cur.phase}: ${trigger}` });
    }
    const events = seg.events.filter((e) => e.time === cur.time);
    items.push(...tableItems(events), ...sendItems(events), ...flowItems(report.timeline[instant]?.flows ?? []));
    return items;
  }
  // Between instants: the messages on the wire.
  const flying = seg.events.filter(
    (e) =>
      (e.kind === 'update' || e.kind === 'withdraw') && e.arrive !== undefined && e.time <= time && time < e.arrive,
  );
  for (const g of groupBy(flying, (e) => `${e.kind}|${e.from}|${e.prefix}|${e.arrive}`)) {
    const e = g[0] as EventReport;
    items.push({
      kind: 'flight',
      text: `${e.kind === 'update' ? 'UPDATE' : 'WITHDRAW'} ${e.prefix} in flight ${e.from} → ${list(g.map((x) => x.to ?? '?'))}, arrives ${at(e.arrive as number)}`,
    });
  }
  // Arrived since the last instant, not yet through the receiver's import (the processing delay).
  const since = cur?.time ?? -Infinity;
  const arrived = seg.events.filter(
    (e) =>
      (e.kind === 'update' || e.kind === 'withdraw') && e.arrive !== undefined && e.arrive <= time && e.arrive > since,
  );
  for (const g of groupBy(arrived, (e) => `${e.kind}|${e.from}|${e.prefix}`)) {
    const e = g[0] as EventReport;
    items.push({
      kind: 'flight',
      text: `${list(g.map((x) => x.to ?? '?'))} process${g.length === 1 ? 'es' : ''} the ${e.kind === 'update' ? 'UPDATE' : 'WITHDRAW'} of ${e.prefix} from ${e.from}`,
    });
  }
  if (items.length > 0) return items;
  if (cur && cur.phase === seg.phase) {
    const settled = time >= seg.settledAt;
    items.push({
      kind: 'quiet',
      text: settled ? `settled at ${at(seg.settledAt)}: no change since` : `no change since ${at(cur.time)}`,
    });
  } else items.push({ kind: 'quiet', text: `${seg.phase} starts at ${formatMs(seg.start)}` });
  return items;
}
