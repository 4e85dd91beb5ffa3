/** For tests: the engine run in-process, as the worker would run it, behind the client interface. */
import type { Topology } from '../../model';
import { createSharedInProcessClient } from '../../worker/inProcess';
import { decodeSummary } from '../../worker/summary';
import { EngineSession } from '../../worker/session';
import type { SimulationSummary } from '../../worker/protocol';

const session = new EngineSession();

/** The summary the app gets for `doc` (its design's migration), simulated now. */
export function simulateNow(doc: Topology): SimulationSummary {
  return decodeSummary(session.summarize(doc));
}

export const inProcessClient = createSharedInProcessClient();
