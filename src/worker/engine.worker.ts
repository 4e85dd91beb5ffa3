/**
 * The engine's Web Worker: one request in, one response out. The engine is synchronous, so a
 * request that is no longer wanted is cancelled by terminating the worker (see client.ts).
 */
import { handleRequest } from './handle';
import type { EngineResponse } from './protocol';

const scope = self as unknown as { onmessage: ((e: MessageEvent<unknown>) => void) | null; postMessage(message: EngineResponse): void };

scope.onmessage = (e) => {
  scope.postMessage(handleRequest(e.data));
};
