/**
 * The simulation report's types, apart from the code that builds the report (report.ts,
 * timeline.ts, entries.ts), so that the builders share them without importing one another.
 */
import type { Step } from './bestpath';
import type { Diagnostic } from './diagnostics/types';
import type { FibEntry } from './fib';

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
  /** The import filter statement that accepted it, where it sits (`BGPFilter x importV4 rule 1: if ...`). */
  readonly decidedBy: string | null;
  /** Each attribute the import filter set: the statement, where, and why. */
  readonly changes: readonly string[];
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
  /** Why it forwards, or which route does instead; where its metric comes from. */
  readonly explanation: string;
}

export interface FlowReport {
  readonly client: string;
  readonly outcome: 'delivered' | 'blackhole' | 'loop' | 'split';
  readonly deliveredFraction: number;
  readonly paths: readonly (readonly string[])[];
  readonly pathEnds: readonly {
    readonly end: 'delivered' | 'blackhole' | 'loop';
    readonly why: string;
    readonly fraction: number;
  }[];
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
  /** Every instant where a RIB, FIB or flow changed, with what changed: the state at any time is the fold. */
  readonly timeline: readonly InstantReport[];
}

export interface InstantReport {
  readonly time: number;
  readonly phase: string;
  /** Speakers whose RIB (for prefixes containing the VM's IP) changed: their whole list now. */
  readonly routes: Readonly<Record<string, readonly RouteEntry[]>>;
  /** Speakers whose kernel routes containing the VM's IP changed: their whole list now. */
  readonly fib: Readonly<Record<string, readonly FibReportEntry[]>>;
  /** Clients whose flow changed. */
  readonly flows: readonly FlowReport[];
}
