/**
 * What a speaker sends on a session and what the receiver keeps (domain §5.4, RFC 4271, BIRD
 * 1.6 bgp_create_attrs / bgp_update_attrs / bgp_import_control): session rules and ADD-PATH.
 * Route reflection and the loop checks are in exchange-rr.test.ts. Speakers and session ends
 * are synthetic; the underlay is that of a one-rack fabric (rack-a: tor-a 10.0.1.1, tor-b
 * 10.0.1.2, node-a1 10.0.1.11, node-a2 10.0.1.12; spine-1 10.0.0.1 linked to tor-a; spine-2
 * 10.0.0.2 linked to nothing).
 */
import { describe, expect, it } from 'vitest';
import type { Route } from '../bird/lang/route';
import { exportsOf, receive } from './exchange';
import { bgpRoute, birdFilter, channel, end, ip, localRoute, oneRackUnderlay, speaker } from './test-speakers';
import { IGP_METRIC_UNKNOWN, type FilterRunner, type RibRoute } from './types';

const underlay = oneRackUnderlay();

/** An accept-all filter that records what it was shown. */
function recorder(): { runner: FilterRunner; seen: Route[] } {
  const seen: Route[] = [];
  return {
    seen,
    runner: (route) => (seen.push(route), { verdict: 'accept', route, decision: { kind: 'all', functions: [] } }),
  };
}

const nodeA1 = speaker({ name: 'node-a1', address: ip('10.0.1.11') });
const torA = speaker({ name: 'tor-a', address: ip('10.0.1.1') });
/** node-a1 (AS 65101) ⇄ tor-a (AS 65001), eBGP. */
const n2t = end({
  speaker: 'node-a1',
  peer: 'tor-a',
  localAs: 65101,
  peerAs: 65001,
  localAddress: ip('10.0.1.11'),
  peerAddress: ip('10.0.1.1'),
});
const t2n = end({
  speaker: 'tor-a',
  peer: 'node-a1',
  localAs: 65001,
  peerAs: 65101,
  localAddress: ip('10.0.1.1'),
  peerAddress: ip('10.0.1.11'),
});
/** node-a1 ⇄ node-a2, iBGP in AS 64512. */
const n1n2 = end({
  speaker: 'node-a1',
  peer: 'node-a2',
  localAs: 64512,
  localAddress: ip('10.0.1.11'),
  peerAddress: ip('10.0.1.12'),
});
const felix = localRoute('kernel', { krt_metric: 512 }, { pathId: 'felix:vm-1' });
/** A route node-a1 learned from tor-a over eBGP. */
const fromTor = bgpRoute({
  via: n2t,
  pathId: 'tor-a/x',
  peerRouterId: ip('10.0.1.1'),
  attrs: { bgp_path: [65001, 65000, 65201], bgp_next_hop: ip('10.0.1.1'), bgp_med: 7, bgp_community: ['65000:100'] },
});

describe('locally originated routes', () => {
  it('iBGP: ORIGIN IGP, empty AS path, LOCAL_PREF 100 and next hop self before the export filter', () => {
    const rec = recorder();
    const { offers } = exportsOf(nodeA1, channel({ ...n1n2, exportFilter: rec.runner }, n1n2), [felix]);
    expect(rec.seen).toEqual([
      { ...felix.attrs, bgp_origin: 0, bgp_path: [], bgp_next_hop: ip('10.0.1.11'), bgp_local_pref: 100 },
    ]);
    expect(offers.map((o) => o.wire)).toEqual([
      {
        pathId: 'node-a1/felix:vm-1',
        attrs: {
          net: felix.attrs.net,
          source: 'RTS_BGP',
          dest: 'RTD_ROUTER',
          preference: 100,
          ifname: '',
          bgp_origin: 0,
          bgp_path: [],
          bgp_next_hop: ip('10.0.1.11'),
          bgp_local_pref: 100,
        },
      },
    ]);
  });

  it('eBGP: the AS path is the local AS', () => {
    const rec = recorder();
    const { offers } = exportsOf(nodeA1, channel({ ...n2t, exportFilter: rec.runner }, t2n), [felix]);
    expect(rec.seen[0]).toMatchObject({ bgp_path: [65101], bgp_local_pref: 100, bgp_next_hop: ip('10.0.1.11') });
    expect(offers[0]?.wire.attrs.bgp_path).toEqual([65101]);
  });

  it('what the export filter sets travels: LOCAL_PREF over iBGP, communities, MED', () => {
    const f = birdFilter(
      'bgp_local_pref = 2147483647 - krt_metric; bgp_community.add((65000, 100)); bgp_med = 5; accept;',
    );
    const { offers } = exportsOf(nodeA1, channel({ ...n1n2, exportFilter: f }, n1n2), [felix]);
    expect(offers[0]?.wire.attrs).toMatchObject({
      bgp_local_pref: 2147483135,
      bgp_community: ['65000:100'],
      bgp_med: 5,
    });
  });
});

describe('eBGP', () => {
  it('prepends the local AS before the export filter; a filter prepend lands in front of it', () => {
    const rec = recorder();
    exportsOf(nodeA1, channel({ ...n2t, exportFilter: rec.runner }, t2n), [
      bgpRoute({ attrs: { bgp_path: [65002, 65201] } }),
    ]);
    expect(rec.seen[0]?.bgp_path).toEqual([65101, 65002, 65201]);
    const { offers } = exportsOf(
      nodeA1,
      channel({ ...n2t, exportFilter: birdFilter('bgp_path.prepend(65000); accept;') }, t2n),
      [bgpRoute({ attrs: { bgp_path: [65002, 65201] } }), felix],
    );
    expect(offers.map((o) => o.wire.attrs.bgp_path)).toEqual([[65000, 65101, 65002, 65201]]);
    const local = exportsOf(
      nodeA1,
      channel({ ...n2t, exportFilter: birdFilter('bgp_path.prepend(65000); accept;') }, t2n),
      [felix],
    );
    expect(local.offers[0]?.wire.attrs.bgp_path).toEqual([65000, 65101]);
  });

  it('does not send LOCAL_PREF, nor a MED learned from another AS; next hop self', () => {
    const f = birdFilter('bgp_local_pref = 2147483135; accept;');
    const { offers } = exportsOf(
      nodeA1,
      channel(
        {
          ...end({ speaker: 'node-a1', peer: 'x', localAs: 65101, peerAs: 65009, localAddress: ip('10.0.1.11') }),
          exportFilter: f,
        },
        t2n,
      ),
      [fromTor],
    );
    const a = offers[0]?.wire.attrs;
    expect(a?.bgp_local_pref).toBeUndefined();
    expect(a?.bgp_med).toBeUndefined();
    expect(a?.bgp_next_hop).toBe(ip('10.0.1.11'));
    expect(a?.bgp_community).toEqual(['65000:100']);
  });

  it('adds LOCAL_PREF 100 on receipt, whatever the wire says', () => {
    const wire = {
      pathId: 'node-a1/felix',
      attrs: {
        ...felix.attrs,
        source: 'RTS_BGP',
        dest: 'RTD_ROUTER',
        preference: 100,
        ifname: '',
        bgp_path: [65101],
        bgp_next_hop: ip('10.0.1.11'),
        bgp_local_pref: 2147483135,
      },
    } as const;
    const r = receive(torA, nodeA1, channel(n2t, t2n), wire, underlay);
    expect(r.ok && r.route.attrs).toMatchObject({
      bgp_local_pref: 100,
      gw: ip('10.0.1.11'),
      source: 'RTS_BGP',
      preference: 100,
      dest: 'RTD_ROUTER',
      ifname: 'eth0',
    });
    expect(r.ok && r.route).toMatchObject({
      proto: 'bgp',
      via: t2n,
      pathId: 'node-a1/felix',
      peerRouterId: ip('10.0.1.11'),
      igpMetric: 0,
      resolvable: true,
      protocol: 'bgp node-a1',
    });
  });

  it('`next hop keep` keeps the learned next hop', () => {
    const { offers } = exportsOf(nodeA1, channel({ ...n2t, id: 'node-a1:x', peer: 'x', nextHop: 'keep' }, t2n), [
      fromTor,
    ]);
    expect(offers[0]?.wire.attrs.bgp_next_hop).toBe(ip('10.0.1.1'));
  });
});

describe('iBGP', () => {
  const reflector = end({
    speaker: 'node-a1',
    peer: 'node-a2',
    localAs: 64512,
    localAddress: ip('10.0.1.11'),
    rrClient: true,
  });
  const fromNodeA2 = bgpRoute({
    via: end({ speaker: 'node-a1', peer: 'tor-b', localAs: 64512, rrClient: true }),
    attrs: { bgp_path: [], bgp_next_hop: ip('10.0.1.2'), bgp_local_pref: 2147483135, bgp_med: 3 },
  });

  it('keeps the next hop, LOCAL_PREF and MED of a learned route', () => {
    const a = exportsOf(nodeA1, channel(reflector, reflector), [fromNodeA2]).offers[0]?.wire.attrs;
    expect(a).toMatchObject({ bgp_next_hop: ip('10.0.1.2'), bgp_local_pref: 2147483135, bgp_med: 3, bgp_path: [] });
  });

  it('`next hop self` replaces it', () => {
    expect(
      exportsOf(nodeA1, channel({ ...reflector, nextHop: 'self' }, reflector), [fromNodeA2]).offers[0]?.wire.attrs
        .bgp_next_hop,
    ).toBe(ip('10.0.1.11'));
  });

  it('a route without LOCAL_PREF gets 100 on receipt; one with it keeps it', () => {
    const wire = (lp?: number) => ({ pathId: 'p', attrs: { ...fromNodeA2.attrs, bgp_local_pref: lp } });
    const ch = channel(n1n2, end({ speaker: 'node-a2', peer: 'node-a1', localAs: 64512 }));
    const nodeA2 = speaker({ name: 'node-a2', address: ip('10.0.1.12') });
    expect(receive(nodeA2, nodeA1, ch, wire(), underlay)).toMatchObject({
      ok: true,
      route: { attrs: { bgp_local_pref: 100 } },
    });
    expect(receive(nodeA2, nodeA1, ch, wire(2147483135), underlay)).toMatchObject({
      ok: true,
      route: { attrs: { bgp_local_pref: 2147483135 } },
    });
  });
});

describe('what is offered', () => {
  it('never sends a route back on the session it came from', () => {
    const { offers, refused } = exportsOf(nodeA1, channel(n2t, t2n), [fromTor]);
    expect(offers).toEqual([]);
    expect(refused).toEqual([{ route: fromTor, why: 'learned from this session' }]);
  });

  it('says which export filter statement refused a route', () => {
    const { refused } = exportsOf(
      nodeA1,
      channel({ ...n2t, exportFilter: birdFilter('if net ~ 10.244.0.0/16 then reject; accept;') }, t2n),
      [felix],
    );
    expect(refused).toEqual([{ route: felix, why: 'export filter: reject;' }]);
  });

  it('offers nothing unresolvable', () => {
    const dead: RibRoute = { ...fromTor, via: n1n2, resolvable: false };
    expect(exportsOf(nodeA1, channel(n2t, t2n), [dead])).toEqual({ offers: [], refused: [] });
  });

  it('ADD-PATH negotiated: every usable candidate, each with its own path id', () => {
    const other = bgpRoute({
      via: n1n2,
      pathId: 'node-a2/felix',
      attrs: { bgp_path: [], bgp_next_hop: ip('10.0.1.12') },
    });
    const { offers, refused } = exportsOf(nodeA1, channel(n2t, t2n, true), [fromTor, felix, other]);
    expect(offers.map((o) => [o.wire.pathId, o.wire.attrs.bgp_path])).toEqual([
      ['node-a1/felix:vm-1', [65101]],
      ['node-a1/node-a2/felix', [65101]],
    ]);
    expect(refused.map((r) => r.why)).toEqual(['learned from this session']);
  });

  it('without ADD-PATH: only the best', () => {
    const { offers } = exportsOf(nodeA1, channel(n1n2, n1n2), [felix, fromTor]);
    expect(offers.map((o) => o.wire.pathId)).toEqual(['node-a1/felix:vm-1']);
  });

  it('without ADD-PATH, nothing when the best may not go out, even if another could (domain §11.2)', () => {
    expect(exportsOf(nodeA1, channel(n2t, t2n), [fromTor, felix])).toEqual({
      offers: [],
      refused: [{ route: fromTor, why: 'learned from this session' }],
    });
    expect(exportsOf(nodeA1, channel(n2t, t2n, true), [fromTor, felix]).offers.map((o) => o.wire.pathId)).toEqual([
      'node-a1/felix:vm-1',
    ]);
  });
});

describe('next-hop resolution on receipt', () => {
  const receiver = speaker({ name: 'node-a2', address: ip('10.0.1.12') });
  const ch = channel(n1n2, end({ speaker: 'node-a2', peer: 'node-a1', localAs: 64512 }));
  const wire = (nh: string) => ({ pathId: 'p', attrs: { ...fromTor.attrs, bgp_next_hop: ip(nh) } });

  it('resolves over the underlay; BIRD knows no IGP metric of kernel routes: 0 when reached directly, else unknown', () => {
    expect(receive(receiver, nodeA1, ch, wire('10.0.1.11'), underlay)).toMatchObject({
      ok: true,
      route: { resolvable: true, igpMetric: 0, attrs: { dest: 'RTD_ROUTER', gw: ip('10.0.1.11') } },
    });
    expect(receive(receiver, nodeA1, ch, wire('10.0.0.1'), underlay)).toMatchObject({
      ok: true,
      route: { resolvable: true, igpMetric: IGP_METRIC_UNKNOWN },
    });
  });

  it('on the other platforms the IGP cost is the hop count, as an IGP would make it', () => {
    for (const platform of ['bird2', 'frr', 'eos', 'nxos', 'junos'] as const) {
      const vendor = { ...receiver, platform };
      expect(receive(vendor, nodeA1, ch, wire('10.0.1.11'), underlay), platform).toMatchObject({
        ok: true,
        route: { igpMetric: 1 },
      });
      expect(receive(vendor, nodeA1, ch, wire('10.0.0.1'), underlay), platform).toMatchObject({
        ok: true,
        route: { igpMetric: 2 },
      });
    }
  });

  it('recursive gateway (BIRD multihop default): the underlay first hop towards the next hop; BGP.next_hop unchanged', () => {
    const r = receive(receiver, nodeA1, channel(n1n2, { ...ch.to, gateway: 'recursive' }), wire('10.0.0.1'), underlay);
    expect(r).toMatchObject({
      ok: true,
      route: {
        resolvable: true,
        igpMetric: IGP_METRIC_UNKNOWN,
        attrs: { gw: ip('10.0.1.1'), bgp_next_hop: ip('10.0.0.1') },
      },
    });
  });

  it('direct gateway (BIRD direct session): the next hop when it shares the segment, else the peer itself', () => {
    const direct = channel(n1n2, { ...ch.to, gateway: 'direct', peerAddress: ip('10.0.1.11') });
    expect(receive(receiver, nodeA1, direct, wire('10.0.1.1'), underlay)).toMatchObject({
      ok: true,
      route: { resolvable: true, igpMetric: 0, attrs: { gw: ip('10.0.1.1') } },
    });
    expect(receive(receiver, nodeA1, direct, wire('10.0.0.1'), underlay)).toMatchObject({
      ok: true,
      route: { resolvable: true, igpMetric: 0, attrs: { gw: ip('10.0.1.11'), bgp_next_hop: ip('10.0.0.1') } },
    });
  });

  it('a next hop nothing reaches, or no speaker owns, is unresolvable (kept, marked unreachable)', () => {
    for (const nh of ['10.0.0.2', '192.0.2.1']) {
      const r = receive(receiver, nodeA1, ch, wire(nh), underlay);
      expect(r).toMatchObject({
        ok: true,
        route: { resolvable: false, igpMetric: 0, attrs: { dest: 'RTD_UNREACHABLE', ifname: '', gw: ip(nh) } },
      });
    }
  });

  it('the import filter decides, and says why it refused', () => {
    const r = receive(
      receiver,
      nodeA1,
      channel(n1n2, { ...ch.to, importFilter: birdFilter('if (65000, 100) ~ bgp_community then reject; accept;') }),
      wire('10.0.1.11'),
      underlay,
    );
    expect(r).toMatchObject({
      ok: false,
      why: 'import filter: reject;',
      route: { importDecision: { kind: 'statement', at: { text: 'reject;' } } },
    });
  });
});
