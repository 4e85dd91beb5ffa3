/**
 * The messages between the app and the engine worker. Everything crossing the boundary is plain
 * structured-cloneable data. The worker keeps a session (session.ts): the app sends the design
 * once and gets a small summary (summary.ts) naming the session; then it asks for the rows of one
 * speaker at one instant by session, and for a speaker's whole table as a job that streams its
 * progress and can be cancelled. The config work is asked here too (the main thread loads no
 * generator): the generated files, the manifests, the export zip (its buffer transferred) and a
 * Calico import. The report types are re-exported here (types only, erased at
 * build) so that the store and the UI name the contract of this boundary instead of reaching
 * into the engine; the full report (`toReport`) is the CLI's, never built for the app.
 */
import type { Topology } from '../model';
import type { Diagnostic } from '../engine/diagnostics/types';
import type { PackedRows } from './rows';
import type { RowsAt } from './session';
import type { WireSummary } from './summary';
import type { TableProgress } from '../engine/table';
import type { GeneratedFile } from '../config/files';
import type { CalicoFile, ImportProblem, Imported } from '../calico';
import type { Result } from '../lib/result';

export type { EventReport, FibReportEntry, FlowReport, RouteEntry } from '../engine/report';
export type { Diagnostic } from '../engine/diagnostics/types';
export type { Phase } from '../engine/phases';
export type { SpeakerTable } from '../engine/table';
export type { InstantSummary, PhaseSummary, SimulationSummary, WireSummary } from './summary';
export type { RowsAt, SpeakerRows } from './session';
export type { TableProgress } from '../engine/table';
export type { GeneratedFile } from '../config/files';
export type { CalicoFile, ImportProblem, Imported } from '../calico';

/** What `importCalico` answers: the design with the resources merged and its report, or why not (as the CLI's import). */
export type CalicoImport = Result<Imported, ImportProblem[]>;

export type EngineRequest =
  /** Simulate the migration (the VM and target given, or the design's `spec.migration`) and answer its summary. */
  | {
      readonly id: number;
      readonly kind: 'simulate';
      readonly design: Topology;
      readonly vm?: string;
      readonly to?: string;
    }
  /** The design's own findings (no migration is simulated): for a design without one. */
  | { readonly id: number; readonly kind: 'findings'; readonly design: Topology }
  /** One speaker's rows at a timeline instant (< 0: at the settled state of `phase`) of a session. */
  | {
      readonly id: number;
      readonly kind: 'rows';
      readonly session: string;
      readonly speaker: string;
      readonly instant: number;
      readonly phase: string;
    }
  /** One speaker's whole table (every prefix): progress messages, then the table. Replaces any table job under way. */
  | {
      readonly id: number;
      readonly kind: 'table';
      readonly design: Topology;
      readonly speaker: string;
      readonly hold?: boolean;
    }
  /** Stops the job of request `target` (it answers `cancelled`). */
  | { readonly id: number; readonly kind: 'cancel'; readonly target: number }
  /**
   * Holds table jobs before their next slice (they post their progress and wait), or lets them go
   * on: what the browser tests use to see a job under way however fast the machine is.
   */
  | { readonly id: number; readonly kind: 'hold'; readonly on: boolean }
  /** Every generated file of the design (the config editor's list), calico-node files for `nodes` only. */
  | { readonly id: number; readonly kind: 'files'; readonly design: Topology; readonly nodes: readonly string[] }
  /** The Calico manifests that are safe to apply, as one multi-document YAML. */
  | { readonly id: number; readonly kind: 'manifests'; readonly design: Topology }
  /** The zip of every exported file (with the containerlab lab when asked): its bytes, transferred. */
  | { readonly id: number; readonly kind: 'zip'; readonly design: Topology; readonly containerlab?: boolean }
  /** Merges Calico resource files into the design (File → Open of a cluster dump). */
  | {
      readonly id: number;
      readonly kind: 'importCalico';
      readonly design: Topology;
      readonly files: readonly CalicoFile[];
    };

/** A speaker's whole table on the wire (rows with interned strings). */
export interface PackedTable {
  readonly speaker: string;
  readonly prefixes: number;
  readonly routes: PackedRows;
  readonly fib: PackedRows;
}

export type ErrorKind =
  /** The design cannot be simulated as asked (a user problem). */
  | 'input'
  /** An engine bug. */
  | 'internal'
  /** The job was cancelled (by a cancel message or a newer job). */
  | 'cancelled'
  /** The worker no longer holds the session asked about (it was restarted or moved on). */
  | 'session';

export type EngineResponse =
  | { readonly id: number; readonly ok: true; readonly summary: WireSummary }
  | { readonly id: number; readonly ok: true; readonly findings: readonly Diagnostic[] }
  | { readonly id: number; readonly ok: true; readonly rows: RowsAt }
  | { readonly id: number; readonly ok: true; readonly table: PackedTable }
  | { readonly id: number; readonly ok: true; readonly files: readonly GeneratedFile[] }
  | { readonly id: number; readonly ok: true; readonly manifests: string }
  /** A zip's bytes: the worker transfers the buffer (it is not copied). */
  | { readonly id: number; readonly ok: true; readonly zip: ArrayBuffer }
  | { readonly id: number; readonly ok: true; readonly imported: CalicoImport }
  /** Not an answer yet: how far a table job is. */
  | { readonly id: number; readonly ok: true; readonly progress: TableProgress }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly kind: ErrorKind };
