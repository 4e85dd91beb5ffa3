/** A finding about a design (DESIGN §8): a code, where and when it bites, why, and how to fix it. */
import type { Fix } from '../../model/edit/fixes';

/** A change to the design that fixes the finding, applied by the app with one click (src/model/edit/fixes.ts). */
export type { Fix };
export type Severity = 'error' | 'warning' | 'info';

export const DIAGNOSTIC_CODES = [
  'LR-SESSION-DOWN',
  'LR-FILTER-MISSING',
  'LR-PRIORITY-MISMATCH',
  'LR-EBGP-NO-PRIORITY',
  'LR-FILTER-PEERTYPE',
  'LR-TOR-IGNORES-COMMUNITY',
  'LR-COMMUNITY-STRIPPED',
  'LR-DOWNWARD-DEFAULT',
  'LR-ECMP-SPLIT',
  'LR-BLACKHOLE',
  'LR-LOOP',
  'LR-CATCHALL-EXPORT',
  'LR-PREFIX-RANGE-INVALID',
  'LR-POOL-ENCAPSULATED',
  'LR-BIRD-CONFIG-INVALID',
  'LR-OSCILLATION',
  'LR-TRANSIENT-BLACKHOLE',
  'LR-EXPECTED-VERDICT',
  'LR-LESSON-STALE',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The phase where it bites; absent when it holds for the design as a whole. */
  readonly phase?: string;
  /** Elements it concerns (speakers, BGPPeers, BGPFilters), to highlight. */
  readonly subjects: readonly string[];
  readonly message: string;
  readonly fix: string;
  readonly action?: Fix;
}
