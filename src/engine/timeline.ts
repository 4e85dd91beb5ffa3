/**
 * The timeline of the report: every instant of the simulated exchange where something changed,
 * holding only what changed (each changed speaker's whole RIB or FIB list, each changed client's
 * flow), so that the state at any instant is the fold of the instants up to it. The UI plays it.
 *
 * What changed is decided by `TimelineChanges`, shared with the app's summary (which wants only
 * the names): a speaker whose candidates are the very same route objects as before has not
 * changed; otherwise its rows are built and compared as text, as the report shows them.
 */
import { parseIPv4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import type { Flow } from './dataplane';
import { fibEntries, flowReport, ribEntries } from './entries';
import type { FibEntry } from './fib';
import type { FibReportEntry, FlowReport, InstantReport, RouteEntry } from './report';
import type { Instant, Simulation, SpeakerRib } from './simulate';

function sameRib(a: SpeakerRib, b: SpeakerRib): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SpeakerRib[number];
    const y = b[i] as SpeakerRib[number];
    if (x.prefix.addr !== y.prefix.addr || x.prefix.len !== y.prefix.len || x.ranked.length !== y.ranked.length) return false;
    for (let j = 0; j < x.ranked.length; j++) if (x.ranked[j] !== y.ranked[j]) return false;
  }
  return true;
}

function sameFib(a: readonly FibEntry[], b: readonly FibEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

/** The last state of one speaker (or client) seen, its rows' text built only when needed. */
interface Seen<Raw> {
  raw: Raw;
  text: string | undefined;
}

/** Walks the instants in order and tells, per speaker and client, whether it changed. */
export class TimelineChanges {
  private readonly vmIp: number;
  private readonly ribs = new Map<string, Seen<SpeakerRib>>();
  private readonly fibs = new Map<string, Seen<readonly FibEntry[]>>();
  private readonly flows = new Map<string, Seen<Flow>>();

  constructor(private readonly sim: Simulation) {
    this.vmIp = parseIPv4(sim.migration.ip) as number;
  }

  private changed<Raw, Row>(seen: Map<string, Seen<Raw>>, name: string, raw: Raw, same: (a: Raw, b: Raw) => boolean, rows: (r: Raw) => Row): Row | undefined {
    const last = seen.get(name);
    if (last && (last.raw === raw || same(last.raw, raw))) {
      last.raw = raw;
      return undefined;
    }
    const now = rows(raw);
    const text = JSON.stringify(now);
    if (last) last.text ??= JSON.stringify(rows(last.raw));
    seen.set(name, { raw, text });
    return last?.text === text ? undefined : now;
  }

  /** The speakers whose RIB changed at `i` (in name order), with their rows now. */
  routes(i: Instant): [string, RouteEntry[]][] {
    const out: [string, RouteEntry[]][] = [];
    for (const speaker of [...i.ribs.keys()].sort(compareStrings)) {
      const rows = this.changed(this.ribs, speaker, i.ribs.get(speaker) ?? [], sameRib, (r) => ribEntries(this.sim.net, speaker, r));
      if (rows) out.push([speaker, rows]);
    }
    return out;
  }

  /** The speakers whose FIB changed at `i` (in name order), with their rows now. */
  fib(i: Instant): [string, FibReportEntry[]][] {
    const out: [string, FibReportEntry[]][] = [];
    for (const speaker of [...i.fibs.keys()].sort(compareStrings)) {
      const rows = this.changed(this.fibs, speaker, i.fibs.get(speaker) ?? [], sameFib, (f) => fibEntries(f, this.vmIp));
      if (rows) out.push([speaker, rows]);
    }
    return out;
  }

  /** The clients whose flow changed at `i`, in the instant's order. */
  flowChanges(i: Instant): FlowReport[] {
    const out: FlowReport[] = [];
    for (const f of i.flows) {
      const row = this.changed(this.flows, f.client, f, () => false, flowReport);
      if (row) out.push(row);
    }
    return out;
  }
}

export function timelineReport(sim: Simulation): InstantReport[] {
  const changes = new TimelineChanges(sim);
  return sim.instants.map((i) => ({ time: i.time, phase: i.phase, routes: Object.fromEntries(changes.routes(i)), fib: Object.fromEntries(changes.fib(i)), flows: changes.flowChanges(i) }));
}
