/** Renaming elements, VMs and Calico resources, with every reference following. */
import { describe, expect, it } from 'vitest';
import { rename, renameResource } from './rename';
import { smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';
import type { BGPPeer } from '../calico/resources';

const valid = (doc: Topology) => expect(validationErrors(doc)).toEqual([]);

/** smallFabric with node-a2 → node-a1 migration, a node-scoped peer, and a second rack. */
function fabric(): Topology {
  const doc = smallFabric();
  doc.spec.racks.push({ name: 'rack-b', subnet: '10.0.2.0/24' });
  doc.spec.migration = { vm: 'vm-1', to: 'node-a2' };
  doc.spec.calicoResources.push({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPPeer',
    metadata: { name: 'a2' },
    spec: { node: 'node-a2', peerIP: '10.0.0.1', asNumber: 65000, filters: ['kubevirt-live-migration'] },
  });
  valid(doc);
  return doc;
}
const peers = (doc: Topology) => doc.spec.calicoResources.filter((r): r is BGPPeer => r.kind === 'BGPPeer');

describe('rename an element', () => {
  it('a rack: its nodes, ToRs, rack selectors and position follow', () => {
    const doc = unwrap(rename(fabric(), 'rack-a', 'row-1'));
    valid(doc);
    expect(doc.spec.racks.map((r) => r.name)).toEqual(['row-1', 'rack-b']);
    expect(doc.spec.nodes.map((n) => n.rack)).toEqual(['row-1', 'row-1']);
    expect(doc.spec.routers[0]?.rack).toBe('row-1');
    expect(peers(doc)[0]?.spec.nodeSelector).toBe("rack == 'row-1'");
    expect(doc.spec.layout?.positions).toEqual({
      'row-1': [0, 0],
      'tor-a': [10, 10],
      'node-a1': [20, 60],
      'spine-1': [200, -100],
    });
  });

  it('a node: VMs, the migration target and node-scoped BGPPeers follow', () => {
    const before = fabric();
    const doc = unwrap(rename(before, 'node-a2', 'gpu-1'));
    valid(doc);
    expect(doc.spec.nodes.map((n) => n.name)).toEqual(['node-a1', 'gpu-1']);
    expect(doc.spec.migration).toEqual({ vm: 'vm-1', to: 'gpu-1' });
    expect(peers(doc)[1]?.spec.node).toBe('gpu-1');
    const moved = unwrap(rename(doc, 'node-a1', 'cpu-1'));
    expect(moved.spec.vms[0]?.node).toBe('cpu-1');
    expect(moved.spec.layout?.positions?.['cpu-1']).toEqual([20, 60]);
    expect(before).toEqual(fabric());
  });

  it('a router: links and sessions follow, BGPPeers keep their names', () => {
    const doc = unwrap(rename(fabric(), 'spine-1', 'sp1'));
    valid(doc);
    expect(doc.spec.links).toEqual([['tor-a', 'sp1']]);
    expect(doc.spec.sessions).toEqual([['tor-a', 'sp1']]);
    expect(peers(doc).map((p) => p.metadata.name)).toEqual(['rack-a-tor-a', 'a2']);
    expect(doc.spec.layout?.positions?.sp1).toEqual([200, -100]);
  });

  it('a VM: the migration follows', () => {
    const doc = unwrap(rename(fabric(), 'vm-1', 'web'));
    valid(doc);
    expect(doc.spec.vms).toEqual([{ name: 'web', ip: '10.244.1.5', node: 'node-a1' }]);
    expect(doc.spec.migration).toEqual({ vm: 'web', to: 'node-a2' });
  });

  it('is a no-op to the same name', () => {
    const doc = fabric();
    expect(rename(doc, 'tor-a', 'tor-a')).toEqual({ ok: true, value: doc });
  });

  it('refuses invalid, unknown and taken names', () => {
    expect(rename(fabric(), 'tor-a', 'Tor_A')).toEqual({
      ok: false,
      error: `"Tor_A" is not a valid name: lowercase letters, digits and '-', at most 63 characters`,
    });
    expect(rename(fabric(), 'nope', 'x')).toEqual({ ok: false, error: 'unknown element nope' });
    expect(rename(fabric(), 'tor-a', 'rack-b')).toEqual({
      ok: false,
      error: 'rack-b is already the name of another element',
    });
    const two = fabric();
    two.spec.vms.push({ name: 'vm-2', ip: '10.244.1.6', node: 'node-a1' });
    expect(rename(two, 'vm-1', 'vm-2')).toEqual({ ok: false, error: 'a VM named vm-2 already exists' });
  });
});

describe('renameResource', () => {
  it('renames a BGPFilter and every BGPPeer that lists it', () => {
    const doc = unwrap(renameResource(fabric(), 'BGPFilter', 'kubevirt-live-migration', 'lm'));
    valid(doc);
    expect(doc.spec.calicoResources[0]?.metadata.name).toBe('lm');
    expect(peers(doc).map((p) => p.spec.filters)).toEqual([['lm'], ['lm']]);
  });

  it('renames a BGPPeer only', () => {
    const doc = unwrap(renameResource(fabric(), 'BGPPeer', 'a2', 'node-a2-spine'));
    valid(doc);
    expect(peers(doc).map((p) => p.metadata.name)).toEqual(['rack-a-tor-a', 'node-a2-spine']);
    expect(doc.spec.calicoResources[0]?.metadata.name).toBe('kubevirt-live-migration');
  });

  it('refuses a name its kind already uses, and ignores the other kind', () => {
    expect(renameResource(fabric(), 'BGPPeer', 'a2', 'rack-a-tor-a')).toEqual({
      ok: false,
      error: 'a BGPPeer named rack-a-tor-a already exists',
    });
    const doc = unwrap(renameResource(fabric(), 'BGPPeer', 'a2', 'kubevirt-live-migration'));
    valid(doc);
  });
});
