/**
 * Importing a cluster's Calico resources into a design: the default BGPConfiguration and
 * FelixConfiguration become the cluster settings, IPPools the pools, Nodes the nodes (in racks
 * by their `rack` label, else by their subnet), BlockAffinities their blocks, and BGPPeers and
 * BGPFilters are taken verbatim. A peer address that is no router of the design becomes one
 * (a ToR when it lies in a rack's subnet), so the sessions have somewhere to go.
 */
import { formatPrefix4, maskOf, parseIPv4, prefix4 } from '../lib/ip';
import { uniqueName } from '../lib/names';
import { err, ok, type Result } from '../lib/result';
import { parsePeerIP } from '../model/calico/bgppeer';
import { IMPLICIT_LABELS, elementNames, resolveCluster } from '../model/resolve';
import { validateDesign } from '../model/parse';
import { PrefixLookup } from '../model/prefixes';
import type { Issue } from '../model/issues';
import type { CalicoNode, Rack, Router, Topology } from '../model/schema';
import type { CalicoResourceSet } from './types';

export interface Imported {
  readonly doc: Topology;
  /** What the import did, one line each, for the user. */
  readonly report: readonly string[];
}

const RACK_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The design being imported into, with indexes kept up to date as racks, nodes and routers are
 * added: an import of thousands of nodes and peers looks each name, address and subnet up, not
 * searches the lists each time.
 */
class Target {
  readonly names: Set<string>;
  readonly racksByName: Map<string, Rack>;
  readonly rackSubnets: PrefixLookup;
  readonly nodeIndex: Map<string, number>;
  /** How many nodes and routers have each address. */
  private readonly addressCount = new Map<string, number>();
  readonly torsPerRack = new Map<string, number>();

  constructor(readonly d: Topology) {
    this.names = elementNames(d);
    this.racksByName = new Map();
    for (const r of d.spec.racks) if (!this.racksByName.has(r.name)) this.racksByName.set(r.name, r);
    this.rackSubnets = new PrefixLookup(d.spec.racks.map((r) => prefix4(r.subnet)));
    this.nodeIndex = new Map(d.spec.nodes.map((n, i) => [n.name, i]));
    for (const x of [...d.spec.routers, ...d.spec.nodes]) this.countAddress(x.address, 1);
    for (const r of d.spec.routers)
      if (r.role === 'tor' && r.rack !== undefined)
        this.torsPerRack.set(r.rack, (this.torsPerRack.get(r.rack) ?? 0) + 1);
  }

  hasAddress(address: string): boolean {
    return (this.addressCount.get(address) ?? 0) > 0;
  }

  private countAddress(address: string, delta: number): void {
    this.addressCount.set(address, (this.addressCount.get(address) ?? 0) + delta);
  }

  /** The first rack (in file order) whose subnet holds `addr`. */
  rackHolding(addr: number): Rack | undefined {
    return this.d.spec.racks[this.rackSubnets.firstContaining({ addr, len: 32 }) ?? -1];
  }

  addRack(rack: Rack): void {
    const p = prefix4(rack.subnet);
    if (p) this.rackSubnets.add(p, this.d.spec.racks.length);
    this.d.spec.racks.push(rack);
    this.racksByName.set(rack.name, rack);
    this.names.add(rack.name);
  }

  setNode(node: CalicoNode): void {
    const at = this.nodeIndex.get(node.name);
    const replaced = at !== undefined ? this.d.spec.nodes[at] : undefined;
    if (replaced) {
      this.countAddress(replaced.address, -1);
      this.d.spec.nodes[at as number] = node;
    } else {
      this.nodeIndex.set(node.name, this.d.spec.nodes.length);
      this.d.spec.nodes.push(node);
      this.names.add(node.name);
    }
    this.countAddress(node.address, 1);
  }

  addRouter(router: Router): void {
    this.d.spec.routers.push(router);
    this.names.add(router.name);
    this.countAddress(router.address, 1);
    if (router.role === 'tor' && router.rack !== undefined)
      this.torsPerRack.set(router.rack, (this.torsPerRack.get(router.rack) ?? 0) + 1);
  }
}

function rackFor(t: Target, address: string, cidr: string, label: string | undefined, report: string[]): string {
  const a = parseIPv4(address);
  const byLabel = label && RACK_NAME.test(label) ? t.racksByName.get(label) : undefined;
  if (byLabel) return byLabel.name;
  const containing = a !== undefined ? t.rackHolding(a) : undefined;
  if (containing && (!label || !RACK_NAME.test(label))) return containing.name;
  const len = Number(cidr.split('/')[1] ?? '24');
  const subnet =
    a !== undefined
      ? formatPrefix4({ addr: (a & maskOf(Math.min(len, 30))) >>> 0, len: Math.min(len, 30) })
      : '10.0.0.0/24';
  const name =
    label && RACK_NAME.test(label) && label.length <= 63
      ? label
      : uniqueName(`rack-${t.d.spec.racks.length + 1}`, t.names);
  t.addRack({ name, subnet } satisfies Rack);
  report.push(`rack ${name} (${subnet}) created for node addresses in it`);
  return name;
}

/** ", and N other spec fields kept as they are" for the report. */
function keptText(other: Record<string, unknown>): string {
  const n = Object.keys(other).length;
  return n === 0
    ? ''
    : `; ${n} other spec field${n === 1 ? '' : 's'} kept as ${n === 1 ? 'it is' : 'they are'} (${Object.keys(other).sort().join(', ')})`;
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
    if (liveMigrationRouteConvergenceTime !== undefined)
      cluster.liveMigrationRouteConvergenceTime = liveMigrationRouteConvergenceTime;
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
    report.push(
      `IPPool ${p.metadata.name} (${p.spec.cidr}) not imported: liveroute designs are IPv4 only, so it is not in the export either (the cluster keeps it: applying the export does not delete it)`,
    );
  }
  // A cluster whose BGP settings were imported keeps its own defaults; bgpNormalRoutePriority equal to Felix's is implied.
  if (
    cluster.bgpNormalRoutePriority !== undefined &&
    cluster.bgpNormalRoutePriority === resolveCluster({ ...d.spec, cluster }).normalPriority
  )
    delete cluster.bgpNormalRoutePriority;
  if (Object.keys(cluster).length > 0) d.spec.cluster = cluster;

  const blocksOf = new Map<string, string[]>();
  for (const b of set.blockAffinities) {
    if (b.spec.state === 'pending' || b.spec.deleted || b.spec.cidr.includes(':')) continue;
    const list = blocksOf.get(b.spec.node);
    if (list) list.push(b.spec.cidr);
    else blocksOf.set(b.spec.node, [b.spec.cidr]);
  }
  const target = new Target(d);
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
    const rack = rackFor(target, address, cidr, labels.rack, report);
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
    target.setNode(node);
  }
  if (set.nodes.length > 0) {
    report.push(
      `${set.nodes.length} node${set.nodes.length === 1 ? '' : 's'}: BGP address, AS, route-reflector cluster ID and labels (their other fields are calico-node's own: the export never applies Node objects)`,
    );
  }

  const resourceIndex = new Map(d.spec.calicoResources.map((x, i) => [`${x.kind}/${x.metadata.name}`, i]));
  for (const r of [...set.bgpFilters, ...set.bgpPeers]) {
    const key = `${r.kind}/${r.metadata.name}`;
    const at = resourceIndex.get(key);
    const copy = structuredClone(r);
    if (at !== undefined) d.spec.calicoResources[at] = copy;
    else {
      resourceIndex.set(key, d.spec.calicoResources.length);
      d.spec.calicoResources.push(copy);
    }
  }
  if (set.bgpFilters.length + set.bgpPeers.length > 0)
    report.push(`${set.bgpPeers.length} BGPPeer and ${set.bgpFilters.length} BGPFilter resources`);

  const clusterAs = resolveCluster(d.spec).asNumber;
  for (const peer of set.bgpPeers) {
    const ip = peer.spec.peerIP ? parsePeerIP(peer.spec.peerIP)?.ip : undefined;
    if (!ip || parseIPv4(ip) === undefined) continue;
    if (target.hasAddress(ip)) continue;
    const rack = target.rackHolding(parseIPv4(ip) as number);
    const torCount = rack ? (target.torsPerRack.get(rack.name) ?? 0) : 2;
    const base = rack && torCount < 2 ? `tor-${rack.name.replace(/^rack-/, '')}` : `peer-${ip.replace(/\./g, '-')}`;
    const router: Router = {
      name: uniqueName(base, target.names),
      role: rack && torCount < 2 ? 'tor' : 'route-reflector',
      ...(rack && torCount < 2 ? { rack: rack.name } : {}),
      asNumber: peer.spec.asNumber && peer.spec.asNumber > 0 ? peer.spec.asNumber : clusterAs,
      address: ip,
      platform: 'bird1',
    };
    target.addRouter(router);
    report.push(
      `router ${router.name} (${router.role}, AS ${router.asNumber}, ${ip}) created for BGPPeer ${peer.metadata.name}: set its platform and policy`,
    );
  }
  for (const i of set.ignored)
    report.push(`ignored ${i.kind} ${i.name}${i.field ? ` field ${i.field}` : ''}: ${i.reason}`);
  const checked = validateDesign(d);
  return checked.ok ? ok({ doc: checked.value, report }) : err(checked.error);
}
