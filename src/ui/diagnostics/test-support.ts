/** For tests: the engine run in-process, as the worker would run it, behind the client interface. */
import { err, ok } from '../../lib/result';
import type { Topology } from '../../model';
import { handleRequest } from '../../worker/handle';
import type { EngineClient } from '../../worker/client';
import type { SimulationReport } from '../../worker/protocol';

let nextId = 1;

export function simulateNow(doc: Topology): SimulationReport {
  const r = handleRequest({ id: nextId++, design: doc });
  if (!r.ok || !('report' in r)) throw new Error(`the engine did not simulate ${doc.metadata.name}: ${r.ok ? 'no report' : r.error}`);
  return r.report;
}

export const inProcessClient: EngineClient = {
  simulate: async (doc) => {
    try {
      return ok(simulateNow(doc));
    } catch (e) {
      return err((e as Error).message);
    }
  },
  findings: async (doc) => {
    const r = handleRequest({ id: nextId++, design: doc, findings: true });
    return r.ok && 'findings' in r ? ok(r.findings) : err(r.ok ? 'no findings' : r.error);
  },
  dispose: () => undefined,
};
