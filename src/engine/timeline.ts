/**
 * The timeline of the report: every instant of the simulated exchange where something changed,
 * holding only what changed (each changed speaker's whole RIB or FIB list, each changed client's
 * flow), so that the state at any instant is the fold of the instants up to it. The UI plays it.
 */
import { parseIPv4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import { fibEntries, flowReport, ribEntries } from './entries';
import type { InstantReport } from './report';
import type { Simulation } from './simulate';

export function timelineReport(sim: Simulation): InstantReport[] {
  const vmIp = parseIPv4(sim.migration.ip) as number;
  const lastRoutes = new Map<string, string>();
  const lastFib = new Map<string, string>();
  const lastFlow = new Map<string, string>();
  const out: InstantReport[] = [];
  for (const i of sim.instants) {
    const routes: InstantReport['routes'] = {};
    const fib: InstantReport['fib'] = {};
    for (const speaker of [...i.ribs.keys()].sort(compareStrings)) {
      const rows = ribEntries(sim.net, speaker, i.ribs.get(speaker) ?? []);
      const key = JSON.stringify(rows);
      if (lastRoutes.get(speaker) === key) continue;
      lastRoutes.set(speaker, key);
      (routes as Record<string, unknown>)[speaker] = rows;
    }
    for (const speaker of [...i.fibs.keys()].sort(compareStrings)) {
      const rows = fibEntries(i.fibs.get(speaker) ?? [], vmIp);
      const key = JSON.stringify(rows);
      if (lastFib.get(speaker) === key) continue;
      lastFib.set(speaker, key);
      (fib as Record<string, unknown>)[speaker] = rows;
    }
    const flows = i.flows.map(flowReport).filter((f) => {
      const key = JSON.stringify(f);
      if (lastFlow.get(f.client) === key) return false;
      lastFlow.set(f.client, key);
      return true;
    });
    out.push({ time: i.time, phase: i.phase, routes, fib, flows });
  }
  return out;
}
