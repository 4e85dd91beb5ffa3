import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../model/issues';
import { parseDesign } from '../model/parse';
import type { Topology } from '../model/schema';
import { renderCalicoNode } from './confd';
import { protocolBlock, protocolNames } from './confd/test-support';
import { calicoResourcesFromDesign } from './fromDesign';

const SCENARIOS = path.resolve(import.meta.dirname, '..', 'scenarios');

function scenario(name: string): Topology {
  const r = parseDesign(fs.readFileSync(path.join(SCENARIOS, `${name}.liveroute.yaml`), 'utf8'));
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
}

describe('calicoResourcesFromDesign', () => {
  const doc = scenario('two-racks-ebgp');
  const set = calicoResourcesFromDesign(doc);

  it('writes the cluster settings as the default BGPConfiguration and FelixConfiguration', () => {
    expect(set.bgpConfiguration).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPConfiguration',
      metadata: { name: 'default' },
      spec: { asNumber: 64512, nodeToNodeMeshEnabled: false, ipv4NormalRoutePriority: 1024 },
    });
    expect(set.felixConfiguration).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'FelixConfiguration',
      metadata: { name: 'default' },
      spec: { ipv4NormalRoutePriority: 1024, ipv4ElevatedRoutePriority: 512, liveMigrationRouteConvergenceTime: '30s' },
    });
  });

  it('makes unencapsulated, BGP-exported, non-masqueraded pools', () => {
    expect(set.ipPools).toEqual([
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'IPPool',
        metadata: { name: 'default-ipv4-ippool' },
        spec: {
          cidr: '10.244.0.0/16',
          blockSize: 26,
          ipipMode: 'Never',
          vxlanMode: 'Never',
          natOutgoing: false,
          disableBGPExport: false,
        },
      },
    ]);
  });

  it('gives each node its address with the rack prefix length, its AS and the implicit labels', () => {
    expect(set.nodes[0]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'Node',
      metadata: { name: 'node-a1', labels: { rack: 'rack-a', 'kubernetes.io/hostname': 'node-a1' } },
      spec: { bgp: { ipv4Address: '10.0.1.11/24', asNumber: 65101 } },
    });
    expect(set.nodes.map((n) => n.spec.bgp?.ipv4Address)).toEqual([
      '10.0.1.11/24',
      '10.0.1.12/24',
      '10.0.2.11/24',
      '10.0.2.12/24',
    ]);
  });

  it('confirms the block affinities and carries the BGPPeers and BGPFilters verbatim', () => {
    expect(set.blockAffinities.map((a) => [a.metadata.name, a.spec])).toEqual([
      ['node-a1-10-244-1-0-26', { node: 'node-a1', cidr: '10.244.1.0/26', state: 'confirmed', deleted: false }],
      ['node-a2-10-244-1-64-26', { node: 'node-a2', cidr: '10.244.1.64/26', state: 'confirmed', deleted: false }],
      ['node-b1-10-244-2-0-26', { node: 'node-b1', cidr: '10.244.2.0/26', state: 'confirmed', deleted: false }],
      ['node-b2-10-244-2-64-26', { node: 'node-b2', cidr: '10.244.2.64/26', state: 'confirmed', deleted: false }],
    ]);
    expect(set.bgpPeers.map((p) => p.metadata.name)).toEqual(['rack-a-tor', 'rack-b-tor']);
    expect(set.bgpFilters).toEqual(doc.spec.calicoResources.filter((r) => r.kind === 'BGPFilter'));
  });

  it('allocates blocks for nodes without any, uses bgpNormalRoutePriority for confd and passes RR cluster IDs', () => {
    const d = structuredClone(doc);
    d.spec.cluster = {
      ...d.spec.cluster,
      routePriority: { normal: 1024, elevated: 512 },
      bgpNormalRoutePriority: 2000,
    };
    delete d.spec.nodes[1]?.blocks;
    (d.spec.nodes[2] as { routeReflectorClusterID?: string }).routeReflectorClusterID = '224.0.0.1';
    const s = calicoResourcesFromDesign(d);
    expect(s.bgpConfiguration?.spec.ipv4NormalRoutePriority).toBe(2000);
    expect(s.felixConfiguration?.spec.ipv4NormalRoutePriority).toBe(1024);
    expect(s.blockAffinities.find((a) => a.spec.node === 'node-a2')?.spec.cidr).toBe('10.244.0.0/26');
    expect(s.nodes[2]?.spec.bgp?.routeReflectorClusterID).toBe('224.0.0.1');
    expect(renderCalicoNode(s, 'node-a1').birdAggrCfg).toContain(
      'if ( net ~ 10.244.1.0/26 && krt_metric < 2000 ) then { accept; }',
    );
  });
});

describe('calico-node config of the built-in designs', () => {
  it('two-racks-ebgp node-a1: eBGP to its ToR with the live-migration filter', () => {
    const out = renderCalicoNode(calicoResourcesFromDesign(scenario('two-racks-ebgp')), 'node-a1');
    expect(out.birdCfg).toContain('router id 10.0.1.11;\n');
    expect(out.birdCfg).toContain(
      'template bgp bgp_template {\n  debug { states, routes, filters, events };\n  description "Connection to BGP peer";\n  local as 65101;\n',
    );
    expect(protocolNames(out.birdCfg)).toEqual(['Node_10_0_1_1']);
    expect(out.birdCfg).toContain(`# -------------- BGP Filters ------------------
# v4 BGPFilter kubevirt-live-migration
function 'bgp_kubevirt-live-migration_importFilterV4'() {
  if (((65000, 100) ~ bgp_community)) then { bgp_local_pref = 2147483135; accept; }
}
function 'bgp_kubevirt-live-migration_exportFilterV4'(bool is_same_as) {
  if (!is_same_as) then { if ((defined(bgp_local_pref)&&(bgp_local_pref = 2147483135))) then { bgp_community.add((65000, 100)); accept; } }
}
`);
    expect(protocolBlock(out.birdCfg, 'Node_10_0_1_1')).toBe(`protocol bgp Node_10_0_1_1 from bgp_template {
  neighbor 10.0.1.1 as 65001;
  source address 10.0.1.11;  # The local address we use for the TCP connection
  ttl security off;
  multihop;
  import filter {
    'bgp_kubevirt-live-migration_importFilterV4'();
    if (defined(bgp_local_pref)&&(bgp_local_pref > 2147482623)) then
      preference = 200;
    accept;
  };
  export filter {
    if (defined(source) && source = RTS_BGP && defined(bgp_local_pref)) then {
      krt_metric = 2147483647 - bgp_local_pref;
    } else {
      if (!defined(krt_metric)) then { krt_metric = 1024; }
      bgp_local_pref = 2147483647 - krt_metric;
    }
    'bgp_kubevirt-live-migration_exportFilterV4'(false);
    calico_export_to_bgp_peers(false);
    reject;
  };  # Only want to export routes for workloads.
}
`);
    expect(out.birdAggrCfg).toBe(`# Generated by confd
template static static_template {
   # IP blocks for this host.
   route 10.244.1.0/26 blackhole;
}

protocol static from static_template {
}

# Aggregation of routes on this host; export the block, nothing beneath it.
function calico_aggr ()
{
      # Block 10.244.1.0/26 is confirmed
      if ( net = 10.244.1.0/26 ) then { accept; }
      if ( net ~ 10.244.1.0/26 && krt_metric < 1024 ) then { accept; }
      if ( net ~ 10.244.1.0/26 ) then { reject; }
}
`);
    // The pool accept exports borrowed /32s (§4.6 step 8); BIRD programs the no-encap pool (§7.7).
    expect(out.birdIpamCfg).toContain('  calico_aggr();\n  if (net ~ 10.244.0.0/16) then { accept; }\n}\n');
    expect(out.birdIpamCfg).toContain('  }\n  if (net ~ 10.244.0.0/16) then { accept; }\n  accept;\n}\n');
  });

  it('two-racks-ebgp node-b2: the rack-b peer only', () => {
    const out = renderCalicoNode(calicoResourcesFromDesign(scenario('two-racks-ebgp')), 'node-b2');
    expect(protocolNames(out.birdCfg)).toEqual(['Node_10_0_2_1']);
    expect(protocolBlock(out.birdCfg, 'Node_10_0_2_1')).toContain(
      '  neighbor 10.0.2.1 as 65002;\n  source address 10.0.2.12;',
    );
  });

  it('single-rack-mesh node-a1: iBGP mesh with the other nodes, not the ToR', () => {
    const out = renderCalicoNode(calicoResourcesFromDesign(scenario('single-rack-mesh')), 'node-a1');
    expect(protocolNames(out.birdCfg)).toEqual(['Mesh_10_0_1_12', 'Mesh_10_0_1_13']);
    expect(protocolBlock(out.birdCfg, 'Mesh_10_0_1_12')).toContain('  neighbor 10.0.1.12 as 64512;\n');
    expect(protocolBlock(out.birdCfg, 'Mesh_10_0_1_12')).toContain('    calico_export_to_bgp_peers(true);\n');
    expect(protocolBlock(out.birdCfg, 'Mesh_10_0_1_12')).toContain('  passive on;\n}');
    expect(out.birdCfg).toContain('# No v4 BGPFilters configured\n');
  });
});
