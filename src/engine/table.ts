/**
 * Whole routing tables: every prefix the design originates (block blackholes, defaults, static
 * routes, every VM's /32 where it runs, at normal priority), converged. The migration needs only
 * the prefixes that cover the VM; this is for the tables someone opens, and the measure of the
 * engine's speed. `convergeTable` runs every speaker; `SpeakerTableRun` runs, prefix by prefix,
 * only the speakers one speaker's table depends on (relevance.ts) and keeps only its rows.
 */
import { formatIPv4, parseIPv4, prefix4, type Prefix4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import { resolveCluster, type VM } from '../model';
import type { Network } from './network';
import { DEFAULT_TIMING, PrefixSim, type Timing } from './prefixSim';
import { Relevance } from './relevance';
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

/** A prefix of the table and the speakers that originate it (their local routes). */
interface TablePrefix {
  readonly prefix: Prefix4;
  readonly vm: VM | undefined;
  readonly originators: readonly string[];
}

/** Every prefix of the design in text order, with its originators in name order. */
function tablePrefixes(net: Network): TablePrefix[] {
  const doc = net.doc;
  const prefixes = new Map<string, Prefix4>();
  const owners = new Map<string, Set<string>>();
  const own = (p: Prefix4, speaker: string) => {
    const key = `${p.addr}/${p.len}`;
    const set = owners.get(key) ?? new Set<string>();
    set.add(speaker);
    owners.set(key, set);
  };
  for (const s of net.speakers.values()) {
    for (const st of s.statics) {
      const p = prefix4(st.prefix);
      if (!p) continue;
      prefixes.set(st.prefix, p);
      own(p, s.name);
    }
  }
  for (const vm of doc.spec.vms) prefixes.set(`${vm.ip}/32`, { addr: parseIPv4(vm.ip) as number, len: 32 });
  const out: TablePrefix[] = [];
  for (const [, prefix] of [...prefixes].sort(([a], [b]) => compareStrings(a, b))) {
    const vm = prefix.len === 32 ? doc.spec.vms.find((v) => v.ip === formatIPv4(prefix.addr)) : undefined;
    const originators = new Set(owners.get(`${prefix.addr}/${prefix.len}`) ?? []);
    if (vm && net.speakers.has(vm.node)) originators.add(vm.node);
    out.push({ prefix, vm, originators: [...originators].sort(compareStrings) });
  }
  return out;
}

/** A prefix's simulation with its originators' local routes set (the base state). */
function prefixSim(
  net: Network,
  p: TablePrefix,
  normal: number,
  timing: Timing,
  active?: ReadonlySet<string>,
): PrefixSim {
  const sim = new PrefixSim(net, p.prefix, timing, active);
  const { vm } = p;
  const state = {
    phase: 'base' as const,
    vmHost: vm?.node ?? '',
    routes: vm ? [{ node: vm.node, metric: normal }] : [],
  };
  const spec = vm ? { vm: vm.name, ip: vm.ip, from: vm.node, to: vm.node } : { vm: '', ip: '', from: '', to: '' };
  for (const name of p.originators) {
    const routes = localRoutes(net, name, p.prefix, state, spec);
    if (routes.length > 0) sim.setLocal(name, routes, 0);
  }
  return sim;
}

export function convergeTable(net: Network, timing: Timing = DEFAULT_TIMING, keep = false): TableResult {
  const normal = resolveCluster(net.doc.spec).normalPriority;
  const list = tablePrefixes(net);
  let routeEntries = 0;
  const oscillating: string[] = [];
  const sims: PrefixSim[] = [];
  for (const p of list) {
    const sim = prefixSim(net, p, normal, timing);
    sim.runToQuiet();
    for (const st of sim.states.values()) routeEntries += st.ranked.length;
    if (sim.oscillating) oscillating.push(sim.label);
    if (keep) sims.push(sim);
  }
  return { prefixes: list.length, routeEntries, oscillating, sims };
}

/** One speaker's whole table: every prefix of the design, converged (the base state). */
export interface SpeakerTable {
  readonly speaker: string;
  readonly prefixes: number;
  readonly routes: readonly RouteEntry[];
  readonly fib: readonly FibReportEntry[];
}

export interface TableProgress {
  /** Prefixes converged so far. */
  readonly done: number;
  readonly total: number;
}

/**
 * The whole table of one speaker, a few prefixes at a time: `step(budget)` converges up to
 * `budget` more prefixes and says how far it is, so a caller can report progress and stop
 * between steps. Each prefix runs only the speakers whose routes can reach this one (the others
 * change nothing it holds); only this speaker's rows are kept.
 */
export class SpeakerTableRun {
  private readonly list: readonly TablePrefix[];
  private readonly relevance: Relevance;
  private readonly normal: number;
  private readonly routes: RouteEntry[] = [];
  private readonly fib: FibReportEntry[] = [];
  private next = 0;
  /** Routes received and run through an import filter so far (the engine's unit of work). */
  processed = 0;
  /** RIB entries over the simulated speakers so far. */
  routeEntries = 0;
  readonly oscillating: string[] = [];

  constructor(
    readonly net: Network,
    readonly speaker: string,
    readonly timing: Timing = DEFAULT_TIMING,
  ) {
    this.list = tablePrefixes(net);
    this.relevance = new Relevance(net, speaker);
    this.normal = resolveCluster(net.doc.spec).normalPriority;
  }

  get progress(): TableProgress {
    return { done: this.next, total: this.list.length };
  }

  step(budget = 32): TableProgress {
    const end = Math.min(this.list.length, this.next + Math.max(1, budget));
    for (; this.next < end; this.next++) {
      const p = this.list[this.next] as TablePrefix;
      const sim = prefixSim(this.net, p, this.normal, this.timing, this.relevance.speakersFor(new Set(p.originators)));
      sim.runToQuiet();
      this.processed += sim.processed;
      for (const st of sim.states.values()) this.routeEntries += st.ranked.length;
      if (sim.oscillating) this.oscillating.push(sim.label);
      const st = sim.states.get(this.speaker);
      if (!st) continue;
      if (st.ranked.length > 0)
        this.routes.push(...ribEntries(this.net, this.speaker, [{ prefix: sim.prefix, ranked: st.ranked }]));
      this.fib.push(...tableFibEntries(st.fib));
    }
    return this.progress;
  }

  /** The table (converging whatever is left first). */
  result(): SpeakerTable {
    while (this.next < this.list.length) this.step(this.list.length);
    return { speaker: this.speaker, prefixes: this.list.length, routes: this.routes, fib: this.fib };
  }
}

/**
 * The whole table of `speaker`: its RIB rows for every prefix and its kernel routes, each one
 * marked as forwarding for its own prefix (the lowest metric). The migration changes only the
 * prefixes that contain the VM's IP; the others are the same in every phase.
 */
export function speakerTable(net: Network, speaker: string): SpeakerTable {
  return new SpeakerTableRun(net, speaker).result();
}
