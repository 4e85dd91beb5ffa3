/**
 * The app's typed client for the engine worker. A simulation (or a design's findings) is the
 * worker's one long synchronous piece of work: a newer one cancels the one in flight by
 * terminating the worker (it cannot be interrupted otherwise; the next call starts a fresh one,
 * and every call pending on the old worker resolves as superseded). Rows of one speaker are
 * asked by session, several at once. A whole table is a job that reports progress and is
 * cancelled by a message (or by a newer table), the worker staying alive. Nothing throws: every
 * outcome is a Result.
 */
import { err, ok, type Result } from '../lib/result';
import type { Topology } from '../model';
import type {
  CalicoFile,
  CalicoImport,
  Diagnostic,
  EngineRequest,
  EngineResponse,
  FibReportEntry,
  GeneratedFile,
  RouteEntry,
  RowsAt,
  SimulationSummary,
  SpeakerTable,
  TableProgress,
} from './protocol';

/** The part of a Worker the client uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface SimulateRequestOptions {
  readonly vm?: string;
  readonly to?: string;
}

export interface TableOptions {
  /** Called with how many of the design's prefixes are done, as the worker reports it. */
  readonly onProgress?: (p: TableProgress) => void;
}

export interface EngineClient {
  simulate(doc: Topology, opts?: SimulateRequestOptions): Promise<Result<SimulationSummary, string>>;
  /** One speaker's rows at an instant of a simulation's session (instant < 0: the settled `phase`). */
  rows?(session: string, speaker: string, instant: number, phase: string): Promise<Result<RowsAt, string>>;
  /** One speaker's whole table; a newer call (or `cancelTable`) cancels this one. */
  table?(doc: Topology, speaker: string, opts?: TableOptions): Promise<Result<SpeakerTable, string>>;
  /** Stops the whole table under way (its call resolves with CANCELLED). */
  cancelTable?(): void;
  /** Holds table jobs before their next slice, showing their progress, or lets them go on (for tests). */
  holdTables?(on: boolean): void;
  /** The design's own findings, without simulating a migration (a newer call cancels this one too). */
  findings?(doc: Topology): Promise<Result<readonly Diagnostic[], string>>;
  dispose(): void;
}

/**
 * The config work the app asks of the worker besides simulating (the main thread loads no
 * generator): answered in turn, none cancels another. A design the worker refuses, or a
 * containerlab export it cannot make, is the error.
 */
export interface FilesClient {
  /** Every generated file of the design, calico-node files for `nodes` only (the config editor's list). */
  files(doc: Topology, nodes: readonly string[]): Promise<Result<readonly GeneratedFile[], string>>;
  /** The Calico manifests that are safe to apply, as one multi-document YAML. */
  manifests(doc: Topology): Promise<Result<string, string>>;
  /** The zip of every exported file, with the containerlab lab when asked. */
  zip(doc: Topology, opts?: { readonly containerlab?: boolean }): Promise<Result<Uint8Array<ArrayBuffer>, string>>;
  /** Calico resource files merged into the design, or the problems that stopped the import. */
  importCalico(doc: Topology, files: readonly CalicoFile[]): Promise<Result<CalicoImport, string>>;
}

/** The error of a call that a newer call replaced before it finished. */
export const SUPERSEDED = 'superseded by a newer simulation';
export const DISPOSED = 'the engine client was disposed';
export const CANCELLED = 'cancelled';
/** Performance marks (the browser benchmark reads them). */
export const SUMMARY_RECEIVED = 'liveroute:summary-received';
export const SUMMARY_DECODED = 'liveroute:summary-decoded';

export function spawnEngineWorker(): WorkerLike {
  // Written out for Vite: this exact form makes the engine a separate worker chunk.
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

interface Pending {
  readonly resolve: (r: Result<EngineResponse, string>) => void;
  readonly onProgress?: (p: TableProgress) => void;
}

type Request = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function createEngineClient(spawn: () => WorkerLike = spawnEngineWorker): EngineClient & FilesClient {
  let worker: WorkerLike | undefined;
  const pending = new Map<number, Pending>();
  /** The simulation (or findings) in flight, and the table job. */
  let exclusive: number | undefined;
  let tableJob: number | undefined;
  let nextId = 1;
  let disposed = false;
  let held = false;

  const settle = (id: number, r: Result<EngineResponse, string>) => {
    const p = pending.get(id);
    pending.delete(id);
    if (exclusive === id) exclusive = undefined;
    if (tableJob === id) tableJob = undefined;
    p?.resolve(r);
  };

  /** Terminates the worker; every call pending on it resolves with `reason`. */
  const stop = (reason: string) => {
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      worker = undefined;
    }
    for (const id of [...pending.keys()]) settle(id, err(reason));
  };

  const start = (): WorkerLike => {
    const w = spawn();
    w.onmessage = (e) => {
      const res = e.data;
      const p = pending.get(res.id);
      // An answer nobody waits for any more (a superseded table's last progress): dropped.
      if (!p) return;
      if (res.ok && 'progress' in res) return p.onProgress?.(res.progress);
      settle(res.id, res.ok ? ok(res) : err(res.error));
    };
    w.onerror = (e) => {
      // The worker failed to load or crashed: report it, and start afresh on the next call.
      e.preventDefault?.();
      stop(`the engine worker failed: ${e.message || 'it could not be started'}`);
    };
    return w;
  };

  const send = (
    request: Request,
    onProgress?: (p: TableProgress) => void,
  ): { id: number; answer: Promise<Result<EngineResponse, string>> } => {
    const id = nextId++;
    if (disposed) return { id, answer: Promise.resolve(err(DISPOSED)) };
    worker ??= start();
    const w = worker;
    const answer = new Promise<Result<EngineResponse, string>>((resolve) => {
      pending.set(id, { resolve, ...(onProgress ? { onProgress } : {}) });
      try {
        w.postMessage({ id, ...request } as EngineRequest);
      } catch (e) {
        // A design that cannot be cloned never reaches the worker.
        settle(id, err(`the design could not be sent to the engine: ${(e as Error).message}`));
      }
    });
    return { id, answer };
  };

  /** A simulation or findings: replaces the one in flight (terminating its worker). */
  const sendExclusive = (request: Request) => {
    if (exclusive !== undefined && !disposed) stop(SUPERSEDED);
    const sent = send(request);
    if (pending.has(sent.id)) exclusive = sent.id;
    return sent.answer;
  };

  const cancelTable = () => {
    const id = tableJob;
    if (id === undefined) return;
    worker?.postMessage({ id: nextId++, kind: 'cancel', target: id });
    // The worker confirms later; the caller is told now.
    settle(id, err(CANCELLED));
  };

  return {
    async simulate(doc, opts = {}) {
      const r = await sendExclusive({
        kind: 'simulate',
        design: doc,
        ...(opts.vm !== undefined ? { vm: opts.vm } : {}),
        ...(opts.to !== undefined ? { to: opts.to } : {}),
      });
      if (!r.ok) return r;
      if (!('summary' in r.value)) return err('the engine answered with something else than a summary');
      // Marks for the browser benchmark: when the summary arrived, and how long decoding took.
      globalThis.performance?.mark?.(SUMMARY_RECEIVED);
      // The decoder loads with the first summary, not with the app (the first paint does not need it).
      const { decodeSummary } = await import('./summary');
      const summary = decodeSummary(r.value.summary);
      globalThis.performance?.mark?.(SUMMARY_DECODED);
      return ok(summary);
    },
    async rows(session, speaker, instant, phase) {
      const r = await send({ kind: 'rows', session, speaker, instant, phase }).answer;
      if (!r.ok) return r;
      return 'rows' in r.value ? ok(r.value.rows) : err('the engine answered with something else than rows');
    },
    async table(doc, speaker, opts = {}) {
      cancelTable();
      const sent = send({ kind: 'table', design: doc, speaker, ...(held ? { hold: true } : {}) }, opts.onProgress);
      if (pending.has(sent.id)) tableJob = sent.id;
      const r = await sent.answer;
      if (!r.ok) return r;
      if (!('table' in r.value)) return err('the engine answered with something else than a table');
      const t = r.value.table;
      const { unpackRows } = await import('./rows');
      return ok({
        speaker: t.speaker,
        prefixes: t.prefixes,
        routes: unpackRows<RouteEntry>(t.routes),
        fib: unpackRows<FibReportEntry>(t.fib),
      });
    },
    cancelTable,
    holdTables(on) {
      held = on;
      worker?.postMessage({ id: nextId++, kind: 'hold', on });
    },
    async findings(doc) {
      const r = await sendExclusive({ kind: 'findings', design: doc });
      if (!r.ok) return r;
      return 'findings' in r.value
        ? ok(r.value.findings)
        : err('the engine answered with something else than findings');
    },
    async files(doc, nodes) {
      const r = await send({ kind: 'files', design: doc, nodes }).answer;
      if (!r.ok) return r;
      return 'files' in r.value ? ok(r.value.files) : err('the engine answered with something else than files');
    },
    async manifests(doc) {
      const r = await send({ kind: 'manifests', design: doc }).answer;
      if (!r.ok) return r;
      return 'manifests' in r.value
        ? ok(r.value.manifests)
        : err('the engine answered with something else than manifests');
    },
    async zip(doc, opts = {}) {
      const r = await send({ kind: 'zip', design: doc, ...(opts.containerlab ? { containerlab: true } : {}) }).answer;
      if (!r.ok) return r;
      return 'zip' in r.value
        ? ok(new Uint8Array(r.value.zip))
        : err('the engine answered with something else than a zip');
    },
    async importCalico(doc, files) {
      const r = await send({ kind: 'importCalico', design: doc, files }).answer;
      if (!r.ok) return r;
      return 'imported' in r.value
        ? ok(r.value.imported)
        : err('the engine answered with something else than an import');
    },
    dispose() {
      disposed = true;
      stop(DISPOSED);
    },
  };
}
