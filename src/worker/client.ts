/**
 * The app's typed client for the engine worker. Only the newest request matters: a new request
 * cancels the one in flight by terminating the worker (the engine is synchronous and cannot be
 * interrupted otherwise) and the next one starts a fresh worker; the cancelled call resolves as
 * superseded. Nothing throws: every outcome is a Result.
 */
import { err, ok, type Result } from '../lib/result';
import type { Topology } from '../model';
import type { EngineRequest, EngineResponse, SimulationReport } from './protocol';

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
  readonly resolve: (r: Result<SimulationReport, string>) => void;
}

export function createEngineClient(spawn: () => WorkerLike = spawnEngineWorker): EngineClient {
  let worker: WorkerLike | undefined;
  let pending: Pending | undefined;
  let nextId = 1;
  let disposed = false;

  const settle = (r: Result<SimulationReport, string>) => {
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
      settle(res.ok ? ok(res.report) : err(res.error));
    };
    w.onerror = (e) => {
      // The worker failed to load or crashed: report it, and start afresh on the next call.
      e.preventDefault?.();
      stop();
      settle(err(`the engine worker failed: ${e.message || 'it could not be started'}`));
    };
    return w;
  };

  return {
    simulate(doc, opts = {}) {
      if (disposed) return Promise.resolve(err(DISPOSED));
      if (pending) {
        stop();
        settle(err(SUPERSEDED));
      }
      worker ??= start();
      const id = nextId++;
      const request: EngineRequest = { id, design: doc, ...(opts.vm !== undefined ? { vm: opts.vm } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) };
      const w = worker;
      return new Promise((resolve) => {
        pending = { id, resolve };
        try {
          w.postMessage(request);
        } catch (e) {
          // A design that cannot be cloned never reaches the worker.
          settle(err(`the design could not be sent to the engine: ${(e as Error).message}`));
        }
      });
    },
    dispose() {
      disposed = true;
      stop();
      settle(err(DISPOSED));
    },
  };
}
