/**
 * BGP for one prefix across the whole network, as a discrete-event simulation: a speaker whose
 * candidates change recomputes its selection, installs into its FIB, and sends what changed on
 * each session after the session delay; the receiver processes it after the processing delay.
 * Prefixes are independent in BGP (they interact only through next hops, which the underlay
 * resolves), so each runs on its own. A run that does not settle within the event budget is
 * reported as oscillating, never a hang.
 */
import { formatPrefix4, type Prefix4 } from '../lib/ip';
import { rankInPlace, reasonOf, type Verdict } from './bestpath';
import { exportsOf, newExportCache, receive, type Received, type Refusal } from './exchange';
import { felixEntries, installed, kernelTable, type FibEntry } from './fib';
import { EventHeap } from './heap';
import type { Channel, Network } from './network';
import type { RibRoute, Speaker, WireRoute } from './types';

export interface Timing {
  /** From a speaker's decision to the UPDATE's arrival at its peer. */
  readonly sessionDelayMs: number;
  /** From an UPDATE's arrival (or a kernel change) to the speaker's new decision. */
  readonly processingDelayMs: number;
  /** Events one prefix may take to settle before it is declared oscillating. */
  readonly maxEvents: number;
}

export const DEFAULT_TIMING: Timing = { sessionDelayMs: 10, processingDelayMs: 2, maxEvents: 200_000 };

/** One speaker's state for the prefix. */
export class SpeakerState {
  local: RibRoute[] = [];
  readonly adjIn = new Map<string, RibRoute[]>();
  readonly refusedIn = new Map<string, Received[]>();
  /** The candidates, best first (a fresh array at each recomputation: never changed in place). */
  ranked: RibRoute[] = [];
  fib: readonly FibEntry[] = [];
  readonly sent = new Map<string, { wires: readonly WireRoute[] }>();
  readonly refusedOut = new Map<string, readonly Refusal[]>();
  private reasonFor: readonly RibRoute[] | undefined;
  private verdict: Verdict | undefined;

  constructor(private readonly bird: boolean) {}

  /** Why the best beats the runner-up: worded only when someone asks (most states are never shown). */
  get reason(): Verdict | undefined {
    if (this.reasonFor !== this.ranked) {
      this.verdict = reasonOf(this.ranked, this.bird);
      this.reasonFor = this.ranked;
    }
    return this.verdict;
  }
}

export type LogEntry =
  | {
      readonly time: number;
      readonly kind: 'update' | 'withdraw';
      readonly from: string;
      readonly to: string;
      readonly prefix: string;
      readonly paths: number;
      readonly arrive: number;
    }
  | { readonly time: number; readonly kind: 'rib' | 'fib'; readonly speaker: string; readonly prefix: string };

type Event =
  | { time: number; seq: number; kind: 'recompute'; speaker: string }
  | { time: number; seq: number; kind: 'deliver'; channel: Channel; wires: readonly WireRoute[] };

const CHANNEL_KEYS = new WeakMap<Channel, string>();

/** `from>to` end ids: the key of a channel in a state's maps (built once per channel). */
function channelKey(c: Channel): string {
  let k = CHANNEL_KEYS.get(c);
  if (k === undefined) {
    k = `${c.from.id}>${c.to.id}`;
    CHANNEL_KEYS.set(c, k);
  }
  return k;
}

/** Equal lists; a missing list is an empty one (as a peer sees it). */
function sameSent<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  if (!a || !b) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same UPDATE content: what decides whether a speaker sends again (the attributes a peer sees). */
function sameWire(v: WireRoute, w: WireRoute): boolean {
  if (v === w) return true;
  const a = v.attrs;
  const b = w.attrs;
  return (
    v.pathId === w.pathId &&
    a.bgp_next_hop === b.bgp_next_hop &&
    a.bgp_local_pref === b.bgp_local_pref &&
    a.bgp_med === b.bgp_med &&
    a.bgp_origin === b.bgp_origin &&
    v.originatorId === w.originatorId &&
    sameSent(a.bgp_path, b.bgp_path) &&
    sameSent(a.bgp_community, b.bgp_community) &&
    sameSent(a.bgp_large_community, b.bgp_large_community) &&
    sameSent(v.clusterList, w.clusterList)
  );
}

const NO_WIRES: readonly WireRoute[] = Object.freeze([]);

/** The wires sent before against what the offers carry (no array built when nothing changed). */
function sameOffers(x: readonly WireRoute[], offers: readonly { readonly wire: WireRoute }[]): boolean {
  if (x.length !== offers.length) return false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as WireRoute;
    const w = (offers[i] as { wire: WireRoute }).wire;
    if (!sameWire(v, w)) return false;
  }
  return true;
}

function sameFib(x: readonly FibEntry[], y: readonly FibEntry[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as FibEntry;
    const b = y[i] as FibEntry;
    if (a.proto !== b.proto || a.kind !== b.kind || a.metric !== b.metric || !sameSent(a.nexthops, b.nexthops))
      return false;
  }
  return true;
}

export class PrefixSim {
  readonly states = new Map<string, SpeakerState>();
  readonly log: LogEntry[] = [];
  private readonly queue = new EventHeap<Event>();
  private readonly pendingRecompute = new Map<string, number>();
  private seq = 0;
  private events = 0;
  oscillating = false;
  /** Routes received and run through an import filter (the engine's unit of work). */
  processed = 0;
  readonly label: string;

  constructor(
    readonly net: Network,
    readonly prefix: Prefix4,
    readonly timing: Timing = DEFAULT_TIMING,
    /** Only these speakers receive (relevance.ts); undefined: every speaker. */
    readonly active?: ReadonlySet<string>,
  ) {
    this.label = formatPrefix4(prefix);
  }

  state(speaker: string): SpeakerState {
    let s = this.states.get(speaker);
    if (!s) {
      s = new SpeakerState(this.net.speakers.get(speaker)?.bird ?? false);
      this.states.set(speaker, s);
    }
    return s;
  }

  /** A new phase gets its own event budget. */
  resetBudget(): void {
    this.events = 0;
    this.oscillating = false;
  }

  /** Replaces the routes a speaker originates for this prefix (static, Felix's) at `time`. */
  setLocal(speaker: string, routes: RibRoute[], time: number): void {
    this.state(speaker).local = routes;
    this.schedule(speaker, time);
  }

  private schedule(speaker: string, time: number): void {
    const pending = this.pendingRecompute.get(speaker);
    if (pending !== undefined && pending <= time) return;
    this.pendingRecompute.set(speaker, time);
    this.queue.push({ time, seq: this.seq++, kind: 'recompute', speaker });
  }

  nextTime(): number | undefined {
    return this.queue.peek()?.time;
  }

  /** Processes every event up to and including `time`. */
  runUntil(time: number): void {
    for (let e = this.queue.peek(); e && e.time <= time; e = this.queue.peek()) {
      this.queue.pop();
      if (++this.events > this.timing.maxEvents) {
        this.oscillating = true;
        while (this.queue.pop());
        return;
      }
      if (e.kind === 'recompute') {
        if (this.pendingRecompute.get(e.speaker) === e.time) this.pendingRecompute.delete(e.speaker);
        this.recompute(e.speaker, e.time);
      } else this.deliver(e.channel, e.wires, e.time);
    }
  }

  runToQuiet(): void {
    this.runUntil(Infinity);
  }

  private deliver(ch: Channel, wires: readonly WireRoute[], time: number): void {
    const receiver = this.net.speakers.get(ch.to.speaker) as Speaker;
    const sender = this.net.speakers.get(ch.from.speaker) as Speaker;
    const s = this.state(receiver.name);
    const accepted: RibRoute[] = [];
    const refused: Received[] = [];
    this.processed += wires.length;
    for (const w of wires) {
      const r = receive(receiver, sender, ch, w, this.net.underlay);
      if (r.ok) accepted.push(r.route);
      else refused.push(r);
    }
    s.adjIn.set(ch.to.id, accepted);
    s.refusedIn.set(ch.to.id, refused);
    this.schedule(receiver.name, time + this.timing.processingDelayMs);
  }

  /** Speakers recomputed since the last `drainRecomputed()`. */
  private readonly recomputed = new Set<string>();

  drainRecomputed(): string[] {
    const out = [...this.recomputed];
    this.recomputed.clear();
    return out;
  }

  private recompute(name: string, time: number): void {
    this.recomputed.add(name);
    const speaker = this.net.speakers.get(name) as Speaker;
    const s = this.state(name);
    // A BIRD that refused its configuration is not running: no RIB (Felix's kernel routes stay).
    const candidates: RibRoute[] = speaker.configError === undefined ? s.local.slice() : [];
    for (const list of s.adjIn.values()) for (let i = 0; i < list.length; i++) candidates.push(list[i] as RibRoute);
    const before = s.ranked[0];
    s.ranked = rankInPlace(candidates, speaker.bird);
    if (before !== s.ranked[0]) this.log.push({ time, kind: 'rib', speaker: name, prefix: this.label });
    const fib = kernelTable(felixEntries(s.local), installed(speaker, s.ranked));
    if (!sameFib(fib, s.fib)) this.log.push({ time, kind: 'fib', speaker: name, prefix: this.label });
    s.fib = fib;
    const outgoing = this.net.outgoing.get(name);
    if (!outgoing) return;
    const cache = newExportCache();
    for (const ch of outgoing) {
      if (this.active && !this.active.has(ch.to.speaker)) continue;
      const { offers, refused } = exportsOf(speaker, ch, s.ranked, cache);
      const k = channelKey(ch);
      s.refusedOut.set(k, refused);
      const prev = s.sent.get(k);
      if (sameOffers(prev?.wires ?? NO_WIRES, offers)) continue;
      const wires = offers.length === 0 ? NO_WIRES : offers.map((o) => o.wire);
      s.sent.set(k, { wires });
      const arrive = time + this.timing.sessionDelayMs;
      this.log.push({
        time,
        kind: wires.length === 0 ? 'withdraw' : 'update',
        from: name,
        to: ch.to.speaker,
        prefix: this.label,
        paths: wires.length,
        arrive,
      });
      this.queue.push({ time: arrive, seq: this.seq++, kind: 'deliver', channel: ch, wires });
    }
  }
}
