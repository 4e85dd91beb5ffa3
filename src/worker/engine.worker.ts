/**
 * The engine's Web Worker: it keeps a session (the built network and finished simulation of the
 * current design) and answers the app's small requests from it (see handle.ts). A simulation in
 * progress cannot be interrupted (the engine is synchronous): the client terminates the worker
 * when a newer design supersedes it. A whole-table job yields between slices, so it is cancelled
 * by a message and the worker keeps answering meanwhile.
 */
import { EngineWorkerCore } from './handle';
import type { EngineResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: EngineResponse, transfer: Transferable[]): void;
};
const core = new EngineWorkerCore();
// A zip's bytes are handed over, not copied.
const post = (r: EngineResponse) => scope.postMessage(r, r.ok && 'zip' in r ? [r.zip] : []);

scope.onmessage = (e) => core.receive(e.data, post);
