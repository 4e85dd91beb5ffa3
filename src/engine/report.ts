/**
 * The simulation report of DESIGN §5 (`liveroute simulate --json`), a plain JSON document: the
 * migration, per phase the flows from every client and, for every speaker, each BGP RIB entry
 * whose prefix contains the VM's IP and each kernel route that does; the transient blackhole
 * windows, the diagnostics, and the timeline of every instant where something changed. The
 * fields of §5 are kept as named there; the others extend it.
 */
import { parseIPv4 } from '../lib/ip';
import { PHASE_TRIGGER } from './phases';
import { compareStrings } from '../lib/names';
import { fibEntries, flowReport, ribEntries } from './entries';
import { timelineReport } from './timeline';
import type { Diagnostic } from './diagnostics/types';
import type { Simulation } from './simulate';
import type { EventReport, SimulationReport } from './reportTypes';
export type {
  RouteEntry,
  FibReportEntry,
  FlowReport,
  PhaseReport,
  SessionReport,
  EventReport,
  SimulationReport,
  InstantReport,
} from './reportTypes';

export function toReport(sim: Simulation, diagnostics: readonly Diagnostic[]): SimulationReport {
  const doc = sim.net.doc;
  const vmIp = parseIPv4(sim.migration.ip) as number;
  return {
    apiVersion: 'liveroute/v1',
    kind: 'SimulationReport',
    topology: doc.metadata.name,
    migration: sim.migration,
    phases: sim.phases.map((p) => ({
      name: p.name,
      trigger: PHASE_TRIGGER[p.name],
      vmHost: p.state.vmHost,
      start: p.start,
      settledAt: p.settledAt,
      flows: p.flows.map(flowReport),
      routes: Object.fromEntries(
        [...p.ribs]
          .sort(([a], [b]) => compareStrings(a, b))
          .map(([speaker, rib]) => [speaker, ribEntries(sim.net, speaker, rib)]),
      ),
      fib: Object.fromEntries(
        [...p.fibs].sort(([a], [b]) => compareStrings(a, b)).map(([speaker, fib]) => [speaker, fibEntries(fib, vmIp)]),
      ),
      oscillating: p.oscillating,
    })),
    timeline: timelineReport(sim),
    transients: sim.transients,
    diagnostics,
    sessions: sim.net.sessions.map((s) => ({
      a: s.a.speaker,
      b: s.b.speaker,
      up: s.up,
      ...(s.reason ? { reason: s.reason } : {}),
      type: s.a.ebgp ? 'eBGP' : 'iBGP',
      addPath: [
        ...(s.a.addPathTx && s.b.addPathRx ? [`${s.a.speaker}→${s.b.speaker}`] : []),
        ...(s.b.addPathTx && s.a.addPathRx ? [`${s.b.speaker}→${s.a.speaker}`] : []),
      ],
    })),
    events: sim.events.map(eventReport),
  };
}

/** One entry of the event log as the report has it. */
export function eventReport(e: Simulation['events'][number]): EventReport {
  return e.kind === 'update' || e.kind === 'withdraw'
    ? { time: e.time, kind: e.kind, prefix: e.prefix, from: e.from, to: e.to, arrive: e.arrive, paths: e.paths }
    : { time: e.time, kind: e.kind, prefix: e.prefix, speaker: (e as { speaker: string }).speaker };
}
