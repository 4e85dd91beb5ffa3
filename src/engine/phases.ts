/**
 * The five phases of a live migration (DESIGN §7, Felix's per-workload state machine, domain
 * §6.1): where the VM runs and which workload routes Felix programs, at which priority.
 */
import { PHASE_NAMES } from '../model/lesson';

export const PHASES = PHASE_NAMES;
export type Phase = (typeof PHASES)[number];

export interface FelixRoute {
  readonly node: string;
  /** The Linux route metric (the priority). */
  readonly metric: number;
}

export interface PhaseState {
  readonly phase: Phase;
  readonly vmHost: string;
  readonly routes: readonly FelixRoute[];
}

export function phaseState(phase: Phase, source: string, target: string, normal: number, elevated: number): PhaseState {
  switch (phase) {
    case 'base':
      return { phase, vmHost: source, routes: [{ node: source, metric: normal }] };
    case 'target':
      // The target's route is suppressed until the VM announces itself there (GARP/RARP).
      return { phase, vmHost: source, routes: [{ node: source, metric: normal }] };
    case 'live':
      return {
        phase,
        vmHost: target,
        routes: [
          { node: source, metric: normal },
          { node: target, metric: elevated },
        ],
      };
    case 'source-deleted':
      return { phase, vmHost: target, routes: [{ node: target, metric: elevated }] };
    case 'settled':
      return { phase, vmHost: target, routes: [{ node: target, metric: normal }] };
  }
}

/** What happens between one phase and the next, in words (for the timeline). */
export const PHASE_TRIGGER: Readonly<Record<Phase, string>> = {
  base: 'the VM runs on the source node; Felix routes it at normal priority',
  target: 'the migration starts: the target pod exists, Felix suppresses its route',
  live: 'the VM resumes on the target (GARP/RARP): the target routes it at elevated priority',
  'source-deleted': 'the source pod is deleted: its route goes',
  settled: 'liveMigrationRouteConvergenceTime has passed: the target returns to normal priority',
};
