/**
 * The engine worker's memory: the built network and the finished simulation of the designs last
 * asked about, keyed by a hash of what the engine reads (the design without its layout, plus the
 * VM and target). The app asks for a small summary first and then, on demand, the rows of one
 * speaker at one instant; the same design asked again is answered from memory.
 */
import type { Topology } from '../model';
import { diagnose } from '../engine/diagnostics';
import type { Diagnostic } from '../engine/diagnostics/types';
import { fibEntries, flowReport, ribEntries } from '../engine/entries';
import { buildNetwork, type Network } from '../engine/network';
import { PHASE_TRIGGER } from '../engine/phases';
import { eventReport, type FibReportEntry, type RouteEntry } from '../engine/report';
import { simulate, type Simulation } from '../engine/simulate';
import type { Flow } from '../engine/dataplane';
import { TimelineChanges } from '../engine/timeline';
import { parseIPv4 } from '../lib/ip';
import { SummaryEncoder, type WireSummary } from './summary';

/** A speaker's rows at one moment; a table absent: the speaker has none there (the report has no entry). */
export interface SpeakerRows {
  readonly routes?: readonly RouteEntry[];
  readonly fib?: readonly FibReportEntry[];
}

/** The rows of a speaker at an instant and at the instant before (what the route panel diffs). */
export interface RowsAt {
  readonly speaker: string;
  readonly now: SpeakerRows;
  /** At the previous instant; absent for the first instant and for a phase's settled state. */
  readonly before?: SpeakerRows;
}

/** A short, stable hash of a string (two FNV-1a 32-bit lanes). */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36) + '.' + text.length.toString(36);
}

/** The key of what the engine reads of a design: everything but the canvas layout. */
export function designKey(doc: Topology): string {
  const { layout: _layout, ...spec } = doc.spec;
  return hashText(JSON.stringify([doc.metadata.name, spec]));
}

export function sessionKey(doc: Topology, vm?: string, to?: string): string {
  return `${designKey(doc)}|${vm ?? ''}|${to ?? ''}`;
}

interface Entry {
  readonly sim: Simulation;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: WireSummary;
}

/** How many simulations (and networks) are kept: the current one and the one before (undo). */
export const KEPT = 2;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > KEPT) map.delete(map.keys().next().value as string);
  return value;
}

function recall<V>(map: Map<string, V>, key: string): V | undefined {
  const hit = map.get(key);
  if (hit !== undefined) remember(map, key, hit);
  return hit;
}

export class EngineSession {
  private readonly sims = new Map<string, Entry>();
  private readonly nets = new Map<string, Network>();
  /** How many simulations were run (a cache hit runs none): for tests. */
  simulations = 0;

  /** The built network of a design (shared by its simulations and whole tables). */
  network(doc: Topology): Network {
    const key = designKey(doc);
    return recall(this.nets, key) ?? remember(this.nets, key, buildNetwork(doc));
  }

  /** Simulates the migration (or recalls it) and answers its summary. Throws the engine's errors. */
  summarize(doc: Topology, vm?: string, to?: string): WireSummary {
    const key = sessionKey(doc, vm, to);
    const hit = recall(this.sims, key);
    if (hit) return hit.summary;
    const sim = simulate(doc, {
      net: this.network(doc),
      ...(vm !== undefined ? { vm } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    this.simulations++;
    const diagnostics = diagnose(sim);
    return remember(this.sims, key, { sim, diagnostics, summary: summaryOf(key, sim, diagnostics) }).summary;
  }

  has(session: string): boolean {
    return this.sims.has(session);
  }

  /**
   * A speaker's rows at timeline instant `instant` (and the one before), as the report's timeline
   * folds them; `instant` < 0: at the settled state of `phase`. Undefined: no such session.
   */
  rowsAt(session: string, speaker: string, instant: number, phase: string): RowsAt | undefined {
    const entry = recall(this.sims, session);
    if (!entry) return undefined;
    const { sim } = entry;
    const vmIp = parseIPv4(sim.migration.ip) as number;
    if (instant < 0 || sim.instants.length === 0) {
      const p = sim.phases.find((x) => x.name === phase);
      const rib = p?.ribs.get(speaker);
      const fib = p?.fibs.get(speaker);
      return {
        speaker,
        now: {
          ...(rib ? { routes: ribEntries(sim.net, speaker, rib) } : {}),
          ...(fib ? { fib: fibEntries(fib, vmIp) } : {}),
        },
      };
    }
    const at = (i: number): SpeakerRows => {
      let routes: RouteEntry[] | undefined;
      let fib: FibReportEntry[] | undefined;
      for (let j = Math.min(i, sim.instants.length - 1); j >= 0 && (!routes || !fib); j--) {
        const inst = sim.instants[j] as Simulation['instants'][number];
        const r = inst.ribs.get(speaker);
        if (!routes && r) routes = ribEntries(sim.net, speaker, r);
        const f = inst.fibs.get(speaker);
        if (!fib && f) fib = fibEntries(f, vmIp);
      }
      return { ...(routes ? { routes } : {}), ...(fib ? { fib } : {}) };
    };
    return { speaker, now: at(instant), ...(instant > 0 ? { before: at(instant - 1) } : {}) };
  }
}

/** The summary of a simulation: the report's phases, timeline and events without RIB and FIB rows. */
export function summaryOf(session: string, sim: Simulation, diagnostics: readonly Diagnostic[]): WireSummary {
  const enc = new SummaryEncoder();
  const s = enc.strings;
  const changes = new TimelineChanges(sim);
  // The settled phases share most flow objects with the timeline: each is reported once.
  const flowIds = new Map<Flow, number>();
  const flowId = (f: Flow) => flowIds.get(f) ?? (flowIds.set(f, enc.flow(flowReport(f))).get(f) as number);
  const timeline = sim.instants.map((i) => ({
    time: i.time,
    phase: s.id(i.phase),
    speakers: changes.speakers(i).map((n) => s.id(n)),
    flows: changes.changedFlows(i).map(flowId),
  }));
  return {
    session,
    topology: sim.net.doc.metadata.name,
    migration: sim.migration,
    phases: sim.phases.map((p) => ({
      name: p.name,
      trigger: PHASE_TRIGGER[p.name],
      vmHost: p.state.vmHost,
      start: p.start,
      settledAt: p.settledAt,
      flows: p.flows.map(flowId),
      oscillating: p.oscillating,
    })),
    timeline,
    transients: sim.transients,
    diagnostics,
    events: enc.events(sim.events.map(eventReport)),
    flows: enc.flows,
    strings: s.strings,
  };
}
