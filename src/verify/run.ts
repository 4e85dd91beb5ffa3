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
import { parseShowProtocols, parseShowRouteAll, type BirdProtocol, type BirdRoute } from './birdOutput';
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
  return sim.net.sessions.map((s) => ({ a: { speaker: s.a.speaker, protocol: s.a.protocol }, b: { speaker: s.b.speaker, protocol: s.b.protocol }, up: s.up }));
}

interface Snapshot {
  readonly key: string;
  readonly routes: Record<string, BirdRoute[]>;
  readonly fib: Record<string, KernelRoute[]>;
}

async function snapshot(lab: LabRuntime): Promise<Snapshot> {
  const names = lab.plan.speakers.map((s) => s.name);
  const texts = await Promise.all(names.map(async (n) => [await lab.birdShow(n, 'show route all'), await lab.kernelRoutes(n)] as const));
  const routes: Record<string, BirdRoute[]> = {};
  const fib: Record<string, KernelRoute[]> = {};
  names.forEach((n, i) => {
    const [bird, kernel] = texts[i] as readonly [string, string];
    routes[n] = parseShowRouteAll(bird);
    fib[n] = parseIpRoutes(kernel);
  });
  return { key: texts.map(([a, b]) => `${a}\n${b}`).join('\n--\n'), routes, fib };
}

/** Polls until `stablePolls` snapshots in a row are identical, or the wait runs out. */
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
  const out: Record<string, BirdProtocol[]> = {};
  for (const s of lab.plan.speakers) out[s.name] = parseShowProtocols(await lab.birdShow(s.name, 'show protocols'));
  return out;
}

/** Waits until every session the engine has up is Established on both ends (or the wait runs out). */
async function waitSessions(lab: LabRuntime, sessions: readonly EngineSession[], t: Timing): Promise<Record<string, BirdProtocol[]>> {
  const established = (p: Record<string, BirdProtocol[]>, speaker: string, name: string) => p[speaker]?.some((x) => x.name === name && x.info.startsWith('Established')) ?? false;
  for (let waited = 0; ; waited += t.pollMs) {
    const p = await protocols(lab);
    const pending = sessions.filter((s) => s.up && lab.running(s.a.speaker) && lab.running(s.b.speaker) && !(established(p, s.a.speaker, s.a.protocol) && established(p, s.b.speaker, s.b.protocol)));
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
export async function runLab(sim: Simulation, lab: LabRuntime, o: Omit<RunOptions, 'bird' | 'tag'>): Promise<DesignResult> {
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
    await lab.start();
    firstProtocols = await waitSessions(lab, sessions, t);
    log(`${plan.design}: ${plan.speakers.length} daemons, sessions up`);
    for (const [i, phase] of plan.phases.entries()) {
      if (i > 0) await lab.enterPhase(i);
      const { snap, converged, waitedMs } = await settle(lab, t);
      const vmHost = report.phases[i]?.vmHost ?? plan.migration.from;
      const flows = clients.map((c) => walkReal(c, { ip: ipOf(plan.migration.ip), vmHost, workloadIf: plan.workloadIf, fib: (s) => snap.fib[s] ?? [], owner: (a) => owners.get(a) }));
      phases.push({ name: phase.name, converged, waitedMs, routes: snap.routes, fib: snap.fib, flows });
      log(`${plan.design}: ${phase.name} ${converged ? 'settled' : 'did NOT settle'} after ${waitedMs} ms`);
    }
  } finally {
    await lab.destroy();
  }
  const startErrors = Object.fromEntries(lab.startErrors);
  const configErrors = Object.fromEntries([...sim.net.speakers.values()].filter((s) => s.configError !== undefined).map((s) => [s.name, s.configError as string]));
  const checks = compare(report, sessions, configErrors, { protocols: firstProtocols, startErrors, phases });
  return { design: plan.design, report, sessions, phases, protocols: firstProtocols, startErrors, configErrors, checks, seconds: (Date.now() - started) / 1000 };
}
