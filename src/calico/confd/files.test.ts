/**
 * File-level rules the golden files do not exercise: listen address, ignored interfaces, log
 * levels, pool statements per encapsulation, route-reflector service accepts, block states,
 * errors.
 */
import { describe, expect, it } from 'vitest';
import { CalicoRenderError, renderCalicoNode } from './index';
import { resources } from './test-support';

const bgpConfig = (spec: string) =>
  `apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: default }\nspec: ${spec}\n`;
const pool = (name: string, spec: string) =>
  `---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
const affinity = (name: string, spec: string) =>
  `---\napiVersion: projectcalico.org/v3\nkind: BlockAffinity\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
const render = (yaml: string, node = 'kube-master', serviceRoutes?: string[]) =>
  renderCalicoNode(resources(yaml), node, serviceRoutes ? { serviceRoutes } : {});
const between = (text: string, from: string, to: string) =>
  text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)) + to.length);

describe('bird.cfg settings', () => {
  it('listens on the node address with bindMode NodeIP', () => {
    expect(render(bgpConfig('{ bindMode: NodeIP, listenPort: 1790 }')).birdCfg).toContain(
      'router id 10.192.0.2;\n# BGP listen configuration\nlisten bgp address 10.192.0.2 port 1790;\n',
    );
    expect(render(bgpConfig('{ bindMode: NodeIP }')).birdCfg).toContain('\nlisten bgp address 10.192.0.2;\n');
    expect(render(bgpConfig('{}')).birdCfg).not.toContain('listen bgp');
  });

  it('excludes ignored interfaces before Calico’s own, without the comment', () => {
    expect(
      between(render(bgpConfig('{ ignoredInterfaces: [eth9, "vxlan*"] }')).birdCfg, 'template direct', '\n}'),
    ).toBe(
      'template direct direct_template {\n  debug { states };\n  interface -"eth9", -"vxlan*", -"cali*", -"kube-ipvs*", "*";\n}',
    );
  });

  it('maps logSeverityScreen: Debug → debug all, Info → states, anything else → no debug', () => {
    const debug = render(bgpConfig('{ logSeverityScreen: Debug }')).birdCfg;
    expect(debug).toContain('protocol device {\n  debug all;\n');
    expect(debug).toContain('template bgp bgp_template {\n  debug all;\n  description');
    const none = render(bgpConfig('{ logSeverityScreen: Warning }')).birdCfg;
    expect(none).toContain('protocol device {\n  scan time 2;');
    expect(none).toContain('template bgp bgp_template {\n  description');
    expect(none).not.toContain('debug');
  });

  it('uses the node AS, else the cluster AS, in bgp_template, and applies prefix advertisements', () => {
    const yaml = `${bgpConfig(`{ asNumber: 65500, communities: [{ name: lm, value: "65000:100" }], prefixAdvertisements: [{ cidr: 10.244.0.0/16, communities: [lm, "65000:100", "1:2:3"] }, { cidr: "fd00::/64", communities: [lm] }, { cidr: 10.96.0.0/12, communities: [] }] }`)}---
apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: own-as }
spec: { bgp: { ipv4Address: 10.192.0.50/16, asNumber: 65123 } }
`;
    const master = render(yaml).birdCfg;
    expect(master).toContain('  local as 65500;\n');
    expect(between(master, 'function apply_communities', '\n}')).toBe(
      'function apply_communities ()\n{\n      if ( net ~ 10.244.0.0/16 ) then {\n          bgp_large_community.add((1, 2, 3));\n          bgp_community.add((65000, 100));\n      }\n}',
    );
    expect(render(yaml, 'own-as').birdCfg).toContain('  local as 65123;\n');
  });
});

describe('bird_ipam.cfg pools and services', () => {
  it('writes the kernel statement of each pool per encapsulation and programClusterRoutes', () => {
    const pools =
      pool('a-nat', '{ cidr: 10.10.0.0/16 }') +
      pool('b-ipip', '{ cidr: 10.20.0.0/16, ipipMode: Always }') +
      pool('c-cross', '{ cidr: 10.30.0.0/16, ipipMode: CrossSubnet }') +
      pool('d-vxlan', '{ cidr: 10.40.0.0/16, vxlanMode: Always }') +
      pool('e-off', '{ cidr: 10.50.0.0/16, disableBGPExport: true }') +
      pool('f-v6', '{ cidr: "fd00:10::/64", disableBGPExport: true }');
    const enabled = render(`${bgpConfig('{ programClusterRoutes: Enabled }')}${pools}`).birdIpamCfg;
    expect(between(enabled, '  calico_aggr();', '\n}')).toBe(
      '  calico_aggr();\n  if (net ~ 10.10.0.0/16) then { accept; }\n  if (net ~ 10.20.0.0/16) then { accept; }\n  if (net ~ 10.30.0.0/16) then { accept; }\n  if (net ~ 10.40.0.0/16) then { accept; }\n}',
    );
    expect(enabled).toContain(
      '  # filter code terminates when it calls `accept;` or `reject;`,\n  if (net ~ 10.50.0.0/16) then { reject; } # BGP export is disabled.\n  if (internal_peer) then {',
    );
    expect(enabled).toContain('      if ((ifname ~ "*.cali") || (ifname ~ "*.calico")) then {');
    expect(
      between(enabled.slice(enabled.indexOf('filter calico_kernel_programming')), '  if (net ~ 10.10', '  accept;\n}'),
    ).toBe(
      [
        '  if (net ~ 10.10.0.0/16) then { accept; }',
        '  if (net ~ 10.20.0.0/16) then { krt_tunnel="tunl0"; accept; }',
        '  if (net ~ 10.30.0.0/16) then { if (defined(bgp_next_hop)&&(bgp_next_hop ~ 10.192.0.0/16)) then krt_tunnel=""; else krt_tunnel="tunl0"; accept; }',
        '  if (net ~ 10.40.0.0/16) then { reject; } # VXLAN routes are handled by Felix.',
        '  if (net ~ 10.50.0.0/16) then { accept; }',
        '  accept;\n}',
      ].join('\n'),
    );
    const disabled = render(`${bgpConfig('{ programClusterRoutes: Disabled }')}${pools}`).birdIpamCfg;
    expect(disabled).toContain(
      '  if (net ~ 10.10.0.0/16) then { reject; } # Cluster routes are handled by Felix.\n  if (net ~ 10.20.0.0/16) then { reject; } # Cluster routes are handled by Felix.',
    );
    expect(disabled).toContain('(ifname ~ "tunl0")');
  });

  it('accepts the LB and external service ranges on a route reflector only', () => {
    const yaml = `${bgpConfig('{ serviceLoadBalancerIPs: [{ cidr: 80.15.0.0/24 }, { cidr: 80.15.1.1/32 }, { cidr: "fd00:1::/112" }], serviceExternalIPs: [{ cidr: 90.0.0.0/24 }] }')}---
apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: rr-1 }
spec: { bgp: { ipv4Address: 10.192.0.100/16, routeReflectorClusterID: 224.0.0.1 } }
`;
    const rr = render(yaml, 'rr-1').birdIpamCfg;
    expect(between(rr, '  # Export static routes.', '\n}')).toBe(
      [
        '  # Export static routes.',
        '  if ( net ~ 80.15.0.0/24 ) then { accept; }',
        '  if ( net ~ 90.0.0.0/24 ) then { accept; }',
        '',
        '  # Configured as a RR - accept any routes within configured LB service IP ranges',
        '  if ( net ~ 80.15.0.0/24 ) then { accept; }',
        '  if ( net ~ 80.15.1.1/32 ) then { accept; }',
        '',
        '  # Configured as a RR - accept any routes within configured external service IP ranges',
        '  if ( net ~ 90.0.0.0/24 ) then { accept; }',
        '}',
      ].join('\n'),
    );
    expect(render(yaml).birdIpamCfg).not.toContain('Configured as a RR');
  });

  it('keeps service ranges out of the kernel even on a node excluded from load balancers, which advertises none', () => {
    const yaml = `${bgpConfig('{ serviceClusterIPs: [{ cidr: 10.96.0.0/12 }] }')}---
apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: excluded, labels: { node.kubernetes.io/exclude-from-external-load-balancers: "true" } }
spec: { bgp: { ipv4Address: 10.192.0.60/16 } }
`;
    const out = render(yaml, 'excluded', ['10.96.0.10/32']);
    expect(out.birdIpamCfg).toContain(
      "  # Don't program static routes into kernel.\n  if ( net ~ 10.96.0.0/12 ) then { reject; }\n",
    );
    expect(out.birdIpamCfg).not.toContain('Export static routes');
    expect(out.birdAggrCfg).toContain('# No IP blocks or static routes for this host.');
    expect(render(yaml, 'kube-master', ['10.96.0.10/32']).birdAggrCfg).toContain(
      '   # Static routes.\n   route 10.96.0.0/12 blackhole;\n   route 10.96.0.10/32 blackhole;\n',
    );
  });
});

describe('bird_aggr.cfg blocks', () => {
  it('takes this node’s IPv4 affinities in key order; pending and deleted ones do not exist; other states are noted', () => {
    const yaml =
      bgpConfig('{ ipv4NormalRoutePriority: 2000 }') +
      affinity('a', '{ node: kube-master, cidr: 10.244.0.64/26, state: confirmed }') +
      affinity('b', '{ node: kube-master, cidr: 10.244.0.0/26, state: pendingDeletion }') +
      affinity('c', '{ node: kube-master, cidr: 10.244.0.128/26, state: pending }') +
      affinity('d', '{ node: kube-master, cidr: 10.244.0.192/26, state: confirmed, deleted: true }') +
      affinity('e', '{ node: kube-node-1, cidr: 10.244.1.0/26, state: confirmed }') +
      affinity('f', '{ node: kube-master, cidr: "fd00:10::/122", state: confirmed }');
    expect(render(yaml).birdAggrCfg).toBe(`# Generated by confd
template static static_template {
   # IP blocks for this host.
   route 10.244.0.0/26 blackhole;
   route 10.244.0.64/26 blackhole;
}

protocol static from static_template {
}

# Aggregation of routes on this host; export the block, nothing beneath it.
function calico_aggr ()
{
      # Block 10.244.0.0/26 is pendingDeletion
      # Block 10.244.0.64/26 is confirmed
      if ( net = 10.244.0.64/26 ) then { accept; }
      if ( net ~ 10.244.0.64/26 && krt_metric < 2000 ) then { accept; }
      if ( net ~ 10.244.0.64/26 ) then { reject; }
}
`);
  });
});

describe('errors', () => {
  it('refuses a node that does not exist or has no IPv4 address', () => {
    expect(() => render('', 'nope')).toThrow(new CalicoRenderError('there is no Node named nope'));
    const v6 =
      'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: { name: v6-only }\nspec: { bgp: { ipv6Address: "fd00::1/64" } }\n';
    expect(() => render(v6, 'v6-only')).toThrow(/Node v6-only has no spec.bgp.ipv4Address/);
  });
});
