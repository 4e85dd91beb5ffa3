/**
 * Effective values of a design: the defaults of DESIGN §4 applied, node labels completed, block
 * affinities allocated. Pure functions of the document; the document itself keeps what the user
 * wrote.
 */
import { formatPrefix4, prefix4, type Prefix4 } from '../lib/ip';
import { BlockAllocator } from './prefixes';
import type { CalicoNode, IPPool, Router, RouterPolicy, Spec, Topology } from './schema';

export const DEFAULT_AS_NUMBER = 64512;
export const DEFAULT_NORMAL_PRIORITY = 1024;
export const DEFAULT_ELEVATED_PRIORITY = 512;
export const DEFAULT_CONVERGENCE_TIME = '30s';
export const DEFAULT_BLOCK_SIZE = 26;

/**
 * A pool with liveroute's defaults applied: BGP-routed and unencapsulated (live migration needs
 * it, domain §6.4), not masqueraded (VM addresses are routable in the fabric). The pool's other
 * IPPool fields stay as written, absent when absent.
 */
export type ResolvedPool = IPPool & {
  readonly blockSize: number;
  readonly disableBGPExport: boolean;
  readonly ipipMode: NonNullable<IPPool['ipipMode']>;
  readonly vxlanMode: NonNullable<IPPool['vxlanMode']>;
  readonly natOutgoing: boolean;
};

export const DEFAULT_POOL: ResolvedPool = {
  name: 'default-ipv4-ippool',
  cidr: '10.244.0.0/16',
  blockSize: DEFAULT_BLOCK_SIZE,
  disableBGPExport: false,
  ipipMode: 'Never',
  vxlanMode: 'Never',
  natOutgoing: false,
};

function resolvePool(p: IPPool): ResolvedPool {
  return {
    ...p,
    blockSize: p.blockSize ?? DEFAULT_BLOCK_SIZE,
    disableBGPExport: p.disableBGPExport ?? false,
    ipipMode: p.ipipMode ?? 'Never',
    vxlanMode: p.vxlanMode ?? 'Never',
    natOutgoing: p.natOutgoing ?? false,
  };
}

export interface ResolvedCluster {
  readonly asNumber: number;
  readonly nodeToNodeMeshEnabled: boolean;
  readonly ipPools: readonly ResolvedPool[];
  /** Felix's ipv4NormalRoutePriority. */
  readonly normalPriority: number;
  /** Felix's ipv4ElevatedRoutePriority. */
  readonly elevatedPriority: number;
  /** BGPConfiguration's ipv4NormalRoutePriority (confd's view of "normal"). */
  readonly bgpNormalPriority: number;
  readonly liveMigrationRouteConvergenceTime: string;
}

export function resolveCluster(spec: Spec): ResolvedCluster {
  const c = spec.cluster ?? {};
  const normal = c.routePriority?.normal ?? DEFAULT_NORMAL_PRIORITY;
  return {
    asNumber: c.asNumber ?? DEFAULT_AS_NUMBER,
    nodeToNodeMeshEnabled: c.nodeToNodeMeshEnabled ?? true,
    ipPools: (c.ipPools ?? [DEFAULT_POOL]).map(resolvePool),
    normalPriority: normal,
    elevatedPriority: c.routePriority?.elevated ?? DEFAULT_ELEVATED_PRIORITY,
    bgpNormalPriority: c.bgpNormalRoutePriority ?? normal,
    liveMigrationRouteConvergenceTime: c.liveMigrationRouteConvergenceTime ?? DEFAULT_CONVERGENCE_TIME,
  };
}

export interface ResolvedPolicy {
  readonly elevatedCommunity: string | undefined;
  readonly sendCommunity: boolean;
  readonly multipath: boolean;
  readonly toNodes: NonNullable<RouterPolicy['toNodes']>;
  readonly addPaths: boolean;
}

export function resolvePolicy(router: Router): ResolvedPolicy {
  const p = router.policy ?? {};
  return {
    elevatedCommunity: p.elevatedCommunity,
    sendCommunity: p.sendCommunity ?? true,
    multipath: p.multipath ?? false,
    toNodes: p.toNodes ?? 'all',
    addPaths: p.addPaths ?? false,
  };
}

/** Labels liveroute sets on every node itself; a user label may not override them. */
export const IMPLICIT_LABELS = ['rack', 'kubernetes.io/hostname'] as const;

/** The node's labels as Calico selectors see them: the user's plus rack and hostname. */
export function nodeLabels(node: CalicoNode): Record<string, string> {
  return { ...node.labels, rack: node.rack, 'kubernetes.io/hostname': node.name };
}

export function nodeAsNumber(spec: Spec, node: CalicoNode): number {
  return node.asNumber ?? resolveCluster(spec).asNumber;
}

/**
 * Block affinities per node: the node's own `blocks`, or else the next free block of the first
 * pool with room, allocated in file order (DESIGN §4).
 */
export function effectiveBlocks(spec: Spec): Map<string, string[]> {
  const taken: Prefix4[] = [];
  for (const n of spec.nodes)
    for (const b of n.blocks ?? []) {
      const p = prefix4(b);
      if (p) taken.push(p);
    }
  const allocator = new BlockAllocator(poolPrefixes(resolveCluster(spec).ipPools), taken);
  const result = new Map<string, string[]>();
  for (const n of spec.nodes) {
    if (n.blocks && n.blocks.length > 0) {
      result.set(n.name, [...n.blocks]);
      continue;
    }
    const block = allocator.next();
    result.set(n.name, block ? [formatPrefix4(block)] : []);
  }
  return result;
}

/** The lowest block of the first pool that has one not overlapping `taken`. */
export function nextFreeBlock(
  pools: readonly Pick<ResolvedPool, 'cidr' | 'blockSize'>[],
  taken: readonly Prefix4[],
): Prefix4 | undefined {
  return new BlockAllocator(poolPrefixes(pools), taken).next();
}

const poolPrefixes = (pools: readonly Pick<ResolvedPool, 'cidr' | 'blockSize'>[]) =>
  pools.map((p) => ({ prefix: prefix4(p.cidr), blockSize: p.blockSize }));

/** Every rack, node and router name (they share one namespace: links and positions use them). */
export function elementNames(doc: Topology): Set<string> {
  const s = doc.spec;
  return new Set([...s.racks.map((r) => r.name), ...s.nodes.map((n) => n.name), ...s.routers.map((r) => r.name)]);
}
