/**
 * A route as BIRD's filters see it: the built-in attributes (net, source, preference, ifname,
 * dest) and the protocol attributes (bgp_*, krt_metric), which may be undefined.
 */
import type { Prefix4 } from '../../lib/ip';

export type RouteSource = 'RTS_BGP' | 'RTS_STATIC' | 'RTS_INHERIT' | 'RTS_DEVICE' | 'RTS_STATIC_DEVICE';
export type RouteDest = 'RTD_ROUTER' | 'RTD_BLACKHOLE' | 'RTD_UNREACHABLE' | 'RTD_MULTIPATH' | 'RTD_DEVICE';

export interface Route {
  readonly net: Prefix4;
  readonly source: RouteSource;
  readonly dest: RouteDest;
  readonly preference: number;
  /** The outgoing interface; '' for blackhole, unreachable and multipath routes (domain §5.2). */
  readonly ifname: string;
  readonly gw?: number;
  readonly krt_metric?: number;
  readonly bgp_local_pref?: number;
  readonly bgp_med?: number;
  /** 0 IGP, 1 EGP, 2 incomplete. */
  readonly bgp_origin?: number;
  readonly bgp_path?: readonly number[];
  readonly bgp_next_hop?: number;
  /** Standard communities as `a:b`, in the order they were added. Undefined reads as empty. */
  readonly bgp_community?: readonly string[];
  /** Large communities as `a:b:c`. */
  readonly bgp_large_community?: readonly string[];
}

export type MutableRoute = { -readonly [K in keyof Route]: Route[K] };

/** Attributes a filter may read without defined(): every route has them. */
export const BUILTIN_ATTRIBUTES = new Set(['net', 'source', 'dest', 'preference', 'ifname', 'gw']);
export const ROUTE_ATTRIBUTES = new Set([
  ...BUILTIN_ATTRIBUTES,
  'krt_metric',
  'bgp_local_pref',
  'bgp_med',
  'bgp_origin',
  'bgp_path',
  'bgp_next_hop',
  'bgp_community',
  'bgp_large_community',
]);
