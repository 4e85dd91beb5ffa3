/**
 * Route selection, step by step (domain §5.3, BIRD 1.6 rte_better / bgp_rte_better, RFC 4271
 * §9.1.2.2, RFC 4456 §9): for each step, two candidates that differ only there, the step that
 * decides and its reason, whichever order they are given in.
 */
import { describe, expect, it } from 'vitest';
import { compareRoutes, mergeable, select, STEPS, type Step } from './bestpath';
import { bgpRoute, end, ip, localRoute } from './test-speakers';
import { IGP_METRIC_UNKNOWN, type RibRoute } from './types';

const ibgp = end({ speaker: 'x', peer: 'i', localAs: 65000, peerAs: 65000, peerAddress: ip('10.0.0.2') });
const ebgp = end({ speaker: 'x', peer: 'e', localAs: 65000, peerAs: 65001, peerAddress: ip('10.0.0.3') });

/** `better` wins over `worse` at `step` with `reason`, in both argument orders. */
function decides(better: RibRoute, worse: RibRoute, step: Step, reason: string, bird = true): void {
  const ab = compareRoutes(better, worse, bird);
  const ba = compareRoutes(worse, better, bird);
  expect(ab).toEqual({ cmp: ab.cmp, step, reason });
  expect(ab.cmp).toBeLessThan(0);
  expect(ba).toEqual({ cmp: ba.cmp, step, reason });
  expect(ba.cmp).toBeGreaterThan(0);
}

describe('the steps, in order', () => {
  it('lists the steps of BIRD 1.6 in its order', () => {
    expect(STEPS.map(([s]) => s)).toEqual([
      'preference',
      'protocol',
      'resolvable',
      'local-pref',
      'as-path',
      'origin',
      'med',
      'ebgp',
      'igp',
      'router-id',
      'cluster-list',
      'peer-address',
      'path-id',
    ]);
  });

  it('preference: the higher one wins, before anything else', () => {
    const elevated = bgpRoute({ attrs: { preference: 200, bgp_local_pref: 100, bgp_path: [1, 2, 3] }, via: ibgp });
    const plain = bgpRoute({ attrs: { preference: 100, bgp_local_pref: 2147483135 }, via: ebgp });
    decides(elevated, plain, 'preference', 'preference 200 beats 100');
  });

  it('preference: a BGP route (100) beats a kernel-learned Felix route (10)', () => {
    decides(bgpRoute(), localRoute('kernel', { krt_metric: 512 }), 'preference', 'preference 100 beats 10');
  });

  it('protocol: at equal preference, direct over static over kernel over BGP', () => {
    decides(
      localRoute('static', { preference: 100, net: bgpRoute().attrs.net }),
      bgpRoute(),
      'protocol',
      'a static route beats a bgp route of the same preference',
    );
    decides(
      localRoute('kernel', { preference: 100 }),
      bgpRoute(),
      'protocol',
      'a kernel route beats a bgp route of the same preference',
    );
    decides(
      localRoute('direct', { preference: 200 }),
      localRoute('static', { preference: 200 }),
      'protocol',
      'a direct route beats a static route of the same preference',
    );
  });

  it('resolvable: a reachable next hop wins over a higher LOCAL_PREF', () => {
    decides(
      bgpRoute({ resolvable: true }),
      bgpRoute({ resolvable: false, attrs: { bgp_local_pref: 500 } }),
      'resolvable',
      'its next hop is reachable, the other one is not',
    );
  });

  it('local-pref: the higher LOCAL_PREF wins', () => {
    decides(
      bgpRoute({ attrs: { bgp_local_pref: 2147483135, bgp_path: [1, 2, 3] } }),
      bgpRoute({ attrs: { bgp_local_pref: 2147482623 } }),
      'local-pref',
      'LOCAL_PREF 2147483135 beats 2147482623',
    );
  });

  it('as-path: the shorter AS path wins', () => {
    decides(
      bgpRoute({ attrs: { bgp_path: [65001], bgp_origin: 2 } }),
      bgpRoute({ attrs: { bgp_path: [65002, 65000, 65201] } }),
      'as-path',
      'AS path length 1 beats 3',
    );
  });

  it('origin: IGP over EGP over incomplete', () => {
    decides(
      bgpRoute({ attrs: { bgp_origin: 0, bgp_med: 50 } }),
      bgpRoute({ attrs: { bgp_origin: 2 } }),
      'origin',
      'origin IGP beats incomplete',
    );
    decides(
      bgpRoute({ attrs: { bgp_origin: 1 } }),
      bgpRoute({ attrs: { bgp_origin: 2 } }),
      'origin',
      'origin EGP beats incomplete',
    );
  });

  it('med: the lower MED wins between routes from the same neighbour AS', () => {
    decides(
      bgpRoute({ attrs: { bgp_path: [65001], bgp_med: 10 }, via: ibgp }),
      bgpRoute({ attrs: { bgp_path: [65001], bgp_med: 20 }, via: ebgp }),
      'med',
      'MED 10 beats 20 (same neighbour AS)',
    );
  });

  it('med: not compared between routes from different neighbour ASes', () => {
    const lowMed = bgpRoute({ attrs: { bgp_path: [65001], bgp_med: 10 }, via: ibgp });
    const highMed = bgpRoute({ attrs: { bgp_path: [65002], bgp_med: 20 }, via: ebgp });
    decides(highMed, lowMed, 'ebgp', 'learned over eBGP, the other over iBGP');
  });

  it('ebgp: a route learned over eBGP beats one learned over iBGP', () => {
    decides(
      bgpRoute({ via: ebgp, igpMetric: 3 }),
      bgpRoute({ via: ibgp, igpMetric: 1 }),
      'ebgp',
      'learned over eBGP, the other over iBGP',
    );
  });

  it('igp: the lower IGP cost to the next hop wins', () => {
    decides(
      bgpRoute({ igpMetric: 1, peerRouterId: ip('10.0.0.9') }),
      bgpRoute({ igpMetric: 2, peerRouterId: ip('10.0.0.1') }),
      'igp',
      'IGP cost 1 to the next hop beats 2',
    );
    // BIRD: a next hop on a device route (0) beats one behind a kernel route via a gateway (unknown).
    decides(
      bgpRoute({ igpMetric: 0, peerRouterId: ip('10.0.0.9') }),
      bgpRoute({ igpMetric: IGP_METRIC_UNKNOWN, peerRouterId: ip('10.0.0.1') }),
      'igp',
      'IGP cost 0 to the next hop beats unknown (reached through a kernel route)',
    );
  });

  it('igp: two unknown IGP metrics tie, and the router ID decides', () => {
    decides(
      bgpRoute({ igpMetric: IGP_METRIC_UNKNOWN, peerRouterId: ip('10.0.1.1') }),
      bgpRoute({ igpMetric: IGP_METRIC_UNKNOWN, peerRouterId: ip('10.0.2.1') }),
      'router-id',
      'lower router ID (ORIGINATOR_ID when reflected)',
    );
  });

  it('router-id: the lower router ID of the peer wins', () => {
    decides(
      bgpRoute({ peerRouterId: ip('10.0.0.1') }),
      bgpRoute({ peerRouterId: ip('10.0.0.2') }),
      'router-id',
      'lower router ID (ORIGINATOR_ID when reflected)',
    );
  });

  it('router-id: a reflected route is compared by its ORIGINATOR_ID, not by the reflector', () => {
    const reflected = bgpRoute({ peerRouterId: ip('10.0.0.200'), originatorId: ip('10.0.1.11') });
    const direct = bgpRoute({ peerRouterId: ip('10.0.1.12') });
    decides(reflected, direct, 'router-id', 'lower router ID (ORIGINATOR_ID when reflected)');
  });

  it('cluster-list: the shorter CLUSTER_LIST wins', () => {
    const near = bgpRoute({
      originatorId: ip('10.0.1.11'),
      peerRouterId: ip('10.0.0.200'),
      clusterList: [ip('10.0.0.100')],
    });
    const far = bgpRoute({
      originatorId: ip('10.0.1.11'),
      peerRouterId: ip('10.0.0.201'),
      clusterList: [ip('10.0.0.100'), ip('10.0.0.101')],
    });
    decides(near, far, 'cluster-list', 'shorter CLUSTER_LIST');
  });

  it('peer-address: the lower peer address wins', () => {
    decides(
      bgpRoute({ via: end({ speaker: 'x', peer: 'a', peerAddress: ip('10.0.1.1') }) }),
      bgpRoute({ via: end({ speaker: 'x', peer: 'b', peerAddress: ip('10.0.1.2') }) }),
      'peer-address',
      'lower peer address',
    );
  });

  it('path-id: the last, deterministic tie-break; an identical route ties', () => {
    decides(
      bgpRoute({ pathId: 'node-a1/felix' }),
      bgpRoute({ pathId: 'node-a2/felix' }),
      'path-id',
      'deterministic tie-break on the path identity',
    );
    expect(compareRoutes(bgpRoute(), bgpRoute(), true)).toEqual({ cmp: 0, step: 'path-id', reason: 'identical' });
  });

  it('two non-BGP routes skip the BGP steps', () => {
    const a = localRoute('static', {}, { pathId: 'a', resolvable: false });
    const b = localRoute('static', {}, { pathId: 'b' });
    expect(compareRoutes(a, b, true)).toEqual({
      cmp: -1,
      step: 'path-id',
      reason: 'deterministic tie-break on the path identity',
    });
  });
});

describe('vendor speakers', () => {
  it('have no BIRD preference: LOCAL_PREF decides', () => {
    const pref200 = bgpRoute({ attrs: { preference: 200, bgp_local_pref: 100 } });
    const lp200 = bgpRoute({ attrs: { preference: 100, bgp_local_pref: 200 } });
    decides(pref200, lp200, 'preference', 'preference 200 beats 100', true);
    decides(lp200, pref200, 'local-pref', 'LOCAL_PREF 200 beats 100', false);
  });
});

describe('select', () => {
  it('ranks best first and says why the best beats the runner-up', () => {
    const felix = localRoute('kernel', { krt_metric: 512 }, { pathId: 'felix' });
    const normal = bgpRoute({ pathId: 'normal', attrs: { bgp_local_pref: 2147482623 } });
    const elevated = bgpRoute({ pathId: 'elevated', attrs: { preference: 200, bgp_local_pref: 2147483135 } });
    const s = select([felix, normal, elevated], true);
    expect(s.ranked.map((r) => r.pathId)).toEqual(['elevated', 'normal', 'felix']);
    expect(s.reason).toEqual({ cmp: -100, step: 'preference', reason: 'preference 200 beats 100' });
  });

  it('does not depend on the order of the candidates', () => {
    const routes = [
      bgpRoute({ pathId: 'c', peerRouterId: 3 }),
      bgpRoute({ pathId: 'a', peerRouterId: 1 }),
      bgpRoute({ pathId: 'b', peerRouterId: 2 }),
    ];
    expect(select(routes, true).ranked.map((r) => r.pathId)).toEqual(['a', 'b', 'c']);
    expect(select([...routes].reverse(), true).ranked.map((r) => r.pathId)).toEqual(['a', 'b', 'c']);
    expect(select(routes, true).reason).toEqual({
      cmp: -1,
      step: 'router-id',
      reason: 'lower router ID (ORIGINATOR_ID when reflected)',
    });
  });

  it('gives no reason for a single candidate, and nothing for none', () => {
    expect(select([bgpRoute()], true)).toEqual({ ranked: [bgpRoute()] });
    expect(select([], true)).toEqual({ ranked: [] });
  });
});

describe('mergeable (ECMP, BIRD 1.6 merge paths)', () => {
  const best = bgpRoute({
    pathId: 'a',
    attrs: { bgp_path: [65001, 65201] },
    via: ebgp,
    peerRouterId: ip('10.0.0.1'),
    igpMetric: 1,
  });
  const twin = (attrs: Partial<RibRoute['attrs']> = {}, o: Partial<RibRoute> = {}) =>
    bgpRoute({
      pathId: 'b',
      attrs: { bgp_path: [65002, 65202], ...attrs },
      via: end({ speaker: 'x', peer: 'f', localAs: 65000, peerAs: 65002, peerAddress: ip('10.0.0.4') }),
      peerRouterId: ip('10.0.0.9'),
      igpMetric: 1,
      ...o,
    });

  it('merges routes equal in LOCAL_PREF, path length, origin, MED, eBGP-ness and IGP cost, whatever the neighbour AS and router ID', () => {
    expect(mergeable(best, twin(), true)).toBe(true);
    expect(mergeable(best, twin(), false)).toBe(true);
  });

  it('does not merge when one of them differs', () => {
    expect(mergeable(best, twin({ bgp_local_pref: 200 }), true)).toBe(false);
    expect(mergeable(best, twin({ bgp_path: [65002, 65000, 65202] }), true)).toBe(false);
    expect(mergeable(best, twin({ bgp_origin: 2 }), true)).toBe(false);
    expect(mergeable(best, twin({}, { via: ibgp }), true)).toBe(false);
    expect(mergeable(best, twin({}, { igpMetric: 2 }), true)).toBe(false);
    expect(mergeable(best, twin({}, { resolvable: false }), true)).toBe(false);
  });

  it('compares MEDs between routes from the same neighbour AS only (BIRD); a vendor compares them always', () => {
    const sameAs = twin({ bgp_path: [65001, 65202], bgp_med: 5 });
    expect(mergeable(best, sameAs, true)).toBe(false);
    const otherAs = twin({ bgp_med: 5 });
    expect(mergeable(best, otherAs, true)).toBe(true);
    expect(mergeable(best, otherAs, false)).toBe(false);
  });

  it('never merges routes of different preference on BIRD; a vendor has no preference', () => {
    expect(mergeable(best, twin({ preference: 200 }), true)).toBe(false);
    expect(mergeable(best, twin({ preference: 200 }), false)).toBe(true);
  });

  it('merges BGP routes only', () => {
    expect(mergeable(best, localRoute('kernel', { preference: 100 }), true)).toBe(false);
    expect(mergeable(localRoute('static'), localRoute('static'), true)).toBe(false);
  });
});
