/**
 * The cluster settings a design keeps beside the ones it models (spec.cluster.bgpConfiguration,
 * .felixConfiguration, the pools' other IPPool fields): what they accept, what they refuse and
 * where a modelled field belongs instead.
 */
import { describe, expect, it } from 'vitest';
import { edit, errorsOf, mustParse } from '../test-support';

const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: lab }
spec:
  cluster:
    ipPools:
      - { name: pool-a, cidr: 10.244.0.0/16, blockSize: 26 }
    routePriority: { normal: 1024, elevated: 512 }
`;

describe('kept Calico settings', () => {
  it('accepts every IPPool field, the BGPConfiguration fields confd reads and any Felix setting', () => {
    const doc = mustParse(
      edit(
        BASE,
        'blockSize: 26 }',
        `blockSize: 26, natOutgoing: true, ipipMode: CrossSubnet, allowedUses: [Workload], assignmentMode: Manual, nodeSelector: "zone == 'a'", disabled: false }
    bgpConfiguration: { logSeverityScreen: Debug, serviceClusterIPs: [{ cidr: 10.96.0.0/12 }], listenPort: 1790 }
    felixConfiguration: { bpfEnabled: true, healthPort: 9099, failsafeInboundHostPorts: [{ protocol: tcp, port: 22 }] }`,
      ),
    );
    expect(doc.spec.cluster?.ipPools?.[0]).toMatchObject({
      natOutgoing: true,
      ipipMode: 'CrossSubnet',
      allowedUses: ['Workload'],
      assignmentMode: 'Manual',
    });
    expect(doc.spec.cluster?.bgpConfiguration).toEqual({
      logSeverityScreen: 'Debug',
      serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
      listenPort: 1790,
    });
    expect(doc.spec.cluster?.felixConfiguration).toEqual({
      bpfEnabled: true,
      healthPort: 9099,
      failsafeInboundHostPorts: [{ protocol: 'tcp', port: 22 }],
    });
  });

  it.each([
    [
      'a modelled BGPConfiguration field',
      'bgpConfiguration: { asNumber: 65000 }',
      "spec.cluster.bgpConfiguration.asNumber (line 8): BGPConfiguration's asNumber is set by spec.cluster.asNumber, not here",
    ],
    [
      'a modelled Felix field',
      'felixConfiguration: { ipv4ElevatedRoutePriority: 100 }',
      "spec.cluster.felixConfiguration.ipv4ElevatedRoutePriority (line 8): FelixConfiguration's ipv4ElevatedRoutePriority is set by spec.cluster.routePriority.elevated, not here",
    ],
    [
      'an unknown BGPConfiguration field',
      'bgpConfiguration: { peerTimeout: 5s }',
      'spec.cluster.bgpConfiguration.peerTimeout (line 8): unknown field "peerTimeout": not a BGPConfiguration spec field of Calico v3.32',
    ],
    [
      'a wrongly typed BGPConfiguration field',
      'bgpConfiguration: { listenPort: 70000 }',
      'spec.cluster.bgpConfiguration.listenPort (line 8): listenPort is from 1 to 65535',
    ],
    [
      'a Felix field that is not a field name',
      'felixConfiguration: { "bad key": 1 }',
      'spec.cluster.felixConfiguration["bad key"] (line 8): "bad key" is not a FelixConfiguration field name',
    ],
  ])('refuses %s', (_what, line, message) => {
    expect(errorsOf(edit(BASE, '    routePriority:', `    ${line}\n    routePriority:`))).toEqual([message]);
  });

  it('refuses both encapsulations at once, as Calico does', () => {
    expect(errorsOf(edit(BASE, 'blockSize: 26 }', 'blockSize: 26, ipipMode: Always, vxlanMode: Always }'))).toEqual([
      'spec.cluster.ipPools[0].vxlanMode (line 7): ipipMode and vxlanMode cannot both be enabled',
    ]);
  });
});
