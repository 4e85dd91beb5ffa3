/**
 * Filters are pure functions of the route: the engine asks the same filter about the same route
 * many times (every member of a peer group, every recomputation). Outcomes are cached per filter
 * by the route's attributes: a number hashed from them picks a bucket, and the attributes are
 * compared field by field, so no key string is built per route.
 */
import type { Route } from '../../bird/lang/route';
import type { FilterRunner } from '../types';

const MAX_ENTRIES = 8192;

const mix = (h: number, v: number): number => Math.imul(h ^ v, 0x01000193) >>> 0;

/** Small numbers for the few distinct strings routes carry (sources, interfaces, communities). */
const STRING_IDS = new Map<string, number>();

function mixString(h: number, s: string): number {
  let id = STRING_IDS.get(s);
  if (id === undefined) {
    // Bounded: past the limit a string hashes by its characters.
    if (STRING_IDS.size >= 65536) {
      for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
      return mix(h, 0xff);
    }
    id = STRING_IDS.size + 1;
    STRING_IDS.set(s, id);
  }
  return mix(h, id);
}

/** A missing attribute hashes apart from every value (and an empty list apart from a missing one). */
const MISSING = 0x9e3779b9;

function mixNumber(h: number, v: number | undefined): number {
  // Attributes are 32-bit unsigned numbers; a larger one (never seen) still hashes consistently.
  return v === undefined
    ? mix(h, MISSING)
    : v >= 0 && v <= 0xffffffff
      ? mix(h, v)
      : mix(mix(h, v | 0), Math.floor(v / 0x100000000));
}

/**
 * A hash that is equal for routes with equal attributes. It mixes the numbers that tell routes
 * apart (prefix, next hop, gateway, metrics, the path) and the community counts; the bucket's
 * field-by-field comparison settles the rest.
 */
export function routeHash(r: Route): number {
  let h = 0x811c9dc5;
  h = mix(mix(h, r.net.addr), r.net.len);
  h = mixNumber(
    mixNumber(
      mixNumber(
        mixNumber(mixNumber(mixNumber(mixNumber(h, r.preference), r.gw), r.krt_metric), r.bgp_local_pref),
        r.bgp_med,
      ),
      r.bgp_origin,
    ),
    r.bgp_next_hop,
  );
  const path = r.bgp_path;
  if (path === undefined) h = mix(h, MISSING);
  else for (let i = 0; i < path.length; i++) h = mixNumber(h, path[i]);
  h = mix(h, r.bgp_community === undefined ? MISSING : r.bgp_community.length);
  h = mix(h, r.bgp_large_community === undefined ? MISSING : r.bgp_large_community.length);
  return mixString(mixString(h, r.source), r.dest);
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every attribute a filter can read is equal (a missing list differs from an empty one). */
export function sameRoute(a: Route, b: Route): boolean {
  return (
    a === b ||
    (a.net.addr === b.net.addr &&
      a.net.len === b.net.len &&
      a.source === b.source &&
      a.dest === b.dest &&
      a.preference === b.preference &&
      a.ifname === b.ifname &&
      a.gw === b.gw &&
      a.krt_metric === b.krt_metric &&
      a.bgp_local_pref === b.bgp_local_pref &&
      a.bgp_med === b.bgp_med &&
      a.bgp_origin === b.bgp_origin &&
      a.bgp_next_hop === b.bgp_next_hop &&
      sameList(a.bgp_path, b.bgp_path) &&
      sameList(a.bgp_community, b.bgp_community) &&
      sameList(a.bgp_large_community, b.bgp_large_community))
  );
}

type Outcome = ReturnType<FilterRunner>;

export function memoFilter(_ref: unknown, run: FilterRunner): FilterRunner {
  const buckets = new Map<number, { route: Route; out: Outcome }[]>();
  let size = 0;
  // The same route object asked again (a peer group's ends share their export attributes).
  const byObject = new WeakMap<Route, Outcome>();
  return (route) => {
    const known = byObject.get(route);
    if (known) return known;
    const h = routeHash(route);
    const bucket = buckets.get(h);
    if (bucket) {
      for (const e of bucket) {
        if (!sameRoute(e.route, route)) continue;
        byObject.set(route, e.out);
        return e.out;
      }
    }
    const out = run(route);
    byObject.set(route, out);
    if (size >= MAX_ENTRIES) {
      buckets.clear();
      size = 0;
    }
    const entry = { route, out };
    const list = buckets.get(h);
    if (list) list.push(entry);
    else buckets.set(h, [entry]);
    size++;
    return out;
  };
}
