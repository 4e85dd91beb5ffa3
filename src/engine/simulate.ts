/**
 * The migration of one VM through the five phases: every speaker's BGP for the prefixes that
 * contain the VM's IP, the kernel FIBs, and the data plane from every client, converged at each
 * phase; between phases, the timed UPDATE/WITHDRAW exchange and the transient outcomes.
 */
import { formatIPv4, parseIPv4, prefix4, prefixContainsAddr, type Prefix4 } from '../lib/ip';
import { compareStrings } from '../lib/names';
import { clientNames, resolveCluster, type Topology } from '../model';
import { durationMs } from '../model/primitives';
import { fnv1aHex } from '../lib/hash';
import { MAX_PATHS, Walker, type Flow, type Outcome } from './dataplane';
import type { FibEntry } from './fib';
import { buildNetwork, type Network } from './network';
import { PHASES, phaseState, type Phase, type PhaseState } from './phases';
import { DEFAULT_TIMING, PrefixSim, type LogEntry, type Timing } from './prefixSim';
import type { RibRoute } from './types';

export interface MigrationSpec {
  readonly vm: string;
  readonly ip: string;
  readonly from: string;
  readonly to: string;
}

export interface PhaseResult {
  readonly name: Phase;
  readonly start: number;
  /** When the last event of the phase's exchange happened (its convergence time). */
  readonly settledAt: number;
  readonly state: PhaseState;
  readonly flows: readonly Flow[];
  /** Per speaker: the candidates of each prefix containing the VM IP, best first. */
  readonly ribs: ReadonlyMap<
    string,
    readonly { prefix: Prefix4; ranked: readonly RibRoute[]; reason?: string; step?: string }[]
  >;
  readonly fibs: ReadonlyMap<string, readonly FibEntry[]>;
  readonly oscillating: readonly string[];
}

/** The RIB entries of one speaker for the prefixes containing the VM's IP, best first per prefix. */
export type SpeakerRib = readonly { prefix: Prefix4; ranked: readonly RibRoute[]; reason?: string; step?: string }[];

/**
 * A moment of the exchange where something changed: the speakers recomputed then (their RIB and
 * FIB as they are after it) and every client's flow. The timeline the UI animates.
 */
export interface Instant {
  readonly time: number;
  readonly phase: Phase;
  readonly ribs: ReadonlyMap<string, SpeakerRib>;
  readonly fibs: ReadonlyMap<string, readonly FibEntry[]>;
  readonly flows: readonly Flow[];
}

export interface Transient {
  readonly phase: Phase;
  readonly client: string;
  readonly blackholeMs: number;
}

export interface Simulation {
  readonly net: Network;
  readonly migration: MigrationSpec;
  readonly prefixes: readonly Prefix4[];
  readonly phases: readonly PhaseResult[];
  readonly events: readonly LogEntry[];
  readonly instants: readonly Instant[];
  readonly transients: readonly Transient[];
  readonly clients: readonly string[];
}

export interface SimulateOptions {
  readonly vm?: string;
  readonly to?: string;
  readonly timing?: Timing;
  /** A network already built for this design (it does not change with the migration). */
  readonly net?: Network;
}

export class SimulationInputError extends Error {}

/** Time between one phase's convergence and the next phase's trigger. */
const PHASE_GAP_MS = 1000;

/** The workload interface Felix creates for a VM (`cali` and 11 hex digits, as Calico names them). */
export function felixIfname(vm: string): string {
  return `cali${fnv1aHex(vm).slice(0, 11)}`;
}

export function resolveMigration(doc: Topology, vmName?: string, to?: string): MigrationSpec {
  const name = vmName ?? doc.spec.migration?.vm;
  if (!name)
    throw new SimulationInputError(
      'no migration to simulate: the design has no spec.migration (give --migrate VM --to NODE)',
    );
  const vm = doc.spec.vms.find((v) => v.name === name);
  if (!vm)
    throw new SimulationInputError(
      `unknown VM ${JSON.stringify(name)} (known: ${doc.spec.vms.map((v) => v.name).join(', ') || 'none'})`,
    );
  const target = to ?? (doc.spec.migration?.vm === name ? doc.spec.migration.to : undefined);
  if (!target) throw new SimulationInputError(`no target node for ${name} (give --to NODE)`);
  if (!doc.spec.nodes.some((n) => n.name === target))
    throw new SimulationInputError(`unknown node ${JSON.stringify(target)}`);
  if (target === vm.node) throw new SimulationInputError(`${name} already runs on ${target}`);
  return { vm: vm.name, ip: vm.ip, from: vm.node, to: target };
}

/** Every prefix some speaker originates that contains the VM's IP, and the VM's /32. */
function relevantPrefixes(net: Network, ip: number): Prefix4[] {
  const seen = new Map<string, Prefix4>();
  seen.set(`${ip}/32`, { addr: ip, len: 32 });
  for (const s of net.speakers.values()) {
    for (const st of s.statics) {
      const p = prefix4(st.prefix);
      if (p && prefixContainsAddr(p, ip)) seen.set(`${p.addr}/${p.len}`, p);
    }
  }
  return [...seen.values()].sort((a, b) => b.len - a.len || a.addr - b.addr);
}

export function localRoutes(
  net: Network,
  speaker: string,
  prefix: Prefix4,
  state: PhaseState,
  vm: MigrationSpec,
): RibRoute[] {
  const s = net.speakers.get(speaker);
  if (!s) return [];
  const out: RibRoute[] = [];
  for (const st of s.statics) {
    const p = prefix4(st.prefix);
    if (!p || p.addr !== prefix.addr || p.len !== prefix.len) continue;
    out.push({
      attrs: {
        net: p,
        source: 'RTS_STATIC',
        dest: st.blackhole ? 'RTD_BLACKHOLE' : 'RTD_ROUTER',
        preference: 200,
        ifname: st.blackhole ? '' : 'eth0',
        ...(st.via !== undefined ? { gw: st.via } : {}),
      },
      proto: 'static',
      protocol: 'static',
      pathId: `static:${st.prefix}`,
      igpMetric: 0,
      resolvable: true,
    });
  }
  if (prefix.len === 32 && formatIPv4(prefix.addr) === vm.ip) {
    for (const r of state.routes) {
      if (r.node !== speaker) continue;
      // Felix's device route, which BIRD's kernel protocol learns as an alien route (preference 10).
      out.push({
        attrs: {
          net: prefix,
          source: 'RTS_INHERIT',
          dest: 'RTD_DEVICE',
          preference: 10,
          ifname: felixIfname(vm.vm),
          krt_metric: r.metric,
        },
        proto: 'kernel',
        protocol: 'kernel (Felix)',
        pathId: `felix:${vm.vm}`,
        igpMetric: 0,
        resolvable: true,
        local: { vm: vm.vm },
      });
    }
  }
  return out;
}

const NO_FIB: readonly FibEntry[] = Object.freeze([]);

/** Whether a flow may change when these speakers' FIBs change (a cut-off path list always may). */
function dependsOn(flow: Flow, speakers: ReadonlySet<string>): boolean {
  if (flow.paths.length >= MAX_PATHS) return true;
  for (const p of flow.paths) for (const hop of p.hops) if (speakers.has(hop)) return true;
  return false;
}

/**
 * A migration, phase by phase: `step()` runs the next phase (the first is the base state, from
 * an empty network to convergence) and returns it; `result()` gathers everything.
 */
export class MigrationRun {
  readonly net: Network;
  readonly migration: MigrationSpec;
  readonly prefixes: readonly Prefix4[];
  readonly clients: readonly string[];
  private readonly sims: PrefixSim[];
  private readonly speakers: string[];
  private readonly ip: number;
  private readonly normal: number;
  private readonly elevated: number;
  private readonly convergenceMs: number;
  private readonly phases: PhaseResult[] = [];
  private readonly transients: Transient[] = [];
  private readonly instants: Instant[] = [];
  private previous: PhaseState | undefined;
  private clock = 0;

  constructor(
    readonly doc: Topology,
    options: SimulateOptions = {},
  ) {
    this.migration = resolveMigration(doc, options.vm, options.to);
    this.net = options.net ?? buildNetwork(doc);
    const cluster = resolveCluster(doc.spec);
    this.normal = cluster.normalPriority;
    this.elevated = cluster.elevatedPriority;
    this.convergenceMs = durationMs(cluster.liveMigrationRouteConvergenceTime);
    this.ip = parseIPv4(this.migration.ip) as number;
    this.prefixes = relevantPrefixes(this.net, this.ip);
    const timing = options.timing ?? DEFAULT_TIMING;
    this.sims = this.prefixes.map((p) => new PrefixSim(this.net, p, timing));
    this.speakers = [...this.net.speakers.keys()].sort(compareStrings);
    this.clients = clientNames(doc).sort(compareStrings);
  }

  /** A speaker's kernel routes over the prefixes (a prefix's own list when only one has any: lists are never changed in place). */
  private readonly fibOf = (speaker: string): readonly FibEntry[] => {
    let only: readonly FibEntry[] | undefined;
    let out: FibEntry[] | undefined;
    for (const s of this.sims) {
      const fib = s.states.get(speaker)?.fib;
      if (!fib || fib.length === 0) continue;
      if (only === undefined) only = fib;
      else (out ??= [...only]).push(...fib);
    }
    return out ?? only ?? NO_FIB;
  };

  private ribOf(name: string): SpeakerRib {
    const list: { prefix: Prefix4; ranked: readonly RibRoute[]; reason?: string; step?: string }[] = [];
    for (const s of this.sims) {
      const st = s.states.get(name);
      if (st && st.ranked.length > 0)
        list.push({
          prefix: s.prefix,
          ranked: st.ranked,
          ...(st.reason ? { reason: st.reason.reason, step: st.reason.step } : {}),
        });
    }
    return list;
  }

  /** Routes received and processed so far, over all prefixes. */
  get processedRoutes(): number {
    return this.sims.reduce((a, s) => a + s.processed, 0);
  }

  /** Runs the next phase; undefined once all five have run. */
  step(): PhaseResult | undefined {
    const phase = PHASES[this.phases.length];
    if (!phase) return undefined;
    const { net, sims, migration, ip, clients } = this;
    const state = phaseState(phase, migration.from, migration.to, this.normal, this.elevated);
    const sourceDeleted = this.phases.find((p) => p.name === 'source-deleted');
    const start =
      phase === 'base'
        ? 0
        : phase === 'settled'
          ? Math.max(this.clock + PHASE_GAP_MS, (sourceDeleted?.start ?? 0) + this.convergenceMs)
          : this.clock + PHASE_GAP_MS;
    // Felix changes the kernel at the trigger; BIRD learns it and the exchange starts.
    for (const sim of sims) sim.resetBudget();
    const touched = new Set([...(this.previous?.routes ?? []).map((r) => r.node), ...state.routes.map((r) => r.node)]);
    for (const sim of sims) {
      for (const name of phase === 'base' ? this.speakers : [...touched].sort(compareStrings)) {
        const routes = localRoutes(net, name, sim.prefix, state, migration);
        if (phase === 'base' && routes.length === 0) continue;
        sim.setLocal(name, routes, start);
      }
    }
    // Follow the exchange in time; after each step where a FIB changed, walk the data plane.
    // Each client's outcome holds from one observation to the next; blackhole time adds up.
    const outcomes = new Map<string, { since: number; outcome: Outcome }>();
    const blackholeMs = new Map<string, number>();
    const observe = (t: number, flows: readonly Flow[]) => {
      for (const f of flows) {
        const prev = outcomes.get(f.client);
        if (prev && (prev.outcome === 'blackhole' || prev.outcome === 'loop'))
          blackholeMs.set(f.client, (blackholeMs.get(f.client) ?? 0) + (t - prev.since));
        outcomes.set(f.client, { since: t, outcome: f.outcome });
      }
    };
    let settledAt = start;
    let flows: readonly Flow[] = this.instants[this.instants.length - 1]?.flows ?? [];
    let first = true;
    /** Speakers recomputed in this phase: the others hold what they held at the end of the last one. */
    const changed = new Set<string>();
    for (;;) {
      let next = Infinity;
      for (const s of sims) next = Math.min(next, s.nextTime() ?? Infinity);
      if (!Number.isFinite(next)) break;
      const before = sims.map((s) => s.log.length);
      for (const s of sims) s.runUntil(next);
      const changedFibs = new Set<string>();
      sims.forEach((s, i) => {
        for (let j = before[i] as number; j < s.log.length; j++) {
          const e = s.log[j] as LogEntry;
          if (e.kind === 'fib') changedFibs.add(e.speaker);
        }
      });
      const fibChanged = changedFibs.size > 0;
      // The flows change only when a FIB does; the first instant of a phase also moves the VM.
      // A flow depends only on the FIBs of the speakers on its paths: the others keep theirs.
      if (fibChanged || first) {
        const walker = new Walker(ip, state.vmHost, this.fibOf, net.underlay);
        const previous = flows;
        flows = clients.map((c, i) => {
          const prev = previous[i];
          return !first && prev !== undefined && prev.client === c && !dependsOn(prev, changedFibs)
            ? prev
            : walker.flow(c);
        });
        if (phase !== 'base') observe(next, flows);
      }
      const touched = [...new Set(sims.flatMap((s) => s.drainRecomputed()))].sort(compareStrings);
      for (const name of touched) changed.add(name);
      if (touched.length > 0 || fibChanged || first) {
        this.instants.push({
          time: next,
          phase,
          ribs: new Map(touched.map((n) => [n, this.ribOf(n)])),
          fibs: new Map(touched.map((n) => [n, this.fibOf(n)])),
          flows,
        });
      }
      first = false;
      settledAt = next;
    }
    if (phase !== 'base') observe(settledAt, flows);
    if (first) {
      // Nothing changed in the routes (the target pod appears; Felix suppresses its route): the phase still has its instant.
      const walker = new Walker(ip, state.vmHost, this.fibOf, net.underlay);
      flows = clients.map((c) => walker.flow(c));
      this.instants.push({ time: start, phase, ribs: new Map(), fibs: new Map(), flows });
      settledAt = start;
    }
    for (const f of flows) {
      const ms = blackholeMs.get(f.client) ?? 0;
      if (ms > 0 && f.outcome !== 'blackhole' && f.outcome !== 'loop')
        this.transients.push({ phase, client: f.client, blackholeMs: ms });
    }
    const ribs = new Map<string, SpeakerRib>();
    const fibs = new Map<string, readonly FibEntry[]>();
    const last = this.phases[this.phases.length - 1];
    for (const name of this.speakers) {
      if (last && !changed.has(name)) {
        const rib = last.ribs.get(name);
        if (rib) ribs.set(name, rib);
        const fib = last.fibs.get(name);
        if (fib) fibs.set(name, fib);
        continue;
      }
      const list = this.ribOf(name);
      if (list.length > 0) ribs.set(name, list);
      const fib = this.fibOf(name);
      if (fib.length > 0) fibs.set(name, fib);
    }
    const result: PhaseResult = {
      name: phase,
      start,
      settledAt,
      state,
      flows,
      ribs,
      fibs,
      oscillating: sims.filter((s) => s.oscillating).map((s) => s.label),
    };
    this.phases.push(result);
    this.previous = state;
    this.clock = settledAt;
    return result;
  }

  result(): Simulation {
    while (this.step());
    // Events in time order; at one instant, in the order the prefixes and speakers produced them.
    const events = this.sims
      .flatMap((s) => s.log)
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.time - b.e.time || a.i - b.i)
      .map((x) => x.e);
    return {
      net: this.net,
      migration: this.migration,
      prefixes: this.prefixes,
      phases: this.phases,
      events,
      instants: this.instants,
      transients: this.transients,
      clients: this.clients,
    };
  }
}

export function simulate(doc: Topology, options: SimulateOptions = {}): Simulation {
  return new MigrationRun(doc, options).result();
}
