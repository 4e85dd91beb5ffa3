/**
 * The engine's report against what real BIRD and the kernel did, phase by phase: the outcome
 * and paths of every client's flow, every speaker's BIRD routes for the prefixes containing the
 * VM's IP (selected route and candidates: protocol, preference, LOCAL_PREF, AS path,
 * communities, next hop, kernel metric), every speaker's kernel routes for them, and the state
 * of every session. Each is rendered to the same canonical lines on both sides and compared
 * exactly; a disagreement keeps both renderings for the diff.
 */
import { compareStrings } from '../lib/names';
import type { FibReportEntry, FlowReport, RouteEntry, SimulationReport } from '../engine/report';
import type { BirdProtocol, BirdRoute } from './birdOutput';
import { ipOf, routesContaining, type KernelRoute, type RealFlow } from './kernel';
import { prefix4, prefixContainsAddr } from '../lib/ip';

export type Aspect = 'flow' | 'routes' | 'fib' | 'session';

export interface Check {
  readonly phase: string;
  readonly aspect: Aspect;
  readonly subject: string;
  readonly agree: boolean;
  readonly engine: readonly string[];
  readonly real: readonly string[];
  /** What the lab saw, in BIRD's words (a session's state). */
  readonly note?: string;
}

export interface ObservedPhase {
  readonly name: string;
  /** False when the lab's routes were still changing when the wait ran out. */
  readonly converged: boolean;
  readonly waitedMs: number;
  readonly routes: Readonly<Record<string, readonly BirdRoute[]>>;
  readonly fib: Readonly<Record<string, readonly KernelRoute[]>>;
  readonly flows: readonly RealFlow[];
}

export interface Observation {
  readonly protocols: Readonly<Record<string, readonly BirdProtocol[]>>;
  /** Speakers whose BIRD refused its configuration, with BIRD's message. */
  readonly startErrors: Readonly<Record<string, string>>;
  readonly phases: readonly ObservedPhase[];
}

/** A session as the engine has it: both ends' BIRD protocol names. */
export interface EngineSession {
  readonly a: { readonly speaker: string; readonly protocol: string };
  readonly b: { readonly speaker: string; readonly protocol: string };
  readonly up: boolean;
}

const byPrefixLength = (a: string, b: string) =>
  Number(b.split('/')[1]) - Number(a.split('/')[1]) || compareStrings(a, b);

function routeLine(r: {
  prefix: string;
  primary: boolean;
  kind: string;
  preference: number;
  localPref?: number | null;
  asPath?: readonly number[] | null;
  communities: readonly string[];
  nextHop?: string | null;
  metric?: number | null;
}): string {
  const parts = [r.prefix, r.primary ? '*' : ' ', r.kind, `pref ${r.preference}`];
  if (r.kind.startsWith('bgp ')) {
    parts.push(`lp ${r.localPref ?? '-'}`, `path [${(r.asPath ?? []).join(' ')}]`, `nh ${r.nextHop ?? '-'}`);
    if (r.communities.length > 0) parts.push(`comm ${[...r.communities].sort(compareStrings).join(' ')}`);
  }
  if (r.kind === 'kernel') parts.push(`metric ${r.metric ?? '-'}`);
  return parts.join(' ');
}

function sortRouteLines(lines: string[]): string[] {
  return lines.sort(
    (a, b) => byPrefixLength(a.split(' ')[0] as string, b.split(' ')[0] as string) || compareStrings(a, b),
  );
}

export function engineRouteLines(entries: readonly RouteEntry[]): string[] {
  return sortRouteLines(
    entries.map((e) =>
      routeLine({
        prefix: e.prefix,
        primary: e.selected,
        kind:
          e.source === 'RTS_BGP'
            ? `bgp ${e.protocol}`
            : e.source === 'RTS_STATIC'
              ? 'static'
              : e.source === 'RTS_INHERIT'
                ? 'kernel'
                : e.source,
        preference: e.preference,
        localPref: e.localPref,
        asPath: e.asPath,
        communities: e.communities,
        nextHop: e.nextHop,
        metric: e.metric,
      }),
    ),
  );
}

export function realRouteLines(routes: readonly BirdRoute[], ip: number): string[] {
  return sortRouteLines(
    routes
      .filter((r) => {
        const p = prefix4(r.prefix);
        return p !== undefined && prefixContainsAddr(p, ip);
      })
      .map((r) =>
        routeLine({
          prefix: r.prefix,
          primary: r.primary,
          kind: r.type?.startsWith('BGP')
            ? `bgp ${r.protocol}`
            : r.type?.startsWith('static')
              ? 'static'
              : r.type?.startsWith('inherit')
                ? 'kernel'
                : (r.type ?? r.protocol),
          preference: r.preference,
          localPref: r.localPref ?? null,
          asPath: r.asPath ?? null,
          communities: r.communities,
          nextHop: r.nextHop ?? null,
          metric: r.kernelMetric ?? null,
        }),
      ),
  );
}

function fibLine(prefix: string, what: string, metric: number, proto: string): string {
  return `${prefix} ${what} metric ${metric} proto ${proto}`;
}

export function engineFibLines(entries: readonly FibReportEntry[]): string[] {
  return sortRouteLines(
    entries.map((e) =>
      fibLine(
        e.prefix,
        e.kind === 'local' ? `dev ${e.dev ?? '?'}` : e.kind === 'via' ? `via ${[...e.via].sort().join(',')}` : e.kind,
        e.metric,
        e.proto === 'felix' ? 'boot' : e.proto,
      ),
    ),
  );
}

export function realFibLines(routes: readonly KernelRoute[], ip: number): string[] {
  return sortRouteLines(
    routesContaining(routes, ip).map((r) =>
      fibLine(
        r.prefix,
        r.type !== 'unicast'
          ? r.type
          : r.gateways.length > 0
            ? `via ${r.gateways.join(',')}`
            : `dev ${r.device ?? '?'}`,
        r.metric,
        r.protocol,
      ),
    ),
  );
}

function flowLines(f: {
  outcome: string;
  deliveredFraction: number;
  paths: readonly { hops: readonly string[]; end: string; fraction: number }[];
}): string[] {
  const paths = f.paths
    .map((p) => `${p.hops.join(' → ')} (${p.end}, ${Math.round(p.fraction * 1e6) / 1e6})`)
    .sort(compareStrings);
  return [`${f.outcome}, delivered fraction ${f.deliveredFraction}`, ...paths];
}

export function engineFlowLines(f: FlowReport): string[] {
  return flowLines({
    outcome: f.outcome,
    deliveredFraction: f.deliveredFraction,
    paths: f.paths.map((hops, i) => ({ hops, end: f.pathEnds[i]?.end ?? '?', fraction: f.pathEnds[i]?.fraction ?? 0 })),
  });
}

export function realFlowLines(f: RealFlow): string[] {
  return flowLines(f);
}

function check(
  phase: string,
  aspect: Aspect,
  subject: string,
  engine: readonly string[],
  real: readonly string[],
): Check {
  const agree = engine.length === real.length && engine.every((l, i) => l === real[i]);
  return { phase, aspect, subject, agree, engine, real };
}

function sessionState(protocols: readonly BirdProtocol[] | undefined, name: string): string {
  const p = protocols?.find((x) => x.name === name);
  return p ? p.info || p.state : 'no such protocol';
}

export function compare(
  report: SimulationReport,
  sessions: readonly EngineSession[],
  configErrors: Readonly<Record<string, string>>,
  obs: Observation,
): Check[] {
  const out: Check[] = [];
  const ip = ipOf(report.migration.ip);
  for (const s of sessions) {
    const a = sessionState(obs.protocols[s.a.speaker], s.a.protocol);
    const b = sessionState(obs.protocols[s.b.speaker], s.b.protocol);
    const realUp = a.startsWith('Established') && b.startsWith('Established');
    const c = check(
      'base',
      'session',
      `${s.a.speaker} ⇄ ${s.b.speaker}`,
      [s.up ? 'up' : 'down'],
      [realUp ? 'up' : 'down'],
    );
    out.push(
      realUp
        ? c
        : { ...c, note: `${s.a.speaker}: ${a.replace(/\s+/g, ' ')}; ${s.b.speaker}: ${b.replace(/\s+/g, ' ')}` },
    );
  }
  // Whether each BIRD accepts its configuration: the engine's verdict against the daemon's.
  for (const speaker of [...new Set([...Object.keys(configErrors), ...Object.keys(obs.startErrors)])].sort(
    compareStrings,
  )) {
    const real = obs.startErrors[speaker];
    out.push(
      check(
        'base',
        'session',
        `${speaker} configuration`,
        [configErrors[speaker] === undefined ? 'loads' : 'refused'],
        [real === undefined ? 'loads' : 'refused'],
      ),
    );
  }
  for (const phase of report.phases) {
    const real = obs.phases.find((p) => p.name === phase.name);
    if (!real) continue;
    // A lab still changing is not a state to compare with: say so, as a disagreement.
    if (!real.converged)
      out.push(check(phase.name, 'flow', 'the lab', ['settled'], [`still changing after ${real.waitedMs} ms`]));
    for (const f of phase.flows) {
      const rf = real.flows.find((x) => x.client === f.client);
      out.push(check(phase.name, 'flow', f.client, engineFlowLines(f), rf ? realFlowLines(rf) : ['not walked']));
    }
    const speakers = [...new Set([...Object.keys(phase.routes), ...Object.keys(real.routes)])].sort(compareStrings);
    for (const s of speakers)
      out.push(
        check(
          phase.name,
          'routes',
          s,
          engineRouteLines(phase.routes[s] ?? []),
          realRouteLines(real.routes[s] ?? [], ip),
        ),
      );
    const fibSpeakers = [...new Set([...Object.keys(phase.fib), ...Object.keys(real.fib)])].sort(compareStrings);
    for (const s of fibSpeakers)
      out.push(check(phase.name, 'fib', s, engineFibLines(phase.fib[s] ?? []), realFibLines(real.fib[s] ?? [], ip)));
  }
  return out;
}

/** `- engine` / `+ real` lines of a disagreement, common lines dropped. */
export function diffLines(c: Check): string[] {
  const realSet = new Set(c.real);
  const engineSet = new Set(c.engine);
  return [
    ...c.engine.filter((l) => !realSet.has(l)).map((l) => `- engine: ${l}`),
    ...c.real.filter((l) => !engineSet.has(l)).map((l) => `+ real:   ${l}`),
  ];
}
