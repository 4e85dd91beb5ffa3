/**
 * The messages between the app and the engine worker. Everything crossing the boundary is plain
 * structured-cloneable data: the design as its liveroute/v1 JSON, the report as DESIGN §5's JSON.
 * The report types are re-exported here (types only, erased at build) so that the store and the
 * UI name the contract of this boundary instead of reaching into the engine.
 */
import type { Topology } from '../model';
import type { SimulationReport } from '../engine/report';
import type { SpeakerTable } from '../engine/table';

export type {
  EventReport,
  FibReportEntry,
  FlowReport,
  InstantReport,
  PhaseReport,
  RouteEntry,
  SessionReport,
  SimulationReport,
} from '../engine/report';
export type { Diagnostic } from '../engine/diagnostics/types';
import type { Diagnostic } from '../engine/diagnostics/types';
export type { Phase } from '../engine/phases';

export type { SpeakerTable } from '../engine/table';

export interface EngineRequest {
  /** Chosen by the client; the response carries it back. */
  readonly id: number;
  readonly design: Topology;
  /** The VM to migrate and its target; absent: the design's `spec.migration`. */
  readonly vm?: string;
  readonly to?: string;
  /** Asks for this speaker's whole table (every prefix) instead of the migration. */
  readonly table?: { readonly speaker: string };
  /** Asks for the design's own findings (no migration is simulated): for a design without one. */
  readonly findings?: true;
}

export type EngineResponse =
  | { readonly id: number; readonly ok: true; readonly report: SimulationReport }
  | { readonly id: number; readonly ok: true; readonly table: SpeakerTable }
  | { readonly id: number; readonly ok: true; readonly findings: readonly Diagnostic[] }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: string;
      /** `input`: the design cannot be simulated as asked (a user problem); `internal`: an engine bug. */
      readonly kind: 'input' | 'internal';
    };
