/**
 * The simulation report of DESIGN §5 (`liveroute simulate --json`), a plain JSON document: the
 * migration, per phase the flows from every client and, for every speaker, each BGP RIB entry
 * whose prefix contains the VM's IP and each kernel route that does; the transient blackhole
 * windows and the diagnostics. The fields of §5 are kept as named there; the others extend it.
 */
import { formatIPv4, formatPrefix4, parseIPv4 } from '../lib/ip';
import { lookup } from './dataplane';
import { PHASE_TRIGGER } from './phases';
import { compareStrings } from '../lib/names';
import { compareRoutes, type Step } from './bestpath';
import type { Diagnostic } from './diagnostics/types';
import type { FibEntry } from './fib';
import type { Decision } from '../bird/lang/interpreter';
import type { Simulation } from './simulate';
import type { RibRoute } from './types';

export interface RouteEntry {
  readonly prefix: string;
  readonly selected: boolean;
  readonly nextHop: string | null;
  /** The speaker it was learned from, or `local` (static, Felix's kernel route). */
  readonly learnedFrom: string;
  readonly localPref: number | null;
  readonly asPath: readonly number[];
  readonly communities: readonly string[];
  readonly preference: number;
  /** BIRD's krt_metric of the route, when it has one (Felix's kernel routes). */
  readonly metric: number | null;
  /** Selected: the step that made it win over the next candidate (`only` when alone). Others: the step it lost by. */
  readonly reason: Step | 'only';
  readonly explanation: string;
  readonly protocol: string;
  readonly largeCommunities: readonly string[];
  readonly origin: 'IGP' | 'EGP' | 'incomplete' | null;
  readonly med: number | null;
  readonly source: string;
  /** The import filter statement that accepted (or changed) it. */
  readonly decidedBy: string | null;
}

export interface FibReportEntry {
  readonly prefix: string;
  readonly metric: number;
  readonly kind: FibEntry['kind'];
  readonly via: readonly string[];
  readonly proto: FibEntry['proto'];
  /** Felix's routes: the workload interface. */
  readonly dev?: string;
  /** The route the kernel uses for packets to the VM (longest prefix, then lowest metric). */
  readonly used: boolean;
}

export interface FlowReport {
  readonly client: string;
  readonly outcome: 'delivered' | 'blackhole' | 'loop' | 'split';
  readonly deliveredFraction: number;
  readonly paths: readonly (readonly string[])[];
  readonly pathEnds: readonly { readonly end: 'delivered' | 'blackhole' | 'loop'; readonly why: string; readonly fraction: number }[];
}

export interface PhaseReport {
  readonly name: string;
  /** What happens at the start of the phase. */
  readonly trigger: string;
  readonly vmHost: string;
  readonly start: number;
  readonly settledAt: number;
  readonly flows: readonly FlowReport[];
  readonly routes: Readonly<Record<string, readonly RouteEntry[]>>;
  readonly fib: Readonly<Record<string, readonly FibReportEntry[]>>;
  readonly oscillating: readonly string[];
}

export interface SessionReport {
  readonly a: string;
  readonly b: string;
  readonly up: boolean;
  readonly reason?: string;
  readonly type: 'eBGP' | 'iBGP';
  readonly addPath: readonly string[];
}

export interface EventReport {
  readonly time: number;
  readonly kind: 'update' | 'withdraw' | 'rib' | 'fib';
  readonly prefix: string;
  readonly from?: string;
  readonly to?: string;
  readonly speaker?: string;
  readonly arrive?: number;
  readonly paths?: number;
}

export interface SimulationReport {
  readonly apiVersion: 'liveroute/v1';
  readonly kind: 'SimulationReport';
  readonly topology: string;
  readonly migration: { readonly vm: string; readonly ip: string; readonly from: string; readonly to: string };
  readonly phases: readonly PhaseReport[];
  readonly transients: readonly { readonly phase: string; readonly client: string; readonly blackholeMs: number }[];
  readonly diagnostics: readonly Diagnostic[];
  readonly sessions: readonly SessionReport[];
  readonly events: readonly EventReport[];
}

const ORIGIN = ['IGP', 'EGP', 'incomplete'] as const;

function entry(r: RibRoute, selected: boolean, best: RibRoute, ranked: readonly RibRoute[], bird: boolean): RouteEntry {
  const a = r.attrs;
  let reason: RouteEntry['reason'] = 'only';
  let explanation = 'the only candidate';
  if (selected && ranked[1]) {
    const v = compareRoutes(r, ranked[1], bird);
    reason = v.step;
    explanation = v.reason;
  } else if (!selected) {
    const v = compareRoutes(best, r, bird);
    reason = v.step;
    explanation = `loses: ${v.reason}`;
  }
  const from = r.via ? r.via.peer : 'local';
  const nh = r.proto === 'bgp' ? (a.bgp_next_hop ?? a.gw) : a.gw;
  return {
    prefix: formatPrefix4(a.net),
    selected,
    nextHop: nh !== undefined ? formatIPv4(nh) : null,
    learnedFrom: from,
    localPref: a.bgp_local_pref ?? null,
    asPath: a.bgp_path ?? [],
    communities: a.bgp_community ?? [],
    preference: a.preference,
    metric: a.krt_metric ?? null,
    reason,
    explanation,
    protocol: r.protocol,
    largeCommunities: a.bgp_large_community ?? [],
    origin: r.proto === 'bgp' ? (ORIGIN[a.bgp_origin ?? 0] ?? null) : null,
    med: a.bgp_med ?? null,
    source: a.source,
    decidedBy: r.importDecision ? describeDecision(r.importDecision) : null,
  };
}

/** The statement that decided, in the function it sits in: `fn: if (...) then { ...; accept; }`. */
export function describeDecision(d: Decision): string {
  const where = d.functions.length > 0 ? `${d.functions[d.functions.length - 1]}: ` : '';
  if (d.kind === 'statement') return `${where}${d.condition?.text ?? d.at?.text ?? ''}`;
  return `${where}${d.message ?? d.kind}`;
}

function fibEntry(f: FibEntry, used: FibEntry | undefined): FibReportEntry {
  return { prefix: formatPrefix4(f.prefix), metric: f.metric, kind: f.kind, via: f.nexthops.map(formatIPv4), proto: f.proto, ...(f.dev ? { dev: f.dev } : {}), used: f === used };
}

export function toReport(sim: Simulation, diagnostics: readonly Diagnostic[]): SimulationReport {
  const doc = sim.net.doc;
  return {
    apiVersion: 'liveroute/v1',
    kind: 'SimulationReport',
    topology: doc.metadata.name,
    migration: sim.migration,
    phases: sim.phases.map((p) => {
      const routes: Record<string, RouteEntry[]> = {};
      for (const [speaker, list] of [...p.ribs].sort(([a], [b]) => compareStrings(a, b))) {
        const bird = sim.net.speakers.get(speaker)?.bird ?? true;
        routes[speaker] = list.flatMap((x) => x.ranked.map((r, i) => entry(r, i === 0, x.ranked[0] as RibRoute, x.ranked, bird)));
      }
      const fib: Record<string, FibReportEntry[]> = {};
      const vmIp = parseIPv4(sim.migration.ip) as number;
      for (const [speaker, list] of [...p.fibs].sort(([a], [b]) => compareStrings(a, b))) {
        const used = lookup(list, vmIp);
        fib[speaker] = list.map((f) => fibEntry(f, used));
      }
      return {
        name: p.name,
        trigger: PHASE_TRIGGER[p.name],
        vmHost: p.state.vmHost,
        start: p.start,
        settledAt: p.settledAt,
        flows: p.flows.map((f) => ({
          client: f.client,
          outcome: f.outcome,
          deliveredFraction: f.deliveredFraction,
          paths: f.paths.map((x) => [...x.hops]),
          pathEnds: f.paths.map((x) => ({ end: x.end, why: x.why, fraction: Math.round(x.fraction * 1e9) / 1e9 })),
        })),
        routes,
        fib,
        oscillating: p.oscillating,
      };
    }),
    transients: sim.transients,
    diagnostics,
    sessions: sim.net.sessions.map((s) => ({
      a: s.a.speaker,
      b: s.b.speaker,
      up: s.up,
      ...(s.reason ? { reason: s.reason } : {}),
      type: s.a.ebgp ? 'eBGP' : 'iBGP',
      addPath: [...(s.a.addPathTx && s.b.addPathRx ? [`${s.a.speaker}→${s.b.speaker}`] : []), ...(s.b.addPathTx && s.a.addPathRx ? [`${s.b.speaker}→${s.a.speaker}`] : [])],
    })),
    events: sim.events.map((e): EventReport =>
      e.kind === 'update' || e.kind === 'withdraw'
        ? { time: e.time, kind: e.kind, prefix: e.prefix, from: e.from, to: e.to, arrive: e.arrive, paths: e.paths }
        : { time: e.time, kind: e.kind, prefix: e.prefix, speaker: (e as { speaker: string }).speaker },
    ),
  };
}
