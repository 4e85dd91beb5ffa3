/** Address and AS changes that carry their consequences (rack subnet, moving nodes and ToRs, router address and AS). */
import { describe, expect, it } from 'vitest';
import { changeRackSubnet, changeRouterAddress, changeRouterAs, moveNodeToRack, moveTorToRack } from './readdress';
import { addRack } from './add';
import { connect } from './connect';
import { smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';
import type { BGPPeer } from '../calico/resources';

const valid = (doc: Topology) => expect(validationErrors(doc)).toEqual([]);
const peerIPs = (doc: Topology) =>
  doc.spec.calicoResources
    .filter((r): r is BGPPeer => r.kind === 'BGPPeer')
    .map((p) => [p.metadata.name, p.spec.peerIP]);
/** smallFabric plus an empty rack-b (10.0.2.0/24, no ToR). */
function withRackB(): Topology {
  const doc = unwrap(addRack(smallFabric(), { torsPerRack: 0, nodesPerRack: 0 })).doc;
  expect(doc.spec.racks.at(-1)).toEqual({ name: 'rack-b', subnet: '10.0.2.0/24' });
  valid(doc);
  return doc;
}

describe('changeRackSubnet', () => {
  it('renumbers the members with their host numbers and retargets BGPPeers', () => {
    const doc = unwrap(changeRackSubnet(smallFabric(), 'rack-a', '10.0.5.0/28'));
    valid(doc);
    expect(doc.spec.racks[0]).toEqual({ name: 'rack-a', subnet: '10.0.5.0/28' });
    expect(doc.spec.nodes.map((n) => n.address)).toEqual(['10.0.5.11', '10.0.5.12']);
    expect(doc.spec.routers.map((r) => r.address)).toEqual(['10.0.5.1', '10.0.0.1']);
    expect(peerIPs(doc)).toEqual([['rack-a-tor-a', '10.0.5.1']]);
  });

  it('refuses a subnet too small for a host number, and an unknown rack', () => {
    expect(changeRackSubnet(smallFabric(), 'rack-a', '10.0.5.0/29')).toEqual({
      ok: false,
      error: "node-a1's host number .11 does not fit in 10.0.5.0/29",
    });
    expect(changeRackSubnet(smallFabric(), 'rack-z', '10.0.5.0/24')).toEqual({
      ok: false,
      error: 'unknown rack rack-z',
    });
  });

  it('writes text that is not a prefix as it is, for validation to report', () => {
    const doc = unwrap(changeRackSubnet(smallFabric(), 'rack-a', '10.0.5.0'));
    expect(doc.spec.racks[0]?.subnet).toBe('10.0.5.0');
    expect(doc.spec.nodes[0]?.address).toBe('10.0.1.11');
    expect(validationErrors(doc)).toEqual([
      'spec.racks[0].subnet: 10.0.5.0 is not an IPv4 prefix (expected address/length)',
    ]);
  });
});

describe('moveNodeToRack', () => {
  it('gives the node a free address in its new rack and forgets its rack-relative position', () => {
    const doc = unwrap(moveNodeToRack(withRackB(), 'node-a1', 'rack-b'));
    valid(doc);
    expect(doc.spec.nodes[0]).toEqual({
      name: 'node-a1',
      rack: 'rack-b',
      address: '10.0.2.11',
      asNumber: 65101,
      blocks: ['10.244.1.0/26'],
    });
    expect(doc.spec.layout?.positions?.['node-a1']).toBeUndefined();
  });

  it('keeps an address that already fits the new rack', () => {
    const before = withRackB();
    before.spec.nodes[1]!.address = '10.0.2.50';
    const doc = unwrap(moveNodeToRack(before, 'node-a2', 'rack-b'));
    valid(doc);
    expect(doc.spec.nodes[1]).toMatchObject({ rack: 'rack-b', address: '10.0.2.50' });
  });

  it('returns the same document for the same rack, and refuses unknown names and full racks', () => {
    const doc = smallFabric();
    expect(moveNodeToRack(doc, 'node-a1', 'rack-a')).toEqual({ ok: true, value: doc });
    expect(moveNodeToRack(doc, 'node-a1', 'rack-z')).toEqual({ ok: false, error: 'unknown rack rack-z' });
    expect(moveNodeToRack(doc, 'node-z', 'rack-a')).toEqual({ ok: false, error: 'unknown node node-z' });
    const tiny = withRackB();
    tiny.spec.racks[1]!.subnet = '10.0.2.0/30';
    Object.assign(tiny.spec.nodes[1]!, { rack: 'rack-b', address: '10.0.2.2' });
    valid(tiny);
    expect(moveNodeToRack(tiny, 'node-a1', 'rack-b')).toEqual({ ok: false, error: 'rack rack-b has no free address' });
  });
});

describe('moveTorToRack', () => {
  it('re-addresses the ToR in its new rack and retargets the BGPPeers that pointed at it', () => {
    const doc = unwrap(moveTorToRack(withRackB(), 'tor-a', 'rack-b'));
    valid(doc);
    expect(doc.spec.routers[0]).toMatchObject({ name: 'tor-a', rack: 'rack-b', address: '10.0.2.1' });
    expect(peerIPs(doc)).toEqual([['rack-a-tor-a', '10.0.2.1']]);
    expect(doc.spec.layout?.positions?.['tor-a']).toBeUndefined();
  });

  it('refuses unknown names', () => {
    expect(moveTorToRack(smallFabric(), 'tor-a', 'rack-z')).toEqual({ ok: false, error: 'unknown rack rack-z' });
    expect(moveTorToRack(withRackB(), 'tor-z', 'rack-b')).toEqual({ ok: false, error: 'unknown router tor-z' });
  });
});

describe('changeRouterAddress', () => {
  it('moves the router and the BGPPeers that target it', () => {
    const before = unwrap(connect(smallFabric(), 'node-a1', 'spine-1')).doc;
    const doc = unwrap(changeRouterAddress(before, 'spine-1', '10.0.0.9'));
    valid(doc);
    expect(doc.spec.routers[1]?.address).toBe('10.0.0.9');
    expect(peerIPs(doc)).toEqual([
      ['rack-a-tor-a', '10.0.1.1'],
      ['node-a1-spine-1', '10.0.0.9'],
    ]);
    expect(changeRouterAddress(before, 'nope', '10.0.0.9')).toEqual({ ok: false, error: 'unknown router nope' });
  });
});

describe('changeRouterAs', () => {
  const peerAses = (doc: Topology) =>
    doc.spec.calicoResources
      .filter((r): r is BGPPeer => r.kind === 'BGPPeer')
      .map((p) => `${p.metadata.name} → ${p.spec.peerIP} AS ${p.spec.asNumber}`);

  it('gives the router its new AS and the BGPPeers that target it with the old AS follow; the others stay', () => {
    let before = unwrap(connect(smallFabric(), 'node-a1', 'tor-a')).doc;
    before = unwrap(connect(before, 'node-a2', 'spine-1')).doc;
    // One peer of tor-a names another AS on purpose (a test of the mismatch): it keeps it.
    const onPurpose = before.spec.calicoResources.find(
      (r): r is BGPPeer => r.kind === 'BGPPeer' && r.metadata.name === 'node-a1-tor-a',
    ) as BGPPeer;
    onPurpose.spec.asNumber = 65009;
    expect(peerAses(before)).toEqual([
      'rack-a-tor-a → 10.0.1.1 AS 65001',
      'node-a1-tor-a → 10.0.1.1 AS 65009',
      'node-a2-spine-1 → 10.0.0.1 AS 65000',
    ]);
    const doc = unwrap(changeRouterAs(before, 'tor-a', 65055));
    valid(doc);
    expect(doc.spec.routers.map((r) => `${r.name} ${r.asNumber}`)).toEqual(['tor-a 65055', 'spine-1 65000']);
    expect(peerAses(doc)).toEqual([
      'rack-a-tor-a → 10.0.1.1 AS 65055',
      'node-a1-tor-a → 10.0.1.1 AS 65009',
      'node-a2-spine-1 → 10.0.0.1 AS 65000',
    ]);
    // Nodes are not routers: their AS numbers do not move with a router's.
    expect(doc.spec.nodes.map((n) => n.asNumber)).toEqual([65101, 65102]);
    expect(peerAses(before)[0]).toBe('rack-a-tor-a → 10.0.1.1 AS 65001');
  });

  it('follows a peer that targets the router with a port (peerIP address:port)', () => {
    const before = smallFabric();
    (before.spec.calicoResources[1] as BGPPeer).spec.peerIP = '10.0.1.1:179';
    const doc = unwrap(changeRouterAs(before, 'tor-a', 65055));
    expect(peerAses(doc)).toEqual(['rack-a-tor-a → 10.0.1.1:179 AS 65055']);
  });

  it('leaves the peers of another router with the same AS alone (a ToR pair shares its rack AS)', () => {
    const before = unwrap(addRack(smallFabric(), { torsPerRack: 2, nodesPerRack: 1 })).doc;
    expect(before.spec.routers.filter((r) => r.role === 'tor').map((r) => `${r.name} ${r.asNumber}`)).toEqual([
      'tor-a 65001',
      'tor-b1 65002',
      'tor-b2 65002',
    ]);
    const doc = unwrap(changeRouterAs(before, 'tor-b1', 65077));
    valid(doc);
    expect(peerAses(doc)).toEqual([
      'rack-a-tor-a → 10.0.1.1 AS 65001',
      'rack-b-tor-b1 → 10.0.2.1 AS 65077',
      'rack-b-tor-b2 → 10.0.2.2 AS 65002',
    ]);
  });

  it('refuses an unknown router', () => {
    expect(changeRouterAs(smallFabric(), 'nope', 65055)).toEqual({ ok: false, error: 'unknown router nope' });
  });
});
