/**
 * Cisco NX-OS configuration of a router.
 *
 * Node groups: a `template peer` per group holds the shared options. An eBGP group (any AS
 * numbers) is one prefix peer, `neighbor <rack subnet> remote-as route-map LR-AS-<group>`, the
 * route-map matching the members' AS numbers; an iBGP group is a prefix peer with the router's own
 * AS. A prefix peer has one session kind, so a mixed group becomes two templates (`-ebgp`,
 * `-ibgp`) inherited by explicit neighbors.
 * NX-OS sends no communities unless told: `send-community` (standard) when `sendCommunity`;
 * `send-community large` only when the elevated community is a large one (it needs a release with
 * large-community support).
 * The BGP address is on loopback0 (spines, route reflectors, border routers) or on the rack VLAN
 * interface (ToRs); sessions that do not run on the shared segment use it as update-source.
 */
import { assertRenderableModel } from '../model/policy/guard';
import type { RouterConfigModel, RouterNeighbor } from '../model/policy/types';
import { asRanges, sessionGroups, type SessionGroup } from '../bird/router/groups';
import {
  communityList,
  describeTransport,
  headerLines,
  neighborTransport,
  RACK_VLAN,
  sourceInterface,
  vendorName,
} from './common';
import { renderRouteMaps, type RouteMapDialect } from './routemap';
import { POLICY_NAMES } from '../model/policy/compile';

const NXOS_DIALECT: RouteMapDialect = {
  indent: '  ',
  close: undefined,
  prefixListLine: (name, seq, entry) => `ip prefix-list ${name} seq ${seq} permit ${entry}`,
  communityListLine: (name, kind, seq, value) =>
    `ip ${kind === 'standard' ? 'community-list' : 'large-community-list'} standard ${name} seq ${seq} permit ${value}`,
};

const MAX_PATHS = 64;

export const asRouteMapName = (group: string): string => vendorName(`LR-AS-${group}`);

function communityLines(model: RouterConfigModel): string[] {
  const elevated = model.policy.elevated;
  return [
    ...(model.policy.sendCommunity ? ['send-community'] : []),
    ...(elevated && communityList(elevated.community).kind === 'large' ? ['send-community large'] : []),
  ];
}

function neighborLines(model: RouterConfigModel, n: RouterNeighbor): string[] {
  const t = neighborTransport(n);
  const af = [
    ...communityLines(model),
    ...(n.nextHopSelf ? ['next-hop-self'] : []),
    ...(n.rrClient ? ['route-reflector-client'] : []),
    `route-map ${POLICY_NAMES.import} in`,
    `route-map ${POLICY_NAMES.exportToRouters} out`,
  ];
  return [
    `  ! ${n.name}: ${n.session === 'ebgp' ? 'eBGP' : 'iBGP'}${n.rrClient ? ', route-reflector client' : ''}, ${describeTransport(t)}`,
    `  neighbor ${n.address} remote-as ${n.asNumber}`,
    `    description ${n.name}`,
    ...(t !== 'segment' ? [`    update-source ${sourceInterface(model, 'nxos')}`] : []),
    ...(n.session === 'ebgp' && t === 'link' ? ['    disable-connected-check'] : []),
    ...(n.session === 'ebgp' && t === 'multihop' ? ['    ebgp-multihop 255'] : []),
    '    address-family ipv4 unicast',
    ...af.map((l) => `      ${l}`),
  ];
}

function templateLines(model: RouterConfigModel, g: SessionGroup): string[] {
  const af = [
    ...communityLines(model),
    ...(g.nextHopSelf ? ['next-hop-self'] : []),
    ...(g.rrClient ? ['route-reflector-client'] : []),
    ...(model.policy.originateDefault ? ['default-originate'] : []),
    ...(g.group.addPaths ? ['capability additional-paths receive'] : []),
    `route-map ${POLICY_NAMES.import} in`,
    `route-map ${POLICY_NAMES.exportToNodes} out`,
  ];
  return [
    `  ! Calico nodes of ${g.group.rack} (BGPPeer ${g.group.bgpPeers.join(', ')}): ${g.session === 'ebgp' ? 'eBGP' : 'iBGP'}, ${g.group.multihop ? 'multihop' : 'on the rack segment'}, passive`,
    ...g.members.map((m) => `  !   ${m.name} ${m.address} AS ${m.asNumber}`),
    `  template peer ${vendorName(g.name)}`,
    `    description nodes of ${g.group.rack}`,
    '    transport connection-mode passive',
    ...(g.group.multihop ? [`    update-source ${sourceInterface(model, 'nxos')}`] : []),
    ...(g.group.multihop && g.session === 'ebgp' ? ['    ebgp-multihop 255'] : []),
    '    address-family ipv4 unicast',
    ...af.map((l) => `      ${l}`),
  ];
}

function groupNeighbors(model: RouterConfigModel, g: SessionGroup): string[] {
  const inherit = `    inherit peer ${vendorName(g.name)}`;
  if (g.dynamic) {
    const remote = g.session === 'ebgp' ? `route-map ${asRouteMapName(g.name)}` : String(model.asNumber);
    return [`  neighbor ${g.group.listenRange} remote-as ${remote}`, inherit];
  }
  return g.members.flatMap((m) => [
    `  neighbor ${m.address} remote-as ${m.asNumber}`,
    inherit,
    `    description ${m.name}`,
  ]);
}

function asRouteMaps(groups: readonly SessionGroup[]): string[] {
  return groups
    .filter((g) => g.dynamic && g.session === 'ebgp')
    .flatMap((g) => [
      `! The AS numbers of the Calico nodes of ${g.group.rack} (prefix peering)`,
      `route-map ${asRouteMapName(g.name)} permit 10`,
      `  match as-number ${asRanges(g.members)
        .map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`))
        .join(', ')}`,
      '!',
    ]);
}

function interfaces(model: RouterConfigModel): string[] {
  if (model.segment) {
    const len = model.segment.subnet.split('/')[1];
    return [
      `vlan ${RACK_VLAN}`,
      `  name ${model.segment.rack}`,
      '!',
      `interface Vlan${RACK_VLAN}`,
      `  description ${model.segment.rack} segment: the Calico nodes peer with this address`,
      '  no shutdown',
      `  ip address ${model.address}/${len}`,
      '!',
    ];
  }
  return [
    'interface loopback0',
    '  description BGP router ID and session source',
    `  ip address ${model.address}/32`,
    '!',
  ];
}

export function renderNxos(model: RouterConfigModel): string {
  assertRenderableModel(model);
  const p = model.policy;
  const groups = model.nodeGroups.flatMap((g) => sessionGroups(g, 'multi-as'));
  const paths = p.multipath ? MAX_PATHS : 1;
  const text = [
    ...headerLines(model, 'Cisco NX-OS').map((l) => `! ${l}`),
    '!',
    `hostname ${model.name}`,
    '!',
    'feature bgp',
    ...(model.segment ? ['feature interface-vlan'] : []),
    '!',
    ...interfaces(model),
    ...renderRouteMaps(p, NXOS_DIALECT, '!'),
    ...asRouteMaps(groups),
    `router bgp ${model.asNumber}`,
    `  router-id ${model.address}`,
    ...(model.routeReflectorClusterId ? [`  cluster-id ${model.routeReflectorClusterId}`] : []),
    '  log-neighbor-changes',
    ...(p.multipath
      ? [
          "  ! ECMP across equal paths, also when the neighbours' AS numbers differ",
          '  bestpath as-path multipath-relax',
        ]
      : []),
    '  address-family ipv4 unicast',
    `    maximum-paths ${paths}`,
    `    maximum-paths ibgp ${paths}`,
    ...groups.flatMap((g) => templateLines(model, g)),
    ...model.neighbors.flatMap((n) => neighborLines(model, n)),
    ...groups.flatMap((g) => groupNeighbors(model, g)),
    '!',
    'end',
  ];
  return `${text.join('\n')}\n`;
}
