/** The fabric generator: sizes, names, addresses, AS numbers, peers, VMs and limits. */
import { describe, expect, it } from 'vitest';
import { FABRIC_LIMITS, generateFabric } from './generate';
import { liveMigrationFilter } from '../calico/documented';
import { validationErrors } from '../test-support';

describe('generateFabric', () => {
  it('builds a small fabric exactly', () => {
    const doc = generateFabric({ racks: 2, nodesPerRack: 2, spines: 2, torsPerRack: 1, vms: 3 });
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.metadata).toEqual({ name: 'fabric-2x2', title: 'Generated fabric: 2 racks × 2 nodes, 2 spines' });
    expect(generateFabric({ racks: 1, nodesPerRack: 1, spines: 1, torsPerRack: 1, vms: 0 }).metadata.title).toBe(
      'Generated fabric: 1 rack × 1 node, 1 spine',
    );
    expect(doc.spec.cluster).toEqual({
      nodeToNodeMeshEnabled: false,
      ipPools: [{ name: 'default-ipv4-ippool', cidr: '10.244.0.0/16', blockSize: 26 }],
    });
    expect(doc.spec.racks).toEqual([
      { name: 'rack-01', subnet: '10.0.1.0/24' },
      { name: 'rack-02', subnet: '10.0.2.0/24' },
    ]);
    const policy = { elevatedCommunity: '65000:100' };
    expect(doc.spec.routers).toEqual([
      { name: 'spine-1', role: 'spine', asNumber: 65000, address: '10.0.0.1', platform: 'bird1', policy },
      { name: 'spine-2', role: 'spine', asNumber: 65000, address: '10.0.0.2', platform: 'bird1', policy },
      { name: 'border-1', role: 'border', asNumber: 64900, address: '10.0.0.254', platform: 'bird1', policy },
      { name: 'tor-01', role: 'tor', rack: 'rack-01', asNumber: 65001, address: '10.0.1.1', platform: 'bird1', policy },
      { name: 'tor-02', role: 'tor', rack: 'rack-02', asNumber: 65002, address: '10.0.2.1', platform: 'bird1', policy },
    ]);
    expect(doc.spec.nodes).toEqual([
      { name: 'node-01-1', rack: 'rack-01', address: '10.0.1.11', asNumber: 4200001001, blocks: ['10.244.0.0/26'] },
      { name: 'node-01-2', rack: 'rack-01', address: '10.0.1.12', asNumber: 4200001002, blocks: ['10.244.0.64/26'] },
      { name: 'node-02-1', rack: 'rack-02', address: '10.0.2.11', asNumber: 4200002001, blocks: ['10.244.0.128/26'] },
      { name: 'node-02-2', rack: 'rack-02', address: '10.0.2.12', asNumber: 4200002002, blocks: ['10.244.0.192/26'] },
    ]);
    const links = [
      ['spine-1', 'border-1'],
      ['spine-2', 'border-1'],
      ['tor-01', 'spine-1'],
      ['tor-01', 'spine-2'],
      ['tor-02', 'spine-1'],
      ['tor-02', 'spine-2'],
    ];
    expect(doc.spec.links).toEqual(links);
    expect(doc.spec.sessions).toEqual(links);
    expect(doc.spec.calicoResources).toEqual([
      liveMigrationFilter(),
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'BGPPeer',
        metadata: { name: 'rack-01-tor-01' },
        spec: {
          nodeSelector: "rack == 'rack-01'",
          peerIP: '10.0.1.1',
          asNumber: 65001,
          filters: ['kubevirt-live-migration'],
        },
      },
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'BGPPeer',
        metadata: { name: 'rack-02-tor-02' },
        spec: {
          nodeSelector: "rack == 'rack-02'",
          peerIP: '10.0.2.1',
          asNumber: 65002,
          filters: ['kubevirt-live-migration'],
        },
      },
    ]);
    expect(doc.spec.vms).toEqual([
      { name: 'vm-1', ip: '10.244.0.1', node: 'node-01-1' },
      { name: 'vm-2', ip: '10.244.0.65', node: 'node-01-2' },
      { name: 'vm-3', ip: '10.244.0.129', node: 'node-02-1' },
    ]);
    expect(doc.spec.migration).toEqual({ vm: 'vm-1', to: 'node-02-1' });
  });

  it('names ToR pairs per rack and peers each of them', () => {
    const doc = generateFabric({
      racks: 1,
      nodesPerRack: 1,
      spines: 1,
      torsPerRack: 2,
      vms: 1,
      platform: 'frr',
      name: 'pair',
    });
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.metadata.name).toBe('pair');
    expect(
      doc.spec.routers.filter((r) => r.role === 'tor').map((r) => [r.name, r.address, r.asNumber, r.platform]),
    ).toEqual([
      ['tor-01-1', '10.0.1.1', 65001, 'frr'],
      ['tor-01-2', '10.0.1.2', 65001, 'frr'],
    ]);
    expect(doc.spec.calicoResources.map((r) => r.metadata.name)).toEqual([
      'kubevirt-live-migration',
      'rack-01-tor-01-1',
      'rack-01-tor-01-2',
    ]);
    expect(doc.spec.migration).toBeUndefined();
  });

  it.each([
    [
      { racks: 10, nodesPerRack: 20, spines: 4, torsPerRack: 2 as const, vms: 500 },
      { racks: 10, nodes: 200, routers: 25, links: 84, peers: 20, vms: 500, pool: '10.244.0.0/16' },
    ],
    [
      { racks: 120, nodesPerRack: 10, spines: 2, torsPerRack: 1 as const, vms: 0 },
      { racks: 120, nodes: 1200, routers: 123, links: 242, peers: 120, vms: 0, pool: '10.128.0.0/15' },
    ],
    [
      { racks: 0, nodesPerRack: 5, spines: 1, torsPerRack: 1 as const, vms: 10 },
      { racks: 0, nodes: 0, routers: 2, links: 1, peers: 0, vms: 0, pool: '10.244.0.0/16' },
    ],
  ])('sizes %o', (spec, size) => {
    const doc = generateFabric(spec);
    expect(validationErrors(doc)).toEqual([]);
    expect({
      racks: doc.spec.racks.length,
      nodes: doc.spec.nodes.length,
      routers: doc.spec.routers.length,
      links: doc.spec.links.length,
      peers: doc.spec.calicoResources.length - 1,
      vms: doc.spec.vms.length,
      pool: doc.spec.cluster?.ipPools?.[0]?.cidr,
    }).toEqual(size);
  });

  it('pads rack numbers to the width of the rack count', () => {
    const doc = generateFabric({ racks: 100, nodesPerRack: 1, spines: 1, torsPerRack: 1, vms: 0 });
    expect(doc.spec.racks[0]).toEqual({ name: 'rack-001', subnet: '10.0.1.0/24' });
    expect(doc.spec.nodes.at(-1)).toMatchObject({ name: 'node-100-1', address: '10.0.100.11', asNumber: 4200100001 });
  });

  it('stops at 62 VMs per node (the room in a /26 after the network address)', () => {
    const doc = generateFabric({ racks: 1, nodesPerRack: 1, spines: 0, torsPerRack: 1, vms: 100 });
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.spec.vms).toHaveLength(62);
    expect(doc.spec.vms.at(-1)).toEqual({ name: 'vm-62', ip: '10.244.0.62', node: 'node-01-1' });
  });

  it('refuses sizes outside its limits', () => {
    const base = { racks: 1, nodesPerRack: 1, spines: 1, torsPerRack: 1 as const, vms: 0 };
    expect(FABRIC_LIMITS).toEqual({ racks: 200, nodesPerRack: 200, spines: 16, vms: 20000 });
    expect(() => generateFabric({ ...base, racks: 201 })).toThrow('racks must be a whole number from 0 to 200');
    expect(() => generateFabric({ ...base, nodesPerRack: -1 })).toThrow(
      'nodesPerRack must be a whole number from 0 to 200',
    );
    expect(() => generateFabric({ ...base, spines: 1.5 })).toThrow('spines must be a whole number from 0 to 16');
    expect(() => generateFabric({ ...base, vms: 20001 })).toThrow(RangeError);
  });
});
