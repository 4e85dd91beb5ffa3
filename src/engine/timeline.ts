/**
 * The timeline of the report: every instant of the simulated exchange where something changed,
 * holding only what changed (each changed speaker's whole RIB or FIB list, each changed client's
 * flow), so that the state at any instant is the fold of the instants up to it. The UI plays it.
 *
 * What changed is decided by `TimelineChanges`, shared with the app's summary (which wants only
 * the names): a speaker whose candidates are the very same route objects as before has not
 * changed; for the names alone, one whose candidates differ in a field the rows show has; in
 * every other case its rows are built and compared as text, as the report shows them.
 */
import { parseIPv4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import type { Flow } from './dataplane';
import { fibEntries, flowReport, ribEntries, roundFraction } from './entries';
import type { FibEntry } from './fib';
import type { FibReportEntry, FlowReport, InstantReport, RouteEntry } from './reportTypes';
import type { Instant, Simulation, SpeakerRib } from './simulate';
import type { RibRoute } from './types';

function sameRib(a: SpeakerRib, b: SpeakerRib): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SpeakerRib[number];
    const y = b[i] as SpeakerRib[number];
    if (x.prefix.addr !== y.prefix.addr || x.prefix.len !== y.prefix.len || x.ranked.length !== y.ranked.length)
      return false;
    for (let j = 0; j < x.ranked.length; j++) if (x.ranked[j] !== y.ranked[j]) return false;
  }
  return true;
}

function sameFib(a: readonly FibEntry[], b: readonly FibEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

/** The next hop a row shows (as entries.ts builds it). */
const nextHop = (r: RibRoute) => (r.proto === 'bgp' ? (r.attrs.bgp_next_hop ?? r.attrs.gw) : r.attrs.gw);

/** Rows built from these two candidates' lists surely differ (a field the rows show differs). */
function ribDiffers(a: SpeakerRib, b: SpeakerRib): boolean {
  if (a.length !== b.length) return true;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SpeakerRib[number];
    const y = b[i] as SpeakerRib[number];
    if (x.prefix.addr !== y.prefix.addr || x.prefix.len !== y.prefix.len || x.ranked.length !== y.ranked.length)
      return true;
    for (let j = 0; j < x.ranked.length; j++) {
      const r = x.ranked[j] as RibRoute;
      const q = y.ranked[j] as RibRoute;
      if (r === q) continue;
      if (
        r.protocol !== q.protocol ||
        r.via?.peer !== q.via?.peer ||
        r.attrs.preference !== q.attrs.preference ||
        r.attrs.bgp_local_pref !== q.attrs.bgp_local_pref
      )
        return true;
      if (nextHop(r) !== nextHop(q) || (r.attrs.bgp_path ?? []).join(' ') !== (q.attrs.bgp_path ?? []).join(' '))
        return true;
    }
  }
  return false;
}

function fibDiffers(a: readonly FibEntry[], b: readonly FibEntry[]): boolean {
  if (a.length !== b.length) return true;
  return a.some((e, i) => {
    const f = b[i] as FibEntry;
    return (
      e !== f &&
      (e.prefix.addr !== f.prefix.addr ||
        e.prefix.len !== f.prefix.len ||
        e.metric !== f.metric ||
        e.kind !== f.kind ||
        e.proto !== f.proto ||
        e.nexthops.join() !== f.nexthops.join())
    );
  });
}

/** Two flows the report shows alike: every field `flowReport` keeps, compared (the fractions as it rounds them). */
function sameFlow(a: Flow, b: Flow): boolean {
  if (a === b) return true;
  if (
    a.client !== b.client ||
    a.outcome !== b.outcome ||
    a.deliveredFraction !== b.deliveredFraction ||
    a.paths.length !== b.paths.length
  )
    return false;
  return a.paths.every((p, i) => {
    const q = b.paths[i] as Flow['paths'][number];
    return (
      p.end === q.end &&
      p.why === q.why &&
      roundFraction(p.fraction) === roundFraction(q.fraction) &&
      p.hops.length === q.hops.length &&
      p.hops.every((h, j) => h === q.hops[j])
    );
  });
}

/** The last state of one speaker (or client) seen, its rows' text built only when needed. */
interface Seen<Raw> {
  raw: Raw;
  text: string | undefined;
}

interface Kind<Raw, Row> {
  /** Surely the same rows (the same objects). */
  readonly same: (a: Raw, b: Raw) => boolean;
  /** Surely different rows (a field shown differs); neither: the rows are built and compared. */
  readonly differs: (a: Raw, b: Raw) => boolean;
  readonly rows: (name: string, raw: Raw) => Row;
}

/** Walks the instants in order and tells, per speaker and client, whether it changed. */
export class TimelineChanges {
  private readonly ribs = new Map<string, Seen<SpeakerRib>>();
  private readonly fibs = new Map<string, Seen<readonly FibEntry[]>>();
  private readonly flows = new Map<string, Seen<Flow>>();
  private readonly rib: Kind<SpeakerRib, RouteEntry[]>;
  private readonly fibKind: Kind<readonly FibEntry[], FibReportEntry[]>;
  private readonly flowKind: Kind<Flow, FlowReport> = {
    same: sameFlow,
    differs: (a, b) => !sameFlow(a, b),
    rows: (_, f) => flowReport(f),
  };

  constructor(sim: Simulation) {
    const vmIp = parseIPv4(sim.migration.ip) as number;
    this.rib = { same: sameRib, differs: ribDiffers, rows: (speaker, r) => ribEntries(sim.net, speaker, r) };
    this.fibKind = { same: sameFib, differs: fibDiffers, rows: (_, f) => fibEntries(f, vmIp) };
  }

  /**
   * Whether `name`'s rows changed, remembering `raw` as its state now. With `wantRows` the rows
   * of a change are returned (otherwise `true`), built only when needed.
   */
  private changed<Raw, Row>(
    seen: Map<string, Seen<Raw>>,
    kind: Kind<Raw, Row>,
    name: string,
    raw: Raw,
    wantRows: boolean,
  ): Row | true | undefined {
    const last = seen.get(name);
    if (last && (last.raw === raw || kind.same(last.raw, raw))) {
      last.raw = raw;
      return undefined;
    }
    if (last && kind.differs(last.raw, raw)) {
      seen.set(name, { raw, text: undefined });
      return wantRows ? kind.rows(name, raw) : true;
    }
    const now = kind.rows(name, raw);
    const text = JSON.stringify(now);
    if (last) last.text ??= JSON.stringify(kind.rows(name, last.raw));
    seen.set(name, { raw, text });
    if (last?.text === text) return undefined;
    return wantRows ? now : true;
  }

  /** The speakers whose RIB changed at `i` (in name order), with their rows now. */
  routes(i: Instant): [string, RouteEntry[]][] {
    return this.walk(i.ribs, this.ribs, this.rib);
  }

  /** The speakers whose FIB changed at `i` (in name order), with their rows now. */
  fib(i: Instant): [string, FibReportEntry[]][] {
    return this.walk(i.fibs, this.fibs, this.fibKind);
  }

  /** The speakers whose RIB or FIB changed at `i`, in name order (no rows built when it is clear). */
  speakers(i: Instant): string[] {
    const out = new Set<string>();
    for (const speaker of i.ribs.keys())
      if (this.changed(this.ribs, this.rib, speaker, i.ribs.get(speaker) ?? [], false)) out.add(speaker);
    for (const speaker of i.fibs.keys())
      if (this.changed(this.fibs, this.fibKind, speaker, i.fibs.get(speaker) ?? [], false)) out.add(speaker);
    return [...out].sort(compareStrings);
  }

  private walk<Raw, Row>(
    now: ReadonlyMap<string, Raw>,
    seen: Map<string, Seen<Raw>>,
    kind: Kind<Raw, Row>,
  ): [string, Row][] {
    const out: [string, Row][] = [];
    for (const speaker of [...now.keys()].sort(compareStrings)) {
      const rows = this.changed(seen, kind, speaker, now.get(speaker) as Raw, true);
      if (rows !== undefined) out.push([speaker, rows as Row]);
    }
    return out;
  }

  /** The flows that changed at `i` (the engine's objects), in the instant's order. */
  changedFlows(i: Instant): Flow[] {
    return i.flows.filter((f) => this.changed(this.flows, this.flowKind, f.client, f, false) !== undefined);
  }

  /** The clients whose flow changed at `i`, in the instant's order. */
  flowChanges(i: Instant): FlowReport[] {
    const out: FlowReport[] = [];
    for (const f of i.flows) {
      const row = this.changed(this.flows, this.flowKind, f.client, f, true);
      if (row !== undefined) out.push(row as FlowReport);
    }
    return out;
  }
}

export function timelineReport(sim: Simulation): InstantReport[] {
  const changes = new TimelineChanges(sim);
  return sim.instants.map((i) => ({
    time: i.time,
    phase: i.phase,
    routes: Object.fromEntries(changes.routes(i)),
    fib: Object.fromEntries(changes.fib(i)),
    flows: changes.flowChanges(i),
  }));
}
