/**
 * Synthetic speakers, session ends and RIB routes for the engine's unit tests (not used by the
 * app): each helper fills what a test does not care about with a plain value.
 */
import { parseBirdConfig } from '../bird/lang/configParser';
import { runFilter } from '../bird/lang/interpreter';
import type { Route } from '../bird/lang/route';
import { parseIPv4, prefix4, type Prefix4 } from '../lib/ip';
import { fabric } from '../model/policy/test-fabric';
import type { Channel } from './network';
import type { FilterRunner, RibRoute, SessionEnd, Speaker } from './types';
import { Underlay } from './underlay';

export function ip(text: string): number {
  const v = parseIPv4(text);
  if (v === undefined) throw new Error(`not an address: ${text}`);
  return v;
}

export function pfx(text: string): Prefix4 {
  const p = prefix4(text);
  if (!p) throw new Error(`not a prefix: ${text}`);
  return p;
}

export const acceptAll: FilterRunner = (route) => ({
  verdict: 'accept',
  route,
  decision: { kind: 'all', functions: [] },
});
export const rejectAll: FilterRunner = (route) => ({
  verdict: 'reject',
  route,
  decision: { kind: 'none', functions: [] },
});

/** A session end of `speaker` towards `peer`; eBGP when the AS numbers differ. */
export function end(o: Partial<SessionEnd> & Pick<SessionEnd, 'speaker' | 'peer'>): SessionEnd {
  const localAs = o.localAs ?? 65000;
  const peerAs = o.peerAs ?? localAs;
  return {
    id: `${o.speaker}:${o.peer}`,
    protocol: `bgp ${o.peer}`,
    localAddress: 0,
    peerAddress: 0,
    localAs,
    peerAs,
    ebgp: peerAs !== localAs,
    rrClient: false,
    nextHop: 'default',
    addPathTx: false,
    addPathRx: false,
    passive: false,
    multihop: true,
    allowLocalAs: 0,
    importFilter: acceptAll,
    exportFilter: acceptAll,
    ...o,
  };
}

export function speaker(o: Partial<Speaker> & Pick<Speaker, 'name' | 'address'>): Speaker {
  return {
    kind: 'router',
    platform: 'bird1',
    routerId: o.address,
    ends: [],
    listens: [],
    bird: true,
    mergePaths: false,
    statics: [],
    ...o,
  };
}

export function channel(from: SessionEnd, to: SessionEnd, addPath = false): Channel {
  return { from, to, addPath };
}

/** A BGP candidate for 10.244.1.5/32 with `attrs` on top of a plain route. */
export function bgpRoute(o: Partial<Omit<RibRoute, 'attrs'>> & { attrs?: Partial<Route> } = {}): RibRoute {
  const { attrs, ...rest } = o;
  return {
    attrs: {
      net: pfx('10.244.1.5/32'),
      source: 'RTS_BGP',
      dest: 'RTD_ROUTER',
      preference: 100,
      ifname: 'eth0',
      bgp_origin: 0,
      bgp_path: [65001],
      bgp_local_pref: 100,
      ...attrs,
    },
    proto: 'bgp',
    protocol: 'bgp test',
    pathId: 'p',
    igpMetric: 1,
    resolvable: true,
    ...rest,
  };
}

/** A locally originated candidate (static blackhole, Felix's kernel route). */
export function localRoute(
  proto: 'static' | 'kernel' | 'direct',
  attrs: Partial<Route> = {},
  o: Partial<RibRoute> = {},
): RibRoute {
  const base: Route =
    proto === 'kernel'
      ? {
          net: pfx('10.244.1.5/32'),
          source: 'RTS_INHERIT',
          dest: 'RTD_DEVICE',
          preference: 10,
          ifname: 'cali0',
          krt_metric: 1024,
        }
      : proto === 'static'
        ? { net: pfx('10.244.1.0/26'), source: 'RTS_STATIC', dest: 'RTD_BLACKHOLE', preference: 200, ifname: '' }
        : { net: pfx('10.0.1.0/24'), source: 'RTS_DEVICE', dest: 'RTD_DEVICE', preference: 240, ifname: 'eth0' };
  return {
    attrs: { ...base, ...attrs },
    proto,
    protocol: proto,
    pathId: `${proto}:${(attrs.net ?? base.net).len}`,
    igpMetric: 0,
    resolvable: true,
    ...o,
  };
}

/** A BIRD filter `filter f { body }` as a session's filter. */
export function birdFilter(body: string): FilterRunner {
  const cfg = parseBirdConfig({ name: 'f.conf', text: `filter f { ${body} }` });
  return (r) => runFilter(cfg, { k: 'named', name: 'f', at: { file: 'f.conf', line: 1, col: 1, text: 'filter f' } }, r);
}

/**
 * The underlay of a one-rack fabric: rack-a (10.0.1.0/24) holds tor-a 10.0.1.1, tor-b 10.0.1.2,
 * node-a1 10.0.1.11 and node-a2 10.0.1.12; spine-1 10.0.0.1 is linked to tor-a; spine-2 10.0.0.2
 * to nothing.
 */
export function oneRackUnderlay(): Underlay {
  return new Underlay(fabric({ platform: 'bird1', multihopSpine: true, torPair: true }));
}
