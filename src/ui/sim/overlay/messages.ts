/**
 * The BGP messages in flight at a simulated time: an UPDATE or WITHDRAW is on the wire from the
 * moment it is sent until it arrives, and is drawn at that fraction of the way. Indexed once per
 * report (sorted by send time, with the longest flight) so that a frame costs a binary search
 * plus the messages near `time`, even for a report with tens of thousands of events.
 */
import type { EventReport, SimulationSummary } from '../../../worker/protocol';

export interface BgpMessage {
  readonly time: number;
  readonly kind: 'update' | 'withdraw';
  readonly prefix: string;
  readonly from: string;
  readonly to: string;
  readonly arrive: number;
  /** Paths an UPDATE carries (more than one with ADD-PATH). */
  readonly paths: number;
}

export interface InFlight {
  readonly message: BgpMessage;
  /** 0 when sent, towards 1 on arrival. */
  readonly progress: number;
  /** Messages sent earlier in the same batch (same session, direction and time): this one queues behind them. */
  readonly queue: number;
}

/** A frame never draws more than this many messages (a fabric-wide burst is a cloud, not information). */
export const MAX_MESSAGES = 400;

interface MessageIndex {
  readonly messages: readonly BgpMessage[];
  readonly longest: number;
}

const indexes = new WeakMap<readonly EventReport[], MessageIndex>();

function toMessage(e: EventReport): BgpMessage | undefined {
  if (
    (e.kind !== 'update' && e.kind !== 'withdraw') ||
    e.from === undefined ||
    e.to === undefined ||
    e.arrive === undefined
  )
    return undefined;
  return {
    time: e.time,
    kind: e.kind,
    prefix: e.prefix,
    from: e.from,
    to: e.to,
    arrive: e.arrive,
    paths: e.paths ?? 1,
  };
}

function indexOf(events: readonly EventReport[]): MessageIndex {
  const hit = indexes.get(events);
  if (hit) return hit;
  const messages = events.map(toMessage).filter((m): m is BgpMessage => m !== undefined);
  // The engine emits in time order; a stable sort keeps the send order within one instant.
  messages.sort((a, b) => a.time - b.time);
  const longest = messages.reduce((max, m) => Math.max(max, m.arrive - m.time), 0);
  const index = { messages, longest };
  indexes.set(events, index);
  return index;
}

/** The first index whose message is sent at or after `time`. */
function firstAtOrAfter(messages: readonly BgpMessage[], time: number): number {
  let lo = 0;
  let hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((messages[mid] as BgpMessage).time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The messages on the wire at `time`: sent at or before it, arriving after it; those `shown` keeps (all by default), at most `limit`. */
export function messagesInFlight(
  report: Pick<SimulationSummary, 'events'>,
  time: number,
  limit = MAX_MESSAGES,
  shown?: (m: BgpMessage) => boolean,
): InFlight[] {
  const { messages, longest } = indexOf(report.events);
  const out: InFlight[] = [];
  const batches = new Map<string, number>();
  for (let i = firstAtOrAfter(messages, time - longest); i < messages.length && out.length < limit; i++) {
    const m = messages[i] as BgpMessage;
    if (m.time > time) break;
    if (m.arrive <= time || (shown && !shown(m))) continue;
    const batch = `${m.from}>${m.to}@${m.time}`;
    const queue = batches.get(batch) ?? 0;
    batches.set(batch, queue + 1);
    out.push({ message: m, progress: (time - m.time) / (m.arrive - m.time), queue });
  }
  return out;
}

/** The hover text: `UPDATE 10.244.1.5/32 tor-a → spine-1 (1 path)`, with when it left and arrives. */
export function messageTitle(m: BgpMessage): string {
  const what =
    m.kind === 'update'
      ? `UPDATE ${m.prefix} ${m.from} → ${m.to} (${m.paths} path${m.paths === 1 ? '' : 's'})`
      : `WITHDRAW ${m.prefix} ${m.from} → ${m.to}`;
  return `${what}\nsent at ${m.time} ms, arrives at ${m.arrive} ms`;
}
