/** Adding racks (from a template), nodes, routers and VMs with free names, addresses and blocks. */
import { err, ok } from '../../lib/result';
import { parseIPv4 } from '../../lib/ip';
import type { CalicoNode, Platform, Router, RouterRole, Topology } from '../schema';
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

export interface RackTemplate {
  readonly name?: string;
  readonly tors: 0 | 1 | 2;
  readonly nodes: number;
  readonly platform?: Platform;
  /** `per-node`: every node its own AS (eBGP to the ToR); `cluster`: the cluster AS. */
  readonly nodeAs?: 'cluster' | 'per-node';
}

type Point = readonly [number, number];

/** A rack with its ToR(s) and nodes, linked to every spine, and a BGPPeer from the rack to each ToR. */
export function addRack(doc: Topology, template: RackTemplate, at?: Point): EditResult {
  if (template.nodes < 0 || template.nodes > 64) return err('a rack template has 0 to 64 nodes');
  const d = draft(doc);
  const name = template.name ?? nextRackName(d);
  const subnet = nextRackSubnet(d);
  if (!subnet) return err('no free /24 left in 10.0.0.0/16 for a new rack');
  d.spec.racks.push({ name, subnet });
  setPosition(d, name, at);
  const created = [name];
  const tag = rackTag(name);
  const perNode = (template.nodeAs ?? (d.spec.nodes.some((n) => n.asNumber !== undefined) ? 'per-node' : 'cluster')) === 'per-node';
  const policy = d.spec.routers.find((r) => r.role === 'tor')?.policy;
  const spines = d.spec.routers.filter((r) => r.role === 'spine').map((r) => r.name);
  const torAs = freeAsNumber(d, 65001); // a ToR pair shares the rack's AS
  for (let i = 1; i <= template.tors; i++) {
    const tor: Router = {
      name: freeName(d, memberName('tor', tag, template.tors === 1 ? undefined : i)),
      role: 'tor',
      rack: name,
      asNumber: torAs,
      address: freeHostAddress(d, subnet, TOR_HOST_START) as string,
      platform: template.platform ?? 'bird1',
      ...(policy ? { policy: structuredClone(policy) } : {}),
    };
    d.spec.routers.push(tor);
    created.push(tor.name);
    for (const spine of spines) {
      d.spec.links.push([tor.name, spine]);
      d.spec.sessions.push([tor.name, spine]);
    }
  }
  for (let i = 1; i <= template.nodes; i++) {
    const added = pushNode(d, name, perNode ? freeAsNumber(d, 65101 + 100 * (d.spec.racks.length - 1)) : undefined);
    if (!added) return err(`rack ${name} has no room for ${template.nodes} nodes`);
    created.push(added.name);
  }
  let result: Topology = d;
  for (const tor of created.filter((n) => d.spec.routers.some((r) => r.name === n))) {
    const peered = connectRackToRouter(result, name, tor);
    if (peered.ok) result = peered.value.doc;
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
  while (d.spec.nodes.some((n) => n.name === memberName('node', tag, index)) || d.spec.routers.some((r) => r.name === memberName('node', tag, index))) index++;
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

const ROLE_BASE: Record<Exclude<RouterRole, 'tor'>, string> = { spine: 'spine', 'route-reflector': 'rr', border: 'border' };

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
    const asNumber = role === 'spine' || role === 'route-reflector' ? (sameRole?.asNumber ?? 65000) : freeAsNumber(d, 65100);
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
