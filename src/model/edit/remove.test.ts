/** Deleting elements with everything that only makes sense with them. */
import { describe, expect, it } from 'vitest';
import { remove } from './remove';
import { addRack, addVm } from './add';
import { connect } from './connect';
import { smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';

const valid = (doc: Topology) => expect(validationErrors(doc)).toEqual([]);

/** smallFabric + rack-b (tor-b, node-b1), a node-scoped peer node-b1–spine-1, vm-2 on node-b1, vm-1 → node-b1. */
function twoRacks(): Topology {
  let doc = unwrap(addRack(smallFabric(), { torsPerRack: 1, nodesPerRack: 1 })).doc;
  doc = unwrap(connect(doc, 'node-b1', 'spine-1')).doc;
  doc = unwrap(addVm(doc, 'node-b1')).doc;
  doc.spec.migration = { vm: 'vm-1', to: 'node-b1' };
  valid(doc);
  return doc;
}

const names = (doc: Topology) => ({
  racks: doc.spec.racks.map((r) => r.name),
  nodes: doc.spec.nodes.map((n) => n.name),
  routers: doc.spec.routers.map((r) => r.name),
  vms: doc.spec.vms.map((v) => v.name),
  resources: doc.spec.calicoResources.map((r) => `${r.kind}/${r.metadata.name}`),
});

describe('remove', () => {
  it('a rack takes its nodes, ToRs, their VMs, links, sessions, BGPPeers and positions', () => {
    const before = smallFabric();
    const doc = remove(before, { elements: ['rack-a'] });
    valid(doc);
    expect(names(doc)).toEqual({
      racks: [],
      nodes: [],
      routers: ['spine-1'],
      vms: [],
      resources: ['BGPFilter/kubevirt-live-migration'],
    });
    expect(doc.spec.links).toEqual([]);
    expect(doc.spec.sessions).toEqual([]);
    expect(doc.spec.layout?.positions).toEqual({ 'spine-1': [200, -100] });
    expect(before).toEqual(smallFabric());
  });

  it('a node takes its VMs, its node-scoped BGPPeers and the migration to it', () => {
    const doc = remove(twoRacks(), { elements: ['node-b1'] });
    valid(doc);
    expect(names(doc)).toEqual({
      racks: ['rack-a', 'rack-b'],
      nodes: ['node-a1', 'node-a2'],
      routers: ['tor-a', 'spine-1', 'tor-b'],
      vms: ['vm-1'],
      resources: ['BGPFilter/kubevirt-live-migration', 'BGPPeer/rack-a-tor-a', 'BGPPeer/rack-b-tor-b'],
    });
    expect(doc.spec.migration).toBeUndefined();
  });

  it('a router takes its links, sessions and the BGPPeers that target its address', () => {
    const doc = remove(twoRacks(), { elements: ['spine-1'] });
    valid(doc);
    expect(names(doc).resources).toEqual([
      'BGPFilter/kubevirt-live-migration',
      'BGPPeer/rack-a-tor-a',
      'BGPPeer/rack-b-tor-b',
    ]);
    expect(doc.spec.links).toEqual([]);
    expect(doc.spec.sessions).toEqual([]);
    expect(doc.spec.migration).toEqual({ vm: 'vm-1', to: 'node-b1' });
  });

  it('a VM takes the migration that moves it', () => {
    const doc = remove(twoRacks(), { elements: ['vm-1'] });
    valid(doc);
    expect(names(doc).vms).toEqual(['vm-2']);
    expect(doc.spec.migration).toBeUndefined();
  });

  it('removes BGPPeers by name and sessions with links by pair (either order)', () => {
    const doc = remove(twoRacks(), { peers: ['rack-b-tor-b'], pairs: [['spine-1', 'tor-a']] });
    valid(doc);
    expect(names(doc).resources).toEqual([
      'BGPFilter/kubevirt-live-migration',
      'BGPPeer/rack-a-tor-a',
      'BGPPeer/node-b1-spine-1',
    ]);
    expect(doc.spec.links).toEqual([['tor-b', 'spine-1']]);
    expect(doc.spec.sessions).toEqual([['tor-b', 'spine-1']]);
    expect(names(doc).routers).toEqual(['tor-a', 'spine-1', 'tor-b']);
  });

  it('changes nothing for nothing or unknown names', () => {
    const doc = twoRacks();
    expect(remove(doc, {})).toEqual(doc);
    expect(remove(doc, { elements: ['nope'], peers: ['nope'], pairs: [['a', 'b']] })).toEqual(doc);
  });
});
