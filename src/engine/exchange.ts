/**
 * What a speaker sends on a session and what the receiver makes of it (domain §5.4, RFC 4271,
 * RFC 4456): which routes are offered (the best, or every path with ADD-PATH), the iBGP and
 * reflection rules, the attributes BIRD sets before the export filter (ORIGIN, AS_PATH with the
 * local AS on eBGP, NEXT_HOP, LOCAL_PREF 100), next hop self/keep, LOCAL_PREF stripped on eBGP;
 * on receipt the AS-path and reflection loop checks, LOCAL_PREF 100 by default, next-hop
 * resolution over the underlay, and the import filter.
 */
import type { Route } from '../bird/lang/route';
import type { Channel } from './network';
import {
  IGP_METRIC_UNKNOWN,
  type FilterRunner,
  type RibRoute,
  type SessionEnd,
  type Speaker,
  type WireRoute,
} from './types';
import type { Underlay } from './underlay';

export interface Offer {
  readonly route: RibRoute;
  readonly wire: WireRoute;
}

export interface Refusal {
  readonly route: RibRoute;
  readonly why: string;
}

/** BIRD 1.x (calico-node and bird1 routers) checks CLUSTER_LIST loops only on `rr client` sessions. */
function bird1(s: Speaker): boolean {
  return s.platform === 'calico' || s.platform === 'bird1';
}

/** The cluster ID a session end uses: its protocol's, else the speaker's, else the router ID. */
export function clusterOf(s: Speaker, e: SessionEnd | undefined): number {
  return e?.clusterId ?? s.clusterId ?? s.routerId;
}

/**
 * The export attributes of a route depend on the session end only through these fields, so the
 * ends of a peer group share one object (and the filter memo finds it by identity); likewise the
 * wire built from the export filter's outcome, so every receiver of a group is handed the same
 * wire (and `receive` runs its import filter once per wire, not once per receiver). A cache
 * lives for one recomputation of one speaker (prefixSim.ts), over all its channels.
 */
export interface ExportCache {
  readonly attrs: Map<RibRoute, Map<number | string, Route>>;
  /** Per route: per export outcome (by identity): per next hop, eBGP, reflection key: the wire. */
  readonly wires: Map<RibRoute, Map<Route, Map<number | string, WireRoute>>>;
}

export function newExportCache(): ExportCache {
  return { attrs: new Map(), wires: new Map() };
}

function sharedExportAttrs(r: RibRoute, e: SessionEnd, cache: ExportCache | undefined): Route {
  if (!cache) return exportAttrs(r, e);
  const key = r.proto !== 'bgp' ? `${e.ebgp ? 1 : 0}:${e.localAs}:${e.localAddress}` : e.ebgp ? e.localAs : -1;
  let byEnd = cache.attrs.get(r);
  if (!byEnd) {
    byEnd = new Map();
    cache.attrs.set(r, byEnd);
  }
  let attrs = byEnd.get(key);
  if (!attrs) {
    attrs = exportAttrs(r, e);
    byEnd.set(key, attrs);
  }
  return attrs;
}

/** The ADD-PATH identity a sender gives a route of its RIB. */
const WIRE_PATH_IDS = new WeakMap<RibRoute, string>();

function wirePathId(sender: Speaker, r: RibRoute): string {
  let id = WIRE_PATH_IDS.get(r);
  if (id === undefined) {
    id = `${sender.name}/${r.pathId}`;
    WIRE_PATH_IDS.set(r, id);
  }
  return id;
}

/** The attributes the export filter sees, as BIRD prepares them. */
function exportAttrs(r: RibRoute, e: SessionEnd): Route {
  if (r.proto !== 'bgp') {
    return {
      ...r.attrs,
      bgp_origin: 0,
      bgp_path: e.ebgp ? [e.localAs] : [],
      bgp_next_hop: e.localAddress,
      bgp_local_pref: 100,
    };
  }
  return e.ebgp ? { ...r.attrs, bgp_path: [e.localAs, ...(r.attrs.bgp_path ?? [])] } : { ...r.attrs };
}

const NO_OFFERS: readonly Offer[] = Object.freeze([]);
const NO_REFUSALS: readonly Refusal[] = Object.freeze([]);

/** The wire for route `r` whose export outcome is `a`, as the channel's sending end builds it. */
function buildWire(
  sender: Speaker,
  r: RibRoute,
  e: SessionEnd,
  a: Route,
  selfNextHop: boolean,
  reflecting: boolean,
): WireRoute {
  const attrs: Route = {
    net: a.net,
    source: 'RTS_BGP',
    dest: 'RTD_ROUTER',
    preference: 100,
    ifname: '',
    bgp_origin: a.bgp_origin ?? 0,
    bgp_path: a.bgp_path ?? [],
    bgp_next_hop: selfNextHop ? e.localAddress : (a.bgp_next_hop ?? e.localAddress),
    ...(a.bgp_community && a.bgp_community.length > 0 ? { bgp_community: a.bgp_community } : {}),
    ...(a.bgp_large_community && a.bgp_large_community.length > 0
      ? { bgp_large_community: a.bgp_large_community }
      : {}),
    // LOCAL_PREF never crosses eBGP (domain §1); MED learned over BGP does not go to another AS.
    ...(!e.ebgp ? { bgp_local_pref: a.bgp_local_pref ?? 100 } : {}),
    ...(a.bgp_med !== undefined && (!e.ebgp || r.proto !== 'bgp') ? { bgp_med: a.bgp_med } : {}),
  };
  return {
    pathId: wirePathId(sender, r),
    attrs,
    // The cluster ID of the client side: this session's when reflecting to a client, else the source's (BIRD bgp_update_attrs).
    ...(reflecting
      ? {
          originatorId: r.originatorId ?? r.peerRouterId ?? 0,
          clusterList: [clusterOf(sender, e.rrClient ? e : r.via), ...(r.clusterList ?? [])],
        }
      : {}),
  };
}

/** The wire for `r` on end `e`, shared with every end of the same group (same outcome, next hop, eBGP and reflection). */
function sharedWire(sender: Speaker, r: RibRoute, e: SessionEnd, a: Route, cache: ExportCache | undefined): WireRoute {
  const selfNextHop = r.proto !== 'bgp' || e.nextHop === 'self' || (e.ebgp && e.nextHop !== 'keep');
  const reflecting = r.via !== undefined && !r.via.ebgp && !e.ebgp;
  if (!cache) return buildWire(sender, r, e, a, selfNextHop, reflecting);
  // Every input of buildWire besides `r` and `a`: the next hop it may set, eBGP, and what reflection adds.
  const nextHop = selfNextHop ? e.localAddress : (a.bgp_next_hop ?? e.localAddress);
  const key = reflecting
    ? `${nextHop}:${e.ebgp ? 1 : 0}:r${clusterOf(sender, e.rrClient ? e : r.via)}`
    : nextHop * 2 + (e.ebgp ? 1 : 0);
  let byOutcome = cache.wires.get(r);
  if (!byOutcome) {
    byOutcome = new Map();
    cache.wires.set(r, byOutcome);
  }
  let byKey = byOutcome.get(a);
  if (!byKey) {
    byKey = new Map();
    byOutcome.set(a, byKey);
  }
  let wire = byKey.get(key);
  if (!wire) {
    wire = buildWire(sender, r, e, a, selfNextHop, reflecting);
    byKey.set(key, wire);
  }
  return wire;
}

/** Why the sending end `e` may not offer `r` before its export filter runs (undefined: it may). */
function exportRefusal(sender: Speaker, e: SessionEnd, r: RibRoute): string | undefined {
  if (r.via?.id === e.id) return 'learned from this session';
  if (r.via && !r.via.ebgp && !e.ebgp && !(r.via.rrClient || e.rrClient))
    return 'iBGP-learned routes go to iBGP peers only by route reflection';
  // BIRD also checks the cluster list before reflecting (bgp_import_control / bgp_preexport).
  if (
    sender.bird &&
    r.via !== undefined &&
    !r.via.ebgp &&
    !e.ebgp &&
    (!bird1(sender) || e.rrClient) &&
    r.clusterList?.includes(clusterOf(sender, e))
  ) {
    return "CLUSTER_LIST loop: the session's cluster ID is in it";
  }
  return undefined;
}

/** Which candidates the channel's sender offers, and what the wire carries for each. */
export function exportsOf(
  sender: Speaker,
  ch: Channel,
  ranked: readonly RibRoute[],
  cache?: ExportCache,
): { offers: readonly Offer[]; refused: readonly Refusal[] } {
  const e = ch.from;
  let offers: Offer[] | undefined;
  let refused: Refusal[] | undefined;
  for (const r of ranked) {
    // Without ADD-PATH only the best usable route is announced; if it may not go out, nothing does (domain §11.2).
    if (!r.resolvable) continue;
    const why = exportRefusal(sender, e, r);
    if (why !== undefined) (refused ??= []).push({ route: r, why });
    else {
      const out = e.exportFilter(sharedExportAttrs(r, e, cache));
      if (out.verdict === 'reject')
        (refused ??= []).push({
          route: r,
          why: `export filter: ${out.decision.at?.text ?? out.decision.message ?? out.decision.kind}`,
        });
      else (offers ??= []).push({ route: r, wire: sharedWire(sender, r, e, out.route, cache) });
    }
    if (!ch.addPath) break;
  }
  return { offers: offers ?? NO_OFFERS, refused: refused ?? NO_REFUSALS };
}

export type Received = { ok: true; route: RibRoute } | { ok: false; wire: WireRoute; why: string; route?: RibRoute };

/**
 * The immediate gateway of a route with BGP next hop `nh` (BIRD bgp_set_next_hop): in
 * `direct` mode the next hop itself when it shares a segment with the receiver, else the peer;
 * in `recursive` mode the underlay's first hop towards it (the next hop itself when adjacent).
 * `hop` is undefined when nothing resolves it.
 */
function gatewayOf(
  self: string,
  f: SessionEnd,
  nh: number,
  underlay: Underlay,
): { hop: { via: string; cost: number } | undefined; gw: number } {
  const owner = underlay.ownerOf(nh);
  if (f.gateway === 'direct') {
    if (owner !== undefined && owner !== self && underlay.sameSegment(self, owner))
      return { hop: { via: owner, cost: 1 }, gw: nh };
    const peer = underlay.ownerOf(f.peerAddress);
    return peer !== undefined && peer !== self && underlay.isAdjacent(self, peer)
      ? { hop: { via: peer, cost: 1 }, gw: f.peerAddress }
      : { hop: undefined, gw: nh };
  }
  if (owner === undefined || owner === self) return { hop: undefined, gw: nh };
  if (underlay.isAdjacent(self, owner)) return { hop: { via: owner, cost: 1 }, gw: nh };
  const hop = underlay.path(self, owner);
  return { hop, gw: hop ? (underlay.addressOf(hop.via) ?? nh) : nh };
}

/**
 * The IGP metric a route's next hop gets. BIRD 1.x (rt_get_igp_metric) knows only the metrics of
 * its own IGP protocols; the underlay reaches it as kernel routes, which carry none. So a next hop
 * reached directly (gateway direct, or resolved through a device route: a shared segment or a
 * link) costs 0, and any other is IGP_METRIC_UNKNOWN: two of those tie, and the router ID decides.
 * Found in the lab (border-1 hearing a VM from ToRs two and three hops away picked by router ID).
 * The other platforms see the underlay as an IGP would make it: its hop count (DESIGN §6).
 */
function igpMetricOf(receiver: Speaker, f: SessionEnd, hop: { cost: number } | undefined): number {
  if (!hop) return 0;
  if (!bird1(receiver)) return hop.cost;
  return f.gateway === 'direct' || hop.cost <= 1 ? 0 : IGP_METRIC_UNKNOWN;
}

type Outcome = ReturnType<FilterRunner>;

/**
 * What an import filter makes of a wire: the same for every receiver with the same filter, eBGP
 * flag, gateway and resolvability. A sender hands one wire to every end of a peer group, so the
 * filter (and the route it reads) runs once per wire and kind of receiver.
 */
const IMPORTS = new WeakMap<WireRoute, Map<FilterRunner, Map<number, Outcome>>>();

function imported(w: WireRoute, f: SessionEnd, resolvable: boolean, gw: number): Outcome {
  let byFilter = IMPORTS.get(w);
  if (!byFilter) {
    byFilter = new Map();
    IMPORTS.set(w, byFilter);
  }
  let byKey = byFilter.get(f.importFilter);
  if (!byKey) {
    byKey = new Map();
    byFilter.set(f.importFilter, byKey);
  }
  const key = gw * 4 + (resolvable ? 2 : 0) + (f.ebgp ? 1 : 0);
  let out = byKey.get(key);
  if (!out) {
    const a = w.attrs;
    out = f.importFilter({
      ...a,
      source: 'RTS_BGP',
      dest: resolvable ? 'RTD_ROUTER' : 'RTD_UNREACHABLE',
      preference: 100,
      ifname: resolvable ? 'eth0' : '',
      gw,
      // BIRD adds LOCAL_PREF 100 when a route arrives without one: always on eBGP (domain §5.4).
      bgp_local_pref: f.ebgp ? 100 : (a.bgp_local_pref ?? 100),
    });
    byKey.set(key, out);
  }
  return out;
}

/** The receiving side: loop checks, defaults, next-hop resolution, then the import filter. */
export function receive(receiver: Speaker, from: Speaker, ch: Channel, w: WireRoute, underlay: Underlay): Received {
  const f = ch.to;
  const a = w.attrs;
  // BIRD rejects a path holding its own AS on every session, iBGP included (bgp_as_path_loopy).
  let loops = 0;
  for (const asn of a.bgp_path ?? []) if (asn === f.localAs) loops++;
  if (loops > f.allowLocalAs)
    return {
      ok: false,
      wire: w,
      why: `AS path loop: own AS ${f.localAs} is in the path ${(a.bgp_path ?? []).join(' ')}`,
    };
  if (!f.ebgp) {
    if (w.originatorId !== undefined && w.originatorId === receiver.routerId)
      return { ok: false, wire: w, why: 'reflected back to its originator (ORIGINATOR_ID is ours)' };
    // RFC 4456 on every iBGP session; BIRD 1.x only where the session is `rr client` (bgp_cluster_list_loopy).
    if ((!bird1(receiver) || f.rrClient) && w.clusterList?.includes(clusterOf(receiver, f)))
      return { ok: false, wire: w, why: 'CLUSTER_LIST loop: our cluster ID is in it' };
  }
  const nh = a.bgp_next_hop ?? f.peerAddress;
  const { hop, gw } = gatewayOf(receiver.name, f, nh, underlay);
  const resolvable = hop !== undefined;
  const out = imported(w, f, resolvable, gw);
  const igpMetric = igpMetricOf(receiver, f, hop);
  // Most routes are not reflected: no temporary objects for the optional fields then.
  const route: RibRoute =
    w.originatorId === undefined && !w.clusterList
      ? {
          attrs: out.route,
          proto: 'bgp',
          protocol: f.protocol,
          via: f,
          pathId: w.pathId,
          igpMetric,
          resolvable,
          peerRouterId: from.routerId,
          importDecision: out.decision,
        }
      : {
          attrs: out.route,
          proto: 'bgp',
          protocol: f.protocol,
          via: f,
          pathId: w.pathId,
          ...(w.originatorId !== undefined ? { originatorId: w.originatorId } : {}),
          ...(w.clusterList ? { clusterList: w.clusterList } : {}),
          igpMetric,
          resolvable,
          peerRouterId: from.routerId,
          importDecision: out.decision,
        };
  if (out.verdict === 'reject')
    return {
      ok: false,
      wire: w,
      why: `import filter: ${out.decision.at?.text ?? out.decision.message ?? out.decision.kind}`,
      route,
    };
  return { ok: true, route };
}
