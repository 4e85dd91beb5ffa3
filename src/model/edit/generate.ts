/**
 * The fabric generator: R racks × N nodes under S spines and a border router, and VMs spread over
 * the nodes. By default eBGP everywhere (one AS per node, per rack's ToRs, for the spines) with the
 * documented live-migration BGPFilter on every node→ToR BGPPeer; the rack choices it shares with
 * the rack template (./rackChoices.ts) change that. Also the size of the benchmark fabric.
 */
import { formatIPv4, formatPrefix4, prefix4 } from '../../lib/ip';
import { liveMigrationFilter, LIVE_MIGRATION_COMMUNITY, LIVE_MIGRATION_FILTER_NAME } from '../calico/documented';
import { CALICO_API_VERSION } from '../calico/resources';
import { rackSelector } from '../calico/selector';
import type { CalicoNode, Router, Topology, VM } from '../schema';
import { memberName } from './allocate';
import { ALLOW_OWN_AS_ONCE, SPINE_AS, SPINE_CLUSTER_ID, type RackChoices } from './rackChoices';

export interface FabricSpec extends RackChoices {
  readonly racks: number;
  readonly spines: number;
  readonly torsPerRack: 1 | 2;
  readonly vms: number;
  readonly name?: string;
}

export const FABRIC_LIMITS = { racks: 200, nodesPerRack: 200, spines: 16, vms: 20000 } as const;

/** What the app's Generate dialog starts from, and `liveroute generate` without options. */
export const FABRIC_DEFAULTS = {
  racks: 4,
  nodesPerRack: 4,
  spines: 2,
  vms: 4,
  torsPerRack: 1,
  nodeAs: 'per-node',
  torAs: 'per-rack',
  liveMigrationFilter: true,
  platform: 'bird1',
} as const satisfies FabricSpec;

/** Private 4-byte AS numbers for nodes: 4200000000 + rack × 1000 + node (RFC 6996). */
const NODE_AS_BASE = 4200000000;

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function generateFabric(f: FabricSpec): Topology {
  for (const [k, max] of Object.entries(FABRIC_LIMITS)) {
    const v = f[k as keyof typeof FABRIC_LIMITS];
    if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${k} must be a whole number from 0 to ${max}`);
  }
  const platform = f.platform ?? 'bird1';
  const width = String(f.racks).length < 2 ? 2 : String(f.racks).length;
  const nodeCount = f.racks * f.nodesPerRack;
  // One /26 block per node; widen the pool below /16 when the fabric needs more than 1024 blocks.
  const poolLen = Math.max(8, 16 - Math.max(0, Math.ceil(Math.log2(Math.max(1, nodeCount) / 1024))));
  const pool = prefix4(`10.${poolLen < 16 ? 128 : 244}.0.0/${poolLen}`);
  if (!pool) throw new Error('pool');
  const filter = f.liveMigrationFilter ?? true;
  const perNode = (f.nodeAs ?? 'per-node') === 'per-node';
  const torsInSpineAs = f.torAs === 'spines';
  const policy = filter ? { policy: { elevatedCommunity: LIVE_MIGRATION_COMMUNITY } } : {};
  const routers: Router[] = [];
  const spines: string[] = [];
  for (let i = 1; i <= f.spines; i++) {
    spines.push(`spine-${i}`);
    const reflect = torsInSpineAs ? { routeReflector: { clusterId: SPINE_CLUSTER_ID } } : {};
    routers.push({
      name: `spine-${i}`,
      role: 'spine',
      asNumber: SPINE_AS,
      address: `10.0.0.${i}`,
      platform,
      ...reflect,
      ...policy,
    });
  }
  routers.push({ name: 'border-1', role: 'border', asNumber: 64900, address: '10.0.0.254', platform, ...policy });
  const links: [string, string][] = spines.map((s) => [s, 'border-1']);
  const racks = [];
  const nodes: CalicoNode[] = [];
  const peers = [];
  for (let r = 1; r <= f.racks; r++) {
    const tag = String(r).padStart(width, '0');
    const rack = `rack-${tag}`;
    const third = r % 256;
    const second = Math.floor(r / 256);
    const subnet = `10.${second}.${third}.0/24`;
    racks.push({ name: rack, subnet });
    for (let t = 1; t <= f.torsPerRack; t++) {
      const tor = memberName('tor', tag, f.torsPerRack === 1 ? undefined : t);
      const address = `10.${second}.${third}.${t}`;
      const torAs = torsInSpineAs ? SPINE_AS : SPINE_AS + r;
      routers.push({ name: tor, role: 'tor', rack, asNumber: torAs, address, platform, ...policy });
      for (const s of spines) links.push([tor, s]);
      peers.push({
        apiVersion: CALICO_API_VERSION,
        kind: 'BGPPeer' as const,
        metadata: { name: `${rack}-${tor}` },
        spec: {
          nodeSelector: rackSelector(rack),
          peerIP: address,
          asNumber: torAs,
          ...(filter ? { filters: [LIVE_MIGRATION_FILTER_NAME] } : {}),
          ...(perNode ? {} : ALLOW_OWN_AS_ONCE),
        },
      });
    }
    for (let n = 1; n <= f.nodesPerRack; n++) {
      const index = nodes.length;
      const block = { addr: pool.addr + index * 64, len: 26 };
      nodes.push({
        name: memberName('node', tag, n),
        rack,
        address: `10.${second}.${third}.${10 + n}`,
        ...(perNode ? { asNumber: NODE_AS_BASE + r * 1000 + n } : {}),
        blocks: [formatPrefix4(block)],
      });
    }
  }
  const vms: VM[] = [];
  for (let v = 0; v < f.vms && nodes.length > 0; v++) {
    const node = nodes[v % nodes.length] as CalicoNode;
    const round = Math.floor(v / nodes.length);
    if (round >= 62) break;
    const block = prefix4((node.blocks as string[])[0] as string);
    if (!block) break;
    vms.push({ name: `vm-${v + 1}`, ip: formatIPv4(block.addr + 1 + round), node: node.name });
  }
  const firstRack = nodes.find((n) => n.name === vms[0]?.node)?.rack;
  const target = nodes.find((n) => n.rack !== firstRack);
  return {
    apiVersion: 'liveroute/v1',
    kind: 'Topology',
    metadata: {
      name: f.name ?? `fabric-${f.racks}x${f.nodesPerRack}`,
      title: `Generated fabric: ${count(f.racks, 'rack')} × ${count(f.nodesPerRack, 'node')}, ${count(f.spines, 'spine')}`,
    },
    spec: {
      cluster: {
        nodeToNodeMeshEnabled: false,
        ipPools: [{ name: 'default-ipv4-ippool', cidr: formatPrefix4(pool), blockSize: 26 }],
      },
      racks,
      nodes,
      routers,
      links,
      sessions: links.map(([a, b]) => [a, b]),
      calicoResources: [...(filter ? [liveMigrationFilter()] : []), ...peers],
      vms,
      ...(vms[0] && target ? { migration: { vm: vms[0].name, to: target.name } } : {}),
    },
  };
}
