import { describe, expect, it } from 'vitest';
import { formatReadIssue, readCalicoResources } from './read';
import type { CalicoResourceSet } from './types';

function read(text: string): CalicoResourceSet {
  const r = readCalicoResources(text);
  if (!r.ok) throw new Error(r.error.map(formatReadIssue).join('\n'));
  return r.value;
}
const issues = (text: string) => {
  const r = readCalicoResources(text);
  return r.ok ? [] : r.error.map(formatReadIssue);
};

describe('readCalicoResources', () => {
  it('reads the kinds calico-node uses from a multi-document file, ignoring other kinds', () => {
    const set = read(`apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: { name: default }
spec: { asNumber: 64512, nodeToNodeMeshEnabled: false, listenPort: 179, serviceClusterIPs: [{ cidr: 10.96.0.0/12 }, {}] }
---
apiVersion: projectcalico.org/v3
kind: FelixConfiguration
metadata: { name: default }
spec: { ipv4ElevatedRoutePriority: 512, bpfEnabled: false, logSeverityScreen: Info }
---
apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: node-1, labels: { rack: rack-a, global-peer: yes } }
spec: { bgp: { ipv4Address: 10.0.1.11/24, asNumber: 65101 }, addresses: [{ address: 10.0.1.11 }], orchRefs: [] }
status: { podCIDRs: [] }
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: { name: pool }
spec: { cidr: 10.244.0.0/16, ipipMode: Never, vxlanMode: Never, natOutgoing: false, nodeSelector: all() }
---
apiVersion: projectcalico.org/v3
kind: BlockAffinity
metadata: { name: node-1-10-244-1-0-26 }
spec: { node: node-1, cidr: 10.244.1.0/26, state: confirmed, deleted: false }
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: deny }
spec: {}
---
apiVersion: v1
kind: Service
metadata: { name: svc }
`);
    expect(set.bgpConfiguration?.spec).toEqual({
      asNumber: 64512,
      nodeToNodeMeshEnabled: false,
      listenPort: 179,
      serviceClusterIPs: [{ cidr: '10.96.0.0/12' }, {}],
    });
    // Every Felix setting is kept (liveroute reads a few, the rest go back out as they came).
    expect(set.felixConfiguration?.spec).toEqual({
      ipv4ElevatedRoutePriority: 512,
      bpfEnabled: false,
      logSeverityScreen: 'Info',
    });
    expect(set.nodes).toEqual([
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'Node',
        metadata: { name: 'node-1', labels: { rack: 'rack-a', 'global-peer': 'yes' } },
        spec: { bgp: { ipv4Address: '10.0.1.11/24', asNumber: 65101 } },
      },
    ]);
    expect(set.ipPools[0]?.spec).toEqual({
      cidr: '10.244.0.0/16',
      ipipMode: 'Never',
      vxlanMode: 'Never',
      natOutgoing: false,
      nodeSelector: 'all()',
    });
    expect(set.blockAffinities[0]?.spec).toEqual({
      node: 'node-1',
      cidr: '10.244.1.0/26',
      state: 'confirmed',
      deleted: false,
    });
    expect(set.ignored).toEqual([
      { kind: 'GlobalNetworkPolicy', name: 'deny', reason: 'not read by calico-node to configure BGP' },
      { kind: 'Service', name: 'svc', reason: 'apiVersion v1 is not a Calico API' },
    ]);
  });

  it('unwraps List and <Kind>List objects and drops server-side metadata', () => {
    const set = read(`apiVersion: projectcalico.org/v3
kind: BGPPeerList
metadata: { resourceVersion: "123" }
items:
  - metadata:
      name: rack-a-tor
      uid: 3f1c
      resourceVersion: "99"
      creationTimestamp: "2026-01-01T00:00:00Z"
      managedFields: [{ manager: kubectl }]
      annotations: { kubectl.kubernetes.io/last-applied-configuration: "{}" }
    spec: { nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001 }
---
apiVersion: v1
kind: List
items:
  - apiVersion: crd.projectcalico.org/v1
    kind: BGPFilter
    metadata: { name: f, generation: 2 }
    spec: { exportV4: [{ action: Reject }] }
  - apiVersion: crd.projectcalico.org/v1
    kind: BlockAffinity
    metadata: { name: n1-10-244-0-0-26 }
    spec: { node: n1, cidr: 10.244.0.0/26, state: confirmed, deleted: "false" }
`);
    expect(set.bgpPeers).toEqual([
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'BGPPeer',
        metadata: { name: 'rack-a-tor' },
        spec: { nodeSelector: "rack == 'rack-a'", peerIP: '10.0.1.1', asNumber: 65001 },
      },
    ]);
    expect(set.bgpFilters[0]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPFilter',
      metadata: { name: 'f' },
      spec: { exportV4: [{ action: 'Reject' }] },
    });
    expect(set.blockAffinities[0]?.spec.deleted).toBe(false);
    expect(set.ignored).toEqual([]);
  });

  it('reads Kubernetes Nodes with Calico’s annotations', () => {
    const set = read(`apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels: { kubernetes.io/hostname: worker-1 }
  annotations:
    projectcalico.org/IPv4Address: 10.0.1.11/24
    projectcalico.org/ASNumber: "65101"
    projectcalico.org/RouteReflectorClusterID: 224.0.0.1
    node.alpha.kubernetes.io/ttl: "0"
spec: { podCIDR: 10.244.0.0/24 }
`);
    expect(set.nodes[0]).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'Node',
      metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } },
      spec: { bgp: { ipv4Address: '10.0.1.11/24', asNumber: 65101, routeReflectorClusterID: '224.0.0.1' } },
    });
    expect(
      issues(
        'apiVersion: v1\nkind: Node\nmetadata:\n  name: w\n  annotations:\n    projectcalico.org/IPv4Address: 10.0.1.300/24\n',
      ),
    ).toEqual([
      'document 1, metadata.annotations["projectcalico.org/IPv4Address"] (line 6): 10.0.1.300/24 is not an IPv4 address with an optional prefix length (e.g. 10.192.0.2/16)',
    ]);
  });

  it('drops unknown fields and lists them, per object', () => {
    const set = read(`apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: { name: p }
spec: { peerIP: 10.0.0.1, asNumber: 65000, futureField: 1, password: { secretKeyRef: { key: k, other: x } } }
extra: 1
`);
    expect(set.bgpPeers[0]?.spec).toEqual({
      peerIP: '10.0.0.1',
      asNumber: 65000,
      password: { secretKeyRef: { key: 'k' } },
    });
    expect(set.ignored).toEqual([
      { kind: 'BGPPeer', name: 'p', reason: 'unknown field, not read', field: 'extra' },
      { kind: 'BGPPeer', name: 'p', reason: 'unknown field, not read', field: 'spec.futureField' },
      { kind: 'BGPPeer', name: 'p', reason: 'unknown field, not read', field: 'spec.password.secretKeyRef.other' },
    ]);
  });

  it('ignores non-default BGP and Felix configurations, and accepts `spec:` left empty', () => {
    const set = read(
      'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: node.n1 }\nspec: { listenPort: 1790 }\n---\napiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: default }\nspec:\n',
    );
    expect(set.bgpConfiguration?.spec).toEqual({});
    expect(set.ignored).toEqual([
      {
        kind: 'BGPConfiguration',
        name: 'node.n1',
        reason: 'only the "default" BGPConfiguration is modelled (per-node settings are not)',
      },
    ]);
  });

  it('reports wrong types with document, path and line; nothing is returned', () => {
    const text = `apiVersion: projectcalico.org/v3
kind: IPPool
metadata: { name: ok }
spec: { cidr: 10.244.0.0/16 }
---
apiVersion: projectcalico.org/v3
kind: BGPPeerList
items:
  - metadata: { name: p }
    spec:
      peerIP: 10.0.0.1
      asNumber: "65000"
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: { name: bad }
spec: { cidr: 10.244.0.1/16, blockSize: 19, ipipMode: Sometimes }
`;
    expect(issues(text)).toEqual([
      'document 2, items[0].spec.asNumber (line 12): expected an AS number, got the string "65000"',
      'document 3, spec.cidr (line 17): 10.244.0.1/16 is not a masked IPv4 or IPv6 prefix (address/length, no host bits)',
      'document 3, spec.ipipMode (line 17): must be Never, Always or CrossSubnet, got the string "Sometimes"',
    ]);
    const r = readCalicoResources(text);
    expect(r.ok ? undefined : r.error[0]).toMatchObject({
      document: 1,
      path: ['items', 0, 'spec', 'asNumber'],
      line: 12,
    });
  });

  it('refuses YAML syntax errors, objects without kind, and duplicates', () => {
    expect(issues('kind: BGPPeer\nmetadata: { name: [\n')[0]).toMatch(
      /^document 1, \(document\) \(line \d+\): YAML syntax: /,
    );
    expect(issues('apiVersion: projectcalico.org/v3\nmetadata: { name: x }\n')).toEqual([
      'document 1, kind (line 1): kind is required (e.g. BGPPeer)',
    ]);
    expect(issues('a\n')).toEqual([
      'document 1, (document) (line 1): a Calico object is a mapping with apiVersion, kind, metadata and spec',
    ]);
    // A sequence (calicoctl's several results) is read entry by entry.
    expect(issues('- a\n- b\n')).toEqual([
      'document 1, [0] (line 1): a Calico object is a mapping with apiVersion, kind, metadata and spec',
      'document 1, [1] (line 2): a Calico object is a mapping with apiVersion, kind, metadata and spec',
    ]);
    const peer =
      'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: p }\nspec: { peerIP: 10.0.0.1, asNumber: 1 }\n';
    expect(issues(`${peer}---\n${peer}`)).toEqual([
      'document 2, metadata.name (line 8): BGPPeer p is defined twice (first in document 1)',
    ]);
  });

  it('checks the cross-field rules it knows (pool block size per family, encapsulation)', () => {
    expect(
      issues(
        'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: { name: p }\nspec: { cidr: "fd00::/64", blockSize: 26, ipipMode: Always }\n',
      ),
    ).toEqual([
      'document 1, spec.blockSize (line 4): an IPv6 blockSize is from 116 to 128',
      'document 1, spec.ipipMode (line 4): IPIP is not supported on IPv6 pools',
    ]);
  });

  it('reads an empty text as an empty set', () => {
    expect(read('')).toEqual({
      nodes: [],
      ipPools: [],
      bgpPeers: [],
      bgpFilters: [],
      blockAffinities: [],
      ignored: [],
    });
  });
});
