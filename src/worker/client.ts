/**
 * The app's typed client for the engine worker. Only the newest request matters: a new request
 * cancels the one in flight by terminating the worker (the engine is synchronous and cannot be
 * interrupted otherwise) and the next one starts a fresh worker; the cancelled call resolves as
 * superseded. Nothing throws: every outcome is a Result.
 */
import { err, ok, type Result } from '../lib/result';
import type { Topology } from '../model';
import type { Diagnostic, EngineRequest, EngineResponse, SimulationReport, SpeakerTable } from './protocol';

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

export interface EngineClient {
  simulate(doc: Topology, opts?: SimulateRequestOptions): Promise<Result<SimulationReport, string>>;
  /** One speaker's whole table; like `simulate`, a newer call cancels this one (use a client of its own). */
  table?(doc: Topology, speaker: string): Promise<Result<SpeakerTable, string>>;
  /** The design's own findings, without simulating a migration (a newer call cancels this one too). */
  findings?(doc: Topology): Promise<Result<readonly Diagnostic[], string>>;
  dispose(): void;
}

/** The error of a call that a newer call replaced before it finished. */
export const SUPERSEDED = 'superseded by a newer simulation';
export const DISPOSED = 'the engine client was disposed';

export function spawnEngineWorker(): WorkerLike {
  // Written out for Vite: this exact form makes the engine a separate worker chunk.
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

interface Pending {
  readonly id: number;
  readonly resolve: (r: Result<EngineResponse, string>) => void;
}

export function createEngineClient(spawn: () => WorkerLike = spawnEngineWorker): EngineClient {
  let worker: WorkerLike | undefined;
  let pending: Pending | undefined;
  let nextId = 1;
  let disposed = false;

  const settle = (r: Result<EngineResponse, string>) => {
    const p = pending;
    pending = undefined;
    p?.resolve(r);
  };

  const stop = () => {
    if (!worker) return;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    worker = undefined;
  };

  const start = (): WorkerLike => {
    const w = spawn();
    w.onmessage = (e) => {
      const res = e.data;
      // A response to anything but the call in flight is stale (it cannot normally happen: the
      // worker of a cancelled call is terminated).
      if (!pending || res.id !== pending.id) return;
      settle(res.ok ? ok(res) : err(res.error));
    };
    w.onerror = (e) => {
      // The worker failed to load or crashed: report it, and start afresh on the next call.
      e.preventDefault?.();
      stop();
      settle(err(`the engine worker failed: ${e.message || 'it could not be started'}`));
    };
    return w;
  };

  /** Sends a request, cancelling the one in flight; resolves with the worker's answer. */
  const send = (request: Omit<EngineRequest, 'id'>): Promise<Result<EngineResponse, string>> => {
    if (disposed) return Promise.resolve(err(DISPOSED));
    if (pending) {
      stop();
      settle(err(SUPERSEDED));
    }
    worker ??= start();
    const id = nextId++;
    const w = worker;
    return new Promise((resolve) => {
      pending = { id, resolve };
      try {
        w.postMessage({ id, ...request });
      } catch (e) {
        // A design that cannot be cloned never reaches the worker.
        settle(err(`the design could not be sent to the engine: ${(e as Error).message}`));
      }
    });
  };

  return {
    async simulate(doc, opts = {}) {
      const r = await send({ design: doc, ...(opts.vm !== undefined ? { vm: opts.vm } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) });
      if (!r.ok) return r;
      return 'report' in r.value ? ok(r.value.report) : err('the engine answered with something else than a report');
    },
    async table(doc, speaker) {
      const r = await send({ design: doc, table: { speaker } });
      if (!r.ok) return r;
      return 'table' in r.value ? ok(r.value.table) : err('the engine answered with something else than a table');
    },
    async findings(doc) {
      const r = await send({ design: doc, findings: true });
      if (!r.ok) return r;
      return 'findings' in r.value ? ok(r.value.findings) : err('the engine answered with something else than findings');
    },
    dispose() {
      disposed = true;
      stop();
      settle(err(DISPOSED));
    },
  };
}
