/**
 * Random BIRD-only designs for the real-BIRD lab (`verify:bird --random N --seed S`): fabrics the
 * hand-written lab designs do not cover, so that the engine is checked on designs nobody fitted it
 * to. Seeded and pure: one seed is one design, byte for byte, on every machine, so a disagreement
 * found once can be replayed and kept.
 *
 * What varies: racks (1–3), nodes per rack (1–3), one ToR or a ToR pair (with or without a session
 * between the pair), spines (0–2) and a border router; the AS scheme (eBGP per node, the cluster AS
 * towards eBGP ToRs, an AS per rack with reflecting ToRs, one AS with reflecting spines or ToRs,
 * the node-to-node mesh, route reflectors on Calico nodes, `numAllowedLocalASNumbers`); Felix's route
 * priorities (default or moved, the filter matching them or not); uneven fabrics (racks split between two linked spines, a border router
 * with multihop sessions to the ToRs); the BGPFilter (none, the documented one, without peerType, with an
 * AS-path prepend); the routers' policy (elevated community, communities passed on, multipath,
 * what they send down to the nodes, ADD-PATH); where the VM's IP comes from (its node's block or
 * another node's) and where it goes (same rack or another).
 */
import { stringify } from 'yaml';
import { LIVE_MIGRATION_COMMUNITY, LIVE_MIGRATION_FILTER_NAME } from '../model/calico/documented';

/** mulberry32: a small, well-mixed 32-bit generator; enough for picking design features. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = generator(seed);
  }
  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)] as T;
  }
}

export const AS_SCHEMES = [
  'ebgp-per-node',
  'cluster-as-to-ebgp-tors',
  'as-per-rack',
  'one-as-rr-spines',
  'one-as-rr-tors',
  'mesh-plus-tors',
  'calico-rr-nodes',
] as const;
export type AsScheme = (typeof AS_SCHEMES)[number];
export const FILTER_VARIANTS = ['none', 'documented', 'no-peer-type', 'prepend'] as const;
export type FilterVariant = (typeof FILTER_VARIANTS)[number];

export interface RandomDesign {
  readonly seed: number;
  readonly scheme: AsScheme;
  readonly filter: FilterVariant;
  /** The design as `liveroute/v1` YAML (a plain object serialized; the caller parses it like a file). */
  readonly text: string;
}

const CLUSTER_AS = 64512;
const SPINE_AS = 65000;
const BORDER_AS = 65100;
const RACK_LETTERS = ['a', 'b', 'c'];

/** A router as the generator lays it out: its name and address. */
interface RouterSlot {
  name: string;
  address: string;
}

/** The design of `seed`. */
export function randomDesign(seed: number): RandomDesign {
  const d = new Dice(seed);
  const scheme = d.pick(AS_SCHEMES);
  const rackCount = d.int(1, 3);
  const spineCount = rackCount > 1 ? d.int(1, 2) : d.int(0, 1);
  const hasBorder = spineCount > 0 && d.chance(0.6);
  const oneAs = scheme === 'one-as-rr-spines' || scheme === 'one-as-rr-tors';
  // Reflecting spines need spines; fall back to reflecting ToRs.
  const rrOnSpines = scheme === 'one-as-rr-spines' && spineCount > 0;
  const filter: FilterVariant =
    oneAs || (scheme === 'mesh-plus-tors' && d.chance(0.3))
      ? d.pick(['none', 'documented'] as const)
      : d.pick(FILTER_VARIANTS);
  const policyOf = (): Record<string, unknown> => {
    const p: Record<string, unknown> = {};
    if (filter !== 'none' ? d.chance(0.85) : d.chance(0.3)) p.elevatedCommunity = LIVE_MIGRATION_COMMUNITY;
    if (d.chance(0.15)) p.sendCommunity = false;
    if (d.chance(0.4)) p.multipath = true;
    if (d.chance(0.2)) p.addPaths = true;
    return p;
  };

  const sharedCluster = d.chance(0.6);
  // Felix's priorities moved off the defaults, and the filter's priority matching them or not.
  const priorities = d.chance(0.2) ? { normal: 2048, elevated: 256 } : undefined;
  const filterPriority = priorities && d.chance(0.6) ? priorities.elevated : 512;
  // Nodes sharing one AS behind eBGP ToRs see their own AS in each other's paths.
  const allowLocalAs =
    (scheme === 'cluster-as-to-ebgp-tors' || scheme === 'calico-rr-nodes') && d.chance(0.5)
      ? { numAllowedLocalASNumbers: 1 }
      : {};
  const racks: { name: string; subnet: string }[] = [];
  const nodes: Record<string, unknown>[] = [];
  const routers: Record<string, unknown>[] = [];
  const links: [string, string][] = [];
  const sessions: [string, string][] = [];
  const resources: Record<string, unknown>[] = [];
  const torsOf = new Map<string, (RouterSlot & { asNumber: number })[]>();
  const nodeNames: string[] = [];
  const blocks = new Map<string, string>();

  for (let r = 0; r < rackCount; r++) {
    const rack = `rack-${RACK_LETTERS[r]}`;
    racks.push({ name: rack, subnet: `10.0.${r + 1}.0/24` });
    const torAs = oneAs ? CLUSTER_AS : 65001 + r;
    const pair = d.chance(0.3);
    const tors = (pair ? [1, 2] : [1]).map((i) => ({
      name: pair ? `tor-${RACK_LETTERS[r]}${i}` : `tor-${RACK_LETTERS[r]}`,
      address: `10.0.${r + 1}.${i}`,
      asNumber: torAs,
    }));
    torsOf.set(rack, tors);
    const torPolicy = policyOf();
    if (!oneAs && scheme !== 'mesh-plus-tors' && d.chance(0.25))
      torPolicy.toNodes = d.pick(['default-only', 'default-plus-host-routes']);
    for (const t of tors) {
      routers.push({
        name: t.name,
        role: 'tor',
        rack,
        asNumber: t.asNumber,
        address: t.address,
        platform: 'bird1',
        ...(scheme === 'as-per-rack' || (oneAs && !rrOnSpines)
          ? { routeReflector: { clusterId: tors[0]?.address } }
          : {}),
        policy: torPolicy,
      });
    }
    if (pair && d.chance(0.6)) sessions.push([tors[0]?.name as string, tors[1]?.name as string]);
    const count = d.int(1, 3);
    for (let i = 1; i <= count; i++) {
      const name = `node-${RACK_LETTERS[r]}${i}`;
      const asNumber =
        scheme === 'ebgp-per-node' ? 65000 + (r + 1) * 100 + i : scheme === 'as-per-rack' ? torAs : undefined;
      const block = `10.244.${r + 1}.${(i - 1) * 64}/26`;
      blocks.set(name, block);
      nodeNames.push(name);
      // calico-rr-nodes: each rack's first node reflects (one cluster, or one per rack).
      const reflector =
        scheme === 'calico-rr-nodes' && i === 1
          ? {
              routeReflectorClusterID: sharedCluster ? '224.0.0.1' : `224.0.0.${r + 1}`,
              labels: { 'route-reflector': 'true' },
            }
          : {};
      nodes.push({
        name,
        rack,
        address: `10.0.${r + 1}.${10 + i}`,
        ...(asNumber === undefined ? {} : { asNumber }),
        ...reflector,
        blocks: [block],
      });
    }
  }
  // A migration needs two nodes.
  if (nodeNames.length < 2) {
    const rack = racks[0]?.name as string;
    nodeNames.push('node-a2');
    blocks.set('node-a2', '10.244.1.64/26');
    const asNumber = scheme === 'ebgp-per-node' ? 65102 : scheme === 'as-per-rack' ? 65001 : undefined;
    nodes.push({
      name: 'node-a2',
      rack,
      address: '10.0.1.12',
      ...(asNumber === undefined ? {} : { asNumber }),
      blocks: ['10.244.1.64/26'],
    });
  }

  const spines: RouterSlot[] = [];
  const spinePolicy = policyOf();
  // Uneven fabrics, where next hops lie at different distances: racks split between two linked
  // spines, and a border router with multihop sessions to the ToRs.
  const split = spineCount === 2 && d.chance(0.35);
  const multihopBorder = hasBorder && d.chance(0.35);
  for (let s = 1; s <= spineCount; s++) {
    const spine = { name: `spine-${s}`, address: `10.0.0.${s}` };
    spines.push(spine);
    routers.push({
      ...spine,
      role: 'spine',
      asNumber: oneAs ? CLUSTER_AS : SPINE_AS + (split ? 10 * (s - 1) : 0),
      platform: 'bird1',
      ...(rrOnSpines ? { routeReflector: { clusterId: d.chance(0.7) ? '10.0.0.100' : spine.address } } : {}),
      policy: spinePolicy,
    });
    [...torsOf.values()].forEach((tors, rack) => {
      if (split && rack % 2 !== s - 1) return;
      for (const t of tors) {
        links.push([t.name, spine.name]);
        sessions.push([t.name, spine.name]);
      }
    });
  }
  if (split) {
    links.push(['spine-1', 'spine-2']);
    sessions.push(['spine-1', 'spine-2']);
  }
  if (hasBorder) {
    routers.push({
      name: 'border-1',
      role: 'border',
      asNumber: BORDER_AS,
      address: '10.0.0.10',
      platform: 'bird1',
      policy: d.chance(0.5) ? { multipath: true } : {},
    });
    for (const s of multihopBorder ? spines.slice(0, 1) : spines) links.push([s.name, 'border-1']);
    if (multihopBorder) for (const tors of torsOf.values()) for (const t of tors) sessions.push([t.name, 'border-1']);
    else for (const s of spines) sessions.push([s.name, 'border-1']);
  }

  if (filter !== 'none') resources.push(liveMigrationFilter(filter, filterPriority));
  const filters = filter === 'none' ? {} : { filters: [LIVE_MIGRATION_FILTER_NAME] };
  if (rrOnSpines) {
    for (const s of spines) resources.push(peer(`rr-${s.name}`, 'all()', s.address, CLUSTER_AS, filters));
  } else {
    for (const [rack, tors] of torsOf)
      for (const t of tors)
        resources.push(
          peer(`${rack}-${t.name}`, `rack == '${rack}'`, t.address, t.asNumber, { ...filters, ...allowLocalAs }),
        );
  }
  if (scheme === 'calico-rr-nodes') {
    resources.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: 'to-reflectors' },
      spec: { nodeSelector: '!has(route-reflector)', peerSelector: 'has(route-reflector)' },
    });
    resources.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: 'reflector-mesh' },
      spec: { nodeSelector: 'has(route-reflector)', peerSelector: 'has(route-reflector)' },
    });
  }

  const source = d.pick(nodeNames);
  const target = d.pick(nodeNames.filter((n) => n !== source));
  // Mostly the source's own block; sometimes a borrowed IP (a block of another node, a second migration).
  const owner = d.chance(0.7) ? source : d.pick(nodeNames);
  const ip = (blocks.get(owner) as string).replace(/\.(\d+)\/26$/, (_, base: string) => `.${Number(base) + 5}`);

  const doc = {
    apiVersion: 'liveroute/v1',
    kind: 'Topology',
    metadata: { name: `random-${seed}`, title: `Random design ${seed}: ${scheme}, filter ${filter}` },
    spec: {
      cluster: {
        asNumber: CLUSTER_AS,
        nodeToNodeMeshEnabled: scheme === 'mesh-plus-tors' || (oneAs && d.chance(0.2)),
        ipPools: [{ name: 'default-ipv4-ippool', cidr: '10.244.0.0/16', blockSize: 26 }],
        ...(priorities ? { routePriority: priorities } : {}),
      },
      racks,
      nodes,
      routers,
      links,
      sessions,
      calicoResources: resources,
      vms: [{ name: 'vm-1', ip, node: source }],
      migration: { vm: 'vm-1', to: target },
    },
  };
  return { seed, scheme, filter, text: stringify(doc) };
}

function peer(
  name: string,
  nodeSelector: string,
  peerIP: string,
  asNumber: number,
  extra: object,
): Record<string, unknown> {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPPeer',
    metadata: { name },
    spec: { nodeSelector, peerIP, asNumber, ...extra },
  };
}

function liveMigrationFilter(variant: Exclude<FilterVariant, 'none'>, priority: number): Record<string, unknown> {
  const exportOp =
    variant === 'prepend'
      ? { prependASPath: { prefix: [SPINE_AS + 1] } }
      : { addCommunity: { value: LIVE_MIGRATION_COMMUNITY } };
  const exportRule = {
    action: 'Accept',
    ...(variant === 'documented' ? { peerType: 'eBGP' } : {}),
    priority,
    operations: [exportOp],
  };
  const importRule = {
    action: 'Accept',
    communities: { values: [LIVE_MIGRATION_COMMUNITY] },
    operations: [{ setPriority: { value: priority } }],
  };
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPFilter',
    metadata: { name: LIVE_MIGRATION_FILTER_NAME },
    spec: { exportV4: [exportRule], importV4: [importRule] },
  };
}
