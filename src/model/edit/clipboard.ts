/**
 * Copy and paste of elements. A copy is a self-contained fragment (racks with their members,
 * routers, VMs, the links, sessions and BGPPeers that touch them); pasting gives everything new
 * names, addresses, blocks and AS numbers where the original's would clash, and rewires the
 * copied references to the copies.
 */
import { err, ok } from '../../lib/result';
import { formatIPv4, parseIPv4, prefix4, prefixContainsAddr, prefixSize } from '../../lib/ip';
import { isBGPPeer, type BGPPeer } from '../calico/resources';
import { rackOfSelector, rackSelector } from '../calico/selector';
import type { CalicoNode, Rack, Router, Topology, VM } from '../schema';
import {
  freeAsNumber,
  freeHostAddress,
  freeName,
  freeVmIp,
  nextBlock,
  nextLoopback,
  nextRackName,
  nextRackSubnet,
  NODE_HOST_START,
  rackTag,
  TOR_HOST_START,
} from './allocate';
import { draft, type EditResult } from './common';

export interface Fragment {
  readonly kind: 'liveroute/fragment';
  readonly racks: Rack[];
  readonly nodes: CalicoNode[];
  readonly routers: Router[];
  readonly vms: VM[];
  readonly links: [string, string][];
  readonly sessions: [string, string][];
  readonly peers: BGPPeer[];
  readonly positions: Record<string, [number, number]>;
}

export function copy(doc: Topology, names: readonly string[]): Fragment {
  const s = doc.spec;
  const picked = new Set(names);
  for (const r of s.racks)
    if (picked.has(r.name)) {
      for (const n of s.nodes) if (n.rack === r.name) picked.add(n.name);
      for (const t of s.routers) if (t.rack === r.name) picked.add(t.name);
    }
  const nodes = s.nodes.filter((n) => picked.has(n.name));
  const nodeNames = new Set(nodes.map((n) => n.name));
  const routers = s.routers.filter((r) => picked.has(r.name));
  const routerNames = new Set(routers.map((r) => r.name));
  const racks = s.racks.filter((r) => picked.has(r.name));
  const rackNames = new Set(racks.map((r) => r.name));
  const touches = ([a, b]: [string, string]) => routerNames.has(a) || routerNames.has(b);
  const positions: Record<string, [number, number]> = {};
  for (const [k, v] of Object.entries(s.layout?.positions ?? {})) if (picked.has(k)) positions[k] = [v[0], v[1]];
  return structuredClone({
    kind: 'liveroute/fragment' as const,
    racks,
    nodes,
    routers,
    vms: s.vms.filter((v) => nodeNames.has(v.node) || picked.has(v.name)),
    links: s.links.filter(touches),
    sessions: s.sessions.filter(touches),
    peers: s.calicoResources.filter(isBGPPeer).filter((p) => {
      const rack = p.spec.nodeSelector !== undefined ? rackOfSelector(p.spec.nodeSelector) : undefined;
      return (rack !== undefined && rackNames.has(rack)) || (p.spec.node !== undefined && nodeNames.has(p.spec.node));
    }),
    positions,
  });
}

/** Keeps the host part of `address` in `subnet` when that address is free, else the first free one. */
function rehome(
  d: Topology,
  address: string,
  oldSubnet: string | undefined,
  newSubnet: string,
  start: number,
): string | undefined {
  const a = parseIPv4(address);
  const o = oldSubnet ? prefix4(oldSubnet) : undefined;
  const n = prefix4(newSubnet);
  if (a !== undefined && o && n && prefixContainsAddr(o, a)) {
    const candidate = n.addr + ((a - o.addr) % prefixSize(n));
    const used = new Set([...d.spec.nodes, ...d.spec.routers].map((x) => parseIPv4(x.address)));
    if (!used.has(candidate)) return formatIPv4(candidate);
  }
  return freeHostAddress(d, newSubnet, start);
}

export function paste(doc: Topology, fragment: Fragment, offset: readonly [number, number] = [40, 40]): EditResult {
  const d = draft(doc);
  const s = d.spec;
  const rename = new Map<string, string>();
  const readdress = new Map<string, string>();
  const oldSubnet = new Map(fragment.racks.map((r) => [r.name, r.subnet]));
  const created: string[] = [];

  for (const rack of fragment.racks) {
    const name = nextRackName(d);
    const subnet = nextRackSubnet(d);
    if (!subnet) return err('no free /24 left for the pasted rack');
    s.racks.push({ name, subnet });
    rename.set(rack.name, name);
    created.push(name);
  }
  const rackOf = (old: string) => rename.get(old) ?? old;
  const subnetOf = (rackName: string) => s.racks.find((r) => r.name === rackName)?.subnet;

  const torAsByRack = new Map<string, number>();
  for (const r of fragment.routers) {
    const copy: Router = structuredClone(r);
    if (r.role === 'tor' && r.rack !== undefined) {
      const rack = rackOf(r.rack);
      const subnet = subnetOf(rack);
      if (!subnet) return err(`rack ${rack} no longer exists`);
      if (s.routers.filter((t) => t.role === 'tor' && t.rack === rack).length >= 2)
        return err(`rack ${rack} already has two ToRs`);
      copy.rack = rack;
      const address = rehome(d, r.address, oldSubnet.get(r.rack), subnet, TOR_HOST_START);
      if (!address) return err(`rack ${rack} has no free address`);
      copy.address = address;
      copy.name = freeName(d, rename.has(r.rack) ? retag(r.name, rackTag(r.rack), rackTag(rack)) : r.name);
      if (rename.has(r.rack)) {
        if (!torAsByRack.has(rack)) torAsByRack.set(rack, freeAsNumber(d, r.asNumber));
        copy.asNumber = torAsByRack.get(rack) as number;
      }
    } else {
      const address = nextLoopback(d);
      if (!address) return err('no free loopback left');
      copy.address = address;
      copy.name = freeName(d, r.name);
      if (copy.routeReflector) copy.routeReflector = { clusterId: address };
    }
    s.routers.push(copy);
    rename.set(r.name, copy.name);
    readdress.set(r.address, copy.address);
    created.push(copy.name);
  }

  for (const n of fragment.nodes) {
    const rack = rackOf(n.rack);
    const subnet = subnetOf(rack);
    if (!subnet) return err(`rack ${rack} no longer exists`);
    const address = rehome(d, n.address, oldSubnet.get(n.rack), subnet, NODE_HOST_START);
    const block = nextBlock(d);
    if (!address) return err(`rack ${rack} has no free address`);
    const sharedAs = n.asNumber !== undefined && doc.spec.nodes.filter((x) => x.asNumber === n.asNumber).length > 1;
    const node: CalicoNode = {
      ...structuredClone(n),
      name: freeName(d, rename.has(n.rack) ? retag(n.name, rackTag(n.rack), rackTag(rack)) : n.name),
      rack,
      address,
      ...(n.asNumber !== undefined && !sharedAs ? { asNumber: freeAsNumber(d, n.asNumber) } : {}),
    };
    if (block) node.blocks = [block];
    else delete node.blocks;
    s.nodes.push(node);
    rename.set(n.name, node.name);
    created.push(node.name);
  }

  for (const vm of fragment.vms) {
    const node = rename.get(vm.node) ?? vm.node;
    const ip = freeVmIp(d, node);
    if (!ip) return err(`node ${node} has no free VM address`);
    let i = s.vms.length + 1;
    while (s.vms.some((v) => v.name === `vm-${i}`)) i++;
    s.vms.push({ name: `vm-${i}`, ip, node });
    created.push(`vm-${i}`);
  }

  const mapPair = ([a, b]: [string, string]): [string, string] => [rename.get(a) ?? a, rename.get(b) ?? b];
  const has = (list: [string, string][], [a, b]: [string, string]) =>
    list.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  for (const p of fragment.links.map(mapPair)) if (p[0] !== p[1] && !has(s.links, p)) s.links.push(p);
  for (const p of fragment.sessions.map(mapPair)) if (p[0] !== p[1] && !has(s.sessions, p)) s.sessions.push(p);

  const peerNames = new Set(s.calicoResources.filter(isBGPPeer).map((p) => p.metadata.name));
  for (const peer of fragment.peers) {
    const copy: BGPPeer = structuredClone(peer);
    const rack = peer.spec.nodeSelector !== undefined ? rackOfSelector(peer.spec.nodeSelector) : undefined;
    if (rack !== undefined) copy.spec.nodeSelector = rackSelector(rackOf(rack));
    if (peer.spec.node !== undefined) copy.spec.node = rename.get(peer.spec.node) ?? peer.spec.node;
    if (peer.spec.peerIP !== undefined) {
      copy.spec.peerIP = readdress.get(peer.spec.peerIP) ?? peer.spec.peerIP;
      const target = s.routers.find((r) => r.address === copy.spec.peerIP);
      if (target) copy.spec.asNumber = target.asNumber;
    }
    let name = peer.metadata.name;
    // Whole '-'-separated parts only: renaming rack-a must not touch rack-ab.
    for (const [o, n] of rename) name = name.replace(new RegExp(`(^|-)${escapeRegExp(o)}(?=-|$)`, 'g'), `$1${n}`);
    for (let i = 2; peerNames.has(name); i++) name = `${peer.metadata.name}-${i}`;
    copy.metadata = { ...copy.metadata, name };
    peerNames.add(name);
    s.calicoResources.push(copy);
  }

  for (const [old, [x, y]] of Object.entries(fragment.positions)) {
    const now = rename.get(old);
    if (!now) continue;
    const positions = ((s.layout ??= {}).positions ??= {});
    const isMember =
      fragment.nodes.some((n) => n.name === old) || fragment.routers.some((r) => r.name === old && r.role === 'tor');
    positions[now] = isMember && rename.has(memberRack(fragment, old) ?? '') ? [x, y] : [x + offset[0], y + offset[1]];
  }
  return ok({ doc: d, created });
}

function memberRack(f: Fragment, name: string): string | undefined {
  return f.nodes.find((n) => n.name === name)?.rack ?? f.routers.find((r) => r.name === name)?.rack;
}

/** `node-a1` → `node-c1` when rack-a's copy is rack-c. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function retag(name: string, oldTag: string, newTag: string): string {
  const escaped = escapeRegExp(oldTag);
  return name.replace(new RegExp(`-${escaped}(?=[0-9]|-|$)`), `-${newTag}`);
}
