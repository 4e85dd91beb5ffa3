/**
 * The data plane (DESIGN §5): a packet from a client to the VM's IP, hop by hop. Each speaker
 * looks the destination up in its kernel FIB (longest prefix, then lowest metric; Felix's route
 * wins a tie), follows every ECMP next hop (over the underlay when the next hop is not adjacent),
 * and the walk ends delivered (at the node running the VM), blackholed (no route, a blackhole
 * route, an unreachable next hop, or the VM's interface on a node where the VM is not running) or
 * in a loop.
 */
import { formatIPv4, prefixContainsAddr } from '../lib/ip';
import type { FibEntry } from './fib';
import type { Underlay } from './underlay';

export type Outcome = 'delivered' | 'blackhole' | 'loop' | 'split';

export interface PathEnd {
  readonly hops: readonly string[];
  readonly end: 'delivered' | 'blackhole' | 'loop';
  readonly why: string;
  readonly fraction: number;
}

export interface Flow {
  readonly client: string;
  readonly outcome: Outcome;
  readonly deliveredFraction: number;
  readonly paths: readonly PathEnd[];
}

export const MAX_PATHS = 256;

export function lookup(entries: readonly FibEntry[], dst: number): FibEntry | undefined {
  let best: FibEntry | undefined;
  for (const e of entries) {
    if (!prefixContainsAddr(e.prefix, dst)) continue;
    if (
      !best ||
      e.prefix.len > best.prefix.len ||
      (e.prefix.len === best.prefix.len && (e.metric < best.metric || (e.metric === best.metric && e.proto === 'felix' && best.proto !== 'felix')))
    ) {
      best = e;
    }
  }
  return best;
}

export function walk(client: string, dst: number, vmHost: string, fibOf: (speaker: string) => readonly FibEntry[], underlay: Underlay): Flow {
  const paths: PathEnd[] = [];
  const visit = (hops: string[], fraction: number): void => {
    if (paths.length >= MAX_PATHS) return;
    const here = hops[hops.length - 1] as string;
    const entry = lookup(fibOf(here), dst);
    const stop = (end: PathEnd['end'], why: string) => paths.push({ hops, end, why, fraction });
    if (!entry) return void stop('blackhole', `${here} has no route to ${formatIPv4(dst)}`);
    if (entry.kind === 'local') {
      return void (here === vmHost ? stop('delivered', `${here} delivers to the VM`) : stop('blackhole', `${here} hands the packet to the VM's interface, but the VM is not running on ${here}`));
    }
    if (entry.kind === 'blackhole') return void stop('blackhole', `${here}: blackhole route ${formatIPv4(entry.prefix.addr)}/${entry.prefix.len}`);
    if (entry.kind === 'unreachable' || entry.nexthops.length === 0) return void stop('blackhole', `${here}: the next hop of ${formatIPv4(entry.prefix.addr)}/${entry.prefix.len} is unreachable`);
    const share = fraction / entry.nexthops.length;
    for (const gw of entry.nexthops) {
      const owner = underlay.ownerOf(gw);
      const next = owner === undefined ? undefined : underlay.isAdjacent(here, owner) ? owner : underlay.path(here, owner)?.via;
      if (next === undefined || next === here) {
        paths.push({ hops, end: 'blackhole', why: `${here}: next hop ${formatIPv4(gw)} cannot be reached`, fraction: share });
        continue;
      }
      if (hops.includes(next)) {
        paths.push({ hops: [...hops, next], end: 'loop', why: `${next} is visited twice`, fraction: share });
        continue;
      }
      visit([...hops, next], share);
    }
  };
  visit([client], 1);
  const delivered = paths.filter((p) => p.end === 'delivered');
  const deliveredFraction = Math.round(delivered.reduce((a, p) => a + p.fraction, 0) * 1e9) / 1e9;
  const outcome: Outcome =
    delivered.length === paths.length ? 'delivered' : delivered.length > 0 ? 'split' : paths.some((p) => p.end === 'loop') ? 'loop' : 'blackhole';
  return { client, outcome, deliveredFraction, paths };
}
