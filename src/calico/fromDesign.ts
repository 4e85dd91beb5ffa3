/**
 * The Calico side of a liveroute design (DESIGN §4) as the resources a cluster would hold:
 * the default BGPConfiguration and FelixConfiguration, the IP pools, one Node per design node,
 * the block affinities, and the design's BGPPeers and BGPFilters verbatim. What the app shows
 * and the engine runs for a node is `renderCalicoNode(calicoResourcesFromDesign(doc), node)`.
 */
import { isBGPFilter, isBGPPeer } from '../model/calico/resources';
import { effectiveBlocks, nodeLabels, resolveCluster } from '../model/resolve';
import type { Topology } from '../model/schema';
import { CALICO_V3 } from './schemas';
import type { BlockAffinityResource, CalicoResourceSet, IPPoolResource, NodeResource } from './types';

/** The object name of a block affinity, as Calico IPAM names them (`<node>-<cidr with - for . and />`). */
export function blockAffinityName(node: string, cidr: string): string {
  return `${node}-${cidr.replace(/[./:]/g, '-')}`;
}

export function calicoResourcesFromDesign(doc: Topology): CalicoResourceSet {
  const spec = doc.spec;
  const cluster = resolveCluster(spec);
  // Pools are BGP-routed and unencapsulated unless written otherwise (live migration needs it,
  // domain §6.4), and not masqueraded (VM addresses are routable in the fabric): resolveCluster's
  // defaults. Every other field of a pool is written as the design has it.
  const ipPools: IPPoolResource[] = cluster.ipPools.map(({ name, ...spec }) => ({
    apiVersion: CALICO_V3,
    kind: 'IPPool',
    metadata: { name },
    spec,
  }));
  // The first rack of each name, looked up once per node (a fabric has thousands of nodes).
  const rackSubnets = new Map<string, string>();
  for (const r of spec.racks) if (!rackSubnets.has(r.name)) rackSubnets.set(r.name, r.subnet);
  const nodes: NodeResource[] = spec.nodes.map((n) => {
    const subnetLength = rackSubnets.get(n.rack)?.split('/')[1] ?? '32';
    return {
      apiVersion: CALICO_V3,
      kind: 'Node',
      metadata: { name: n.name, labels: nodeLabels(n) },
      spec: {
        bgp: {
          ipv4Address: `${n.address}/${subnetLength}`,
          ...(n.asNumber !== undefined ? { asNumber: n.asNumber } : {}),
          ...(n.routeReflectorClusterID !== undefined ? { routeReflectorClusterID: n.routeReflectorClusterID } : {}),
        },
      },
    };
  });
  const blockAffinities: BlockAffinityResource[] = [...effectiveBlocks(spec)].flatMap(([node, blocks]) =>
    blocks.map((cidr) => ({
      apiVersion: CALICO_V3,
      kind: 'BlockAffinity' as const,
      metadata: { name: blockAffinityName(node, cidr) },
      spec: { node, cidr, state: 'confirmed' as const, deleted: false },
    })),
  );
  return {
    bgpConfiguration: {
      apiVersion: CALICO_V3,
      kind: 'BGPConfiguration',
      metadata: { name: 'default' },
      spec: {
        asNumber: cluster.asNumber,
        nodeToNodeMeshEnabled: cluster.nodeToNodeMeshEnabled,
        // confd's "normal" (§3.2); it should equal Felix's, and the design says when it does not.
        ipv4NormalRoutePriority: cluster.bgpNormalPriority,
        // The rest as the design keeps it (from an imported cluster): confd renders it, the manifest carries it.
        ...spec.cluster?.bgpConfiguration,
      },
    },
    felixConfiguration: {
      apiVersion: CALICO_V3,
      kind: 'FelixConfiguration',
      metadata: { name: 'default' },
      spec: {
        ipv4NormalRoutePriority: cluster.normalPriority,
        ipv4ElevatedRoutePriority: cluster.elevatedPriority,
        liveMigrationRouteConvergenceTime: cluster.liveMigrationRouteConvergenceTime,
        ...spec.cluster?.felixConfiguration,
      },
    },
    nodes,
    ipPools,
    bgpPeers: spec.calicoResources.filter(isBGPPeer),
    bgpFilters: spec.calicoResources.filter(isBGPFilter),
    blockAffinities,
    ignored: [],
  };
}
