/**
 * Address and AS changes that carry their consequences: a rack's new subnet renumbers its members
 * (keeping host numbers) and the BGPPeers that target its ToRs; a node moved to another rack
 * gets an address there; a router's new address, and its new AS, follow into the BGPPeers that
 * target it.
 */
import { err, ok, type Result } from '../../lib/result';
import { formatIPv4, parseIPv4, prefix4, prefixContainsAddr, prefixSize } from '../../lib/ip';
import { isBGPPeer } from '../calico/resources';
import { routerOfPeer } from '../policy/compile';
import type { Topology } from '../schema';
import { freeHostAddress, NODE_HOST_START, TOR_HOST_START } from './allocate';
import { draft } from './common';

function retargetPeers(d: Topology, from: string, to: string): void {
  for (const r of d.spec.calicoResources) if (isBGPPeer(r) && r.spec.peerIP === from) r.spec.peerIP = to;
}

export function changeRackSubnet(doc: Topology, rackName: string, subnet: string): Result<Topology, string> {
  const rack = doc.spec.racks.find((r) => r.name === rackName);
  const oldP = rack ? prefix4(rack.subnet) : undefined;
  const newP = prefix4(subnet);
  if (!rack || !oldP) return err(`unknown rack ${rackName}`);
  if (!newP)
    return ok({
      ...doc,
      spec: { ...doc.spec, racks: doc.spec.racks.map((r) => (r.name === rackName ? { ...r, subnet } : r)) },
    });
  const d = draft(doc);
  (d.spec.racks.find((r) => r.name === rackName) as { subnet: string }).subnet = subnet;
  const members = [
    ...d.spec.nodes.filter((n) => n.rack === rackName),
    ...d.spec.routers.filter((r) => r.role === 'tor' && r.rack === rackName),
  ];
  for (const m of members) {
    const a = parseIPv4(m.address);
    if (a === undefined || !prefixContainsAddr(oldP, a)) continue;
    const host = a - oldP.addr;
    if (host >= prefixSize(newP)) return err(`${m.name}'s host number .${host} does not fit in ${subnet}`);
    const next = formatIPv4(newP.addr + host);
    retargetPeers(d, m.address, next);
    m.address = next;
  }
  return ok(d);
}

export function moveNodeToRack(doc: Topology, nodeName: string, rackName: string): Result<Topology, string> {
  const rack = doc.spec.racks.find((r) => r.name === rackName);
  if (!rack) return err(`unknown rack ${rackName}`);
  const d = draft(doc);
  const node = d.spec.nodes.find((n) => n.name === nodeName);
  if (!node) return err(`unknown node ${nodeName}`);
  if (node.rack === rackName) return ok(doc);
  const subnet = prefix4(rack.subnet);
  const a = parseIPv4(node.address);
  node.rack = rackName;
  if (!(subnet && a !== undefined && prefixContainsAddr(subnet, a))) {
    node.address = '';
    const address = freeHostAddress(d, rack.subnet, NODE_HOST_START);
    if (!address) return err(`rack ${rackName} has no free address`);
    node.address = address;
  }
  const positions = d.spec.layout?.positions;
  if (positions) delete positions[nodeName];
  return ok(d);
}

export function moveTorToRack(doc: Topology, routerName: string, rackName: string): Result<Topology, string> {
  const rack = doc.spec.racks.find((r) => r.name === rackName);
  if (!rack) return err(`unknown rack ${rackName}`);
  const d = draft(doc);
  const tor = d.spec.routers.find((r) => r.name === routerName);
  if (!tor) return err(`unknown router ${routerName}`);
  const old = tor.address;
  tor.rack = rackName;
  tor.address = '';
  const address = freeHostAddress(d, rack.subnet, TOR_HOST_START);
  if (!address) return err(`rack ${rackName} has no free address`);
  tor.address = address;
  retargetPeers(d, old, address);
  const positions = d.spec.layout?.positions;
  if (positions) delete positions[routerName];
  return ok(d);
}

export function changeRouterAddress(doc: Topology, routerName: string, address: string): Result<Topology, string> {
  const d = draft(doc);
  const router = d.spec.routers.find((r) => r.name === routerName);
  if (!router) return err(`unknown router ${routerName}`);
  retargetPeers(d, router.address, address);
  router.address = address;
  return ok(d);
}

/**
 * A router's new AS, and every BGPPeer that targets the router with its old AS follows (the
 * session stays up). A peer that names another AS on purpose keeps it; node ASes are left alone.
 */
export function changeRouterAs(doc: Topology, routerName: string, asNumber: number): Result<Topology, string> {
  const d = draft(doc);
  const router = d.spec.routers.find((r) => r.name === routerName);
  if (!router) return err(`unknown router ${routerName}`);
  const old = router.asNumber;
  for (const r of d.spec.calicoResources) {
    if (isBGPPeer(r) && r.spec.asNumber === old && routerOfPeer(d, r)?.name === routerName) r.spec.asNumber = asNumber;
  }
  router.asNumber = asNumber;
  return ok(d);
}
