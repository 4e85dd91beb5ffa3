/**
 * The summary's timeline as states the UI can show: the flows at every instant folded from the
 * changes the summary holds, what changed at each instant, and the row-by-row difference between
 * two instants' tables (the rows themselves come from the worker, one speaker at a time). Pure
 * functions over the summary, memoized per summary.
 */
import type { FibReportEntry, FlowReport, RouteEntry, SimulationSummary } from '../worker/protocol';

export interface InstantState {
  readonly index: number;
  readonly time: number;
  readonly phase: string;
  readonly vmHost: string;
  readonly flows: ReadonlyMap<string, FlowReport>;
  /** Speakers whose RIB or FIB changed at this instant. */
  readonly changedSpeakers: ReadonlySet<string>;
  /** Clients whose flow changed at this instant. */
  readonly changedClients: ReadonlySet<string>;
}

type Timeline = Pick<SimulationSummary, 'timeline'>;

const cache = new WeakMap<Pick<SimulationSummary, 'timeline' | 'phases' | 'migration'>, readonly InstantState[]>();

/** The state after each instant of the timeline, in order. */
export function instantStates(
  report: Pick<SimulationSummary, 'timeline' | 'phases' | 'migration'>,
): readonly InstantState[] {
  const hit = cache.get(report);
  if (hit) return hit;
  const hosts = new Map(report.phases.map((p) => [p.name, p.vmHost]));
  const out: InstantState[] = [];
  let flows = new Map<string, FlowReport>();
  report.timeline.forEach((i, index) => {
    if (i.flows.length > 0) {
      flows = new Map(flows);
      for (const f of i.flows) flows.set(f.client, f);
    }
    out.push({
      index,
      time: i.time,
      phase: i.phase,
      vmHost: hosts.get(i.phase) ?? report.migration.from,
      flows,
      changedSpeakers: new Set(i.speakers),
      changedClients: new Set(i.flows.map((f) => f.client)),
    });
  });
  cache.set(report, out);
  return out;
}

/** The last instant at or before `time` (-1: before the first). */
export function instantAt(report: Timeline, time: number): number {
  const t = report.timeline;
  let lo = 0;
  let hi = t.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((t[mid] as { time: number }).time <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first and last instant of a phase (its trigger and its settled state). */
export function phaseInstants(report: Timeline, phase: string): { first: number; last: number } | undefined {
  let first = -1;
  let last = -1;
  report.timeline.forEach((i, index) => {
    if (i.phase !== phase) return;
    if (first < 0) first = index;
    last = index;
  });
  return first < 0 ? undefined : { first, last };
}

export type Change = 'added' | 'changed' | 'same';

export interface RowDiff<T> {
  /** The rows now, each with what happened to it since the earlier instant. */
  readonly rows: readonly { readonly row: T; readonly change: Change }[];
  /** Rows the earlier instant had and this one has not. */
  readonly removed: readonly T[];
}

function diffBy<T>(prev: readonly T[] | undefined, next: readonly T[] | undefined, key: (r: T) => string): RowDiff<T> {
  const before = new Map((prev ?? []).map((r) => [key(r), r]));
  const seen = new Set<string>();
  const rows = (next ?? []).map((row) => {
    const k = key(row);
    seen.add(k);
    const old = before.get(k);
    const change: Change =
      old === undefined ? 'added' : JSON.stringify(old) === JSON.stringify(row) ? 'same' : 'changed';
    return { row, change };
  });
  return { rows, removed: (prev ?? []).filter((r) => !seen.has(key(r))) };
}

/** A RIB row is the same candidate when prefix, source protocol, next hop and AS path are. */
export const routeKey = (r: RouteEntry): string => `${r.prefix}|${r.protocol}|${r.nextHop ?? ''}|${r.asPath.join(' ')}`;
/** A kernel route is the same when prefix, installer and metric are (a new metric is a new route). */
export const fibKey = (f: FibReportEntry): string => `${f.prefix}|${f.proto}|${f.metric}`;

export function diffRoutes(
  prev: readonly RouteEntry[] | undefined,
  next: readonly RouteEntry[] | undefined,
): RowDiff<RouteEntry> {
  return diffBy(prev, next, routeKey);
}

export function diffFib(
  prev: readonly FibReportEntry[] | undefined,
  next: readonly FibReportEntry[] | undefined,
): RowDiff<FibReportEntry> {
  return diffBy(prev, next, fibKey);
}
