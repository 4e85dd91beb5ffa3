/**
 * Filters are pure functions of the route: the engine asks the same filter about the same route
 * many times (every member of a peer group, every recomputation). Outcomes are cached per filter
 * by the route's attributes.
 */
import type { Route } from '../../bird/lang/route';
import type { FilterRunner } from '../types';

const MAX_ENTRIES = 4096;

const KEYS = new WeakMap<Route, string>();

/** A string that is equal for routes with equal attributes (computed once per route object). */
export function routeKey(r: Route): string {
  const cached = KEYS.get(r);
  if (cached !== undefined) return cached;
  const key = computeKey(r);
  KEYS.set(r, key);
  return key;
}

function computeKey(r: Route): string {
  return [
    r.net.addr,
    r.net.len,
    r.source,
    r.dest,
    r.preference,
    r.ifname,
    r.gw ?? '',
    r.krt_metric ?? '',
    r.bgp_local_pref ?? '',
    r.bgp_med ?? '',
    r.bgp_origin ?? '',
    r.bgp_next_hop ?? '',
    r.bgp_path?.join(' ') ?? '-',
    r.bgp_community?.join(' ') ?? '-',
    r.bgp_large_community?.join(' ') ?? '-',
  ].join('|');
}

export function memoFilter(_ref: unknown, run: FilterRunner): FilterRunner {
  const cache = new Map<string, ReturnType<FilterRunner>>();
  return (route) => {
    const key = routeKey(route);
    const hit = cache.get(key);
    if (hit) return hit;
    const out = run(route);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, out);
    return out;
  };
}
