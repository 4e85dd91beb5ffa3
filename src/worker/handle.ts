/**
 * What the engine worker does with its messages, as a plain class (the worker entry only wires it
 * to `postMessage`, so it can be tested in Node). Simulations, findings and rows are answered at
 * once, as is the app's config work (generated files, manifests, zips, Calico import); a whole
 * table is a job run in slices of at most `sliceMs`, yielding to the event loop between them so that rows requests and cancels are heard while it runs. It never throws:
 * every failure becomes an error response.
 */
import { formatIssue, validateDesign, type Topology } from '../model';
import { SimulationInputError } from '../engine/simulate';
import { diagnoseDesign } from '../engine/diagnostics';
import { SpeakerTableRun } from '../engine/table';
import { bundleFiles, manifestsYaml, zipBundle } from '../config/bundle';
import { containerlabExport } from '../lab/clab';
import { importCalicoFiles } from '../calico';
import type { EngineRequest, EngineResponse, ErrorKind } from './protocol';
import { packFib, packRoutes } from './rows';
import { EngineSession } from './session';

const MAX_LISTED_ISSUES = 3;
export const SLICE_MS = 40;
/** Progress is posted at most this often (each one re-renders the app's subscribers). */
export const PROGRESS_MS = 100;
export const CANCELLED = 'cancelled';

function requestId(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? id : -1;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
  ) {
    super(message);
  }
}

/** The design, checked: the store only holds validated designs, but the worker is a boundary. */
function checkedDesign(design: unknown): Topology {
  const checked = validateDesign(design);
  if (checked.ok) return checked.value;
  const listed = checked.error.slice(0, MAX_LISTED_ISSUES).map(formatIssue).join('; ');
  const more =
    checked.error.length > MAX_LISTED_ISSUES ? ` (and ${checked.error.length - MAX_LISTED_ISSUES} more)` : '';
  throw new Refusal(`the design is not valid: ${listed}${more}`, 'input');
}

function failure(id: number, e: unknown): EngineResponse {
  if (e instanceof Refusal) return { id, ok: false, kind: e.kind, error: e.message };
  if (e instanceof SimulationInputError) return { id, ok: false, kind: 'input', error: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { id, ok: false, kind: 'internal', error: `the engine failed: ${message}` };
}

/** The zip of the export (with the containerlab files when asked) as a buffer of its own, to transfer. */
function zipBuffer(doc: Topology, containerlab: boolean): ArrayBuffer {
  let extra: readonly { path: string; text: string }[] = [];
  if (containerlab) {
    const clab = containerlabExport(doc);
    if (!clab.ok) throw new Refusal(clab.error, 'input');
    extra = clab.value;
  }
  const bytes = zipBundle(doc, extra);
  const whole =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

export interface WorkerCoreOptions {
  readonly sliceMs?: number;
  readonly progressMs?: number;
  /** Gives the event loop a turn (the worker uses a macrotask, so that messages get in). */
  readonly yieldNow?: () => Promise<void>;
  readonly now?: () => number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class EngineWorkerCore {
  readonly session = new EngineSession();
  private job: { id: number; cancelled: boolean } | undefined;
  /** Table jobs wait before their next slice while this is set (the `hold` request). */
  private held = false;
  private release: (() => void) | undefined;
  private readonly sliceMs: number;
  private readonly progressMs: number;
  private readonly yieldNow: () => Promise<void>;
  private readonly now: () => number;

  constructor(options: WorkerCoreOptions = {}) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.progressMs = options.progressMs ?? PROGRESS_MS;
    this.yieldNow = options.yieldNow ?? macrotask;
    this.now = options.now ?? (() => performance.now());
  }

  /** Handles one message; `post` gets every response (a table job posts later, more than once). */
  receive(data: unknown, post: (r: EngineResponse) => void): void {
    const id = requestId(data);
    const req = data as EngineRequest | null;
    if (id < 0 || !req || typeof req !== 'object' || typeof req.kind !== 'string') {
      post({ id, ok: false, kind: 'internal', error: 'malformed engine request: expected { id, kind, … }' });
      return;
    }
    try {
      switch (req.kind) {
        case 'simulate':
          post({ id, ok: true, summary: this.session.summarize(checkedDesign(req.design), req.vm, req.to) });
          return;
        case 'findings':
          post({ id, ok: true, findings: diagnoseDesign(checkedDesign(req.design)) });
          return;
        case 'rows': {
          const rows = this.session.rowsAt(req.session, req.speaker, req.instant, req.phase);
          post(
            rows
              ? { id, ok: true, rows }
              : { id, ok: false, kind: 'session', error: 'the engine no longer holds this simulation: it runs again' },
          );
          return;
        }
        case 'cancel':
          if (this.job?.id === req.target) {
            this.job.cancelled = true;
            this.release?.();
          }
          return;
        case 'hold':
          this.hold(req.on);
          return;
        case 'files':
          post({ id, ok: true, files: bundleFiles(checkedDesign(req.design), { nodes: req.nodes }) });
          return;
        case 'manifests':
          post({ id, ok: true, manifests: manifestsYaml(checkedDesign(req.design)) });
          return;
        case 'zip':
          post({ id, ok: true, zip: zipBuffer(checkedDesign(req.design), req.containerlab === true) });
          return;
        case 'importCalico':
          post({ id, ok: true, imported: importCalicoFiles(checkedDesign(req.design), req.files) });
          return;
        case 'table':
          if (req.hold !== undefined) this.hold(req.hold);
          void this.table(id, req.design, req.speaker, post);
          return;
        default:
          post({
            id,
            ok: false,
            kind: 'internal',
            error: `unknown engine request kind ${JSON.stringify((req as { kind: string }).kind)}`,
          });
      }
    } catch (e) {
      post(failure(id, e));
    }
  }

  private hold(on: boolean): void {
    this.held = on;
    if (!on) this.release?.();
  }

  /** Resolves when the hold is lifted or the job cancelled. */
  private whileHeld(job: { cancelled: boolean }): Promise<void> {
    return new Promise<void>((resolve) => {
      if (!this.held || job.cancelled) resolve();
      else this.release = resolve;
    });
  }

  private async table(id: number, design: unknown, speaker: string, post: (r: EngineResponse) => void): Promise<void> {
    // One table at a time: a newer one replaces the one under way.
    if (this.job) this.job.cancelled = true;
    this.release?.();
    const job = { id, cancelled: false };
    this.job = job;
    try {
      const doc = checkedDesign(design);
      const net = this.session.network(doc);
      if (!net.speakers.has(speaker)) throw new Refusal(`no speaker ${JSON.stringify(speaker)} in the design`, 'input');
      // Only the speakers this table depends on, one prefix a step (src/engine/table.ts).
      const run = new SpeakerTableRun(net, speaker);
      const cancelled = () => {
        post({ id, ok: false, kind: 'cancelled', error: CANCELLED });
      };
      // "0 / N" at once.
      let shown = run.progress;
      post({ id, ok: true, progress: shown });
      let posted = this.now();
      for (;;) {
        if (this.held) {
          // Held: what it shows is where it stands.
          if (run.progress.done !== shown.done) post({ id, ok: true, progress: (shown = run.progress) });
          await this.whileHeld(job);
          if (job.cancelled) return cancelled();
        }
        const start = this.now();
        do run.step(1);
        while (run.progress.done < run.progress.total && this.now() - start < this.sliceMs);
        if (run.progress.done === run.progress.total) {
          const t = run.result();
          post({
            id,
            ok: true,
            table: { speaker: t.speaker, prefixes: t.prefixes, routes: packRoutes(t.routes), fib: packFib(t.fib) },
          });
          return;
        }
        if (this.now() - posted >= this.progressMs) {
          post({ id, ok: true, progress: (shown = run.progress) });
          posted = this.now();
        }
        await this.yieldNow();
        if (job.cancelled) return cancelled();
      }
    } catch (e) {
      post(failure(id, e));
    } finally {
      if (this.job === job) this.job = undefined;
    }
  }
}
