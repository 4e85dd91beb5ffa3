/**
 * Peering rules of domain spec §3.1/§4.2 that Calico's golden files do not exercise: ports,
 * passive by string comparison, global/node de-duplication, reverse peerings, route reflectors,
 * local AS, next hop, timers, passwords.
 */
import { describe, expect, it } from 'vitest';
import { renderCalicoNode } from './index';
import { protocolBlock, protocolNames, resources } from './test-support';

const MESH_OFF = `apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: { name: default }
spec: { nodeToNodeMeshEnabled: false }
`;
const peer = (name: string, spec: string) =>
  `---\napiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
const bird = (yaml: string, node = 'kube-master', secrets?: Record<string, string>) =>
  renderCalicoNode(resources(yaml), node, secrets ? { secrets } : {}).birdCfg;

describe('mesh peers', () => {
  it('peers with every other node; the higher address by Go string order is passive', () => {
    const cfg = bird(
      'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: default }\nspec: {}\n',
    );
    expect(protocolNames(cfg)).toEqual(['Mesh_10_192_0_10', 'Mesh_10_192_0_3', 'Mesh_10_192_0_4']);
    // "10.192.0.10" < "10.192.0.2" as strings: kube-master connects to kube-node-10, not the other way.
    expect(protocolBlock(cfg, 'Mesh_10_192_0_10')).not.toContain('passive on;');
    expect(protocolBlock(cfg, 'Mesh_10_192_0_3')).toContain('passive on;');
  });

  it('leaves route reflectors out, and a route reflector has no mesh', () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: rr-1 }
spec: { bgp: { ipv4Address: 10.192.0.100/16, routeReflectorClusterID: 224.0.0.1 } }
`;
    expect(protocolNames(bird(yaml))).toEqual(['Mesh_10_192_0_10', 'Mesh_10_192_0_3', 'Mesh_10_192_0_4']);
    expect(bird(yaml, 'rr-1')).toContain('# No BGP peers configured for this node');
  });

  it('uses the listen port, password and restart time of the BGPConfiguration', () => {
    const cfg = bird(
      'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: default }\nspec: { listenPort: 1790, nodeMeshMaxRestartTime: 2m, nodeMeshPassword: { secretKeyRef: { name: bgp, key: mesh } } }\n',
      'kube-master',
      { 'bgp/mesh': 's3cret' },
    );
    const block = protocolBlock(cfg, 'Mesh_10_192_0_3') ?? '';
    expect(block).toContain('  neighbor 10.192.0.3 port 1790 as 64512;\n');
    expect(block.endsWith('  passive on;\n  graceful restart time 120;\n  password "s3cret";\n}\n')).toBe(true);
    expect(cfg).toContain('# BGP listen configuration\nlisten bgp port 1790;\n');
  });
});

describe('BGPPeer peerings', () => {
  it('names peers Global_/Node_ with _port_N, makes global peers to Calico nodes passive by string order', () => {
    const cfg = bird(
      MESH_OFF +
        peer('to-node-1', '{ peerIP: 10.192.0.3, asNumber: 64512 }') +
        peer('to-node-10', '{ peerIP: 10.192.0.10, asNumber: 64512 }') +
        peer('tor', "{ nodeSelector: \"role == 'master'\", peerIP: '10.0.0.1:1790', asNumber: 65000 }"),
    );
    expect(protocolNames(cfg)).toEqual(['Global_10_192_0_10', 'Global_10_192_0_3', 'Node_10_0_0_1_port_1790']);
    expect(protocolBlock(cfg, 'Global_10_192_0_3')).toContain('passive on;');
    expect(protocolBlock(cfg, 'Global_10_192_0_10')).not.toContain('passive on;');
    expect(protocolBlock(cfg, 'Node_10_0_0_1_port_1790')).toContain('  neighbor 10.0.0.1 port 1790 as 65000;\n');
  });

  it('drops a node peering to an address that has a global peering; the first BGPPeer by name wins', () => {
    const cfg = bird(
      MESH_OFF +
        peer('b-global', '{ peerIP: 10.0.0.1, asNumber: 65001 }') +
        peer('c-global', '{ peerIP: 10.0.0.1, asNumber: 65002 }') +
        peer('a-node', '{ node: kube-master, peerIP: 10.0.0.1, asNumber: 65003 }'),
    );
    expect(protocolNames(cfg)).toEqual(['Global_10_0_0_1']);
    expect(protocolBlock(cfg, 'Global_10_0_0_1')).toContain('neighbor 10.0.0.1 as 65001;');
  });

  it('adds the reverse peering on the nodes a peerSelector selects, unless reversePeering is Manual', () => {
    const yaml =
      MESH_OFF +
      peer('workers-to-master', '{ nodeSelector: "role == \'worker\'", peerSelector: "role == \'master\'" }');
    expect(protocolNames(bird(yaml, 'kube-node-1'))).toEqual(['Node_10_192_0_2']);
    expect(protocolNames(bird(yaml))).toEqual(['Node_10_192_0_10', 'Node_10_192_0_3', 'Node_10_192_0_4']);
    const manual =
      MESH_OFF +
      peer(
        'workers-to-master',
        '{ nodeSelector: "role == \'worker\'", peerSelector: "role == \'master\'", reversePeering: Manual }',
      );
    expect(bird(manual)).toContain('# No BGP peers configured for this node');
  });

  it('reverses a peerIP peering on the node with that address and AS', () => {
    const yaml = MESH_OFF + peer('n1-to-master', '{ node: kube-node-1, peerIP: 10.192.0.2, asNumber: 64512 }');
    expect(protocolNames(bird(yaml))).toEqual(['Node_10_192_0_3']);
    expect(
      bird(MESH_OFF + peer('n1-to-master', '{ node: kube-node-1, peerIP: 10.192.0.2, asNumber: 65000 }')),
    ).toContain('# No BGP peers configured');
  });

  it('makes the node a global peerIP names peer back with every node', () => {
    const yaml = MESH_OFF + peer('all-to-master', '{ peerIP: 10.192.0.2, asNumber: 64512 }');
    expect(protocolNames(bird(yaml, 'kube-node-1'))).toEqual(['Global_10_192_0_2']);
    expect(protocolNames(bird(yaml))).toEqual(['Node_10_192_0_10', 'Node_10_192_0_3', 'Node_10_192_0_4']);
  });

  it('reaches selected Calico nodes on the cluster listen port', () => {
    const cfg = bird(
      `${MESH_OFF.replace('nodeToNodeMeshEnabled: false', 'nodeToNodeMeshEnabled: false, listenPort: 177')}${peer('all', '{ peerSelector: "role == \'worker\'" }')}`,
    );
    expect(protocolNames(cfg)).toEqual([
      'Global_10_192_0_10_port_177',
      'Global_10_192_0_3_port_177',
      'Global_10_192_0_4_port_177',
    ]);
  });

  it('makes iBGP peers of a route reflector its clients, unless they share its cluster ID', () => {
    const rr = `apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: rr-1, labels: { role: rr } }
spec: { bgp: { ipv4Address: 10.192.0.100/16, routeReflectorClusterID: 224.0.0.1 } }
---
apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: rr-2, labels: { role: rr } }
spec: { bgp: { ipv4Address: 10.192.0.101/16, routeReflectorClusterID: 224.0.0.1 } }
---
${MESH_OFF}${peer('everyone', '{ peerSelector: all() }')}${peer('tor', '{ peerIP: 10.0.0.1, asNumber: 65000 }')}`;
    const cfg = bird(rr, 'rr-1');
    expect(protocolBlock(cfg, 'Global_10_192_0_2')).toContain('  rr client;\n  rr cluster id 224.0.0.1;\n');
    expect(protocolBlock(cfg, 'Global_10_192_0_101')).not.toContain('rr client');
    expect(protocolBlock(cfg, 'Global_10_0_0_1')).not.toContain('rr client');
    expect(protocolBlock(bird(rr), 'Global_10_192_0_100')).not.toContain('rr client');
  });

  it('renders every per-peer option in the template’s order', () => {
    const cfg = bird(
      MESH_OFF +
        peer(
          'tor',
          `{ node: kube-master, peerIP: 10.0.0.1, asNumber: 65000, localASNumber: 65010, ttlSecurity: 2, sourceAddress: None, maxRestartTime: 2m29.6s,
             keepaliveTime: 10.4s, password: { secretKeyRef: { name: bgp, key: tor } }, nextHopMode: Self, numAllowedLocalASNumbers: 1, filters: [none-such] }`,
        ),
      'kube-master',
      { 'bgp/tor': 'pw' },
    );
    expect(protocolBlock(cfg, 'Node_10_0_0_1')).toBe(`protocol bgp Node_10_0_0_1 from bgp_template {
  local as 65010;
  neighbor 10.0.0.1 as 65000;
  ttl security on;
  multihop 2;
  import filter {
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
    calico_export_to_bgp_peers(false);
    reject;
  };  # Only want to export routes for workloads.
  graceful restart time 150;
  keepalive time 10;
  password "pw";
  next hop self;
  allow local as 1;
}
`);
  });

  it('judges iBGP against the peer’s localASNumber, and keepOriginalNextHop only acts on eBGP', () => {
    const cfg = bird(
      MESH_OFF +
        peer('ebgp', '{ node: kube-master, peerIP: 10.0.0.1, asNumber: 65000, keepOriginalNextHop: true }') +
        peer(
          'local-as',
          '{ node: kube-master, peerIP: 10.0.0.2, asNumber: 65000, localASNumber: 65000, keepOriginalNextHop: true }',
        ) +
        peer('keep', '{ node: kube-master, peerIP: 10.0.0.3, asNumber: 64512, nextHopMode: Keep }'),
    );
    expect(protocolBlock(cfg, 'Node_10_0_0_1')).toContain('calico_export_to_bgp_peers(false);');
    expect(protocolBlock(cfg, 'Node_10_0_0_1')).toContain('  next hop keep;\n');
    expect(protocolBlock(cfg, 'Node_10_0_0_2')).toContain('calico_export_to_bgp_peers(true);');
    expect(protocolBlock(cfg, 'Node_10_0_0_2')).not.toContain('next hop keep;');
    expect(protocolBlock(cfg, 'Node_10_0_0_3')).toContain('calico_export_to_bgp_peers(true);');
    expect(protocolBlock(cfg, 'Node_10_0_0_3')).toContain('  next hop keep;\n');
  });

  it('leaves out a password whose secret is unknown, local-workload and IPv6 peers, and itself', () => {
    const cfg = bird(
      MESH_OFF +
        peer(
          'pw',
          '{ node: kube-master, peerIP: 10.0.0.1, asNumber: 65000, password: { secretKeyRef: { name: bgp, key: nope } } }',
        ) +
        peer('v6', "{ node: kube-master, peerIP: '[fd00::1]:179', asNumber: 65000 }") +
        peer('lw', '{ localWorkloadSelector: all(), asNumber: 65010 }') +
        peer('self', '{ node: kube-master, peerIP: 10.192.0.2, asNumber: 64512 }'),
    );
    expect(protocolNames(cfg)).toEqual(['Node_10_0_0_1']);
    expect(cfg).not.toContain('password');
  });

  it('adds reachableBy routes to static_template, global peers first', () => {
    const out = renderCalicoNode(
      resources(
        MESH_OFF +
          peer('g', '{ peerIP: 10.1.0.1, asNumber: 65000, reachableBy: 10.192.0.1 }') +
          peer('n', '{ node: kube-master, peerIP: 10.1.0.2, asNumber: 65000, reachableBy: 10.192.0.254 }'),
      ),
      'kube-master',
    );
    expect(out.birdAggrCfg).toBe(`# Generated by confd
template static static_template {
   # Static routes needed for global BGP peers.
   route 10.1.0.1/32 via 10.192.0.1;
   # Static routes needed for node specific BGP peers.
   route 10.1.0.2/32 via 10.192.0.254;
}

protocol static from static_template {
}

# Aggregation of routes on this host; export the block, nothing beneath it.
function calico_aggr ()
{
}
`);
  });
});
