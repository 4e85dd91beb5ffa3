/**
 * Sessions of a design (DESIGN §6): which come up, and the exact reason the others stay down.
 * Built from designs through buildNetwork. Two conditions no generated config produces (both
 * ends passive; a session end without multihop towards a peer that is not adjacent) are made by
 * tweaking the speakers the BIRD configs give.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../model';
import { fabric } from '../model/policy/test-fabric';
import { edit } from '../model/test-support';
import { buildNetwork, type Network } from './network';
import type * as BirdModule from './speakers/bird';
import type { Speaker } from './types';

const tweak = vi.hoisted(() => ({ speaker: undefined as ((s: Speaker) => Speaker) | undefined }));
vi.mock('./speakers/bird', async (importOriginal) => {
  const mod = await importOriginal<typeof BirdModule>();
  return {
    ...mod,
    birdSpeaker: (input: BirdModule.BirdSpeakerInput) => (tweak.speaker ?? ((s: Speaker) => s))(mod.birdSpeaker(input)),
  };
});
afterEach(() => {
  tweak.speaker = undefined;
});

const TWO_RACKS = readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8');
const MESH = readFileSync(new URL('../scenarios/single-rack-mesh.liveroute.yaml', import.meta.url), 'utf8');

function design(text: string): Topology {
  const r = parseDesign(text);
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
}

/** `text` with extra calicoResources (YAML list items) before `vms:`. */
const withResources = (text: string, items: string) => edit(text, '  vms:\n', `${items}  vms:\n`);
const bgpPeer = (name: string, spec: string) =>
  `    - { apiVersion: projectcalico.org/v3, kind: BGPPeer, metadata: { name: ${name} }, spec: ${spec} }\n`;

/** `id up|reason` of every session, in the network's order. */
const summary = (net: Network) => net.sessions.map((s) => `${s.id} ${s.up ? 'up' : `down: ${s.reason}`}`);
const between = (net: Network, a: string, b: string) =>
  net.sessions.find((s) => (s.a.speaker === a && s.b.speaker === b) || (s.a.speaker === b && s.b.speaker === a));

describe('sessions that come up', () => {
  it('two-racks-ebgp: node ⇄ ToR from the BGPPeers, router ⇄ router from the design', () => {
    expect(summary(buildNetwork(design(TWO_RACKS)))).toEqual([
      'border-1:peer_spine_1 ~ spine-1:peer_border_1 up',
      'node-a1:Node_10_0_1_1 ~ tor-a:node_node_a1 up',
      'node-a2:Node_10_0_1_1 ~ tor-a:node_node_a2 up',
      'node-b1:Node_10_0_2_1 ~ tor-b:node_node_b1 up',
      'node-b2:Node_10_0_2_1 ~ tor-b:node_node_b2 up',
      'spine-1:peer_tor_a ~ tor-a:peer_spine_1 up',
      'spine-1:peer_tor_b ~ tor-b:peer_spine_1 up',
    ]);
  });

  it('the ToR side is passive and direct on its rack segment, the node side active and multihop', () => {
    const s = between(buildNetwork(design(TWO_RACKS)), 'node-a1', 'tor-a');
    expect(s && [s.a.passive, s.a.multihop, s.a.ebgp, s.a.localAs, s.a.peerAs]).toEqual([
      false,
      true,
      true,
      65101,
      65001,
    ]);
    expect(s && [s.b.passive, s.b.multihop, s.b.ebgp, s.b.localAs, s.b.peerAs]).toEqual([
      true,
      false,
      true,
      65001,
      65101,
    ]);
  });
});

describe('sessions that stay down, and why', () => {
  it('AS mismatch: the node expects the ToR in another AS', () => {
    const net = buildNetwork(
      design(edit(TWO_RACKS, 'peerIP: 10.0.1.1, asNumber: 65001', 'peerIP: 10.0.1.1, asNumber: 65009')),
    );
    expect(between(net, 'node-a1', 'tor-a')).toMatchObject({
      up: false,
      reason: 'AS mismatch: node-a1 expects tor-a in AS 65009, but tor-a speaks AS 65001',
    });
    expect(between(net, 'node-b1', 'tor-b')?.up).toBe(true);
  });

  it('AS mismatch, the other way: the peer expects us in another AS', () => {
    const text = withResources(
      TWO_RACKS,
      bgpPeer('a1-to-a2', '{ node: node-a1, peerIP: 10.0.1.12, asNumber: 65102, reversePeering: Manual }') +
        bgpPeer('a2-to-a1', '{ node: node-a2, peerIP: 10.0.1.11, asNumber: 65999, reversePeering: Manual }'),
    );
    expect(between(buildNetwork(design(text)), 'node-a1', 'node-a2')).toMatchObject({
      id: 'node-a1:Node_10_0_1_12 ~ node-a2:Node_10_0_1_11',
      up: false,
      reason: 'AS mismatch: node-a2 expects node-a1 in AS 65999, but node-a1 speaks AS 65101',
    });
  });

  it('the peer has no session for us', () => {
    const net = buildNetwork(
      design(
        withResources(
          TWO_RACKS,
          bgpPeer('a1-to-a2', '{ node: node-a1, peerIP: 10.0.1.12, asNumber: 65102, reversePeering: Manual }'),
        ),
      ),
    );
    expect(net.sessions.find((s) => s.a.id === 'node-a1:Node_10_0_1_12')).toMatchObject({
      id: 'node-a1:Node_10_0_1_12 ~ node-a1:Node_10_0_1_12~missing',
      up: false,
      reason: 'node-a2 has no session configured for node-a1 (10.0.1.11)',
    });
    // With Calico's automatic reverse peering, it comes up.
    const auto = buildNetwork(
      design(withResources(TWO_RACKS, bgpPeer('a1-to-a2', '{ node: node-a1, peerIP: 10.0.1.12, asNumber: 65102 }'))),
    );
    expect(between(auto, 'node-a1', 'node-a2')).toMatchObject({
      id: 'node-a1:Node_10_0_1_12 ~ node-a2:Node_10_0_1_11',
      up: true,
    });
  });

  it('an address no speaker of the design has', () => {
    const net = buildNetwork(
      design(edit(TWO_RACKS, 'peerIP: 10.0.1.1, asNumber: 65001', 'peerIP: 10.0.1.99, asNumber: 65001')),
    );
    expect(net.sessions.filter((s) => !s.up).map((s) => [s.id, s.reason])).toEqual([
      ['node-a1:Node_10_0_1_99 ~ node-a1:Node_10_0_1_99~missing', 'no speaker of the design has address 10.0.1.99'],
      ['node-a2:Node_10_0_1_99 ~ node-a2:Node_10_0_1_99~missing', 'no speaker of the design has address 10.0.1.99'],
    ]);
  });

  it('both ends passive', () => {
    tweak.speaker = (s) => ({ ...s, ends: s.ends.map((e) => ({ ...e, passive: true })) });
    expect(between(buildNetwork(design(TWO_RACKS)), 'node-a1', 'tor-a')).toMatchObject({
      up: false,
      reason: 'both node-a1 and tor-a wait passively for the other to connect',
    });
  });

  it('not directly connected, without multihop', () => {
    const doc = fabric({ platform: 'bird1', nodesToSpine: true });
    expect(between(buildNetwork(doc), 'node-a1', 'spine-1')?.up).toBe(true);
    tweak.speaker = (s) => (s.name === 'spine-1' ? { ...s, ends: s.ends.map((e) => ({ ...e, multihop: false })) } : s);
    expect(between(buildNetwork(doc), 'node-a1', 'spine-1')).toMatchObject({
      up: false,
      reason: 'spine-1 expects node-a1 directly connected (no multihop), but it is not on a shared segment or link',
    });
  });

  it('a peer the underlay does not reach', () => {
    expect(between(buildNetwork(fabric({ platform: 'bird1', multihopSpine: true })), 'tor-a', 'spine-2')).toMatchObject(
      {
        id: 'spine-2:peer_tor_a ~ tor-a:peer_spine_2',
        up: false,
        reason: 'tor-a is unreachable from spine-2 over the underlay',
      },
    );
  });

  it("a BIRD config that does not load: a BGPFilter range empty after clamping (BIRD's Invalid prefix pattern range)", () => {
    const text = edit(
      TWO_RACKS,
      '            operations: [{ setPriority: { value: 512 } }]\n        exportV6',
      '            operations: [{ setPriority: { value: 512 } }]\n          - { action: Accept, cidr: 10.244.0.0/24, matchOperator: In, prefixLength: { max: 16 } }\n        exportV6',
    );
    const net = buildNetwork(design(text));
    expect(net.speakers.get('node-a1')).toMatchObject({
      ends: [],
      configError: 'bird.cfg:69:35: Invalid prefix pattern range: {24, 16}.',
    });
    expect(between(net, 'node-a1', 'tor-a')).toMatchObject({
      id: 'tor-a:node_node_a1 ~ tor-a:node_node_a1~missing',
      up: false,
      reason: "node-a1's BIRD configuration does not load: bird.cfg:69:35: Invalid prefix pattern range: {24, 16}.",
    });
    expect(summary(net).filter((s) => s.endsWith(' up'))).toEqual([
      'border-1:peer_spine_1 ~ spine-1:peer_border_1 up',
      'spine-1:peer_tor_a ~ tor-a:peer_spine_1 up',
      'spine-1:peer_tor_b ~ tor-b:peer_spine_1 up',
    ]);
  });

  it('a BIRD config that does not load: a peerIP BGPPeer without asNumber renders `as 0`', () => {
    const net = buildNetwork(design(edit(TWO_RACKS, 'peerIP: 10.0.1.1, asNumber: 65001, ', 'peerIP: 10.0.1.1, ')));
    expect(net.birdText.get('node-a1')).toContain('  neighbor 10.0.1.1 as 0;\n');
    expect(between(net, 'node-a1', 'tor-a')).toMatchObject({
      up: false,
      reason:
        "node-a1's BIRD configuration does not load: protocol Node_10_0_1_1: Remote AS number must be set (neighbor 10.0.1.1 as 0)",
    });
  });
});

describe('BIRD 2 dynamic neighbours', () => {
  it('`neighbor range ... external` admits the nodes in other ASes, each with its own AS', () => {
    const net = buildNetwork(design(TWO_RACKS.replace(/platform: bird1/g, 'platform: bird2')));
    expect(net.birdText.get('tor-a')).toContain('neighbor range 10.0.1.0/24 external;');
    expect(net.speakers.get('tor-a')?.listens.map((l) => [l.localAs, l.peerAs])).toEqual([[65001, 'external']]);
    const s = between(net, 'node-a1', 'tor-a');
    expect(s).toMatchObject({ id: 'node-a1:Node_10_0_1_1 ~ tor-a:group_calico_rack_a:node-a1', up: true });
    expect(s && [s.b.protocol, s.b.peerAs, s.b.ebgp, s.b.passive, s.b.multihop]).toEqual([
      'group_calico_rack_a (node-a1)',
      65101,
      true,
      true,
      false,
    ]);
  });

  it('and refuses a node that speaks the ToR’s own AS', () => {
    tweak.speaker = (s) =>
      s.name === 'node-a2'
        ? { ...s, ends: s.ends.map((e) => ({ ...e, localAs: 65001, ebgp: false, peerAs: 65001 })) }
        : s;
    const net = buildNetwork(design(TWO_RACKS.replace(/platform: bird1/g, 'platform: bird2')));
    expect(between(net, 'node-a2', 'tor-a')).toMatchObject({
      up: false,
      reason: 'tor-a has no session configured for node-a2 (10.0.1.12)',
    });
    expect(between(net, 'node-a1', 'tor-a')?.up).toBe(true);
  });

  it('`internal` admits only the ToR’s own AS', () => {
    const doc = fabric({ platform: 'bird2', torAs: 64512, nodeAs: [undefined, undefined] });
    const net = buildNetwork(doc);
    expect(net.speakers.get('tor-a')?.listens.map((l) => [l.localAs, l.peerAs])).toEqual([[64512, 'internal']]);
    expect(between(net, 'node-a1', 'tor-a')).toMatchObject({ up: true, b: { ebgp: false, peerAs: 64512 } });
    tweak.speaker = (s) =>
      s.name === 'node-a1' ? { ...s, ends: s.ends.map((e) => ({ ...e, localAs: 65101, ebgp: true })) } : s;
    expect(between(buildNetwork(doc), 'node-a1', 'tor-a')).toMatchObject({
      up: false,
      reason: 'tor-a has no session configured for node-a1 (10.0.1.11)',
    });
  });
});

describe('ADD-PATH, per direction', () => {
  const addPath = (net: Network, from: string, to: string) =>
    net.outgoing.get(from)?.find((c) => c.to.speaker === to)?.addPath;

  it('calico-node offers it; a router that does not accept it gets one path per prefix', () => {
    const net = buildNetwork(design(TWO_RACKS));
    expect([addPath(net, 'node-a1', 'tor-a'), addPath(net, 'tor-a', 'node-a1')]).toEqual([false, false]);
    expect(
      between(net, 'node-a1', 'tor-a') && [
        between(net, 'node-a1', 'tor-a')?.a.addPathTx,
        between(net, 'node-a1', 'tor-a')?.b.addPathRx,
      ],
    ).toEqual([true, false]);
  });

  it('a router with addPaths receives every path from the nodes, and still sends one', () => {
    const net = buildNetwork(
      design(
        edit(
          TWO_RACKS,
          'address: 10.0.1.1\n      platform: bird1\n      policy: { elevatedCommunity: "65000:100" }',
          'address: 10.0.1.1\n      platform: bird1\n      policy: { elevatedCommunity: "65000:100", addPaths: true }',
        ),
      ),
    );
    expect(net.birdText.get('tor-a')).toContain('add paths rx;');
    expect([addPath(net, 'node-a1', 'tor-a'), addPath(net, 'tor-a', 'node-a1')]).toEqual([true, false]);
    expect(addPath(net, 'node-b1', 'tor-b')).toBe(false);
  });

  it('between calico-nodes it is negotiated both ways', () => {
    const net = buildNetwork(design(MESH));
    expect(summary(net)).toEqual([
      'node-a1:Mesh_10_0_1_12 ~ node-a2:Mesh_10_0_1_11 up',
      'node-a1:Mesh_10_0_1_13 ~ node-a3:Mesh_10_0_1_11 up',
      'node-a2:Mesh_10_0_1_13 ~ node-a3:Mesh_10_0_1_12 up',
    ]);
    expect([
      addPath(net, 'node-a1', 'node-a2'),
      addPath(net, 'node-a2', 'node-a1'),
      addPath(net, 'node-a3', 'node-a2'),
    ]).toEqual([true, true, true]);
    expect(net.outgoing.get('tor-a')).toBeUndefined();
  });
});
