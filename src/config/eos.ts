/**
 * Arista EOS configuration of a router (multi-agent routing model; `neighbor X peer group`, the
 * syntax of EOS 4.23 and later, whose `bgp listen range` still says `peer-group`).
 *
 * Node groups: a peer group per group. An eBGP group (any AS numbers) listens on the rack subnet
 * with `bgp listen range ... peer-filter`, the peer filter accepting exactly the members' AS
 * numbers; an iBGP group listens with `remote-as <own AS>`. A listen range names one session kind,
 * so a mixed group becomes two peer groups (`-ebgp`, `-ibgp`) of explicit neighbors.
 * EOS sends no communities unless told: `send-community standard large` (or `large` only when
 * `sendCommunity` is false, which also makes the route-maps `set community none`).
 * The BGP address is on Loopback0 (spines, route reflectors, border routers) or on the rack VLAN
 * interface (ToRs); sessions that do not run on the shared segment use it as update-source.
 */
import { assertRenderableModel } from '../model/policy/guard';
import type { RouterConfigModel, RouterNeighbor } from '../model/policy/types';
import { asRanges, sessionGroups, type SessionGroup } from '../bird/router/groups';
import { describeTransport, headerLines, neighborTransport, RACK_VLAN, sourceInterface, vendorName } from './common';
import { renderRouteMaps, type RouteMapDialect } from './routemap';
import { POLICY_NAMES } from '../model/policy/compile';

const EOS_DIALECT: RouteMapDialect = {
  indent: '   ',
  close: undefined,
  prefixListLine: (name, seq, entry) => `ip prefix-list ${name} seq ${seq} permit ${entry}`,
  communityListLine: (name, kind, _seq, value) =>
    `ip ${kind === 'standard' ? 'community-list' : 'large-community-list'} ${name} permit ${value}`,
};

const MAX_PATHS = 64;

export const peerFilterName = (group: string): string => vendorName(`LR-AS-${group}`);

function sendCommunity(model: RouterConfigModel): string {
  return model.policy.sendCommunity ? 'send-community standard large' : 'send-community large';
}

function neighborLines(model: RouterConfigModel, n: RouterNeighbor): string[] {
  const t = neighborTransport(n);
  const a = `   neighbor ${n.address}`;
  return [
    `   ! ${n.name}: ${n.session === 'ebgp' ? 'eBGP' : 'iBGP'}${n.rrClient ? ', route-reflector client' : ''}, ${describeTransport(t)}`,
    `${a} remote-as ${n.asNumber}`,
    `${a} description ${n.name}`,
    ...(t !== 'segment' ? [`${a} update-source ${sourceInterface(model, 'eos')}`] : []),
    ...(n.session === 'ebgp' && t !== 'segment' ? [`${a} ebgp-multihop ${t === 'link' ? 2 : 255}`] : []),
    ...(n.nextHopSelf ? [`${a} next-hop-self`] : []),
    ...(n.rrClient ? [`${a} route-reflector-client`] : []),
    `${a} ${sendCommunity(model)}`,
    `${a} route-map ${POLICY_NAMES.import} in`,
    `${a} route-map ${POLICY_NAMES.exportToRouters} out`,
  ];
}

function groupLines(model: RouterConfigModel, g: SessionGroup): string[] {
  const name = vendorName(g.name);
  const a = `   neighbor ${name}`;
  const out = [
    `   ! Calico nodes of ${g.group.rack} (BGPPeer ${g.group.bgpPeers.join(', ')}): ${g.session === 'ebgp' ? 'eBGP' : 'iBGP'}, ${g.group.multihop ? 'multihop' : 'on the rack segment'}, passive`,
    ...g.members.map((m) => `   !   ${m.name} ${m.address} AS ${m.asNumber}`),
    `${a} peer group`,
    `${a} description nodes of ${g.group.rack}`,
    `${a} passive`,
  ];
  if (g.group.multihop) {
    out.push(`${a} update-source ${sourceInterface(model, 'eos')}`);
    if (g.session === 'ebgp') out.push(`${a} ebgp-multihop 255`);
  }
  if (g.nextHopSelf) out.push(`${a} next-hop-self`);
  if (g.rrClient) out.push(`${a} route-reflector-client`);
  out.push(`${a} ${sendCommunity(model)}`);
  if (model.policy.originateDefault) out.push(`${a} default-originate`);
  out.push(g.group.addPaths ? `${a} additional-paths receive` : `   no neighbor ${name} additional-paths receive`);
  out.push(`${a} route-map ${POLICY_NAMES.import} in`, `${a} route-map ${POLICY_NAMES.exportToNodes} out`);
  if (g.dynamic) {
    const accept = g.session === 'ebgp' ? `peer-filter ${peerFilterName(g.name)}` : `remote-as ${model.asNumber}`;
    out.push(`   bgp listen range ${g.group.listenRange} peer-group ${name} ${accept}`);
  } else {
    for (const m of g.members)
      out.push(`   neighbor ${m.address} peer group ${name}`, `   neighbor ${m.address} remote-as ${m.asNumber}`);
  }
  return out;
}

function peerFilters(groups: readonly SessionGroup[]): string[] {
  return groups
    .filter((g) => g.dynamic && g.session === 'ebgp')
    .flatMap((g) => [
      `! The AS numbers of the Calico nodes of ${g.group.rack}`,
      `peer-filter ${peerFilterName(g.name)}`,
      ...asRanges(g.members).map(
        (r, i) => `   ${(i + 1) * 10} match as-range ${r.from === r.to ? r.from : `${r.from}-${r.to}`} result accept`,
      ),
      '!',
    ]);
}

function interfaces(model: RouterConfigModel): string[] {
  if (model.segment) {
    const len = model.segment.subnet.split('/')[1];
    return [
      `vlan ${RACK_VLAN}`,
      `   name ${model.segment.rack}`,
      '!',
      `interface Vlan${RACK_VLAN}`,
      `   description ${model.segment.rack} segment: the Calico nodes peer with this address`,
      `   ip address ${model.address}/${len}`,
      '!',
    ];
  }
  return [
    'interface Loopback0',
    '   description BGP router ID and session source',
    `   ip address ${model.address}/32`,
    '!',
  ];
}

export function renderEos(model: RouterConfigModel): string {
  assertRenderableModel(model);
  const p = model.policy;
  const groups = model.nodeGroups.flatMap((g) => sessionGroups(g, 'multi-as'));
  const text = [
    ...headerLines(model, 'Arista EOS').map((l) => `! ${l}`),
    '!',
    'service routing protocols model multi-agent',
    '!',
    `hostname ${model.name}`,
    '!',
    ...interfaces(model),
    'ip routing',
    '!',
    ...renderRouteMaps(p, EOS_DIALECT, '!'),
    ...peerFilters(groups),
    `router bgp ${model.asNumber}`,
    `   router-id ${model.address}`,
    ...(model.routeReflectorClusterId ? [`   bgp cluster-id ${model.routeReflectorClusterId}`] : []),
    `   maximum-paths ${p.multipath ? MAX_PATHS : 1}`,
    ...(p.multipath
      ? [
          "   ! ECMP across equal paths, also when the neighbours' AS numbers differ",
          '   bgp bestpath as-path multipath-relax',
        ]
      : []),
    ...model.neighbors.flatMap((n) => neighborLines(model, n)),
    ...groups.flatMap((g) => groupLines(model, g)),
    '!',
    'end',
  ];
  return `${text.join('\n')}\n`;
}
