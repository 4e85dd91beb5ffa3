/**
 * Importing a cluster's Calico resources into a design: the default BGPConfiguration and
 * FelixConfiguration become the cluster settings, IPPools the pools, Nodes the nodes (in racks
 * by their `rack` label, else by their subnet), BlockAffinities their blocks, and BGPPeers and
 * BGPFilters are taken verbatim. A peer address that is no router of the design becomes one
 * (a ToR when it lies in a rack's subnet), so the sessions have somewhere to go.
 */
import { formatPrefix4, maskOf, parseIPv4, prefix4, prefixContainsAddr } from '../lib/ip';
import { uniqueName } from '../lib/names';
import { err, ok, type Result } from '../lib/result';
import { parsePeerIP } from '../model/calico/bgppeer';
import { IMPLICIT_LABELS, elementNames, resolveCluster } from '../model/resolve';
import { validateDesign } from '../model/parse';
import type { Issue } from '../model/issues';
import type { CalicoNode, Rack, Router, Topology } from '../model/schema';
import type { CalicoResourceSet } from './types';

export interface Imported {
  readonly doc: Topology;
  /** What the import did, one line each, for the user. */
  readonly report: readonly string[];
}

const RACK_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function rackFor(d: Topology, address: string, cidr: string, label: string | undefined, report: string[]): string {
  const a = parseIPv4(address);
  const byLabel = label && RACK_NAME.test(label) ? d.spec.racks.find((r) => r.name === label) : undefined;
  if (byLabel) return byLabel.name;
  const containing = d.spec.racks.find((r) => {
    const p = prefix4(r.subnet);
    return p && a !== undefined && prefixContainsAddr(p, a);
  });
  if (containing && (!label || !RACK_NAME.test(label))) return containing.name;
  const len = Number(cidr.split('/')[1] ?? '24');
  const subnet = a !== undefined ? formatPrefix4({ addr: (a & maskOf(Math.min(len, 30))) >>> 0, len: Math.min(len, 30) }) : '10.0.0.0/24';
  const name = label && RACK_NAME.test(label) && label.length <= 63 ? label : uniqueName(`rack-${d.spec.racks.length + 1}`, elementNames(d));
  d.spec.racks.push({ name, subnet } satisfies Rack);
  report.push(`rack ${name} (${subnet}) created for node addresses in it`);
  return name;
}

/** Merges `set` into `doc`; objects with the same name are replaced. Every change is listed in the report. */
export function importCalicoResources(doc: Topology, set: CalicoResourceSet): Result<Imported, Issue[]> {
  const d: Topology = structuredClone(doc);
  const report: string[] = [];
  const cluster = { ...(d.spec.cluster ?? {}) };
  const bgp = set.bgpConfiguration?.spec;
  if (bgp) {
    if (bgp.asNumber !== undefined) cluster.asNumber = bgp.asNumber;
    if (bgp.nodeToNodeMeshEnabled !== undefined) cluster.nodeToNodeMeshEnabled = bgp.nodeToNodeMeshEnabled;
    if (bgp.ipv4NormalRoutePriority !== undefined) cluster.bgpNormalRoutePriority = bgp.ipv4NormalRoutePriority;
    report.push('BGPConfiguration default: cluster AS, mesh and normal priority');
  }
  const felix = set.felixConfiguration?.spec;
  if (felix) {
    const rp = { ...(cluster.routePriority ?? {}) };
    if (felix.ipv4NormalRoutePriority !== undefined) rp.normal = felix.ipv4NormalRoutePriority;
    if (felix.ipv4ElevatedRoutePriority !== undefined) rp.elevated = felix.ipv4ElevatedRoutePriority;
    if (Object.keys(rp).length > 0) cluster.routePriority = rp;
    if (felix.liveMigrationRouteConvergenceTime !== undefined) cluster.liveMigrationRouteConvergenceTime = felix.liveMigrationRouteConvergenceTime;
    report.push('FelixConfiguration default: route priorities and convergence time');
  }
  const v4Pools = set.ipPools.filter((p) => !p.spec.cidr.includes(':'));
  if (v4Pools.length > 0) {
    cluster.ipPools = v4Pools.map((p) => ({
      name: p.metadata.name,
      cidr: p.spec.cidr,
      ...(p.spec.blockSize !== undefined ? { blockSize: p.spec.blockSize } : {}),
      ...(p.spec.disableBGPExport ? { disableBGPExport: true } : {}),
    }));
    report.push(`${v4Pools.length} IPv4 pool${v4Pools.length === 1 ? '' : 's'}`);
  }
  // A cluster whose BGP settings were imported keeps its own defaults; bgpNormalRoutePriority equal to Felix's is implied.
  if (cluster.bgpNormalRoutePriority !== undefined && cluster.bgpNormalRoutePriority === resolveCluster({ ...d.spec, cluster }).normalPriority) delete cluster.bgpNormalRoutePriority;
  if (Object.keys(cluster).length > 0) d.spec.cluster = cluster;

  const blocksOf = new Map<string, string[]>();
  for (const b of set.blockAffinities) {
    if (b.spec.state === 'pending' || b.spec.deleted || b.spec.cidr.includes(':')) continue;
    blocksOf.set(b.spec.node, [...(blocksOf.get(b.spec.node) ?? []), b.spec.cidr]);
  }
  for (const n of set.nodes) {
    const cidr = n.spec.bgp?.ipv4Address;
    if (!cidr) {
      report.push(`node ${n.metadata.name} skipped: it has no IPv4 BGP address`);
      continue;
    }
    if (!RACK_NAME.test(n.metadata.name) || n.metadata.name.length > 63) {
      report.push(`node ${n.metadata.name} skipped: liveroute names are DNS-1123 labels (no dots)`);
      continue;
    }
    const address = cidr.split('/')[0] as string;
    const labels = { ...(n.metadata.labels ?? {}) };
    const rack = rackFor(d, address, cidr, labels.rack, report);
    for (const key of IMPLICIT_LABELS) delete labels[key];
    const node: CalicoNode = {
      name: n.metadata.name,
      rack,
      address,
      ...(n.spec.bgp?.asNumber !== undefined ? { asNumber: n.spec.bgp.asNumber } : {}),
      ...(n.spec.bgp?.routeReflectorClusterID ? { routeReflectorClusterID: n.spec.bgp.routeReflectorClusterID } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(blocksOf.has(n.metadata.name) ? { blocks: blocksOf.get(n.metadata.name) as string[] } : {}),
    };
    const at = d.spec.nodes.findIndex((x) => x.name === node.name);
    if (at >= 0) d.spec.nodes[at] = node;
    else d.spec.nodes.push(node);
  }
  if (set.nodes.length > 0) report.push(`${set.nodes.length} node${set.nodes.length === 1 ? '' : 's'}`);

  for (const r of [...set.bgpFilters, ...set.bgpPeers]) {
    const at = d.spec.calicoResources.findIndex((x) => x.kind === r.kind && x.metadata.name === r.metadata.name);
    const copy = structuredClone(r);
    if (at >= 0) d.spec.calicoResources[at] = copy;
    else d.spec.calicoResources.push(copy);
  }
  if (set.bgpFilters.length + set.bgpPeers.length > 0) report.push(`${set.bgpPeers.length} BGPPeer and ${set.bgpFilters.length} BGPFilter resources`);

  for (const peer of set.bgpPeers) {
    const ip = peer.spec.peerIP ? parsePeerIP(peer.spec.peerIP)?.ip : undefined;
    if (!ip || parseIPv4(ip) === undefined) continue;
    if (d.spec.routers.some((r) => r.address === ip) || d.spec.nodes.some((n) => n.address === ip)) continue;
    const a = parseIPv4(ip) as number;
    const rack = d.spec.racks.find((r) => {
      const p = prefix4(r.subnet);
      return p && prefixContainsAddr(p, a);
    });
    const torCount = rack ? d.spec.routers.filter((r) => r.role === 'tor' && r.rack === rack.name).length : 2;
    const base = rack && torCount < 2 ? `tor-${rack.name.replace(/^rack-/, '')}` : `peer-${ip.replace(/\./g, '-')}`;
    const router: Router = {
      name: uniqueName(base, elementNames(d)),
      role: rack && torCount < 2 ? 'tor' : 'route-reflector',
      ...(rack && torCount < 2 ? { rack: rack.name } : {}),
      asNumber: peer.spec.asNumber && peer.spec.asNumber > 0 ? peer.spec.asNumber : resolveCluster(d.spec).asNumber,
      address: ip,
      platform: 'bird1',
    };
    d.spec.routers.push(router);
    report.push(`router ${router.name} (${router.role}, AS ${router.asNumber}, ${ip}) created for BGPPeer ${peer.metadata.name}: set its platform and policy`);
  }
  for (const i of set.ignored) report.push(`ignored ${i.kind} ${i.name}${i.field ? ` field ${i.field}` : ''}: ${i.reason}`);
  const checked = validateDesign(d);
  return checked.ok ? ok({ doc: checked.value, report }) : err(checked.error);
}
