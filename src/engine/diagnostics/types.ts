/** A finding about a design (DESIGN §8): a code, where and when it bites, why, and how to fix it. */
export type Severity = 'error' | 'warning' | 'info';

export const DIAGNOSTIC_CODES = [
  'LR-SESSION-DOWN',
  'LR-FILTER-MISSING',
  'LR-PRIORITY-MISMATCH',
  'LR-EBGP-NO-PRIORITY',
  'LR-TOR-IGNORES-COMMUNITY',
  'LR-COMMUNITY-STRIPPED',
  'LR-DOWNWARD-DEFAULT',
  'LR-ECMP-SPLIT',
  'LR-BLACKHOLE',
  'LR-LOOP',
  'LR-CATCHALL-EXPORT',
  'LR-PREFIX-RANGE-INVALID',
  'LR-BIRD-CONFIG-INVALID',
  'LR-OSCILLATION',
  'LR-TRANSIENT-BLACKHOLE',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** A change to the design that fixes the finding, applied by the app with one click. */
export type Fix =
  | { readonly kind: 'attach-filter'; readonly peer: string; readonly filter: string }
  | { readonly kind: 'add-live-migration-filter'; readonly peers: readonly string[] }
  | { readonly kind: 'set-elevated-community'; readonly router: string; readonly community: string }
  | { readonly kind: 'set-send-community'; readonly router: string }
  | { readonly kind: 'set-to-nodes'; readonly router: string; readonly mode: 'all' | 'default-plus-host-routes' }
  | { readonly kind: 'set-bgp-normal-priority'; readonly value: number | undefined }
  | { readonly kind: 'set-filter-priority'; readonly filter: string; readonly from: number; readonly to: number }
  | { readonly kind: 'set-peer-as'; readonly peer: string; readonly asNumber: number }
  | { readonly kind: 'remove-filter-reference'; readonly peer: string; readonly filter: string };

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
