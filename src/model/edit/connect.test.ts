/** Connecting elements: router–router sessions (and links), rack/node–router BGPPeers. */
import { describe, expect, it } from 'vitest';
import { connect, connectRackToRouter, connectRouters } from './connect';
import { addRouter } from './add';
import { smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';
import type { BGPPeer } from '../calico/resources';

const valid = (doc: Topology) => expect(validationErrors(doc)).toEqual([]);
const withSpine2 = () => unwrap(addRouter(smallFabric(), 'spine')).doc;
const peer = (name: string, spec: BGPPeer['spec']): BGPPeer => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'BGPPeer',
  metadata: { name },
  spec,
});

describe('router – router', () => {
  it('adds the session and the link under it', () => {
    const { doc, created } = unwrap(connect(withSpine2(), 'tor-a', 'spine-2'));
    valid(doc);
    expect(created).toEqual([]);
    expect(doc.spec.sessions).toEqual([
      ['tor-a', 'spine-1'],
      ['tor-a', 'spine-2'],
    ]);
    expect(doc.spec.links).toEqual([
      ['tor-a', 'spine-1'],
      ['tor-a', 'spine-2'],
    ]);
  });

  it('adds only the session when the link is there', () => {
    const before = smallFabric();
    before.spec.sessions = [];
    const { doc } = unwrap(connect(before, 'spine-1', 'tor-a'));
    valid(doc);
    expect(doc.spec.sessions).toEqual([['spine-1', 'tor-a']]);
    expect(doc.spec.links).toEqual([['tor-a', 'spine-1']]);
  });

  it('refuses a second session (either order) and a session with itself', () => {
    expect(connect(smallFabric(), 'spine-1', 'tor-a')).toEqual({
      ok: false,
      error: 'spine-1 and tor-a already have a BGP session',
    });
    expect(connectRouters(smallFabric(), 'tor-a', 'tor-a')).toEqual({
      ok: false,
      error: 'a session joins two different routers',
    });
  });
});

describe('rack – router', () => {
  it('makes a BGPPeer for the rack’s nodes, with peerIP, AS and the design’s filter convention', () => {
    const doc0 = withSpine2();
    const { doc, created } = unwrap(connect(doc0, 'rack-a', 'spine-2'));
    valid(doc);
    expect(created).toEqual(['rack-a-spine-2']);
    expect(doc.spec.calicoResources.at(-1)).toEqual(
      peer('rack-a-spine-2', {
        nodeSelector: "rack == 'rack-a'",
        peerIP: '10.0.0.2',
        asNumber: 65000,
        filters: ['kubevirt-live-migration'],
      }),
    );
    expect(unwrap(connect(doc0, 'spine-2', 'rack-a')).doc).toEqual(doc);
  });

  it('attaches no filters to an iBGP peer, nor when the design has no convention', () => {
    const ibgp = smallFabric();
    ibgp.spec.nodes.forEach((n) => delete n.asNumber);
    ibgp.spec.routers[1]!.asNumber = 64512;
    const a = unwrap(connect(ibgp, 'rack-a', 'spine-1')).doc;
    valid(a);
    expect(a.spec.calicoResources.at(-1)).toEqual(
      peer('rack-a-spine-1', { nodeSelector: "rack == 'rack-a'", peerIP: '10.0.0.1', asNumber: 64512 }),
    );
    const bare = smallFabric();
    bare.spec.calicoResources = [];
    expect(unwrap(connect(bare, 'rack-a', 'tor-a')).doc.spec.calicoResources).toEqual([
      peer('rack-a-tor-a', { nodeSelector: "rack == 'rack-a'", peerIP: '10.0.1.1', asNumber: 65001 }),
    ]);
  });

  it('decides eBGP for an empty rack by the cluster AS', () => {
    const doc = smallFabric();
    doc.spec.racks.push({ name: 'rack-b', subnet: '10.0.2.0/24' });
    expect(unwrap(connectRackToRouter(doc, 'rack-b', 'spine-1')).doc.spec.calicoResources.at(-1)).toEqual(
      peer('rack-b-spine-1', {
        nodeSelector: "rack == 'rack-b'",
        peerIP: '10.0.0.1',
        asNumber: 65000,
        filters: ['kubevirt-live-migration'],
      }),
    );
  });

  it('refuses a second BGPPeer to the same router, and picks a free name', () => {
    expect(connect(smallFabric(), 'rack-a', 'tor-a')).toEqual({
      ok: false,
      error: 'a BGPPeer from there to tor-a (10.0.1.1) already exists',
    });
    const doc = smallFabric();
    doc.spec.calicoResources.push(peer('rack-a-spine-1', { node: 'node-a1', peerIP: '10.0.0.1' }));
    const { doc: after, created } = unwrap(connect(doc, 'rack-a', 'spine-1'));
    valid(after);
    expect(created).toEqual(['rack-a-spine-1-2']);
  });
});

describe('node – router', () => {
  it('makes a node-scoped BGPPeer', () => {
    const { doc, created } = unwrap(connect(smallFabric(), 'spine-1', 'node-a2'));
    valid(doc);
    expect(created).toEqual(['node-a2-spine-1']);
    expect(doc.spec.calicoResources.at(-1)).toEqual(
      peer('node-a2-spine-1', {
        node: 'node-a2',
        peerIP: '10.0.0.1',
        asNumber: 65000,
        filters: ['kubevirt-live-migration'],
      }),
    );
    expect(connect(doc, 'node-a2', 'spine-1')).toEqual({
      ok: false,
      error: 'a BGPPeer from there to spine-1 (10.0.0.1) already exists',
    });
  });
});

it('refuses other pairs', () => {
  const message = 'connect two routers (a BGP session), or a rack or node to a router (a BGPPeer)';
  for (const [a, b] of [
    ['rack-a', 'node-a1'],
    ['node-a1', 'node-a2'],
    ['rack-a', 'rack-a'],
    ['tor-a', 'vm-1'],
    ['x', 'tor-a'],
  ]) {
    expect(connect(smallFabric(), a as string, b as string)).toEqual({ ok: false, error: message });
  }
});
