/**
 * For tests (and tools): the engine worker's core run in this process behind the client
 * interface, answering through the same messages and the same decoding as the real worker.
 */
import { err, ok, type Result } from '../lib/result';
import { createEngineClient, type EngineClient, type FilesClient, type WorkerLike } from './client';
import { EngineWorkerCore } from './handle';
import type { EngineRequest, EngineResponse, FibReportEntry, RouteEntry } from './protocol';
import { unpackRows } from './rows';
import { decodeSummary } from './summary';

/** A worker stand-in that runs the core in this process (answers arrive on a microtask, cloned). */
export class InProcessWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly core = new EngineWorkerCore();
  private terminated = false;
  postMessage(message: EngineRequest): void {
    const data = structuredClone(message);
    queueMicrotask(() =>
      this.core.receive(data, (r) => {
        if (!this.terminated) this.onmessage?.({ data: structuredClone(r) } as MessageEvent<EngineResponse>);
      }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** The real client over an in-process worker (a newer simulation supersedes the one in flight). */
export function createInProcessClient(): EngineClient & FilesClient {
  return createEngineClient(() => new InProcessWorker());
}

type Request = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A client where every call is answered on its own (none supersedes another), sharing one core:
 * for tests that give one client to several stores.
 */
export function createSharedInProcessClient(): EngineClient & FilesClient {
  const core = new EngineWorkerCore();
  let nextId = 1;
  const ask = (req: Request): Promise<Result<EngineResponse, string>> =>
    new Promise((resolve) =>
      queueMicrotask(() =>
        core.receive({ ...req, id: nextId++ }, (r) => {
          if (r.ok && 'progress' in r) return;
          resolve(r.ok ? ok(r) : err(r.error));
        }),
      ),
    );
  return {
    simulate: async (doc, opts = {}) => {
      const r = await ask({ kind: 'simulate', design: doc, ...opts });
      return !r.ok ? r : 'summary' in r.value ? ok(decodeSummary(r.value.summary)) : err('no summary');
    },
    rows: async (session, speaker, instant, phase) => {
      const r = await ask({ kind: 'rows', session, speaker, instant, phase });
      return !r.ok ? r : 'rows' in r.value ? ok(r.value.rows) : err('no rows');
    },
    table: async (doc, speaker) => {
      const r = await ask({ kind: 'table', design: doc, speaker });
      if (!r.ok) return r;
      if (!('table' in r.value)) return err('no table');
      const t = r.value.table;
      return ok({
        speaker: t.speaker,
        prefixes: t.prefixes,
        routes: unpackRows<RouteEntry>(t.routes),
        fib: unpackRows<FibReportEntry>(t.fib),
      });
    },
    findings: async (doc) => {
      const r = await ask({ kind: 'findings', design: doc });
      return !r.ok ? r : 'findings' in r.value ? ok(r.value.findings) : err('no findings');
    },
    files: async (doc, nodes) => {
      const r = await ask({ kind: 'files', design: doc, nodes });
      return !r.ok ? r : 'files' in r.value ? ok(r.value.files) : err('no files');
    },
    manifests: async (doc) => {
      const r = await ask({ kind: 'manifests', design: doc });
      return !r.ok ? r : 'manifests' in r.value ? ok(r.value.manifests) : err('no manifests');
    },
    zip: async (doc, opts = {}) => {
      const r = await ask({ kind: 'zip', design: doc, ...(opts.containerlab ? { containerlab: true } : {}) });
      return !r.ok ? r : 'zip' in r.value ? ok(new Uint8Array(r.value.zip)) : err('no zip');
    },
    importCalico: async (doc, files) => {
      const r = await ask({ kind: 'importCalico', design: doc, files });
      return !r.ok ? r : 'imported' in r.value ? ok(r.value.imported) : err('no import');
    },
    dispose: () => undefined,
  };
}
