/**
 * A speaker's whole table ("All prefixes") as a job of small steps, so that the worker can report
 * progress and notice a cancel between them. Until the engine offers an incremental
 * `convergeTable`, this walks the same loop as `speakerTable` (src/engine/table.ts) one prefix at
 * a time, with the engine's own pieces, and gives the same table; switching to the engine's API
 * replaces the body of `speakerTableSteps` only.
 */
import { formatIPv4, parseIPv4, prefix4, type Prefix4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import { resolveCluster } from '../model';
import { ribEntries, tableFibEntries } from '../engine/entries';
import type { Network } from '../engine/network';
import { DEFAULT_TIMING, PrefixSim } from '../engine/prefixSim';
import type { FibReportEntry, RouteEntry } from '../engine/report';
import { localRoutes } from '../engine/simulate';
import type { SpeakerTable } from '../engine/table';

export interface TableProgress {
  readonly done: number;
  readonly total: number;
}

/** Yields after each prefix converged; returns the table (equal to `speakerTable(net, speaker)`). */
export function* speakerTableSteps(net: Network, speaker: string): Generator<TableProgress, SpeakerTable> {
  const doc = net.doc;
  const normal = resolveCluster(doc.spec).normalPriority;
  const prefixes = new Map<string, Prefix4>();
  for (const s of net.speakers.values()) for (const st of s.statics) {
    const p = prefix4(st.prefix);
    if (p) prefixes.set(st.prefix, p);
  }
  for (const vm of doc.spec.vms) prefixes.set(`${vm.ip}/32`, { addr: parseIPv4(vm.ip) as number, len: 32 });
  const speakers = [...net.speakers.keys()].sort(compareStrings);
  const ordered = [...prefixes].sort(([a], [b]) => compareStrings(a, b));
  const routes: RouteEntry[] = [];
  const fib: FibReportEntry[] = [];
  let done = 0;
  yield { done, total: ordered.length };
  for (const [, prefix] of ordered) {
    const sim = new PrefixSim(net, prefix, DEFAULT_TIMING);
    const vm = prefix.len === 32 ? doc.spec.vms.find((v) => v.ip === formatIPv4(prefix.addr)) : undefined;
    for (const name of speakers) {
      const local = localRoutes(net, name, prefix, { phase: 'base', vmHost: vm?.node ?? '', routes: vm ? [{ node: vm.node, metric: normal }] : [] }, vm ? { vm: vm.name, ip: vm.ip, from: vm.node, to: vm.node } : { vm: '', ip: '', from: '', to: '' });
      if (local.length > 0) sim.setLocal(name, local, 0);
    }
    sim.runToQuiet();
    const st = sim.states.get(speaker);
    if (st) {
      if (st.ranked.length > 0) routes.push(...ribEntries(net, speaker, [{ prefix: sim.prefix, ranked: st.ranked }]));
      fib.push(...tableFibEntries(st.fib));
    }
    done++;
    yield { done, total: ordered.length };
  }
  return { speaker, prefixes: prefixes.size, routes, fib };
}
