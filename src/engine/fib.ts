/**
 * A speaker's kernel routes for one prefix (DESIGN §6): Felix's own workload route on a node,
 * and what BIRD (or the router's OS) installs from the selected route through the kernel export
 * filter, with metric krt_metric (0 when unset, domain §11.6), merged into one multipath route
 * when `merge paths` applies. BIRD never installs a route its kernel protocol learned (Felix's),
 * nor device routes.
 */
import type { Decision } from '../bird/lang/interpreter';
import type { Prefix4 } from '../lib/ip';
import { mergeable } from './bestpath';
import type { RibRoute, Speaker } from './types';

export interface FibEntry {
  readonly prefix: Prefix4;
  readonly metric: number;
  readonly kind: 'via' | 'blackhole' | 'local' | 'unreachable';
  /** Gateways (BGP next hops), several for ECMP. */
  readonly nexthops: readonly number[];
  /** `felix`: Felix's workload route (`proto boot`); `bird`: installed by BIRD; `bgp`: a vendor router's BGP route. */
  readonly proto: 'felix' | 'bird' | 'bgp';
  readonly vm?: string;
  /** Felix's routes: the workload interface (`cali…`). */
  readonly dev?: string;
  /** The RIB route(s) behind it. */
  readonly routes?: readonly RibRoute[];
  readonly decision?: Decision;
}

/** Felix's routes for the prefix on a node: always in the kernel, whatever BIRD selects. */
export function felixEntries(local: readonly RibRoute[]): FibEntry[] {
  return local
    .filter((r) => r.local !== undefined)
    .map((r) => ({
      prefix: r.attrs.net,
      metric: r.attrs.krt_metric ?? 0,
      kind: 'local',
      nexthops: [],
      proto: 'felix',
      vm: (r.local as { vm: string }).vm,
      dev: r.attrs.ifname,
    }));
}

/** What the speaker installs from its selected route(s). */
export function installed(speaker: Speaker, ranked: readonly RibRoute[]): FibEntry | undefined {
  const best = ranked[0];
  if (!best || !speaker.kernelExport) return undefined;
  // import_control of BIRD's kernel protocol: its own learned routes and device routes are not exported.
  if (best.proto === 'kernel' || best.proto === 'direct') return undefined;
  const merged = speaker.mergePaths ? ranked.filter((r, i) => i === 0 || mergeable(best, r, speaker.bird)) : [best];
  const multipath = merged.length > 1;
  const out = speaker.kernelExport(multipath ? { ...best.attrs, ifname: '', dest: 'RTD_MULTIPATH' } : best.attrs);
  if (out.verdict === 'reject') return undefined;
  const blackhole = best.attrs.dest === 'RTD_BLACKHOLE' || best.attrs.dest === 'RTD_UNREACHABLE';
  const nexthops = blackhole
    ? []
    : [...new Set(merged.map((r) => r.attrs.gw ?? r.attrs.bgp_next_hop ?? 0))].sort((x, y) => x - y);
  return {
    prefix: best.attrs.net,
    metric: out.route.krt_metric ?? 0,
    kind: blackhole ? (best.resolvable ? 'blackhole' : 'unreachable') : best.resolvable ? 'via' : 'unreachable',
    nexthops,
    proto: speaker.bird ? 'bird' : 'bgp',
    routes: merged,
    decision: out.decision,
  };
}

/**
 * The kernel's routes for the prefix: Felix's, then BIRD's unless Felix's route holds its slot.
 * Linux keys an IPv4 route by prefix and metric, so BIRD's add fails ("File exists") where Felix
 * already has a route with the same metric, and a later `ip route replace` by Felix takes the slot
 * over. Seen in the lab: a target node whose BGP best is its own elevated route come back through
 * the fabric (`numAllowedLocalASNumbers`) wants metric 512, where Felix's 512 route is.
 */
export function kernelTable(felix: readonly FibEntry[], own: FibEntry | undefined): FibEntry[] {
  const taken =
    own !== undefined &&
    felix.some((f) => f.metric === own.metric && f.prefix.addr === own.prefix.addr && f.prefix.len === own.prefix.len);
  return own === undefined || taken ? [...felix] : [...felix, own];
}
