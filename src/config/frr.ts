/**
 * FRR (8.x, bgpd) configuration of a router.
 *
 * Node groups: a peer-group per group. A group whose nodes are all eBGP (any number of AS
 * numbers: `remote-as external`) or all iBGP (`remote-as internal`) listens on the rack subnet
 * with `bgp listen range`. FRR cannot put eBGP and iBGP peers in one peer-group nor attach one
 * range to two groups, so a mixed group becomes two peer-groups (`-ebgp`, `-ibgp`) of explicit
 * neighbors, each with its own remote-as.
 * Communities: bgpd sends standard and large communities by default; `sendCommunity: false` is
 * the route-maps' `set community none`. ADD-PATH: bgpd advertises ADD-PATH receive by default;
 * without `addPaths` the node groups get `disable-addpath-rx`.
 */
import { assertRenderableModel } from '../model/policy/guard';
import type { RouterConfigModel, RouterNeighbor } from '../model/policy/types';
import { sessionGroups, type SessionGroup } from '../bird/router/groups';
import { describeTransport, headerLines, neighborTransport, vendorName } from './common';
import { renderRouteMaps, type RouteMapDialect } from './routemap';
import { POLICY_NAMES } from '../model/policy/compile';

const FRR_DIALECT: RouteMapDialect = {
  indent: ' ',
  close: 'exit',
  prefixListLine: (name, seq, entry) => `ip prefix-list ${name} seq ${seq} permit ${entry}`,
  communityListLine: (name, kind, seq, value) =>
    `bgp ${kind === 'standard' ? 'community-list' : 'large-community-list'} standard ${name} seq ${seq} permit ${value}`,
};

/** bgpd's default `bgp listen limit`. */
const FRR_LISTEN_LIMIT = 100;
const MAX_PATHS = 64;

interface Lines {
  readonly router: string[];
  readonly af: string[];
}

function neighborLines(model: RouterConfigModel, n: RouterNeighbor, out: Lines): void {
  const t = neighborTransport(n);
  const a = n.address;
  out.router.push(
    ` ! ${n.name}: ${n.session === 'ebgp' ? 'eBGP' : 'iBGP'}${n.rrClient ? ', route-reflector client' : ''}, ${describeTransport(t)}`,
    ` neighbor ${a} remote-as ${n.asNumber}`,
    ` neighbor ${a} description ${n.name}`,
  );
  if (t !== 'segment') out.router.push(` neighbor ${a} update-source ${model.address}`);
  if (n.session === 'ebgp' && t === 'link') out.router.push(` neighbor ${a} disable-connected-check`);
  if (n.session === 'ebgp' && t === 'multihop') out.router.push(` neighbor ${a} ebgp-multihop 255`);
  out.af.push(`  neighbor ${a} activate`);
  if (n.nextHopSelf) out.af.push(`  neighbor ${a} next-hop-self`);
  if (n.rrClient) out.af.push(`  neighbor ${a} route-reflector-client`);
  out.af.push(
    `  neighbor ${a} route-map ${POLICY_NAMES.import} in`,
    `  neighbor ${a} route-map ${POLICY_NAMES.exportToRouters} out`,
  );
}

function groupLines(model: RouterConfigModel, g: SessionGroup, out: Lines): void {
  const name = vendorName(g.name);
  const kind = g.session === 'ebgp' ? 'eBGP' : 'iBGP';
  out.router.push(
    ` ! Calico nodes of ${g.group.rack} (BGPPeer ${g.group.bgpPeers.join(', ')}): ${kind}, ${g.group.multihop ? 'multihop' : 'on the rack segment'}, passive`,
    ...g.members.map((m) => ` !   ${m.name} ${m.address} AS ${m.asNumber}`),
    ` neighbor ${name} peer-group`,
  );
  if (g.dynamic) out.router.push(` neighbor ${name} remote-as ${g.session === 'ebgp' ? 'external' : 'internal'}`);
  out.router.push(` neighbor ${name} description nodes of ${g.group.rack}`, ` neighbor ${name} passive`);
  if (g.group.multihop) {
    out.router.push(` neighbor ${name} update-source ${model.address}`);
    if (g.session === 'ebgp') out.router.push(` neighbor ${name} ebgp-multihop 255`);
  }
  if (g.dynamic) {
    out.router.push(` bgp listen range ${g.group.listenRange} peer-group ${name}`);
  } else {
    for (const m of g.members)
      out.router.push(` neighbor ${m.address} remote-as ${m.asNumber}`, ` neighbor ${m.address} peer-group ${name}`);
  }
  out.af.push(`  neighbor ${name} activate`);
  if (g.nextHopSelf) out.af.push(`  neighbor ${name} next-hop-self`);
  if (g.rrClient) out.af.push(`  neighbor ${name} route-reflector-client`);
  if (model.policy.originateDefault) out.af.push(`  neighbor ${name} default-originate`);
  if (!g.group.addPaths) out.af.push(`  neighbor ${name} disable-addpath-rx`);
  out.af.push(
    `  neighbor ${name} route-map ${POLICY_NAMES.import} in`,
    `  neighbor ${name} route-map ${POLICY_NAMES.exportToNodes} out`,
  );
}

export function renderFrr(model: RouterConfigModel): string {
  assertRenderableModel(model);
  const p = model.policy;
  const lines: Lines = { router: [], af: [] };
  for (const n of model.neighbors) neighborLines(model, n, lines);
  const groups = model.nodeGroups.flatMap((g) => sessionGroups(g, 'multi-as'));
  for (const g of groups) groupLines(model, g, lines);
  const dynamicPeers = groups.filter((g) => g.dynamic).reduce((n, g) => n + g.members.length, 0);
  const paths = p.multipath ? MAX_PATHS : 1;
  const text = [
    ...headerLines(model, 'FRR').map((l) => `! ${l}`),
    '!',
    'frr version 8.4',
    'frr defaults traditional',
    `hostname ${model.name}`,
    'log syslog informational',
    '!',
    ...renderRouteMaps(p, FRR_DIALECT, '!'),
    `router bgp ${model.asNumber}`,
    ` bgp router-id ${model.address}`,
    ' bgp log-neighbor-changes',
    ' no bgp default ipv4-unicast',
    ...(model.routeReflectorClusterId ? [` bgp cluster-id ${model.routeReflectorClusterId}`] : []),
    ...(p.multipath
      ? [
          " ! ECMP across equal paths, also when the neighbours' AS numbers differ",
          ' bgp bestpath as-path multipath-relax',
        ]
      : []),
    ...(dynamicPeers > FRR_LISTEN_LIMIT ? [` bgp listen limit ${dynamicPeers}`] : []),
    ...lines.router,
    ' !',
    ' address-family ipv4 unicast',
    `  maximum-paths ${paths}`,
    `  maximum-paths ibgp ${paths}`,
    ...lines.af,
    ' exit-address-family',
    'exit',
    '!',
    'end',
  ];
  return `${text.join('\n')}\n`;
}
