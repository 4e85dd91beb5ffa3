/**
 * Route selection, as BIRD 1.6 does it (domain §5.3, RFC 4271 §9.1.2.2, RFC 4456 §9): route
 * preference first (BIRD speakers), then for two BGP routes: resolvable next hop, higher
 * LOCAL_PREF, shorter AS path, lower origin, lower MED (same neighbour AS), eBGP over iBGP, lower
 * IGP cost, lower router ID (ORIGINATOR_ID when reflected), shorter CLUSTER_LIST, lower peer
 * address. Ties after that are broken by the path identity: never by arrival time. Each step is
 * one function that says whether it decided.
 */
import { IGP_METRIC_UNKNOWN, type RibRoute } from './types';

export type Step =
  | 'preference'
  | 'protocol'
  | 'resolvable'
  | 'local-pref'
  | 'as-path'
  | 'origin'
  | 'med'
  | 'ebgp'
  | 'igp'
  | 'router-id'
  | 'cluster-list'
  | 'peer-address'
  | 'path-id';

/** Negative: `a` is better; positive: `b` is better; 0: the step does not decide. */
type Comparison = (a: RibRoute, b: RibRoute) => number;

const lp = (r: RibRoute) => r.attrs.bgp_local_pref ?? 100;
const pathLength = (r: RibRoute) => r.attrs.bgp_path?.length ?? 0;
const origin = (r: RibRoute) => r.attrs.bgp_origin ?? 0;
const med = (r: RibRoute) => r.attrs.bgp_med ?? 0;
/** The neighbouring AS a route came from (the first of its path; our own for local iBGP routes). */
const neighborAs = (r: RibRoute) => r.attrs.bgp_path?.[0] ?? -1;
/** A next hop BIRD resolved through a kernel route via a gateway has no known IGP metric. */
const igpText = (m: number) => (m === IGP_METRIC_UNKNOWN ? 'unknown (reached through a kernel route)' : String(m));
/** Direct, static and kernel routes rank in this order when preferences tie (BIRD compares protocol classes). */
const PROTOCOL_RANK = { direct: 0, static: 1, kernel: 2, bgp: 3 } as const;

export const STEPS: readonly (readonly [Step, Comparison, (a: RibRoute, b: RibRoute) => string])[] = [
  [
    'preference',
    (a, b) => b.attrs.preference - a.attrs.preference,
    (a, b) => `preference ${a.attrs.preference} beats ${b.attrs.preference}`,
  ],
  [
    'protocol',
    (a, b) => (a.proto === 'bgp' && b.proto === 'bgp' ? 0 : PROTOCOL_RANK[a.proto] - PROTOCOL_RANK[b.proto]),
    (a, b) => `a ${a.proto} route beats a ${b.proto} route of the same preference`,
  ],
  [
    'resolvable',
    (a, b) => Number(b.resolvable) - Number(a.resolvable),
    () => 'its next hop is reachable, the other one is not',
  ],
  ['local-pref', (a, b) => lp(b) - lp(a), (a, b) => `LOCAL_PREF ${lp(a)} beats ${lp(b)}`],
  [
    'as-path',
    (a, b) => pathLength(a) - pathLength(b),
    (a, b) => `AS path length ${pathLength(a)} beats ${pathLength(b)}`,
  ],
  [
    'origin',
    (a, b) => origin(a) - origin(b),
    (a, b) => `origin ${['IGP', 'EGP', 'incomplete'][origin(a)]} beats ${['IGP', 'EGP', 'incomplete'][origin(b)]}`,
  ],
  [
    'med',
    (a, b) => (neighborAs(a) === neighborAs(b) ? med(a) - med(b) : 0),
    (a, b) => `MED ${med(a)} beats ${med(b)} (same neighbour AS)`,
  ],
  [
    'ebgp',
    (a, b) => Number(b.via?.ebgp ?? false) - Number(a.via?.ebgp ?? false),
    () => 'learned over eBGP, the other over iBGP',
  ],
  [
    'igp',
    (a, b) => a.igpMetric - b.igpMetric,
    (a, b) => `IGP cost ${igpText(a.igpMetric)} to the next hop beats ${igpText(b.igpMetric)}`,
  ],
  [
    'router-id',
    (a, b) => (a.originatorId ?? a.peerRouterId ?? 0) - (b.originatorId ?? b.peerRouterId ?? 0),
    () => 'lower router ID (ORIGINATOR_ID when reflected)',
  ],
  ['cluster-list', (a, b) => (a.clusterList?.length ?? 0) - (b.clusterList?.length ?? 0), () => 'shorter CLUSTER_LIST'],
  ['peer-address', (a, b) => (a.via?.peerAddress ?? 0) - (b.via?.peerAddress ?? 0), () => 'lower peer address'],
  [
    'path-id',
    (a, b) => (a.pathId < b.pathId ? -1 : a.pathId > b.pathId ? 1 : 0),
    () => 'deterministic tie-break on the path identity',
  ],
];

/** The steps a speaker applies: vendor routers have no BIRD route preference. */
function stepsFor(bird: boolean): typeof STEPS {
  return bird ? STEPS : STEPS.filter(([s]) => s !== 'preference');
}

export interface Verdict {
  readonly cmp: number;
  readonly step: Step;
  readonly reason: string;
}

const BIRD_STEPS = stepsFor(true);
const VENDOR_STEPS = stepsFor(false);

/** The index of the step that decides between `a` and `b` in `steps`, and its comparison (no words). */
function decide(a: RibRoute, b: RibRoute, steps: typeof STEPS): { index: number; cmp: number } {
  const bothBgp = a.proto === 'bgp' && b.proto === 'bgp';
  for (let i = 0; i < steps.length; i++) {
    const [step, cmp] = steps[i] as (typeof STEPS)[number];
    // BGP-only steps do not apply to a pair that is not two BGP routes.
    if (!bothBgp && step !== 'preference' && step !== 'protocol' && step !== 'path-id') continue;
    const c = cmp(a, b);
    if (c !== 0) return { index: i, cmp: c };
  }
  return { index: -1, cmp: 0 };
}

/** Compares two candidates for one prefix; says which step decided and why. */
export function compareRoutes(a: RibRoute, b: RibRoute, bird: boolean): Verdict {
  const steps = bird ? BIRD_STEPS : VENDOR_STEPS;
  const { index, cmp } = decide(a, b, steps);
  const found = steps[index];
  if (!found) return { cmp: 0, step: 'path-id', reason: 'identical' };
  const [step, , explain] = found;
  return { cmp, step, reason: cmp < 0 ? explain(a, b) : explain(b, a) };
}

/** The order of two candidates only (the sort's comparator: no explanation is built). */
function order(a: RibRoute, b: RibRoute, bird: boolean): number {
  return decide(a, b, bird ? BIRD_STEPS : VENDOR_STEPS).cmp;
}

export interface Selection {
  /** Best first. */
  readonly ranked: readonly RibRoute[];
  /** Why the best beats the runner-up (undefined with a single candidate). */
  readonly reason?: Verdict;
}

/** Sorts `candidates` best first, in place (no explanation is built), and returns it. */
export function rankInPlace(candidates: RibRoute[], bird: boolean): RibRoute[] {
  if (candidates.length < 2) return candidates;
  return candidates.sort(bird ? orderBird : orderVendor);
}

const orderBird = (a: RibRoute, b: RibRoute) => order(a, b, true);
const orderVendor = (a: RibRoute, b: RibRoute) => order(a, b, false);

/** Why the best of a ranked list beats the runner-up (undefined with fewer than two). */
export function reasonOf(ranked: readonly RibRoute[], bird: boolean): Verdict | undefined {
  const [best, second] = ranked;
  return best && second ? compareRoutes(best, second, bird) : undefined;
}

export function select(candidates: readonly RibRoute[], bird: boolean): Selection {
  const ranked = rankInPlace([...candidates], bird);
  const [best, second] = ranked;
  return best && second ? { ranked, reason: compareRoutes(best, second, bird) } : { ranked };
}

/**
 * Routes that merge with the best into one multipath FIB entry (BIRD 1.6 `merge paths`, vendor
 * multipath with as-path relax): same preference, both BGP, equal LOCAL_PREF, AS-path length,
 * origin, MED and IGP cost, both eBGP or both iBGP. Neighbour AS and router ID are not compared;
 * BIRD compares MEDs only between routes from the same neighbour AS (bgp_rte_mergable), as it
 * does when it selects.
 */
export function mergeable(best: RibRoute, other: RibRoute, bird: boolean): boolean {
  if (best.proto !== 'bgp' || other.proto !== 'bgp' || !other.resolvable) return false;
  if (bird && best.attrs.preference !== other.attrs.preference) return false;
  return (
    lp(best) === lp(other) &&
    pathLength(best) === pathLength(other) &&
    origin(best) === origin(other) &&
    (med(best) === med(other) || (bird && neighborAs(best) !== neighborAs(other))) &&
    (best.via?.ebgp ?? false) === (other.via?.ebgp ?? false) &&
    best.igpMetric === other.igpMetric
  );
}
