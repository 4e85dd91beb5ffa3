/**
 * Whole routing tables: every prefix the design originates (block blackholes, defaults, static
 * routes, every VM's /32 where it runs, at normal priority), converged on every speaker. The
 * migration needs only the prefixes that cover the VM; this is for the tables someone opens,
 * and the measure of the engine's speed.
 */
import { formatIPv4, parseIPv4, prefix4, type Prefix4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import { resolveCluster } from '../model';
import type { Network } from './network';
import { DEFAULT_TIMING, PrefixSim, type Timing } from './prefixSim';
import { localRoutes } from './simulate';
import { ribEntries, tableFibEntries } from './entries';
import type { FibReportEntry, RouteEntry } from './report';

export interface TableResult {
  readonly prefixes: number;
  /** RIB entries (candidates) over all speakers and prefixes. */
  readonly routeEntries: number;
  readonly oscillating: readonly string[];
  readonly sims: readonly PrefixSim[];
}

export function convergeTable(net: Network, timing: Timing = DEFAULT_TIMING, keep = false): TableResult {
  const doc = net.doc;
  const normal = resolveCluster(doc.spec).normalPriority;
  const prefixes = new Map<string, Prefix4>();
  for (const s of net.speakers.values()) for (const st of s.statics) {
    const p = prefix4(st.prefix);
    if (p) prefixes.set(st.prefix, p);
  }
  for (const vm of doc.spec.vms) prefixes.set(`${vm.ip}/32`, { addr: parseIPv4(vm.ip) as number, len: 32 });
  const speakers = [...net.speakers.keys()].sort(compareStrings);
  let routeEntries = 0;
  const oscillating: string[] = [];
  const sims: PrefixSim[] = [];
  for (const [, prefix] of [...prefixes].sort(([a], [b]) => compareStrings(a, b))) {
    const sim = new PrefixSim(net, prefix, timing);
    const vm = prefix.len === 32 ? doc.spec.vms.find((v) => v.ip === formatIPv4(prefix.addr)) : undefined;
    for (const name of speakers) {
      const routes = localRoutes(net, name, prefix, { phase: 'base', vmHost: vm?.node ?? '', routes: vm ? [{ node: vm.node, metric: normal }] : [] }, vm ? { vm: vm.name, ip: vm.ip, from: vm.node, to: vm.node } : { vm: '', ip: '', from: '', to: '' });
      if (routes.length > 0) sim.setLocal(name, routes, 0);
    }
    sim.runToQuiet();
    for (const st of sim.states.values()) routeEntries += st.ranked.length;
    if (sim.oscillating) oscillating.push(sim.label);
    if (keep) sims.push(sim);
  }
  return { prefixes: prefixes.size, routeEntries, oscillating, sims };
}

/** One speaker's whole table: every prefix of the design, converged (the base state). */
export interface SpeakerTable {
  readonly speaker: string;
  readonly prefixes: number;
  readonly routes: readonly RouteEntry[];
  readonly fib: readonly FibReportEntry[];
}

/**
 * The whole table of `speaker`: its RIB rows for every prefix and its kernel routes, each one
 * marked as forwarding for its own prefix (the lowest metric). The migration changes only the
 * prefixes that contain the VM's IP; the others are the same in every phase.
 */
export function speakerTable(net: Network, speaker: string): SpeakerTable {
  const table = convergeTable(net, DEFAULT_TIMING, true);
  const routes: RouteEntry[] = [];
  const fib: FibReportEntry[] = [];
  for (const sim of table.sims) {
    const st = sim.states.get(speaker);
    if (!st) continue;
    if (st.ranked.length > 0) routes.push(...ribEntries(net, speaker, [{ prefix: sim.prefix, ranked: st.ranked }]));
    fib.push(...tableFibEntries(st.fib));
  }
  return { speaker, prefixes: table.prefixes, routes, fib };
}
