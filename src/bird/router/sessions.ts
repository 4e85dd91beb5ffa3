/**
 * The BGP protocols of a BIRD router config, version-neutral: each block lists its
 * protocol-level statements and its channel-level ones (BIRD 2 nests these in `ipv4 { }`,
 * BIRD 1.x writes them in the protocol).
 */
import type { RouterConfigModel, RouterNeighbor } from '../../model/policy/types';
import { describeMember, sessionGroups, type SessionGroup } from './groups';
import { BIRD_DYNAMIC_NAME_MAX, BIRD_NAMES, birdSymbol, groupSymbol, neighborProtocol, nodeProtocol } from './names';
import { fitName } from '../../lib/hash';
import { birdString } from '../../lib/text';

export type BirdVersion = 1 | 2;

export interface BgpBlock {
  readonly kind: 'protocol' | 'template';
  readonly name: string;
  readonly from?: string;
  readonly comments: readonly string[];
  readonly proto: readonly string[];
  readonly channel: readonly string[];
}

/** Which session a protocol name stands for: a router neighbour, a node, or a dynamic node group. */
export interface BirdProtocolIndex {
  readonly neighbors: Readonly<Record<string, string>>;
  readonly nodes: Readonly<Record<string, string>>;
  readonly dynamicGroups: Readonly<Record<string, string>>;
}

function neighborTransport(n: RouterNeighbor): string {
  if (n.sharedSegment) return 'direct;';
  return n.multihop ? 'multihop;' : 'multihop 2;';
}

function rrLines(rrClient: boolean, model: RouterConfigModel): string[] {
  return rrClient && model.routeReflectorClusterId !== undefined
    ? ['rr client;', `rr cluster id ${model.routeReflectorClusterId};`]
    : [];
}

const nextHop = (self: boolean): string => (self ? 'next hop self;' : 'next hop keep;');

function neighborBlock(model: RouterConfigModel, n: RouterNeighbor): BgpBlock {
  const how = n.sharedSegment
    ? 'on the shared rack segment'
    : n.multihop
      ? 'multihop over the underlay'
      : "over a link, between the routers' addresses";
  return {
    kind: 'protocol',
    name: neighborProtocol(n.name),
    comments: [
      `${n.name}: ${n.session === 'ebgp' ? 'eBGP' : 'iBGP'}${n.rrClient ? ', route-reflector client' : ''}, ${how}`,
    ],
    proto: [
      `description ${birdString(n.name, 'a neighbour name')};`,
      `local ${model.address} as ${model.asNumber};`,
      `neighbor ${n.address} as ${n.asNumber};`,
      neighborTransport(n),
      ...rrLines(n.rrClient, model),
    ],
    channel: [
      `import filter ${BIRD_NAMES.import};`,
      `export filter ${BIRD_NAMES.exportToRouters};`,
      nextHop(n.nextHopSelf),
    ],
  };
}

function groupCommon(model: RouterConfigModel, g: SessionGroup): { proto: string[]; channel: string[] } {
  return {
    proto: [
      `local ${model.address} as ${model.asNumber};`,
      'passive on;',
      g.group.multihop ? 'multihop;' : 'direct;',
      ...rrLines(g.rrClient, model),
    ],
    channel: [
      `import filter ${BIRD_NAMES.import};`,
      `export filter ${BIRD_NAMES.exportToNodes};`,
      nextHop(g.nextHopSelf),
      ...(g.group.addPaths ? ['add paths rx;'] : []),
    ],
  };
}

function groupComments(g: SessionGroup): string[] {
  const kind = g.session === 'ebgp' ? 'eBGP' : 'iBGP';
  return [
    `Calico nodes of ${g.group.rack} (BGPPeer ${g.group.bgpPeers.join(', ')}): ${kind}, ${g.group.multihop ? 'multihop' : 'on the rack segment'}, passive`,
    ...g.members.map((m) => `  ${describeMember(m)}`),
  ];
}

function groupBlocks(model: RouterConfigModel, g: SessionGroup): BgpBlock[] {
  const { proto, channel } = groupCommon(model, g);
  const name = groupSymbol(g.name);
  if (g.dynamic) {
    return [
      {
        kind: 'protocol',
        name,
        comments: [
          ...groupComments(g),
          `Dynamic BGP: one session is spawned per node that connects from ${g.group.listenRange}.`,
        ],
        proto: [
          `description ${birdString(`nodes of ${g.group.rack}`, 'a group description')};`,
          `neighbor range ${g.group.listenRange} ${g.session === 'ebgp' ? 'external' : 'internal'};`,
          `dynamic name ${birdString(`${fitName(birdSymbol('dyn', g.name), BIRD_DYNAMIC_NAME_MAX - 1, '_')}_`, 'a dynamic protocol name')};`,
          ...proto,
        ],
        channel,
      },
    ];
  }
  const template: BgpBlock = {
    kind: 'template',
    name,
    comments: groupComments(g),
    proto: [`description ${birdString(`nodes of ${g.group.rack}`, 'a group description')};`, ...proto],
    channel,
  };
  const members = g.members.map((m): BgpBlock => ({
    kind: 'protocol',
    name: nodeProtocol(m.name),
    from: name,
    comments: [],
    proto: [`description ${birdString(m.name, 'a node name')};`, `neighbor ${m.address} as ${m.asNumber};`],
    channel: [],
  }));
  return [template, ...members];
}

export function bgpBlocks(
  model: RouterConfigModel,
  version: BirdVersion,
): { blocks: BgpBlock[]; index: BirdProtocolIndex } {
  const blocks: BgpBlock[] = [];
  const neighbors: Record<string, string> = {};
  const nodes: Record<string, string> = {};
  const dynamicGroups: Record<string, string> = {};
  for (const n of model.neighbors) {
    const b = neighborBlock(model, n);
    neighbors[n.name] = b.name;
    blocks.push(b);
  }
  for (const group of model.nodeGroups) {
    for (const g of sessionGroups(group, version === 1 ? 'none' : 'multi-as')) {
      if (g.dynamic) dynamicGroups[g.name] = groupSymbol(g.name);
      else for (const m of g.members) nodes[m.name] = nodeProtocol(m.name);
      blocks.push(...groupBlocks(model, g));
    }
  }
  return { blocks, index: { neighbors, nodes, dynamicGroups } };
}

/** Whether some session needs next hops resolved over the underlay (multihop or via a loopback). */
export function needsUnderlay(model: RouterConfigModel): boolean {
  return model.neighbors.some((n) => !n.sharedSegment) || model.nodeGroups.some((g) => g.multihop);
}
