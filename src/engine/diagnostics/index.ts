/** The diagnostics catalogue (DESIGN §8): findings from the design and from its simulation. */
import type { Topology } from '../../model';
import { buildNetwork, type Network } from '../network';
import type { Simulation } from '../simulate';
import { configDiagnostics } from './config';
import { expectationDiagnostics, lessonDiagnostics } from './expected';
import { outcomeDiagnostics, sessionDiagnostics } from './outcomes';
import type { Diagnostic, Severity } from './types';

export * from './types';
export { configDiagnostics } from './config';
export { formatVerdict, verdictMismatches, type VerdictMismatch } from './expected';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sorted(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** Every finding for a design and its simulated migration, errors first (otherwise in catalogue order). */
export function diagnose(sim: Simulation): Diagnostic[] {
  return sorted([
    ...configDiagnostics(sim.net.doc),
    ...lessonDiagnostics(sim.net.doc),
    ...outcomeDiagnostics(sim),
    ...expectationDiagnostics(sim.net.doc, sim.phases),
  ]);
}

/**
 * Findings of a design that has no migration to simulate (no VM, or none chosen): everything that
 * follows from the design and its network (configuration, sessions, the lesson); only the
 * migration's outcomes and the expected verdicts need a simulation.
 */
export function diagnoseDesign(doc: Topology, net: Network = buildNetwork(doc)): Diagnostic[] {
  return sorted([...configDiagnostics(doc), ...sessionDiagnostics(net), ...lessonDiagnostics(doc)]);
}

export function atOrAbove(d: Diagnostic, level: 'error' | 'warning'): boolean {
  return SEVERITY_RANK[d.severity] <= SEVERITY_RANK[level];
}
