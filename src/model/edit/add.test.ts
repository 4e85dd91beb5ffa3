/** Adding racks (templates), nodes, routers and VMs: free names, addresses, blocks, AS numbers. */
import { describe, expect, it } from 'vitest';
import { addNode, addRack, addRouter, addVm } from './add';
import { mustParse, smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';

const EMPTY = 'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: e }\nspec: {}\n';
const valid = (doc: Topology) => expect(validationErrors(doc)).toEqual([]);

describe('addRack', () => {
  it('with one ToR: next name, subnet, ToR AS, per-node AS, blocks, spine links and the BGPPeer', () => {
    const before = smallFabric();
    const { doc, created } = unwrap(addRack(before, { torsPerRack: 1, nodesPerRack: 2 }, [100.4, 200.6]));
    valid(doc);
    expect(created).toEqual(['rack-b', 'tor-b', 'node-b1', 'node-b2']);
    expect(doc.spec.racks.at(-1)).toEqual({ name: 'rack-b', subnet: '10.0.2.0/24' });
    expect(doc.spec.routers.at(-1)).toEqual({
      name: 'tor-b',
      role: 'tor',
      rack: 'rack-b',
      asNumber: 65002,
      address: '10.0.2.1',
      platform: 'bird1',
      policy: { elevatedCommunity: '65000:100' },
    });
    expect(doc.spec.nodes.slice(2)).toEqual([
      { name: 'node-b1', rack: 'rack-b', address: '10.0.2.11', asNumber: 65201, blocks: ['10.244.0.0/26'] },
      { name: 'node-b2', rack: 'rack-b', address: '10.0.2.12', asNumber: 65202, blocks: ['10.244.0.64/26'] },
    ]);
    expect(doc.spec.links).toEqual([
      ['tor-a', 'spine-1'],
      ['tor-b', 'spine-1'],
    ]);
    expect(doc.spec.sessions).toEqual([
      ['tor-a', 'spine-1'],
      ['tor-b', 'spine-1'],
    ]);
    expect(doc.spec.calicoResources.at(-1)).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: 'rack-b-tor-b' },
      spec: {
        nodeSelector: "rack == 'rack-b'",
        peerIP: '10.0.2.1',
        asNumber: 65002,
        filters: ['kubevirt-live-migration'],
      },
    });
    expect(doc.spec.layout?.positions?.['rack-b']).toEqual([100, 201]);
    expect(before).toEqual(smallFabric());
  });

  it('with two ToRs sharing the rack AS, a given name and platform, nodes in the cluster AS', () => {
    const { doc, created } = unwrap(
      addRack(smallFabric(), { name: 'rack-x', torsPerRack: 2, nodesPerRack: 1, platform: 'frr', nodeAs: 'cluster' }),
    );
    valid(doc);
    expect(created).toEqual(['rack-x', 'tor-x1', 'tor-x2', 'node-x1']);
    expect(doc.spec.routers.slice(2).map((r) => [r.name, r.asNumber, r.address, r.platform])).toEqual([
      ['tor-x1', 65002, '10.0.2.1', 'frr'],
      ['tor-x2', 65002, '10.0.2.2', 'frr'],
    ]);
    expect(doc.spec.nodes.at(-1)).toEqual({
      name: 'node-x1',
      rack: 'rack-x',
      address: '10.0.2.11',
      blocks: ['10.244.0.0/26'],
    });
    expect(
      doc.spec.calicoResources.slice(2).map((p) => [p.metadata.name, p.kind === 'BGPPeer' && p.spec.peerIP]),
    ).toEqual([
      ['rack-x-tor-x1', '10.0.2.1'],
      ['rack-x-tor-x2', '10.0.2.2'],
    ]);
    expect(doc.spec.links.slice(1)).toEqual([
      ['tor-x1', 'spine-1'],
      ['tor-x2', 'spine-1'],
    ]);
  });

  it('into an empty design: rack-a, 10.0.1.0/24, AS 65001, nodes in the cluster AS, no filters', () => {
    const { doc, created } = unwrap(addRack(mustParse(EMPTY), { torsPerRack: 1, nodesPerRack: 1 }));
    valid(doc);
    expect(created).toEqual(['rack-a', 'tor-a', 'node-a1']);
    expect(doc.spec).toMatchObject({
      racks: [{ name: 'rack-a', subnet: '10.0.1.0/24' }],
      nodes: [{ name: 'node-a1', rack: 'rack-a', address: '10.0.1.11', blocks: ['10.244.0.0/26'] }],
      routers: [
        { name: 'tor-a', role: 'tor', rack: 'rack-a', asNumber: 65001, address: '10.0.1.1', platform: 'bird1' },
      ],
      links: [],
      sessions: [],
    });
    expect(doc.spec.calicoResources).toEqual([
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'BGPPeer',
        metadata: { name: 'rack-a-tor-a' },
        spec: { nodeSelector: "rack == 'rack-a'", peerIP: '10.0.1.1', asNumber: 65001 },
      },
    ]);
    expect(doc.spec.layout).toBeUndefined();
  });

  it('without ToRs: only the rack and its nodes, no BGPPeer', () => {
    const { doc, created } = unwrap(addRack(smallFabric(), { torsPerRack: 0, nodesPerRack: 1 }));
    valid(doc);
    expect(created).toEqual(['rack-b', 'node-b1']);
    expect(doc.spec.routers).toHaveLength(2);
    expect(doc.spec.calicoResources).toHaveLength(2);
    expect(doc.spec.nodes.at(-1)).toEqual({
      name: 'node-b1',
      rack: 'rack-b',
      address: '10.0.2.11',
      asNumber: 65201,
      blocks: ['10.244.0.0/26'],
    });
  });

  it('refuses templates outside 0..64 nodes', () => {
    expect(addRack(smallFabric(), { torsPerRack: 1, nodesPerRack: 65 })).toEqual({
      ok: false,
      error: 'a rack template has 0 to 64 nodes',
    });
    expect(addRack(smallFabric(), { torsPerRack: 1, nodesPerRack: -1 })).toEqual({
      ok: false,
      error: 'a rack template has 0 to 64 nodes',
    });
  });

  it('refuses when no /24 is left in 10.0.0.0/16', () => {
    const doc = mustParse(EMPTY);
    for (let i = 1; i < 256; i++) doc.spec.racks.push({ name: `r${i}`, subnet: `10.0.${i}.0/24` });
    expect(addRack(doc, { torsPerRack: 1, nodesPerRack: 0 })).toEqual({
      ok: false,
      error: 'no free /24 left in 10.0.0.0/16 for a new rack',
    });
  });
});

describe('addNode', () => {
  it('gets the next free address and block, and the next AS when the rack’s nodes differ', () => {
    const first = unwrap(addNode(smallFabric(), 'rack-a', [30, 90]));
    valid(first.doc);
    expect(first.created).toEqual(['node-a3']);
    expect(first.doc.spec.nodes.at(-1)).toEqual({
      name: 'node-a3',
      rack: 'rack-a',
      address: '10.0.1.13',
      asNumber: 65103,
      blocks: ['10.244.0.0/26'],
    });
    expect(first.doc.spec.layout?.positions?.['node-a3']).toEqual([30, 90]);
    const second = unwrap(addNode(first.doc, 'rack-a'));
    valid(second.doc);
    expect(second.doc.spec.nodes.at(-1)).toEqual({
      name: 'node-a4',
      rack: 'rack-a',
      address: '10.0.1.14',
      asNumber: 65104,
      blocks: ['10.244.0.64/26'],
    });
  });

  it('shares the rack’s AS when its nodes share one, and uses the cluster AS when they do', () => {
    const shared = smallFabric();
    shared.spec.nodes.forEach((n) => (n.asNumber = 65100));
    expect(unwrap(addNode(shared, 'rack-a')).doc.spec.nodes.at(-1)?.asNumber).toBe(65100);
    const cluster = smallFabric();
    cluster.spec.nodes.forEach((n) => delete n.asNumber);
    const added = unwrap(addNode(cluster, 'rack-a')).doc;
    valid(added);
    expect(added.spec.nodes.at(-1)).toEqual({
      name: 'node-a3',
      rack: 'rack-a',
      address: '10.0.1.13',
      blocks: ['10.244.0.0/26'],
    });
  });

  it('refuses an unknown rack and a full one', () => {
    expect(addNode(smallFabric(), 'rack-z')).toEqual({ ok: false, error: 'unknown rack rack-z' });
    const small = smallFabric();
    small.spec.racks[0]!.subnet = '10.0.1.0/28';
    small.spec.nodes.push(
      { name: 'node-a3', rack: 'rack-a', address: '10.0.1.13' },
      { name: 'node-a4', rack: 'rack-a', address: '10.0.1.14' },
    );
    valid(small);
    expect(addNode(small, 'rack-a')).toEqual({ ok: false, error: 'rack rack-a has no free address left' });
  });
});

describe('addRouter', () => {
  it.each([
    ['spine', { name: 'spine-2', role: 'spine', asNumber: 65000, address: '10.0.0.2', platform: 'bird1' }],
    [
      'route-reflector',
      {
        name: 'rr-1',
        role: 'route-reflector',
        asNumber: 65000,
        address: '10.0.0.2',
        platform: 'bird1',
        routeReflector: { clusterId: '10.0.0.2' },
      },
    ],
    ['border', { name: 'border-1', role: 'border', asNumber: 65100, address: '10.0.0.2', platform: 'bird1' }],
  ] as const)('adds a %s on the next loopback', (role, router) => {
    const { doc, created } = unwrap(addRouter(smallFabric(), role, undefined, [5, 5]));
    valid(doc);
    expect(created).toEqual([router.name]);
    expect(doc.spec.routers.at(-1)).toEqual(router);
    expect(doc.spec.layout?.positions?.[router.name]).toEqual([5, 5]);
  });

  it("adds a second ToR to a rack, in the rack subnet and the first ToR's AS, with the ToR policy", () => {
    const { doc } = unwrap(addRouter(smallFabric(), 'tor', 'rack-a'));
    valid(doc);
    expect(doc.spec.routers.at(-1)).toEqual({
      name: 'tor-a2',
      role: 'tor',
      rack: 'rack-a',
      asNumber: 65001,
      address: '10.0.1.2',
      platform: 'bird1',
      policy: { elevatedCommunity: '65000:100' },
    });
    expect(addRouter(doc, 'tor', 'rack-a')).toEqual({ ok: false, error: 'rack rack-a already has two ToRs' });
  });

  it('needs a rack for a ToR and a free loopback for the others', () => {
    expect(addRouter(smallFabric(), 'tor')).toEqual({
      ok: false,
      error: 'drop a ToR onto a rack: a ToR belongs to one rack',
    });
    const full = smallFabric();
    for (let i = 2; i <= 254; i++)
      full.spec.routers.push({
        name: `s${i}`,
        role: 'spine',
        asNumber: 65000,
        address: `10.0.0.${i}`,
        platform: 'frr',
      });
    expect(addRouter(full, 'border')).toEqual({ ok: false, error: 'no free loopback left in 10.0.0.0/24' });
  });
});

describe('addVm', () => {
  it('takes the first free IP of the node’s block and the next vm-N name', () => {
    const one = unwrap(addVm(smallFabric(), 'node-a1'));
    valid(one.doc);
    expect(one.created).toEqual(['vm-2']);
    expect(one.doc.spec.vms.at(-1)).toEqual({ name: 'vm-2', ip: '10.244.1.1', node: 'node-a1' });
    const two = unwrap(addVm(one.doc, 'node-a2')).doc;
    valid(two);
    expect(two.spec.vms.at(-1)).toEqual({ name: 'vm-3', ip: '10.244.1.65', node: 'node-a2' });
  });

  it('uses the allocated block of a node without explicit blocks, and skips taken names', () => {
    const doc = smallFabric();
    doc.spec.nodes.push({ name: 'node-a3', rack: 'rack-a', address: '10.0.1.13' });
    doc.spec.vms[0]!.name = 'vm-2';
    const { doc: after } = unwrap(addVm(doc, 'node-a3'));
    valid(after);
    expect(after.spec.vms.at(-1)).toEqual({ name: 'vm-3', ip: '10.244.0.1', node: 'node-a3' });
  });

  it('runs only on a node', () => {
    expect(addVm(smallFabric(), 'tor-a')).toEqual({ ok: false, error: 'a VM runs on a Calico node: drop it onto one' });
  });
});
