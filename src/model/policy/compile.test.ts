/**
 * The vendor-neutral router model: the fields the config generators rely on besides the
 * policies (session transport, per-member route reflection and next hop, the rack segment).
 */
import { describe, expect, it } from 'vitest';
import { compileRouter } from './compile';
import { fabric } from './test-fabric';

describe('compileRouter', () => {
  it('tells a session on a shared rack segment from one over a link and from a multihop one', () => {
    const model = compileRouter(fabric({ platform: 'frr', torPair: true, multihopSpine: true }), 'tor-a');
    const by = Object.fromEntries(
      model.neighbors.map((n) => [n.name, { multihop: n.multihop, sharedSegment: n.sharedSegment }]),
    );
    expect(by).toEqual({
      'spine-1': { multihop: false, sharedSegment: false },
      'spine-2': { multihop: true, sharedSegment: false },
      'tor-b': { multihop: false, sharedSegment: true },
    });
  });

  it('gives every node member its own route-reflector client and next-hop-self flags', () => {
    const model = compileRouter(
      fabric({ platform: 'frr', torAs: 64512, routeReflector: true, nodeAs: [undefined, 65102] }),
      'tor-a',
    );
    const group = model.nodeGroups[0];
    expect(group?.session).toBe('mixed');
    expect(group?.rrClient).toBe(false);
    expect(group?.members.map((m) => [m.name, m.session, m.rrClient, m.nextHopSelf])).toEqual([
      ['node-a1', 'ibgp', true, false],
      ['node-a2', 'ebgp', false, true],
    ]);
  });

  it("knows a ToR's rack segment; other roles have a loopback address", () => {
    const doc = fabric({ platform: 'eos' });
    expect(compileRouter(doc, 'tor-a').segment).toEqual({ rack: 'rack-a', subnet: '10.0.1.0/24' });
    expect(compileRouter(doc, 'spine-1').segment).toBeUndefined();
  });

  it('reads a BGPPeer localASNumber of 0 as unset, as confd does', () => {
    const doc = fabric({ platform: 'frr' });
    const peer = doc.spec.calicoResources[0];
    if (peer?.kind !== 'BGPPeer') throw new Error('expected the BGPPeer');
    peer.spec.localASNumber = 0;
    expect(compileRouter(doc, 'tor-a').nodeGroups[0]?.members.map((m) => m.asNumber)).toEqual([65101, 65102]);
    peer.spec.localASNumber = 65333;
    expect(compileRouter(doc, 'tor-a').nodeGroups[0]?.members.map((m) => m.asNumber)).toEqual([65333, 65333]);
  });
});
