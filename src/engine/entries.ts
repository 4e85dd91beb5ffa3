/**
 * The report's rows built from the engine's state: one RouteEntry per RIB candidate (with the
 * words of explain.ts), one FibReportEntry per kernel route, one FlowReport per client. Shared by
 * the phases' settled state and the timeline's instants.
 */
import { formatIPv4, formatPrefix4 } from '../lib/ip';
import type { Flow } from './dataplane';
import { lookup } from './dataplane';
import { describeChange, describeDecision, explainCandidate, explainFib } from './explain';
import type { FibEntry } from './fib';
import type { FibReportEntry, FlowReport, RouteEntry } from './reportTypes';
import type { Network } from './network';
import type { SpeakerRib } from './simulate';
import type { RibRoute } from './types';

const ORIGIN = ['IGP', 'EGP', 'incomplete'] as const;

function entry(r: RibRoute, selected: boolean, best: RibRoute, ranked: readonly RibRoute[], bird: boolean): RouteEntry {
  const a = r.attrs;
  const why = explainCandidate(r, selected, best, ranked, bird);
  const from = r.via ? r.via.peer : 'local';
  const nh = r.proto === 'bgp' ? (a.bgp_next_hop ?? a.gw) : a.gw;
  const fallback = `the import filter of ${r.protocol}`;
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
    reason: why.step,
    explanation: why.text,
    protocol: r.protocol,
    largeCommunities: a.bgp_large_community ?? [],
    origin: r.proto === 'bgp' ? (ORIGIN[a.bgp_origin ?? 0] ?? null) : null,
    med: a.bgp_med ?? null,
    source: a.source,
    decidedBy: r.importDecision ? describeDecision(r.importDecision, fallback) : null,
    changes: (r.importDecision?.changes ?? []).map((c) => describeChange(c, fallback)),
  };
}

function fibEntry(f: FibEntry, used: FibEntry | undefined, all: readonly FibEntry[]): FibReportEntry {
  return {
    prefix: formatPrefix4(f.prefix),
    metric: f.metric,
    kind: f.kind,
    via: f.nexthops.map(formatIPv4),
    proto: f.proto,
    ...(f.dev ? { dev: f.dev } : {}),
    used: f === used,
    explanation: explainFib(f, used, all),
  };
}

/** A speaker's RIB rows: every candidate of every prefix, best first per prefix. */
export function ribEntries(net: Network, speaker: string, rib: SpeakerRib): RouteEntry[] {
  const bird = net.speakers.get(speaker)?.bird ?? true;
  return rib.flatMap((x) => x.ranked.map((r, i) => entry(r, i === 0, x.ranked[0] as RibRoute, x.ranked, bird)));
}

/** A speaker's kernel routes containing `dst` (the VM's IP), the one that forwards to it marked. */
export function fibEntries(fib: readonly FibEntry[], dst: number): FibReportEntry[] {
  const used = lookup(fib, dst);
  return fib.map((f) => fibEntry(f, used, fib));
}

/** A speaker's kernel routes, each prefix's lowest metric marked as forwarding (a whole table). */
export function tableFibEntries(fib: readonly FibEntry[]): FibReportEntry[] {
  const used = [...fib].sort((a, b) => a.metric - b.metric)[0];
  return fib.map((f) => fibEntry(f, used, fib));
}

/** A path's share of the traffic as the report gives it (nine decimals). */
export const roundFraction = (x: number): number => Math.round(x * 1e9) / 1e9;

export function flowReport(f: Flow): FlowReport {
  return {
    client: f.client,
    outcome: f.outcome,
    deliveredFraction: f.deliveredFraction,
    paths: f.paths.map((x) => [...x.hops]),
    pathEnds: f.paths.map((x) => ({ end: x.end, why: x.why, fraction: roundFraction(x.fraction) })),
  };
}
