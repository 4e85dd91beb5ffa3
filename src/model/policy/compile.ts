/**
 * From a design to each router's vendor-neutral configuration (DESIGN §6). Deterministic: every
 * list is sorted by name.
 */
import { compareStrings } from '../../lib/names';
import { isBGPPeer, type BGPPeer } from '../calico/resources';
import { matchesSelector, parseSelector } from '../calico/selector';
import { parsePeerIP } from '../calico/bgppeer';
import { nodeAsNumber, nodeLabels, resolveCluster, resolvePolicy } from '../resolve';
import type { CalicoNode, Router, Topology } from '../schema';
import type {
  NeutralPolicy,
  NodeGroup,
  NodeMember,
  PolicyRule,
  RouterConfigModel,
  RouterNeighbor,
  RoutePolicy,
} from './types';

/** BIRD's preference for routes the router prefers (Calico's birdOverridePreference). */
export const ELEVATED_PREFERENCE = 200;
/** Calico's LOCAL_PREF ↔ priority constant (domain §1). */
export const BIRD_INT_MAX = 2147483647;

export const POLICY_NAMES = {
  import: 'LR-IMPORT',
  exportToRouters: 'LR-EXPORT-ROUTERS',
  exportToNodes: 'LR-EXPORT-NODES',
  hostRoutes: 'LR-POOL-HOST-ROUTES',
} as const;

/** The nodes a BGPPeer applies to: `node`, `nodeSelector`, or every node for a global peer. */
export function nodesOfPeer(doc: Topology, peer: BGPPeer): CalicoNode[] {
  if (peer.spec.node) return doc.spec.nodes.filter((n) => n.name === peer.spec.node);
  const sel = peer.spec.nodeSelector?.trim();
  if (!sel) return [...doc.spec.nodes];
  const parsed = parseSelector(sel);
  return parsed.ok ? doc.spec.nodes.filter((n) => matchesSelector(parsed.value, nodeLabels(n))) : [];
}

/** The router a BGPPeer's peerIP names, if it is one of the design's routers. */
export function routerOfPeer(doc: Topology, peer: BGPPeer): Router | undefined {
  const ip = peer.spec.peerIP ? parsePeerIP(peer.spec.peerIP)?.ip : undefined;
  return ip === undefined ? undefined : doc.spec.routers.find((r) => r.address === ip);
}

/** Two routers are directly connected by a link, or by sharing their rack's segment. */
export function directlyConnected(doc: Topology, a: Router, b: Router): boolean {
  if (a.rack !== undefined && a.rack === b.rack) return true;
  return doc.spec.links.some(([x, y]) => (x === a.name && y === b.name) || (x === b.name && y === a.name));
}

function routerNeighbors(doc: Topology, router: Router): RouterNeighbor[] {
  const out: RouterNeighbor[] = [];
  for (const [a, b] of doc.spec.sessions) {
    const other = a === router.name ? b : b === router.name ? a : undefined;
    const peer = other === undefined ? undefined : doc.spec.routers.find((r) => r.name === other);
    if (!peer) continue;
    const session = peer.asNumber === router.asNumber ? 'ibgp' : 'ebgp';
    out.push({
      name: peer.name,
      address: peer.address,
      asNumber: peer.asNumber,
      session,
      rrClient: session === 'ibgp' && router.routeReflector !== undefined,
      multihop: !directlyConnected(doc, router, peer),
      sharedSegment: router.rack !== undefined && router.rack === peer.rack,
      nextHopSelf: session === 'ebgp',
    });
  }
  return out.sort((x, y) => compareStrings(x.name, y.name));
}

function nodeGroups(doc: Topology, router: Router, addPaths: boolean): NodeGroup[] {
  const byRack = new Map<string, { peers: Set<string>; members: Map<string, NodeMember> }>();
  for (const peer of doc.spec.calicoResources.filter(isBGPPeer)) {
    if (routerOfPeer(doc, peer)?.name !== router.name) continue;
    for (const node of nodesOfPeer(doc, peer)) {
      const group = byRack.get(node.rack) ?? { peers: new Set<string>(), members: new Map<string, NodeMember>() };
      byRack.set(node.rack, group);
      group.peers.add(peer.metadata.name);
      // localASNumber 0 means unset (as confd reads it): the node speaks its own AS.
      const asNumber = peer.spec.localASNumber || nodeAsNumber(doc.spec, node);
      if (!group.members.has(node.name)) {
        const session = asNumber === router.asNumber ? 'ibgp' : 'ebgp';
        group.members.set(node.name, {
          name: node.name,
          address: node.address,
          asNumber,
          session,
          rrClient: session === 'ibgp' && router.routeReflector !== undefined,
          nextHopSelf: session === 'ebgp',
        });
      }
    }
  }
  const groups: NodeGroup[] = [];
  for (const [rack, g] of byRack) {
    const subnet = doc.spec.racks.find((r) => r.name === rack)?.subnet;
    if (!subnet) continue;
    const members = [...g.members.values()].sort((x, y) => compareStrings(x.name, y.name));
    const kinds = new Set(members.map((m) => m.session));
    const session = kinds.size === 1 ? (members[0] as NodeMember).session : 'mixed';
    groups.push({
      name: `calico-${rack}`,
      rack,
      listenRange: subnet,
      bgpPeers: [...g.peers].sort(compareStrings),
      members,
      session,
      rrClient: router.routeReflector !== undefined && session === 'ibgp',
      multihop: !(router.role === 'tor' && router.rack === rack),
      addPaths,
      passive: true,
    });
  }
  return groups.sort((x, y) => compareStrings(x.name, y.name));
}

function policyOf(doc: Topology, router: Router): NeutralPolicy {
  const p = resolvePolicy(router);
  const cluster = resolveCluster(doc.spec);
  const strip: PolicyRule['apply'] = p.sendCommunity ? [] : [{ kind: 'delete-communities' }];
  const elevated = p.elevatedCommunity
    ? {
        community: p.elevatedCommunity,
        localPref: BIRD_INT_MAX - cluster.elevatedPriority,
        preference: ELEVATED_PREFERENCE,
      }
    : undefined;
  const importPolicy: RoutePolicy = {
    name: POLICY_NAMES.import,
    rules: elevated
      ? [
          {
            when: [{ kind: 'community', value: elevated.community }],
            apply: [
              { kind: 'set-local-pref', value: elevated.localPref },
              { kind: 'set-preference', value: elevated.preference },
            ],
            then: 'accept',
          },
        ]
      : [],
    otherwise: 'accept',
  };
  const bgpRoutes: PolicyRule = { when: [{ kind: 'bgp-learned' }], apply: strip, then: 'accept' };
  const exportToRouters: RoutePolicy = { name: POLICY_NAMES.exportToRouters, rules: [bgpRoutes], otherwise: 'reject' };
  const defaultRoute: PolicyRule = { when: [{ kind: 'originated-default' }], apply: [], then: 'accept' };
  const hostRoutes: PolicyRule = {
    when: [
      { kind: 'bgp-learned' },
      {
        kind: 'prefix-list',
        name: POLICY_NAMES.hostRoutes,
        entries: cluster.ipPools.map((pool) => ({ prefix: pool.cidr, minLength: 32, maxLength: 32 })),
      },
    ],
    apply: strip,
    then: 'accept',
  };
  const exportToNodes: RoutePolicy = {
    name: POLICY_NAMES.exportToNodes,
    rules:
      p.toNodes === 'all' ? [bgpRoutes] : p.toNodes === 'default-only' ? [defaultRoute] : [defaultRoute, hostRoutes],
    otherwise: 'reject',
  };
  return {
    elevated,
    sendCommunity: p.sendCommunity,
    multipath: p.multipath,
    toNodes: p.toNodes,
    originateDefault: p.toNodes !== 'all',
    import: importPolicy,
    exportToRouters,
    exportToNodes,
  };
}

function rackSegment(doc: Topology, router: Router): RouterConfigModel['segment'] {
  if (router.role !== 'tor' || router.rack === undefined) return undefined;
  const rack = doc.spec.racks.find((r) => r.name === router.rack);
  return rack ? { rack: rack.name, subnet: rack.subnet } : undefined;
}

/** The vendor-neutral configuration of one router of the design. */
export function compileRouter(doc: Topology, routerName: string): RouterConfigModel {
  const router = doc.spec.routers.find((r) => r.name === routerName);
  if (!router) throw new Error(`unknown router ${routerName}`);
  const policy = policyOf(doc, router);
  return {
    name: router.name,
    role: router.role,
    platform: router.platform,
    asNumber: router.asNumber,
    address: router.address,
    segment: rackSegment(doc, router),
    routeReflectorClusterId: router.routeReflector?.clusterId,
    neighbors: routerNeighbors(doc, router),
    nodeGroups: nodeGroups(doc, router, resolvePolicy(router).addPaths),
    policy,
  };
}

export function compileRouters(doc: Topology): RouterConfigModel[] {
  return [...doc.spec.routers].sort((a, b) => compareStrings(a.name, b.name)).map((r) => compileRouter(doc, r.name));
}
