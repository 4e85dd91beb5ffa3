/** Copy and paste: fresh names, subnets, addresses, blocks and AS numbers; remapped references. */
import { describe, expect, it } from 'vitest';
import { copy, paste } from './clipboard';
import { addRouter } from './add';
import { remove } from './remove';
import { smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';

const valid = (doc: Topology) => expect(validationErrors(doc)).toEqual([]);

describe('copy', () => {
  it('takes a rack with its members, their VMs, the links, sessions, BGPPeers and positions that touch them', () => {
    const f = copy(smallFabric(), ['rack-a']);
    expect(f.kind).toBe('liveroute/fragment');
    expect(f.racks.map((r) => r.name)).toEqual(['rack-a']);
    expect(f.nodes.map((n) => n.name)).toEqual(['node-a1', 'node-a2']);
    expect(f.routers.map((r) => r.name)).toEqual(['tor-a']);
    expect(f.vms.map((v) => v.name)).toEqual(['vm-1']);
    expect(f.links).toEqual([['tor-a', 'spine-1']]);
    expect(f.sessions).toEqual([['tor-a', 'spine-1']]);
    expect(f.peers.map((p) => p.metadata.name)).toEqual(['rack-a-tor-a']);
    expect(f.positions).toEqual({ 'rack-a': [0, 0], 'tor-a': [10, 10], 'node-a1': [20, 60] });
  });

  it('is a copy: editing the fragment leaves the design alone', () => {
    const doc = smallFabric();
    const f = copy(doc, ['rack-a']);
    f.nodes[0]!.address = '10.9.9.9';
    expect(doc.spec.nodes[0]?.address).toBe('10.0.1.11');
  });
});

describe('paste', () => {
  it('a rack gets a new name, subnet, addresses, blocks, AS numbers, VM and remapped BGPPeer', () => {
    const doc0 = smallFabric();
    const { doc, created } = unwrap(paste(doc0, copy(doc0, ['rack-a'])));
    valid(doc);
    expect(created).toEqual(['rack-b', 'tor-b', 'node-b1', 'node-b2', 'vm-2']);
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
      { name: 'node-b1', rack: 'rack-b', address: '10.0.2.11', asNumber: 65103, blocks: ['10.244.0.0/26'] },
      { name: 'node-b2', rack: 'rack-b', address: '10.0.2.12', asNumber: 65104, blocks: ['10.244.0.64/26'] },
    ]);
    expect(doc.spec.vms.at(-1)).toEqual({ name: 'vm-2', ip: '10.244.0.1', node: 'node-b1' });
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
    expect(doc.spec.layout?.positions).toMatchObject({ 'rack-b': [40, 40], 'tor-b': [10, 10], 'node-b1': [20, 60] });
    expect(doc0).toEqual(smallFabric());
  });

  it('twice gives a third rack with its own values', () => {
    const doc0 = smallFabric();
    const f = copy(doc0, ['rack-a']);
    const once = unwrap(paste(doc0, f)).doc;
    const { doc, created } = unwrap(paste(once, f, [0, 100]));
    valid(doc);
    expect(created).toEqual(['rack-c', 'tor-c', 'node-c1', 'node-c2', 'vm-3']);
    expect(doc.spec.racks.at(-1)).toEqual({ name: 'rack-c', subnet: '10.0.3.0/24' });
    expect(doc.spec.routers.at(-1)).toMatchObject({ name: 'tor-c', asNumber: 65003, address: '10.0.3.1' });
    expect(doc.spec.nodes.slice(4).map((n) => [n.name, n.address, n.asNumber, n.blocks])).toEqual([
      ['node-c1', '10.0.3.11', 65105, ['10.244.0.128/26']],
      ['node-c2', '10.0.3.12', 65106, ['10.244.0.192/26']],
    ]);
    expect(doc.spec.calicoResources.at(-1)).toMatchObject({
      metadata: { name: 'rack-c-tor-c' },
      spec: { nodeSelector: "rack == 'rack-c'", peerIP: '10.0.3.1', asNumber: 65003 },
    });
    expect(doc.spec.layout?.positions?.['rack-c']).toEqual([0, 100]);
  });

  it('keeps a shared node AS shared', () => {
    const doc0 = smallFabric();
    doc0.spec.nodes.forEach((n) => (n.asNumber = 65100));
    const doc = unwrap(paste(doc0, copy(doc0, ['rack-a']))).doc;
    valid(doc);
    expect(doc.spec.nodes.map((n) => n.asNumber)).toEqual([65100, 65100, 65100, 65100]);
  });

  it('a spine gets the next loopback and name, and its links and sessions to the originals', () => {
    const doc0 = smallFabric();
    const { doc, created } = unwrap(paste(doc0, copy(doc0, ['spine-1'])));
    valid(doc);
    expect(created).toEqual(['spine-2']);
    expect(doc.spec.routers.at(-1)).toEqual({
      name: 'spine-2',
      role: 'spine',
      asNumber: 65000,
      address: '10.0.0.2',
      platform: 'bird1',
    });
    expect(doc.spec.links).toEqual([
      ['tor-a', 'spine-1'],
      ['tor-a', 'spine-2'],
    ]);
    expect(doc.spec.sessions).toEqual([
      ['tor-a', 'spine-1'],
      ['tor-a', 'spine-2'],
    ]);
    expect(doc.spec.layout?.positions?.['spine-2']).toEqual([240, -60]);
  });

  it('a route reflector gets a cluster ID equal to its new address', () => {
    const doc0 = unwrap(addRouter(smallFabric(), 'route-reflector')).doc;
    const doc = unwrap(paste(doc0, copy(doc0, ['rr-1']))).doc;
    valid(doc);
    expect(doc.spec.routers.at(-1)).toEqual({
      name: 'rr-2',
      role: 'route-reflector',
      asNumber: 65000,
      address: '10.0.0.3',
      platform: 'bird1',
      routeReflector: { clusterId: '10.0.0.3' },
    });
  });

  it('a node alone stays in its rack with a free address, a new block, AS and VM', () => {
    const doc0 = smallFabric();
    const { doc, created } = unwrap(paste(doc0, copy(doc0, ['node-a1'])));
    valid(doc);
    expect(created).toEqual(['node-a1-2', 'vm-2']);
    expect(doc.spec.nodes.at(-1)).toEqual({
      name: 'node-a1-2',
      rack: 'rack-a',
      address: '10.0.1.13',
      asNumber: 65103,
      blocks: ['10.244.0.0/26'],
    });
    expect(doc.spec.vms.at(-1)).toEqual({ name: 'vm-2', ip: '10.244.0.1', node: 'node-a1-2' });
  });

  it('a ToR alone joins its rack, until the rack has two', () => {
    const doc0 = smallFabric();
    const f = copy(doc0, ['tor-a']);
    const { doc } = unwrap(paste(doc0, f));
    valid(doc);
    expect(doc.spec.routers.at(-1)).toMatchObject({
      name: 'tor-a-2',
      rack: 'rack-a',
      asNumber: 65001,
      address: '10.0.1.2',
    });
    expect(paste(doc, f)).toEqual({ ok: false, error: 'rack rack-a already has two ToRs' });
  });

  it('refuses members of a rack that is gone', () => {
    const doc0 = smallFabric();
    const f = copy(doc0, ['node-a1']);
    expect(paste(remove(doc0, { elements: ['rack-a'] }), f)).toEqual({
      ok: false,
      error: 'rack rack-a no longer exists',
    });
  });
});
