/**
 * Route reflection (RFC 4456 §8–§9, BIRD 1.6 bgp_import_control / bgp_update_attrs) and the loop
 * checks on receipt (AS path with `allow local as`, ORIGINATOR_ID, CLUSTER_LIST). tor-a reflects
 * in AS 65000 with cluster id 10.0.0.100: node-a1 and node-a2 are its clients, tor-b and spine-2
 * are not, spine-1 is an eBGP peer (AS 65100).
 */
import { describe, expect, it } from 'vitest';
import { exportsOf, receive } from './exchange';
import { bgpRoute, channel, end, ip, oneRackUnderlay, speaker } from './test-speakers';
import type { SessionEnd, WireRoute } from './types';

const underlay = oneRackUnderlay();
const CLUSTER = ip('10.0.0.100');
const reflector = speaker({ name: 'tor-a', address: ip('10.0.1.1'), clusterId: CLUSTER });
const ibgp = (peer: string, address: string, rrClient: boolean): SessionEnd =>
  end({ speaker: 'tor-a', peer, localAs: 65000, localAddress: ip('10.0.1.1'), peerAddress: ip(address), rrClient });
const toA1 = ibgp('node-a1', '10.0.1.11', true);
const toA2 = ibgp('node-a2', '10.0.1.12', true);
const toTorB = ibgp('tor-b', '10.0.1.2', false);
const toSpine2 = ibgp('spine-2', '10.0.0.2', false);
const toSpine1 = end({
  speaker: 'tor-a',
  peer: 'spine-1',
  localAs: 65000,
  peerAs: 65100,
  localAddress: ip('10.0.1.1'),
  peerAddress: ip('10.0.0.1'),
});
/** The peer's side of a session, for channels (its filters are not used when sending). */
const mate = (e: SessionEnd) => end({ speaker: e.peer, peer: e.speaker, localAs: e.peerAs, peerAs: e.localAs });

const fromClient = bgpRoute({
  via: toA1,
  pathId: 'node-a1/felix',
  peerRouterId: ip('10.0.1.11'),
  attrs: { bgp_path: [], bgp_next_hop: ip('10.0.1.11'), bgp_local_pref: 2147483135 },
});
const fromNonClient = bgpRoute({
  via: toTorB,
  pathId: 'tor-b/x',
  peerRouterId: ip('10.0.1.2'),
  attrs: { bgp_path: [], bgp_next_hop: ip('10.0.1.2') },
});
const fromEbgp = bgpRoute({
  via: toSpine1,
  pathId: 'spine-1/x',
  peerRouterId: ip('10.0.0.1'),
  attrs: { bgp_path: [65100], bgp_next_hop: ip('10.0.0.1') },
});

const send = (route: typeof fromClient, to: SessionEnd, from = reflector) =>
  exportsOf(from, channel(to, mate(to)), [route]);

describe('which iBGP routes are reflected', () => {
  it("a client's route goes to the other clients", () => {
    const { offers } = send(fromClient, toA2);
    expect(offers.map((o) => o.wire)).toEqual([
      {
        pathId: 'tor-a/node-a1/felix',
        attrs: {
          net: fromClient.attrs.net,
          source: 'RTS_BGP',
          dest: 'RTD_ROUTER',
          preference: 100,
          ifname: '',
          bgp_origin: 0,
          bgp_path: [],
          bgp_next_hop: ip('10.0.1.11'),
          bgp_local_pref: 2147483135,
        },
        originatorId: ip('10.0.1.11'),
        clusterList: [CLUSTER],
      },
    ]);
  });

  it("a client's route goes to non-clients too", () => {
    expect(send(fromClient, toTorB).offers.map((o) => [o.wire.originatorId, o.wire.clusterList])).toEqual([
      [ip('10.0.1.11'), [CLUSTER]],
    ]);
  });

  it("a non-client's route goes to clients only", () => {
    expect(send(fromNonClient, toA1).offers.map((o) => [o.wire.originatorId, o.wire.clusterList])).toEqual([
      [ip('10.0.1.2'), [CLUSTER]],
    ]);
    expect(send(fromNonClient, toSpine2)).toEqual({
      offers: [],
      refused: [{ route: fromNonClient, why: 'iBGP-learned routes go to iBGP peers only by route reflection' }],
    });
  });

  it('without reflection, iBGP-learned routes never go to iBGP peers', () => {
    const plain = speaker({ name: 'tor-a', address: ip('10.0.1.1') });
    const peer = { ...toA2, rrClient: false };
    const learned = { ...fromClient, via: { ...toA1, rrClient: false } };
    expect(send(learned, peer, plain)).toEqual({
      offers: [],
      refused: [{ route: learned, why: 'iBGP-learned routes go to iBGP peers only by route reflection' }],
    });
  });

  it('an eBGP-learned route goes to every iBGP peer without reflection attributes, next hop unchanged', () => {
    for (const to of [toA1, toTorB, toSpine2]) {
      const [offer] = send(fromEbgp, to).offers;
      expect(offer?.wire.originatorId).toBeUndefined();
      expect(offer?.wire.clusterList).toBeUndefined();
      expect(offer?.wire.attrs).toMatchObject({ bgp_path: [65100], bgp_next_hop: ip('10.0.0.1'), bgp_local_pref: 100 });
    }
  });

  it('a reflected route leaving the AS loses its reflection attributes', () => {
    const [offer] = send(fromClient, toSpine1).offers;
    expect(offer?.wire).toEqual({
      pathId: 'tor-a/node-a1/felix',
      attrs: {
        net: fromClient.attrs.net,
        source: 'RTS_BGP',
        dest: 'RTD_ROUTER',
        preference: 100,
        ifname: '',
        bgp_origin: 0,
        bgp_path: [65000],
        bgp_next_hop: ip('10.0.1.1'),
      },
    });
  });
});

describe('ORIGINATOR_ID and CLUSTER_LIST when reflecting', () => {
  it('keeps an ORIGINATOR_ID already set, and prepends the cluster id to the CLUSTER_LIST', () => {
    const twice = { ...fromClient, originatorId: ip('10.0.2.11'), clusterList: [ip('10.0.0.200')] };
    const [offer] = send(twice, toTorB).offers;
    expect(offer?.wire).toMatchObject({ originatorId: ip('10.0.2.11'), clusterList: [CLUSTER, ip('10.0.0.200')] });
  });

  it("BIRD: the client side's per-protocol cluster id: the target session's towards a client, the source session's towards a non-client", () => {
    const a1 = { ...toA1, clusterId: ip('10.0.0.7') };
    const a2 = { ...toA2, clusterId: ip('10.0.0.8') };
    const fromA1 = { ...fromClient, via: a1 };
    expect(send(fromA1, a2).offers[0]?.wire.clusterList).toEqual([ip('10.0.0.8')]);
    expect(send(fromA1, toTorB).offers[0]?.wire.clusterList).toEqual([ip('10.0.0.7')]);
  });

  it('BIRD does not reflect to a client a route whose CLUSTER_LIST holds that session’s cluster id (bgp_import_control)', () => {
    const looped = { ...fromNonClient, originatorId: ip('10.0.2.11'), clusterList: [CLUSTER] };
    const a1 = { ...toA1, clusterId: CLUSTER };
    expect(send(looped, a1)).toEqual({
      offers: [],
      refused: [{ route: looped, why: "CLUSTER_LIST loop: the session's cluster ID is in it" }],
    });
  });

  it('a reflector without a cluster id uses its router id', () => {
    const rr = speaker({ name: 'tor-a', address: ip('10.0.1.1'), routerId: ip('10.0.1.1') });
    expect(send(fromClient, toA2, rr).offers[0]?.wire.clusterList).toEqual([ip('10.0.1.1')]);
  });
});

describe('loop checks on receipt', () => {
  const wire = (o: Partial<WireRoute> = {}, path: number[] = []): WireRoute => ({
    pathId: 'p',
    attrs: { ...fromClient.attrs, bgp_path: path },
    ...o,
  });
  const nodeA1 = speaker({ name: 'node-a1', address: ip('10.0.1.11') });
  const torB = speaker({ name: 'tor-b', address: ip('10.0.1.2'), clusterId: CLUSTER });
  const intoA1 = channel(toA1, mate(toA1));
  const intoTorB = channel(toTorB, mate(toTorB));

  it('drops a route whose ORIGINATOR_ID is the receiver', () => {
    expect(
      receive(nodeA1, reflector, intoA1, wire({ originatorId: ip('10.0.1.11'), clusterList: [CLUSTER] }), underlay),
    ).toMatchObject({
      ok: false,
      why: 'reflected back to its originator (ORIGINATOR_ID is ours)',
    });
    expect(
      receive(nodeA1, reflector, intoA1, wire({ originatorId: ip('10.0.1.12'), clusterList: [CLUSTER] }), underlay),
    ).toMatchObject({ ok: true });
  });

  it('RFC 4456 (BIRD 2, FRR, ...): drops a route whose CLUSTER_LIST holds the receiver’s cluster id, on any iBGP session', () => {
    const rfcTorB = { ...torB, platform: 'bird2' as const };
    expect(
      receive(
        rfcTorB,
        reflector,
        intoTorB,
        wire({ originatorId: ip('10.0.1.12'), clusterList: [ip('10.0.0.200'), CLUSTER] }),
        underlay,
      ),
    ).toMatchObject({
      ok: false,
      why: 'CLUSTER_LIST loop: our cluster ID is in it',
    });
    expect(
      receive(
        rfcTorB,
        reflector,
        intoTorB,
        wire({ originatorId: ip('10.0.1.12'), clusterList: [ip('10.0.0.200')] }),
        underlay,
      ),
    ).toMatchObject({ ok: true });
  });

  it('BIRD 1.x checks CLUSTER_LIST only on `rr client` sessions (bgp_cluster_list_loopy), with that session’s cluster id', () => {
    // tor-b's session with tor-a is not a client session: the route is kept (as real BIRD 1.6 does).
    expect(
      receive(torB, reflector, intoTorB, wire({ originatorId: ip('10.0.1.12'), clusterList: [CLUSTER] }), underlay),
    ).toMatchObject({ ok: true });
    const clientSide = { ...mate(toTorB), rrClient: true, clusterId: ip('10.0.0.7') };
    expect(
      receive(
        torB,
        reflector,
        channel(toTorB, clientSide),
        wire({ originatorId: ip('10.0.1.12'), clusterList: [ip('10.0.0.7')] }),
        underlay,
      ),
    ).toMatchObject({ ok: false, why: 'CLUSTER_LIST loop: our cluster ID is in it' });
    expect(
      receive(
        torB,
        reflector,
        channel(toTorB, clientSide),
        wire({ originatorId: ip('10.0.1.12'), clusterList: [CLUSTER] }),
        underlay,
      ),
    ).toMatchObject({ ok: true });
  });

  it('the cluster id of a speaker without one is its router id', () => {
    const rfcA1 = { ...nodeA1, platform: 'frr' as const };
    expect(
      receive(
        rfcA1,
        reflector,
        intoA1,
        wire({ originatorId: ip('10.0.1.12'), clusterList: [ip('10.0.1.11')] }),
        underlay,
      ),
    ).toMatchObject({ ok: false, why: 'CLUSTER_LIST loop: our cluster ID is in it' });
  });

  it('a reflected route keeps ORIGINATOR_ID and CLUSTER_LIST in the RIB, and the reflector as peer', () => {
    const r = receive(
      nodeA1,
      reflector,
      intoA1,
      wire({ originatorId: ip('10.0.1.12'), clusterList: [CLUSTER] }),
      underlay,
    );
    expect(r.ok && r.route).toMatchObject({
      originatorId: ip('10.0.1.12'),
      clusterList: [CLUSTER],
      peerRouterId: ip('10.0.1.1'),
    });
  });

  describe('eBGP: AS path loop', () => {
    const spine1 = speaker({ name: 'spine-1', address: ip('10.0.0.1') });
    const fromTorA = (allowLocalAs: number) => {
      const to = end({ speaker: 'spine-1', peer: 'tor-a', localAs: 65100, peerAs: 65000, allowLocalAs });
      return channel(mate(to), to);
    };

    it('drops a route whose path holds the receiver’s AS', () => {
      expect(receive(spine1, reflector, fromTorA(0), wire({}, [65000, 65100, 65201]), underlay)).toEqual({
        ok: false,
        wire: wire({}, [65000, 65100, 65201]),
        why: 'AS path loop: own AS 65100 is in the path 65000 65100 65201',
      });
      expect(receive(spine1, reflector, fromTorA(0), wire({}, [65000, 65201]), underlay)).toMatchObject({ ok: true });
    });

    it('`allow local as N` admits the AS up to N times', () => {
      expect(receive(spine1, reflector, fromTorA(1), wire({}, [65000, 65100, 65201]), underlay)).toMatchObject({
        ok: true,
      });
      expect(receive(spine1, reflector, fromTorA(1), wire({}, [65000, 65100, 65100, 65201]), underlay)).toMatchObject({
        ok: false,
        why: 'AS path loop: own AS 65100 is in the path 65000 65100 65100 65201',
      });
      expect(receive(spine1, reflector, fromTorA(Infinity), wire({}, [65100, 65100, 65100]), underlay)).toMatchObject({
        ok: true,
      });
    });
  });

  it('iBGP too: BIRD checks its own AS in the path on every session (bgp_as_path_loopy)', () => {
    const asn = toA1.localAs;
    expect(
      receive(
        nodeA1,
        reflector,
        intoA1,
        wire({ originatorId: ip('10.0.1.12'), clusterList: [CLUSTER] }, [65000, asn]),
        underlay,
      ),
    ).toMatchObject({
      ok: false,
      why: `AS path loop: own AS ${asn} is in the path 65000 ${asn}`,
    });
  });
});
