/**
 * What the UI needs first of a simulation, small enough to cross the worker boundary in a few
 * milliseconds at data-center scale: per phase its verdict (the flows), the timeline's instants
 * with the flows and the speakers that changed at each, the events, the transients and the
 * diagnostics. The RIB and FIB rows stay in the worker's session (asked for one speaker at one
 * instant, see session.ts). On the wire every repeated string is interned and every flow is sent
 * once however many phases and instants share it; `decodeSummary` rebuilds plain objects that
 * carry the same values as the report of DESIGN §5 (`toReport`), which the CLI keeps.
 */
import type { Diagnostic } from '../engine/diagnostics/types';
import type { EventReport, FlowReport, PhaseReport, SimulationReport } from '../engine/report';

/** A phase of the report without its RIB and FIB rows (the app asks for those one speaker at a time). */
export type PhaseSummary = Omit<PhaseReport, 'routes' | 'fib'>;

export interface InstantSummary {
  readonly time: number;
  readonly phase: string;
  /** Speakers whose RIB or FIB (for prefixes containing the VM's IP) changed at this instant. */
  readonly speakers: readonly string[];
  /** Clients whose flow changed. */
  readonly flows: readonly FlowReport[];
}

export interface SimulationSummary {
  readonly kind: 'SimulationSummary';
  /** The worker's session that holds the rest (RIB and FIB rows): the key of design + VM + target. */
  readonly session: string;
  readonly topology: string;
  readonly migration: SimulationReport['migration'];
  readonly phases: readonly PhaseSummary[];
  readonly timeline: readonly InstantSummary[];
  readonly transients: SimulationReport['transients'];
  readonly diagnostics: readonly Diagnostic[];
  readonly events: readonly EventReport[];
}

/** A flow on the wire: strings as indices into `strings`. */
type WireFlow = readonly [
  client: number,
  outcome: number,
  deliveredFraction: number,
  paths: readonly (readonly number[])[],
  ends: readonly (readonly [end: number, why: number, fraction: number])[],
];

/** The events column by column (one entry per event; `null` where an event has no such field). */
export interface WireEvents {
  readonly time: readonly number[];
  readonly kind: readonly number[];
  readonly prefix: readonly number[];
  /** `from` of a message, `speaker` of a table change. */
  readonly a: readonly number[];
  readonly to: readonly (number | null)[];
  readonly arrive: readonly (number | null)[];
  readonly paths: readonly (number | null)[];
}

export interface WireSummary {
  readonly strings: readonly string[];
  readonly session: string;
  readonly topology: string;
  readonly migration: SimulationReport['migration'];
  readonly flows: readonly WireFlow[];
  readonly phases: readonly (Omit<PhaseSummary, 'flows'> & { readonly flows: readonly number[] })[];
  readonly timeline: readonly {
    readonly time: number;
    readonly phase: number;
    readonly speakers: readonly number[];
    readonly flows: readonly number[];
  }[];
  readonly transients: SimulationReport['transients'];
  readonly diagnostics: readonly Diagnostic[];
  readonly events: WireEvents;
}

/** Strings to small integers, in order of first use. */
export class Interner {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const EVENT_KINDS: readonly EventReport['kind'][] = ['update', 'withdraw', 'rib', 'fib'];
const OUTCOMES: readonly FlowReport['outcome'][] = ['delivered', 'blackhole', 'loop', 'split'];
const ENDS: readonly FlowReport['pathEnds'][number]['end'][] = ['delivered', 'blackhole', 'loop'];

/** Builds the wire form; `flowId` interns a flow report (the caller keeps flows shared across instants). */
export class SummaryEncoder {
  readonly strings = new Interner();
  readonly flows: WireFlow[] = [];
  private readonly flowIndex = new Map<string, number>();

  flow(f: FlowReport): number {
    const key = JSON.stringify(f);
    let i = this.flowIndex.get(key);
    if (i === undefined) {
      const s = this.strings;
      i = this.flows.length;
      this.flows.push([
        s.id(f.client),
        OUTCOMES.indexOf(f.outcome),
        f.deliveredFraction,
        f.paths.map((p) => p.map((h) => s.id(h))),
        f.pathEnds.map((e) => [ENDS.indexOf(e.end), s.id(e.why), e.fraction] as const),
      ]);
      this.flowIndex.set(key, i);
    }
    return i;
  }

  events(events: readonly EventReport[]): WireEvents {
    const s = this.strings;
    const out = {
      time: [] as number[],
      kind: [] as number[],
      prefix: [] as number[],
      a: [] as number[],
      to: [] as (number | null)[],
      arrive: [] as (number | null)[],
      paths: [] as (number | null)[],
    };
    for (const e of events) {
      out.time.push(e.time);
      out.kind.push(EVENT_KINDS.indexOf(e.kind));
      out.prefix.push(s.id(e.prefix));
      out.a.push(s.id((e.kind === 'update' || e.kind === 'withdraw' ? e.from : e.speaker) ?? ''));
      out.to.push(e.to !== undefined ? s.id(e.to) : null);
      out.arrive.push(e.arrive ?? null);
      out.paths.push(e.paths ?? null);
    }
    return out;
  }
}

function decodeEvents(w: WireEvents, str: readonly string[]): EventReport[] {
  const out: EventReport[] = new Array<EventReport>(w.time.length);
  for (let i = 0; i < w.time.length; i++) {
    const kind = EVENT_KINDS[w.kind[i] as number] as EventReport['kind'];
    const time = w.time[i] as number;
    const prefix = str[w.prefix[i] as number] as string;
    const a = str[w.a[i] as number] as string;
    if (kind === 'update' || kind === 'withdraw') {
      const to = w.to[i];
      const arrive = w.arrive[i];
      const paths = w.paths[i];
      out[i] = {
        time,
        kind,
        prefix,
        from: a,
        ...(to != null ? { to: str[to] as string } : {}),
        ...(arrive != null ? { arrive } : {}),
        ...(paths != null ? { paths } : {}),
      };
    } else out[i] = { time, kind, prefix, speaker: a };
  }
  return out;
}

/** The summary the UI holds, rebuilt from its wire form (flows shared between phases and instants). */
export function decodeSummary(w: WireSummary): SimulationSummary {
  const str = w.strings;
  const flows: FlowReport[] = w.flows.map(([client, outcome, deliveredFraction, paths, ends]) => ({
    client: str[client] as string,
    outcome: OUTCOMES[outcome] as FlowReport['outcome'],
    deliveredFraction,
    paths: paths.map((p) => p.map((h) => str[h] as string)),
    pathEnds: ends.map(([end, why, fraction]) => ({
      end: ENDS[end] as FlowReport['pathEnds'][number]['end'],
      why: str[why] as string,
      fraction,
    })),
  }));
  const flow = (i: number) => flows[i] as FlowReport;
  return {
    kind: 'SimulationSummary',
    session: w.session,
    topology: w.topology,
    migration: w.migration,
    phases: w.phases.map((p) => ({ ...p, flows: p.flows.map(flow) })),
    timeline: w.timeline.map((i) => ({
      time: i.time,
      phase: str[i.phase] as string,
      speakers: i.speakers.map((s) => str[s] as string),
      flows: i.flows.map(flow),
    })),
    transients: w.transients,
    diagnostics: w.diagnostics,
    events: decodeEvents(w.events, str),
  };
}
