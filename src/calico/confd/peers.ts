/**
 * The BGP peerings of one node, as confd derives them (domain spec §3.1, §4.2): the full mesh,
 * then the peerings of every BGPPeer — global ones first, node-scoped ones unless a global
 * peering to the same address and port exists, then the implicit reverse peerings between
 * Calico nodes. The first peering emitted for a key wins (BGPPeers are taken in name order;
 * confd walks a map, so with conflicting BGPPeers its choice is not defined). IPv4 only.
 */
import { isIPv4 } from '../../lib/ip';
import { parsePeerIP } from '../../model/calico/bgppeer';
import type { BGPPeer, NodeResource } from '../types';
import { nodeIPv4, roundedSeconds, type NodeContext } from './context';

/** One peering as confd stores it (its v1 `bgpPeer` record). */
export interface Peering {
  readonly ip: string;
  /** 0 when no port is set. */
  readonly port: number;
  readonly asNumber: string;
  readonly rrClusterID: string;
  /** The address is a Calico node's (decides `passive` for global peerings). */
  readonly calicoNode: boolean;
  readonly ttlSecurity: number;
  readonly reachableBy: string | undefined;
  readonly numAllowLocalAS: number;
  readonly keepNextHop: boolean;
  readonly password: string | undefined;
  readonly sourceAddress: 'UseNodeIP' | 'None';
  readonly restartTime: string | undefined;
  readonly keepaliveTime: string | undefined;
  readonly filters: readonly string[];
  readonly nextHopMode: 'Auto' | 'Self' | 'Keep' | undefined;
  readonly localASNumber: string | undefined;
}

export interface Peerings {
  /** Global peerings (`/global/peer_v4/<ip>[-<port>]`), by key. */
  readonly global: ReadonlyMap<string, Peering>;
  /** This node's own peerings (`/host/<node>/peer_v4/<ip>[-<port>]`), by key. */
  readonly node: ReadonlyMap<string, Peering>;
}

const peeringKey = (ip: string, port: number) => (port > 0 ? `${ip}-${port}` : ip);

function nodeAS(ctx: NodeContext, node: NodeResource): string {
  return node.spec.bgp?.asNumber !== undefined ? String(node.spec.bgp.asNumber) : ctx.globalAS;
}

/** Fields every peering of a BGPPeer takes from the resource. */
function fromResource(
  ctx: NodeContext,
  peer: BGPPeer,
): Pick<
  Peering,
  'password' | 'sourceAddress' | 'restartTime' | 'keepaliveTime' | 'filters' | 'nextHopMode' | 'localASNumber'
> {
  const s = peer.spec;
  return {
    password: ctx.secret(s.password),
    sourceAddress: s.sourceAddress ?? 'UseNodeIP',
    restartTime: roundedSeconds(s.maxRestartTime),
    keepaliveTime: roundedSeconds(s.keepaliveTime),
    filters: s.filters ?? [],
    nextHopMode: s.nextHopMode,
    localASNumber: s.localASNumber ? String(s.localASNumber) : undefined,
  };
}

/** A Calico node as the peer of a BGPPeer (peerSelector targets and reverse peerings). */
function nodeAsPeering(ctx: NodeContext, nodeName: string, peer: BGPPeer): Peering | undefined {
  const node = ctx.nodeByName(nodeName);
  const ip = node ? nodeIPv4(node) : '';
  if (!node || ip === '') return undefined;
  return {
    ip,
    port: ctx.listenPort ?? 0,
    asNumber: nodeAS(ctx, node),
    rrClusterID: node.spec.bgp?.routeReflectorClusterID ?? '',
    calicoNode: false,
    ttlSecurity: peer.spec.ttlSecurity ?? 0,
    reachableBy: peer.spec.reachableBy || undefined,
    numAllowLocalAS: 0,
    keepNextHop: false,
    ...fromResource(ctx, peer),
  };
}

/** Nodes whose address is `ip` and whose AS is the BGPPeer's (the cluster's when it names none). */
function nodesWithIPPortAndAS(ctx: NodeContext, ip: string, asNumber: number | undefined, port: number): string[] {
  const wanted = asNumber ? String(asNumber) : ctx.globalAS;
  return ctx
    .nodesWithAddress(ip)
    .filter((n) => nodeAS(ctx, n) === wanted)
    .filter(() => port === 0 || ctx.listenPort === undefined || ctx.listenPort === port)
    .map((n) => n.metadata.name);
}

/** The peerings a BGPPeer's remote side (peerSelector or peerIP) stands for. */
function targets(ctx: NodeContext, peer: BGPPeer): Peering[] {
  const s = peer.spec;
  if (s.peerSelector) {
    return ctx.nodesMatching(s.peerSelector).flatMap((n) => nodeAsPeering(ctx, n, peer) ?? []);
  }
  const parsed = s.peerIP ? parsePeerIP(s.peerIP) : undefined;
  if (!parsed || !isIPv4(parsed.ip)) return [];
  let port = parsed.port ?? 0;
  // A peer without a port that is a Calico node is reached on the cluster's BGP listen port.
  if (port === 0 && ctx.listenPort !== undefined && nodesWithIPPortAndAS(ctx, parsed.ip, s.asNumber, 0).length > 0)
    port = ctx.listenPort;
  return [
    {
      ip: parsed.ip,
      port,
      asNumber: String(s.asNumber ?? 0),
      rrClusterID: '',
      calicoNode: ctx.nodesWithAddress(parsed.ip).length > 0,
      ttlSecurity: s.ttlSecurity ?? 0,
      reachableBy: s.reachableBy || undefined,
      numAllowLocalAS: s.numAllowedLocalASNumbers ?? 0,
      keepNextHop: s.keepOriginalNextHop ?? false,
      ...fromResource(ctx, peer),
    },
  ];
}

/** The nodes a BGPPeer configures: `node`, `nodeSelector`, or every node for a global peer. */
function localNodes(ctx: NodeContext, peer: BGPPeer): string[] {
  if (peer.spec.nodeSelector) return ctx.nodesMatching(peer.spec.nodeSelector);
  if (peer.spec.node) return [peer.spec.node];
  return ctx.nodes.map((n) => n.metadata.name);
}

const isGlobal = (p: BGPPeer) => !p.spec.node && !p.spec.nodeSelector;

/** localNodes as a set, once per resource set and peer (every node asks about every peer). */
const LOCAL_NODES = new WeakMap<NodeContext['set'], WeakMap<BGPPeer, ReadonlySet<string>>>();

function localNodeSet(ctx: NodeContext, p: BGPPeer): ReadonlySet<string> {
  let byPeer = LOCAL_NODES.get(ctx.set);
  if (!byPeer) {
    byPeer = new WeakMap();
    LOCAL_NODES.set(ctx.set, byPeer);
  }
  let nodes = byPeer.get(p);
  if (!nodes) {
    nodes = new Set(localNodes(ctx, p));
    byPeer.set(p, nodes);
  }
  return nodes;
}

/**
 * The Calico nodes a BGPPeer's remote side (peerSelector or an IPv4 peerIP) stands for; undefined
 * when it reverses over nothing here. The same for every node of the set, so found once per
 * resource set and peer (every node asks about every peer).
 */
const REMOTES = new WeakMap<NodeContext['set'], WeakMap<BGPPeer, ReadonlySet<string> | undefined>>();

function remoteNodes(ctx: NodeContext, p: BGPPeer): ReadonlySet<string> | undefined {
  let byPeer = REMOTES.get(ctx.set);
  if (!byPeer) {
    byPeer = new WeakMap();
    REMOTES.set(ctx.set, byPeer);
  }
  if (byPeer.has(p)) return byPeer.get(p);
  let remote: ReadonlySet<string> | undefined;
  if (p.spec.peerSelector) remote = new Set(ctx.nodesMatching(p.spec.peerSelector));
  else {
    const parsed = p.spec.peerIP ? parsePeerIP(p.spec.peerIP) : undefined;
    // An IPv6 peerIP only reverses over IPv6.
    remote =
      parsed && isIPv4(parsed.ip)
        ? new Set(nodesWithIPPortAndAS(ctx, parsed.ip, p.spec.asNumber, parsed.port ?? 0))
        : undefined;
  }
  byPeer.set(p, remote);
  return remote;
}

interface PeerIndex {
  /** The set's BGPPeers by name, without local-workload ones (they need the node's workloads, which a resource set does not describe). */
  readonly peers: readonly BGPPeer[];
  /** Per node: the non-global peers that configure it, in name order. */
  readonly localTo: ReadonlyMap<string, readonly BGPPeer[]>;
  /** Per node: the peers whose remote side stands for it and that reverse, in name order. */
  readonly reversedTo: ReadonlyMap<string, readonly BGPPeer[]>;
}

/** Which peers concern which node: the same for every node of a set, so found once per set (every node asks). */
const PEER_INDEX = new WeakMap<NodeContext['set'], PeerIndex>();

function peerIndex(ctx: NodeContext): PeerIndex {
  const known = PEER_INDEX.get(ctx.set);
  if (known) return known;
  const peers = [...ctx.set.bgpPeers]
    .filter((p) => !p.spec.localWorkloadSelector)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const localTo = new Map<string, BGPPeer[]>();
  const reversedTo = new Map<string, BGPPeer[]>();
  const add = (index: Map<string, BGPPeer[]>, node: string, p: BGPPeer) => {
    const list = index.get(node);
    if (list) list.push(p);
    else index.set(node, [p]);
  };
  for (const p of peers) if (!isGlobal(p)) for (const n of localNodeSet(ctx, p)) add(localTo, n, p);
  for (const p of peers) {
    if (p.spec.reversePeering === 'Manual') continue;
    for (const n of remoteNodes(ctx, p) ?? []) add(reversedTo, n, p);
  }
  const index = { peers, localTo, reversedTo };
  PEER_INDEX.set(ctx.set, index);
  return index;
}

export function computePeerings(ctx: NodeContext): Peerings {
  const global = new Map<string, Peering>();
  const node = new Map<string, Peering>();
  const emitNode = (p: Peering) => {
    const key = peeringKey(p.ip, p.port);
    if (!node.has(key) && !global.has(key)) node.set(key, p);
  };
  const { peers, localTo, reversedTo } = peerIndex(ctx);
  for (const p of peers) {
    if (!isGlobal(p)) continue;
    for (const t of targets(ctx, p)) {
      const key = peeringKey(t.ip, t.port);
      if (!global.has(key)) global.set(key, t);
    }
  }
  for (const p of localTo.get(ctx.nodeName) ?? []) targets(ctx, p).forEach(emitNode);
  // Reverse peerings: a node selected by a BGPPeer's remote side peers back with its local side.
  for (const p of reversedTo.get(ctx.nodeName) ?? []) {
    for (const n of localNodes(ctx, p)) {
      const peering = nodeAsPeering(ctx, n, p);
      if (peering) emitNode(peering);
    }
  }
  return { global, node };
}

/** Keys in the order confd's templates list them (sorted datastore keys). */
export function sortedPeerings(map: ReadonlyMap<string, Peering>): Peering[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}
