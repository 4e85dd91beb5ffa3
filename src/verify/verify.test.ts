/**
 * The lab's pure parts: reading BIRD's and ip's output (fixtures captured from the lab running
 * lab-tor-pair-ecmp in the `live` phase), the plan of namespaces and routes, the walk of real
 * FIBs, and the comparison, which must report an altered engine result as a disagreement.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../model';
import {
  parseShowProtocols,
  parseShowRouteAll,
  replyEnd,
  replyText,
  routeUpdateCounters,
  withoutRouteTimes,
} from './birdOutput';
import { compare, diffLines, type Observation } from './compare';
import { ipOf, kernelLookup, parseIpRoutes, walkReal, type KernelRoute } from './kernel';
import { labPlan, unsupported } from '../lab/plan';
import { simulate } from '../engine/simulate';
import { toReport, type SimulationReport } from '../engine/report';
import { engineSessions } from './run';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const design = (path: string): Topology => {
  const r = parseDesign(readFileSync(new URL(path, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
};

describe('BIRD control-socket replies', () => {
  it('strips the reply codes and finds the end of a reply', () => {
    const raw =
      '1007-10.244.1.5/32 dev cali1 [kernel1 10:59:21] * (10)\n1008-\tType: inherit unicast univ\n \tKernel.metric: 1024\n0000 \n';
    expect(replyText(raw)).toBe(
      '10.244.1.5/32 dev cali1 [kernel1 10:59:21] * (10)\n\tType: inherit unicast univ\n\tKernel.metric: 1024',
    );
    expect(replyEnd(raw)).toEqual({ code: '0000', text: '' });
    expect(replyEnd('1007-partial\n')).toBeUndefined();
    expect(replyEnd('8001 Route not found\n')).toEqual({ code: '8001', text: 'Route not found' });
  });

  it('reads `show route all`: every route of a prefix, the primary, its attributes', () => {
    const vm = parseShowRouteAll(fixture('node-a1.show-route-all.txt')).filter((r) => r.prefix === '10.244.1.5/32');
    expect(vm).toEqual([
      {
        prefix: '10.244.1.5/32',
        primary: true,
        protocol: 'Node_10_0_1_1',
        dest: 'via',
        gateway: '10.0.1.1',
        device: 'eth0',
        preference: 100,
        type: 'BGP unicast univ',
        origin: 'IGP',
        asPath: [65001, 65000, 65002, 65201],
        nextHop: '10.0.1.1',
        localPref: 2147483135,
        communities: ['65000:100'],
        largeCommunities: [],
      },
      {
        prefix: '10.244.1.5/32',
        primary: false,
        protocol: 'Node_10_0_1_2',
        dest: 'via',
        gateway: '10.0.1.2',
        device: 'eth0',
        preference: 100,
        type: 'BGP unicast univ',
        origin: 'IGP',
        asPath: [65001, 65000, 65002, 65201],
        nextHop: '10.0.1.2',
        localPref: 2147483135,
        communities: ['65000:100'],
        largeCommunities: [],
      },
      {
        prefix: '10.244.1.5/32',
        primary: false,
        protocol: 'kernel1',
        dest: 'dev',
        device: 'cali3db72406',
        preference: 10,
        type: 'inherit unicast univ',
        kernelMetric: 1024,
        communities: [],
        largeCommunities: [],
      },
    ]);
    expect(
      parseShowRouteAll(fixture('node-a1.show-route-all.txt')).find((r) => r.prefix === '10.244.1.0/26'),
    ).toMatchObject({ primary: true, protocol: 'static1', dest: 'blackhole', preference: 200 });
  });

  it('a primary route marked `!` (kernel out of sync, BIRD 1.6 with multipath) is still the primary of its own prefix', () => {
    const routes = parseShowRouteAll(fixture('border-1.show-route-all.txt'));
    const block = routes.filter((r) => r.prefix === '10.244.2.64/26');
    expect(block.map((r) => [r.protocol, r.primary, r.syncError ?? false])).toEqual([
      ['peer_spine_1', true, true],
      ['peer_spine_2', false, false],
    ]);
    expect(new Set(routes.map((r) => r.prefix)).size).toBe(routes.filter((r) => r.primary).length);
  });

  it('reads `show protocols`', () => {
    expect(parseShowProtocols(fixture('tor-a1.show-protocols.txt')).filter((p) => p.proto === 'BGP')).toEqual([
      { name: 'peer_spine_1', proto: 'BGP', state: 'up', info: 'Established' },
      { name: 'peer_spine_2', proto: 'BGP', state: 'up', info: 'Established' },
      { name: 'node_node_a1', proto: 'BGP', state: 'up', info: 'Established' },
      { name: 'node_node_a2', proto: 'BGP', state: 'up', info: 'Established' },
    ]);
  });
});

describe('what the lab compares from one poll to the next', () => {
  it('routes without the time BIRD stamps on them: the same route a second later reads the same, a changed route does not', () => {
    const at = (time: string, gateway: string) =>
      `10.244.1.5/32      via ${gateway} on eth0 [Node_10_0_1_1 ${time}] * (100/0) [AS65001i]\n\tBGP.as_path: 65001\n                   via 10.0.0.2 on lk9 [peer_spine_2 ${time} from 10.0.0.9] (100/0) [AS65201i]`;
    expect(withoutRouteTimes(at('17:29:14', '10.0.1.1'))).toBe(
      '10.244.1.5/32      via 10.0.1.1 on eth0 [Node_10_0_1_1] * (100/0) [AS65001i]\n\tBGP.as_path: 65001\n                   via 10.0.0.2 on lk9 [peer_spine_2 from 10.0.0.9] (100/0) [AS65201i]',
    );
    expect(withoutRouteTimes(at('17:29:15', '10.0.1.1'))).toBe(withoutRouteTimes(at('17:29:14', '10.0.1.1')));
    expect(withoutRouteTimes(at('17:29:15', '10.0.1.2'))).not.toBe(withoutRouteTimes(at('17:29:14', '10.0.1.1')));
  });

  it("each protocol's route update counters, which move with every update and not with BGP's timers", () => {
    const text = fixture('node-a1.show-protocols-all.txt');
    const counters = routeUpdateCounters(text).split('\n');
    expect(counters).toHaveLength(6 * 4);
    expect(counters.filter((l) => l.startsWith('Node_10_0_1_1 '))).toEqual([
      'Node_10_0_1_1 Import updates: 5 0 0 2 3',
      'Node_10_0_1_1 Import withdraws: 0 0 --- 0 0',
      'Node_10_0_1_1 Export updates: 14 3 9 --- 2',
      'Node_10_0_1_1 Export withdraws: 0 --- --- --- 1',
    ]);
    expect(routeUpdateCounters(text.replace('Hold timer:       216/240', 'Hold timer:       215/240'))).toBe(
      routeUpdateCounters(text),
    );
    expect(
      routeUpdateCounters(
        text.replace(
          'Import updates:              3          0          0          0          3',
          'Import updates:              4          0          0          0          4',
        ),
      ),
    ).not.toBe(routeUpdateCounters(text));
  });
});

describe('kernel routes', () => {
  const fib = parseIpRoutes(fixture('node-a1.ip-route.json'));

  it('reads `ip -j route`: multipath next hops, Felix’s device route (protocol boot), blackholes', () => {
    const vm = fib.filter((r) => r.prefix === '10.244.1.5/32');
    expect(vm).toEqual([
      { prefix: '10.244.1.5/32', type: 'unicast', metric: 512, protocol: 'bird', gateways: ['10.0.1.1', '10.0.1.2'] },
      {
        prefix: '10.244.1.5/32',
        type: 'unicast',
        metric: 1024,
        protocol: 'boot',
        gateways: [],
        device: 'cali3db72406',
      },
    ]);
    expect(fib.find((r) => r.prefix === '10.244.1.0/26')).toEqual({
      prefix: '10.244.1.0/26',
      type: 'blackhole',
      metric: 0,
      protocol: 'bird',
      gateways: [],
    });
  });

  it('looks up the longest prefix, then the lowest metric', () => {
    expect(kernelLookup(fib, ipOf('10.244.1.5'))?.metric).toBe(512);
    expect(kernelLookup(fib, ipOf('10.244.1.6'))?.type).toBe('blackhole');
  });

  it('walks real FIBs: ECMP shares, delivery on the VM host only, loops', () => {
    const tables: Record<string, KernelRoute[]> = {
      a: [
        { prefix: '10.244.1.5/32', type: 'unicast', metric: 0, protocol: 'bird', gateways: ['10.0.0.2', '10.0.0.3'] },
      ],
      b: [{ prefix: '10.244.1.5/32', type: 'unicast', metric: 0, protocol: 'bird', gateways: ['10.0.0.4'] }],
      c: [{ prefix: '10.244.1.5/32', type: 'unicast', metric: 0, protocol: 'bird', gateways: ['10.0.0.1'] }],
      d: [{ prefix: '10.244.1.5/32', type: 'unicast', metric: 1024, protocol: 'boot', gateways: [], device: 'caliX' }],
    };
    const owners: Record<string, string> = { '10.0.0.1': 'a', '10.0.0.2': 'b', '10.0.0.3': 'c', '10.0.0.4': 'd' };
    const w = {
      ip: ipOf('10.244.1.5'),
      vmHost: 'd',
      workloadIf: 'caliX',
      fib: (s: string) => tables[s] ?? [],
      owner: (a: string) => owners[a],
    };
    expect(walkReal('a', w)).toEqual({
      client: 'a',
      outcome: 'split',
      deliveredFraction: 0.5,
      paths: [
        { hops: ['a', 'b', 'd'], end: 'delivered', why: 'd delivers to the VM', fraction: 0.5 },
        { hops: ['a', 'c', 'a'], end: 'loop', why: 'a is visited twice', fraction: 0.5 },
      ],
    });
    expect(walkReal('d', { ...w, vmHost: 'b' })).toMatchObject({
      outcome: 'blackhole',
      paths: [{ why: "d hands the packet to the VM's interface, but the VM is not running on d" }],
    });
  });
});

describe('the plan', () => {
  const doc = design('../scenarios/two-racks-ebgp.liveroute.yaml');
  const plan = labPlan(doc, { vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-b1' }, 'lrv1.t');

  it('one namespace per speaker and per rack segment, a veth per link, the configs the exports hold', () => {
    expect(plan.speakers.map((s) => [s.ns, s.segment?.rack ?? '-', Object.keys(s.files).join(',')])).toEqual([
      ['lrv1.t.node-a1', 'rack-a', 'bird.cfg,bird_aggr.cfg,bird_ipam.cfg'],
      ['lrv1.t.node-a2', 'rack-a', 'bird.cfg,bird_aggr.cfg,bird_ipam.cfg'],
      ['lrv1.t.node-b1', 'rack-b', 'bird.cfg,bird_aggr.cfg,bird_ipam.cfg'],
      ['lrv1.t.node-b2', 'rack-b', 'bird.cfg,bird_aggr.cfg,bird_ipam.cfg'],
      ['lrv1.t.border-1', '-', 'bird.cfg'],
      ['lrv1.t.spine-1', '-', 'bird.cfg'],
      ['lrv1.t.tor-a', 'rack-a', 'bird.cfg'],
      ['lrv1.t.tor-b', 'rack-b', 'bird.cfg'],
    ]);
    expect(plan.segments.map((s) => [s.ns, s.members])).toEqual([
      ['lrv1.t.seg.rack-a', ['node-a1', 'node-a2', 'tor-a']],
      ['lrv1.t.seg.rack-b', ['node-b1', 'node-b2', 'tor-b']],
    ]);
    expect(plan.links).toEqual([
      { a: 'tor-a', b: 'spine-1', aIf: 'lk0', bIf: 'lk0' },
      { a: 'tor-b', b: 'spine-1', aIf: 'lk1', bIf: 'lk1' },
      { a: 'spine-1', b: 'border-1', aIf: 'lk2', bIf: 'lk2' },
    ]);
  });

  it('the underlay as static routes along the engine’s shortest paths', () => {
    expect(plan.speakers.find((s) => s.name === 'tor-a')?.routes.map((r) => r.join(' '))).toEqual([
      'route replace 10.0.0.10/32 via 10.0.0.1 dev lk0 onlink proto static',
      'route replace 10.0.2.11/32 via 10.0.0.1 dev lk0 onlink proto static',
      'route replace 10.0.2.12/32 via 10.0.0.1 dev lk0 onlink proto static',
      'route replace 10.0.0.1/32 dev lk0 scope link proto static',
      'route replace 10.0.2.1/32 via 10.0.0.1 dev lk0 onlink proto static',
    ]);
    expect(plan.speakers.find((s) => s.name === 'node-a1')?.routes[0]?.join(' ')).toBe(
      'route replace 10.0.0.10/32 via 10.0.1.1 dev eth0 proto static',
    );
  });

  it("Felix's routes per phase: the new route first, then the old one removed", () => {
    const change = (i: number) => plan.phases[i]?.changes.map((c) => `${c.node}: ip ${c.args.join(' ')}`);
    expect(change(0)).toEqual(['node-a1: ip route replace 10.244.1.5/32 dev cali3db72406 metric 1024 proto boot']);
    expect(change(1)).toEqual([]);
    expect(change(2)).toEqual(['node-b1: ip route replace 10.244.1.5/32 dev cali3db72406 metric 512 proto boot']);
    expect(change(3)).toEqual(['node-a1: ip route del 10.244.1.5/32 dev cali3db72406 metric 1024']);
    expect(change(4)).toEqual([
      'node-b1: ip route replace 10.244.1.5/32 dev cali3db72406 metric 1024 proto boot',
      'node-b1: ip route del 10.244.1.5/32 dev cali3db72406 metric 512',
    ]);
  });

  it('a design with a router the lab cannot run is refused with the reason', () => {
    const frr = structuredClone(doc);
    (frr.spec.routers[0] as { platform: string }).platform = 'frr';
    expect(unsupported(frr)).toBe('the lab runs BIRD 1.6 only; tor-a is frr');
    expect(unsupported(doc)).toBeUndefined();
  });
});

describe('the comparison', () => {
  const doc = design('../scenarios/two-racks-ebgp.liveroute.yaml');
  const sim = simulate(doc);
  const report = toReport(sim, []);
  const sessions = engineSessions(sim);

  /** An observation that is exactly what the engine reports (as the lab would see it). */
  function mirror(r: SimulationReport): Observation {
    const protocols = Object.fromEntries(
      [...new Set(sessions.flatMap((s) => [s.a.speaker, s.b.speaker]))].map((speaker) => [
        speaker,
        sessions
          .flatMap((s) => (s.a.speaker === speaker ? [s.a.protocol] : s.b.speaker === speaker ? [s.b.protocol] : []))
          .map((name) => ({ name, proto: 'BGP', state: 'up', info: 'Established' })),
      ]),
    );
    return {
      protocols,
      startErrors: {},
      phases: r.phases.map((p) => ({
        name: p.name,
        converged: true,
        waitedMs: 1500,
        routes: Object.fromEntries(
          Object.entries(p.routes).map(([s, entries]) => [
            s,
            entries.map((e) => ({
              prefix: e.prefix,
              primary: e.selected,
              protocol: e.source === 'RTS_BGP' ? e.protocol : e.source === 'RTS_STATIC' ? 'static1' : 'kernel1',
              dest: 'via' as const,
              preference: e.preference,
              type:
                e.source === 'RTS_BGP'
                  ? 'BGP unicast univ'
                  : e.source === 'RTS_STATIC'
                    ? 'static unicast univ'
                    : 'inherit unicast univ',
              ...(e.localPref !== null ? { localPref: e.localPref } : {}),
              ...(e.source === 'RTS_BGP' ? { asPath: e.asPath } : {}),
              ...(e.nextHop !== null ? { nextHop: e.nextHop } : {}),
              ...(e.metric !== null ? { kernelMetric: e.metric } : {}),
              communities: e.communities,
              largeCommunities: [],
            })),
          ]),
        ),
        fib: Object.fromEntries(
          Object.entries(p.fib).map(([s, entries]) => [
            s,
            entries.map((e) => ({
              prefix: e.prefix,
              type: e.kind === 'local' || e.kind === 'via' ? 'unicast' : e.kind,
              metric: e.metric,
              protocol: e.proto === 'felix' ? 'boot' : 'bird',
              gateways: e.kind === 'via' ? [...e.via] : [],
              ...(e.dev ? { device: e.dev } : {}),
            })),
          ]),
        ),
        flows: p.flows.map((f) => ({
          client: f.client,
          outcome: f.outcome,
          deliveredFraction: f.deliveredFraction,
          paths: f.paths.map((hops, i) => ({
            hops,
            end: f.pathEnds[i]?.end ?? 'delivered',
            why: '',
            fraction: f.pathEnds[i]?.fraction ?? 0,
          })),
        })),
      })),
    };
  }

  it('agrees with a lab that saw exactly what the engine computed', () => {
    const checks = compare(report, sessions, {}, mirror(report));
    expect(checks.filter((c) => !c.agree)).toEqual([]);
    expect(checks.length).toBe(7 + 5 * (5 + 8 + 8));
  });

  it('reports a deliberately altered engine result as a disagreement, with the diff', () => {
    const observed = mirror(report);
    const live = report.phases[2];
    if (!live) throw new Error('no live phase');
    const altered: SimulationReport = {
      ...report,
      phases: report.phases.map((p) =>
        p !== live
          ? p
          : {
              ...p,
              flows: p.flows.map((f) =>
                f.client === 'node-a1' ? { ...f, outcome: 'blackhole' as const, deliveredFraction: 0 } : f,
              ),
              routes: {
                ...p.routes,
                'tor-a': (p.routes['tor-a'] ?? []).map((e) =>
                  e.selected && e.prefix === '10.244.1.5/32' ? { ...e, localPref: 100 } : e,
                ),
              },
            },
      ),
    };
    const bad = compare(altered, sessions, {}, observed).filter((c) => !c.agree);
    expect(bad.map((c) => `${c.phase} ${c.aspect} ${c.subject}`)).toEqual(['live flow node-a1', 'live routes tor-a']);
    expect(diffLines(bad[0] as (typeof bad)[number])).toEqual([
      '- engine: blackhole, delivered fraction 0',
      '+ real:   delivered, delivered fraction 1',
    ]);
    expect(diffLines(bad[1] as (typeof bad)[number])).toEqual([
      '- engine: 10.244.1.5/32 * bgp peer_spine_1 pref 200 lp 100 path [65000 65002 65201] nh 10.0.0.1 comm 65000:100',
      '+ real:   10.244.1.5/32 * bgp peer_spine_1 pref 200 lp 2147483135 path [65000 65002 65201] nh 10.0.0.1 comm 65000:100',
    ]);
  });

  it('a session down in the lab but up in the engine, and a refused configuration, are disagreements', () => {
    const observed = mirror(report);
    const down = {
      ...observed,
      protocols: {
        ...observed.protocols,
        'tor-a': (observed.protocols['tor-a'] ?? []).map((p) => ({ ...p, state: 'start', info: 'Active' })),
      },
      startErrors: { 'node-a2': 'bird: bird.cfg:3:1 syntax error' },
    };
    const bad = compare(report, sessions, {}, down).filter((c) => !c.agree);
    expect(bad.map((c) => [c.subject, c.engine.join(), c.real.join()])).toEqual([
      ['node-a1 ⇄ tor-a', 'up', 'down'],
      ['node-a2 ⇄ tor-a', 'up', 'down'],
      ['spine-1 ⇄ tor-a', 'up', 'down'],
      ['node-a2 configuration', 'loads', 'refused'],
    ]);
  });
});
