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

/** ", and N other spec fields kept as they are" for the report. */
function keptText(other: Record<string, unknown>): string {
  const n = Object.keys(other).length;
  return n === 0 ? '' : `; ${n} other spec field${n === 1 ? '' : 's'} kept as ${n === 1 ? 'it is' : 'they are'} (${Object.keys(other).sort().join(', ')})`;
}

/** Merges `set` into `doc`; objects with the same name are replaced. Every change is listed in the report. */
export function importCalicoResources(doc: Topology, set: CalicoResourceSet): Result<Imported, Issue[]> {
  const d: Topology = structuredClone(doc);
  const report: string[] = [];
  const cluster = { ...(d.spec.cluster ?? {}) };
  const bgp = set.bgpConfiguration?.spec;
  if (bgp) {
    const { asNumber, nodeToNodeMeshEnabled, ipv4NormalRoutePriority, ...other } = bgp;
    if (asNumber !== undefined) cluster.asNumber = asNumber;
    if (nodeToNodeMeshEnabled !== undefined) cluster.nodeToNodeMeshEnabled = nodeToNodeMeshEnabled;
    if (ipv4NormalRoutePriority !== undefined) cluster.bgpNormalRoutePriority = ipv4NormalRoutePriority;
    if (Object.keys(other).length > 0) cluster.bgpConfiguration = other;
    else delete cluster.bgpConfiguration;
    report.push(`BGPConfiguration default: cluster AS, mesh and normal priority${keptText(other)}`);
  }
  const felix = set.felixConfiguration?.spec;
  if (felix) {
    const { ipv4NormalRoutePriority, ipv4ElevatedRoutePriority, liveMigrationRouteConvergenceTime, ...other } = felix;
    const rp = { ...(cluster.routePriority ?? {}) };
    if (ipv4NormalRoutePriority !== undefined) rp.normal = ipv4NormalRoutePriority;
    if (ipv4ElevatedRoutePriority !== undefined) rp.elevated = ipv4ElevatedRoutePriority;
    if (Object.keys(rp).length > 0) cluster.routePriority = rp;
    if (liveMigrationRouteConvergenceTime !== undefined) cluster.liveMigrationRouteConvergenceTime = liveMigrationRouteConvergenceTime;
    if (Object.keys(other).length > 0) cluster.felixConfiguration = other;
    else delete cluster.felixConfiguration;
    report.push(`FelixConfiguration default: route priorities and convergence time${keptText(other)}`);
  }
  const v4Pools = set.ipPools.filter((p) => !p.spec.cidr.includes(':'));
  if (v4Pools.length > 0) {
    // Every field of the pool comes back out in the manifests as it was.
    const pools = [...(cluster.ipPools ?? [])];
    for (const p of v4Pools) {
      const pool = { name: p.metadata.name, ...p.spec };
      const at = pools.findIndex((x) => x.name === pool.name);
      if (at >= 0) pools[at] = pool;
      else pools.push(pool);
    }
    cluster.ipPools = pools;
    report.push(`${v4Pools.length} IPv4 pool${v4Pools.length === 1 ? '' : 's'}, every field kept`);
  }
  for (const p of set.ipPools.filter((x) => x.spec.cidr.includes(':'))) {
    report.push(`IPPool ${p.metadata.name} (${p.spec.cidr}) not imported: liveroute designs are IPv4 only, so it is not in the export either (the cluster keeps it: applying the export does not delete it)`);
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
  if (set.nodes.length > 0) {
    report.push(
      `${set.nodes.length} node${set.nodes.length === 1 ? '' : 's'}: BGP address, AS, route-reflector cluster ID and labels (their other fields are calico-node's own: the export never applies Node objects)`,
    );
  }

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
