/** Adding racks (from a template), nodes, routers and VMs with free names, addresses and blocks. */
import { err, ok } from '../../lib/result';
import { parseIPv4 } from '../../lib/ip';
import { LIVE_MIGRATION_FILTER_NAME } from '../calico/documented';
import type { CalicoNode, Router, RouterRole, Topology } from '../schema';
import {
  freeAsNumber,
  freeHostAddress,
  freeName,
  freeVmIp,
  memberName,
  nextBlock,
  nextLoopback,
  nextRackName,
  nextRackSubnet,
  NODE_HOST_START,
  rackTag,
  TOR_HOST_START,
} from './allocate';
import { draft, setPosition, type EditResult } from './common';
import { connectRackToRouter } from './connect';
import {
  ALLOW_OWN_AS_ONCE,
  ensureLiveMigrationFilter,
  makeSpinesReflect,
  preferCommunity,
  SPINE_AS,
  type RackChoices,
} from './rackChoices';
import { isBGPPeer } from '../calico/resources';
import { resolveCluster } from '../resolve';

/** A rack and what it holds: the choices it shares with the fabric generator, and its name. */
export interface RackTemplate extends RackChoices {
  readonly name?: string;
}

type Point = readonly [number, number];

/**
 * A rack with its ToR(s) and nodes, linked to every spine, and a BGPPeer from the rack to each
 * ToR. With the ToRs in the spines' AS the spines become route reflectors; with the live-migration
 * filter the ToRs and spines prefer its community.
 */
export function addRack(doc: Topology, template: RackTemplate, at?: Point): EditResult {
  if (template.nodesPerRack < 0 || template.nodesPerRack > 64) return err('a rack template has 0 to 64 nodes');
  const d = draft(doc);
  const name = template.name ?? nextRackName(d);
  const subnet = nextRackSubnet(d);
  if (!subnet) return err('no free /24 left in 10.0.0.0/16 for a new rack');
  d.spec.racks.push({ name, subnet });
  setPosition(d, name, at);
  const created = [name];
  const tag = rackTag(name);
  const perNode =
    (template.nodeAs ?? (d.spec.nodes.some((n) => n.asNumber !== undefined) ? 'per-node' : 'cluster')) === 'per-node';
  const spines = d.spec.routers.filter((r) => r.role === 'spine');
  const torsInSpineAs = template.torAs === 'spines';
  // A ToR pair shares the rack's AS.
  const torAs = torsInSpineAs ? (spines[0]?.asNumber ?? SPINE_AS) : freeAsNumber(d, 65001);
  const community = template.liveMigrationFilter === true ? ensureLiveMigrationFilter(d) : undefined;
  const policy = d.spec.routers.find((r) => r.role === 'tor')?.policy;
  const tors: Router[] = [];
  for (let i = 1; i <= template.torsPerRack; i++) {
    const tor: Router = {
      name: freeName(d, memberName('tor', tag, template.torsPerRack === 1 ? undefined : i)),
      role: 'tor',
      rack: name,
      asNumber: torAs,
      address: freeHostAddress(d, subnet, TOR_HOST_START) as string,
      platform: template.platform ?? 'bird1',
      ...(policy ? { policy: structuredClone(policy) } : {}),
    };
    if (community !== undefined) preferCommunity(tor, community);
    d.spec.routers.push(tor);
    tors.push(tor);
    created.push(tor.name);
    for (const spine of spines) {
      d.spec.links.push([tor.name, spine.name]);
      d.spec.sessions.push([tor.name, spine.name]);
    }
  }
  if (tors.length > 0 && torsInSpineAs) makeSpinesReflect(spines);
  if (tors.length > 0 && community !== undefined) for (const spine of spines) preferCommunity(spine, community);
  for (let i = 1; i <= template.nodesPerRack; i++) {
    const added = pushNode(d, name, perNode ? freeAsNumber(d, 65101 + 100 * (d.spec.racks.length - 1)) : undefined);
    if (!added) return err(`rack ${name} has no room for ${template.nodesPerRack} nodes`);
    created.push(added.name);
  }
  let result: Topology = d;
  const filters =
    template.liveMigrationFilter === undefined
      ? undefined
      : community !== undefined
        ? [LIVE_MIGRATION_FILTER_NAME]
        : [];
  const allowOwnAs = !perNode && !resolveCluster(d.spec).nodeToNodeMeshEnabled;
  for (const tor of tors) {
    const peered = connectRackToRouter(result, name, tor.name, filters);
    if (!peered.ok) continue;
    result = peered.value.doc;
    const peer = result.spec.calicoResources.find((r) => isBGPPeer(r) && r.metadata.name === peered.value.created[0]);
    if (allowOwnAs && peer && isBGPPeer(peer) && peer.spec.asNumber !== resolveCluster(d.spec).asNumber)
      Object.assign(peer.spec, ALLOW_OWN_AS_ONCE);
  }
  return ok({ doc: result, created });
}

function pushNode(d: Topology, rackName: string, asNumber: number | undefined): CalicoNode | undefined {
  const rack = d.spec.racks.find((r) => r.name === rackName);
  if (!rack) return undefined;
  const address = freeHostAddress(d, rack.subnet, NODE_HOST_START);
  const block = nextBlock(d);
  if (!address) return undefined;
  const tag = rackTag(rackName);
  let index = 1;
  while (
    d.spec.nodes.some((n) => n.name === memberName('node', tag, index)) ||
    d.spec.routers.some((r) => r.name === memberName('node', tag, index))
  )
    index++;
  const node: CalicoNode = {
    name: freeName(d, memberName('node', tag, index)),
    rack: rackName,
    address,
    ...(asNumber !== undefined ? { asNumber } : {}),
    ...(block ? { blocks: [block] } : {}),
  };
  d.spec.nodes.push(node);
  return node;
}

/** The AS a new node of the rack gets: the rack's shared AS, the next free one if its nodes differ, or none. */
function rackNodeAs(d: Topology, rackName: string): number | undefined {
  const peers = d.spec.nodes.filter((n) => n.rack === rackName);
  const asns = new Set(peers.map((n) => n.asNumber));
  if (peers.length === 0 || asns.has(undefined)) return undefined;
  if (asns.size === 1 && peers.length > 1) return peers[0]?.asNumber;
  return freeAsNumber(d, Math.max(...peers.map((n) => n.asNumber as number)) + 1);
}

export function addNode(doc: Topology, rackName: string, at?: Point): EditResult {
  const d = draft(doc);
  if (!d.spec.racks.some((r) => r.name === rackName)) return err(`unknown rack ${rackName}`);
  const node = pushNode(d, rackName, rackNodeAs(d, rackName));
  if (!node) return err(`rack ${rackName} has no free address left`);
  setPosition(d, node.name, at);
  return ok({ doc: d, created: [node.name] });
}

const ROLE_BASE: Record<Exclude<RouterRole, 'tor'>, string> = {
  spine: 'spine',
  'route-reflector': 'rr',
  border: 'border',
};

export function addRouter(doc: Topology, role: RouterRole, rackName?: string, at?: Point): EditResult {
  const d = draft(doc);
  let router: Router;
  if (role === 'tor') {
    const rack = d.spec.racks.find((r) => r.name === rackName);
    if (!rack) return err('drop a ToR onto a rack: a ToR belongs to one rack');
    const tors = d.spec.routers.filter((r) => r.role === 'tor' && r.rack === rack.name);
    if (tors.length >= 2) return err(`rack ${rack.name} already has two ToRs`);
    const address = freeHostAddress(d, rack.subnet, TOR_HOST_START);
    if (!address) return err(`rack ${rack.name} has no free address left`);
    const tag = rackTag(rack.name);
    const policy = d.spec.routers.find((r) => r.role === 'tor')?.policy;
    router = {
      name: freeName(d, memberName('tor', tag, tors.length === 0 ? undefined : 2)),
      role,
      rack: rack.name,
      // The second ToR of a rack joins the first one's AS, as the rack template does.
      asNumber: tors[0]?.asNumber ?? freeAsNumber(d, 65001),
      address,
      platform: 'bird1',
      ...(policy ? { policy: structuredClone(policy) } : {}),
    };
  } else {
    const address = nextLoopback(d);
    if (!address) return err('no free loopback left in 10.0.0.0/24');
    const sameRole = d.spec.routers.find((r) => r.role === role);
    const asNumber =
      role === 'spine' || role === 'route-reflector' ? (sameRole?.asNumber ?? SPINE_AS) : freeAsNumber(d, 65100);
    router = {
      name: freeName(d, `${ROLE_BASE[role]}-1`),
      role,
      asNumber,
      address,
      platform: 'bird1',
      ...(role === 'route-reflector' ? { routeReflector: { clusterId: address } } : {}),
    };
  }
  d.spec.routers.push(router);
  setPosition(d, router.name, at);
  return ok({ doc: d, created: [router.name] });
}

export function addVm(doc: Topology, nodeName: string): EditResult {
  const d = draft(doc);
  if (!d.spec.nodes.some((n) => n.name === nodeName)) return err('a VM runs on a Calico node: drop it onto one');
  const ip = freeVmIp(d, nodeName);
  if (!ip || parseIPv4(ip) === undefined) return err(`node ${nodeName} has no free address in its blocks`);
  let i = d.spec.vms.length + 1;
  while (d.spec.vms.some((v) => v.name === `vm-${i}`)) i++;
  const name = `vm-${i}`;
  d.spec.vms.push({ name, ip, node: nodeName });
  return ok({ doc: d, created: [name] });
}
