/**
 * One design through the lab: the engine's report, then the same migration on real BIRD, phase
 * by phase (Felix's routes changed, the lab left to settle), then the comparison.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../engine/diagnostics';
import { toReport, type SimulationReport } from '../engine/report';
import { simulate, type Simulation } from '../engine/simulate';
import type { Topology } from '../model';
import {
  parseShowProtocols,
  parseShowRouteAll,
  routeUpdateCounters,
  withoutRouteTimes,
  type BirdProtocol,
  type BirdRoute,
} from './birdOutput';
import { compare, type Check, type EngineSession, type ObservedPhase } from './compare';
import { ipOf, parseIpRoutes, walkReal, type KernelRoute } from './kernel';
import { Lab, LAB_PREFIX, removeRunDirIfEmpty, type LabRuntime } from './lab';
import { labPlan } from '../lab/plan';
import { exportForClab } from './clabLab';

export interface Timing {
  /** Poll interval while waiting for the lab to settle. */
  readonly pollMs: number;
  /** Identical consecutive polls that count as settled. */
  readonly stablePolls: number;
  /** Longest wait for one phase to settle. */
  readonly phaseMaxMs: number;
  /** Longest wait for the sessions to come up at the start. */
  readonly sessionsMaxMs: number;
}

export const DEFAULT_LAB_TIMING: Timing = { pollMs: 500, stablePolls: 4, phaseMaxMs: 30_000, sessionsMaxMs: 60_000 };

export interface DesignResult {
  readonly design: string;
  readonly report: SimulationReport;
  readonly sessions: readonly EngineSession[];
  readonly phases: readonly ObservedPhase[];
  readonly protocols: Readonly<Record<string, readonly BirdProtocol[]>>;
  readonly startErrors: Readonly<Record<string, string>>;
  /** The engine's verdict on each BIRD configuration it could not load. */
  readonly configErrors: Readonly<Record<string, string>>;
  readonly checks: readonly Check[];
  readonly seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function engineSessions(sim: Simulation): EngineSession[] {
  return sim.net.sessions.map((s) => ({
    a: { speaker: s.a.speaker, protocol: s.a.protocol },
    b: { speaker: s.b.speaker, protocol: s.b.protocol },
    up: s.up,
  }));
}

interface Snapshot {
  /** What must stay the same for the lab to count as settled (see `snapshot`). */
  readonly key: string;
  /** Per speaker, in the plan's order: `show route all`, and the kernel table. */
  readonly birdRoutes: readonly string[];
  readonly kernel: readonly string[];
}

/**
 * Every speaker's BIRD routes and kernel table. The key that two polls compare holds the routes
 * without BIRD's timestamps (they jitter), each BIRD's route update counters (any update it
 * processed since the last poll, even one undone before this one) and the kernel table.
 */
async function snapshot(lab: LabRuntime): Promise<Snapshot> {
  const [bird, kernel] = await Promise.all([
    Promise.all(lab.plan.speakers.map((s) => lab.birdShow(s.name, ['show route all', 'show protocols all']))),
    lab.kernelTables(),
  ]);
  const key = bird
    .map(([routes = '', protocolsAll = ''], i) =>
      [withoutRouteTimes(routes), routeUpdateCounters(protocolsAll), kernel[i]].join('\n'),
    )
    .join('\n--\n');
  return { key, birdRoutes: bird.map(([routes = '']) => routes), kernel };
}

/** What the comparison reads of a snapshot (parsed only for the one a phase settles on). */
function observed(
  lab: LabRuntime,
  snap: Snapshot,
): { routes: Record<string, BirdRoute[]>; fib: Record<string, KernelRoute[]> } {
  const routes: Record<string, BirdRoute[]> = {};
  const fib: Record<string, KernelRoute[]> = {};
  lab.plan.speakers.forEach((s, i) => {
    routes[s.name] = parseShowRouteAll(snap.birdRoutes[i] ?? '');
    fib[s.name] = parseIpRoutes(snap.kernel[i] ?? '[]');
  });
  return { routes, fib };
}

/**
 * Polls until `stablePolls` snapshots in a row are identical, or `phaseMaxMs / pollMs` polls
 * have gone by. The wait between two polls is `pollMs` after the previous poll ended, and the
 * limit counts polls, not the clock: on a loaded machine, where every poll takes longer, the
 * lab waits longer before calling a phase settled and before giving up on it.
 */
async function settle(lab: LabRuntime, t: Timing): Promise<{ snap: Snapshot; converged: boolean; waitedMs: number }> {
  let waited = 0;
  let last = await snapshot(lab);
  let same = 1;
  while (waited < t.phaseMaxMs) {
    await sleep(t.pollMs);
    waited += t.pollMs;
    const next = await snapshot(lab);
    same = next.key === last.key ? same + 1 : 1;
    last = next;
    if (same >= t.stablePolls) return { snap: last, converged: true, waitedMs: waited };
  }
  return { snap: last, converged: false, waitedMs: waited };
}

async function protocols(lab: LabRuntime): Promise<Record<string, BirdProtocol[]>> {
  const replies = await Promise.all(lab.plan.speakers.map((s) => lab.birdShow(s.name, ['show protocols'])));
  return Object.fromEntries(lab.plan.speakers.map((s, i) => [s.name, parseShowProtocols(replies[i]?.[0] ?? '')]));
}

/**
 * Waits until every session the engine has up is Established on both ends, or
 * `sessionsMaxMs / pollMs` polls have gone by (polls, as in `settle`; BIRD's own timers decide
 * how soon sessions come up: 5 s before a router's first connection attempt).
 */
async function waitSessions(
  lab: LabRuntime,
  sessions: readonly EngineSession[],
  t: Timing,
): Promise<Record<string, BirdProtocol[]>> {
  const established = (p: Record<string, BirdProtocol[]>, speaker: string, name: string) =>
    p[speaker]?.some((x) => x.name === name && x.info.startsWith('Established')) ?? false;
  for (let waited = 0; ; waited += t.pollMs) {
    const p = await protocols(lab);
    const pending = sessions.filter(
      (s) =>
        s.up &&
        lab.running(s.a.speaker) &&
        lab.running(s.b.speaker) &&
        !(established(p, s.a.speaker, s.a.protocol) && established(p, s.b.speaker, s.b.protocol)),
    );
    if (pending.length === 0 || waited >= t.sessionsMaxMs) return p;
    await sleep(t.pollMs);
  }
}

export interface RunOptions {
  readonly bird: string;
  /** Run the design's containerlab export (emulated in namespaces) rather than the lab's own plan. */
  readonly containerlab?: boolean;
  readonly timing?: Timing;
  /** Unique among concurrent runs of this process. */
  readonly tag: string;
  readonly log?: (line: string) => void;
}

export async function runDesign(doc: Topology, o: RunOptions): Promise<DesignResult> {
  const sim = simulate(doc);
  if (o.containerlab) {
    const dir = path.join('/tmp', `${LAB_PREFIX}${process.pid}`, `${o.tag}-export`);
    try {
      return await runLab(sim, exportForClab(doc, sim.migration, dir, o.bird, o.tag), o);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      removeRunDirIfEmpty();
    }
  }
  const plan = labPlan(doc, sim.migration, `${LAB_PREFIX}${process.pid}.${o.tag}`);
  return runLab(sim, new Lab(plan, o.bird, o.tag), o);
}

/** The engine's run of the design against `lab`, phase by phase; the lab is destroyed at the end. */
export async function runLab(
  sim: Simulation,
  lab: LabRuntime,
  o: Omit<RunOptions, 'bird' | 'tag'>,
): Promise<DesignResult> {
  const started = Date.now();
  const t = o.timing ?? DEFAULT_LAB_TIMING;
  const log = o.log ?? (() => undefined);
  const report = toReport(sim, diagnose(sim));
  const sessions = engineSessions(sim);
  const { plan } = lab;
  const owners = new Map(plan.speakers.map((s) => [s.address, s.name]));
  const clients = report.phases[0]?.flows.map((f) => f.client) ?? [];
  const phases: ObservedPhase[] = [];
  let firstProtocols: Record<string, BirdProtocol[]> = {};
  try {
    let lapStart = Date.now();
    // Seconds since the previous call: where a design's time goes, in the log.
    const lap = () => {
      const seconds = (Date.now() - lapStart) / 1000;
      lapStart = Date.now();
      return `${seconds.toFixed(1)} s`;
    };
    await lab.start();
    log(`${plan.design}: ${plan.speakers.length} daemons started in ${lap()}`);
    firstProtocols = await waitSessions(lab, sessions, t);
    log(`${plan.design}: waited ${lap()} for the sessions`);
    for (const [i, phase] of plan.phases.entries()) {
      if (i > 0) await lab.enterPhase(i);
      const { snap, converged, waitedMs } = await settle(lab, t);
      const { routes, fib } = observed(lab, snap);
      const vmHost = report.phases[i]?.vmHost ?? plan.migration.from;
      const flows = clients.map((c) =>
        walkReal(c, {
          ip: ipOf(plan.migration.ip),
          vmHost,
          workloadIf: plan.workloadIf,
          fib: (s) => fib[s] ?? [],
          owner: (a) => owners.get(a),
        }),
      );
      phases.push({ name: phase.name, converged, waitedMs, routes, fib, flows });
      log(
        `${plan.design}: ${phase.name} ${converged ? 'settled' : 'did NOT settle'} after ${waitedMs / t.pollMs + 1} polls, ${lap()}`,
      );
    }
  } finally {
    await lab.destroy();
  }
  const startErrors = Object.fromEntries(lab.startErrors);
  const configErrors = Object.fromEntries(
    [...sim.net.speakers.values()]
      .filter((s) => s.configError !== undefined)
      .map((s) => [s.name, s.configError as string]),
  );
  const checks = compare(report, sessions, configErrors, { protocols: firstProtocols, startErrors, phases });
  return {
    design: plan.design,
    report,
    sessions,
    phases,
    protocols: firstProtocols,
    startErrors,
    configErrors,
    checks,
    seconds: (Date.now() - started) / 1000,
  };
}
