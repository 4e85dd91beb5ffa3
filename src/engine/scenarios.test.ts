/**
 * DESIGN §9 scenarios 1, 2, 3, 6 and 7 through the engine, phase by phase: the outcome for every
 * client, and the selected routes and kernel routes on the speakers where the story is decided.
 * Expected values follow the domain spec (§4–§6, §11: what real BIRD 1.6 did), not the engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../model';
import { diagnose } from './diagnostics';
import { toReport, type SimulationReport } from './report';
import { simulate } from './simulate';

function load(name: string, edit?: (text: string) => string): Topology {
  const text = readFileSync(new URL(`../scenarios/${name}.liveroute.yaml`, import.meta.url), 'utf8');
  const parsed = parseDesign(edit ? edit(text) : text);
  if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
  return parsed.value.doc;
}

function run(doc: Topology): SimulationReport {
  const sim = simulate(doc);
  return toReport(sim, diagnose(sim));
}

/** Per phase, the clients that are not delivered (all others must be). */
function problems(r: SimulationReport): Record<string, string[]> {
  return Object.fromEntries(
    r.phases.map((p) => [
      p.name,
      p.flows.filter((f) => f.outcome !== 'delivered').map((f) => `${f.client}:${f.outcome}`),
    ]),
  );
}

const phase = (r: SimulationReport, name: string) => {
  const p = r.phases.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return p;
};
const selected = (r: SimulationReport, ph: string, speaker: string, prefix: string) =>
  phase(r, ph).routes[speaker]?.find((e) => e.prefix === prefix && e.selected);
const fib = (r: SimulationReport, ph: string, speaker: string) =>
  (phase(r, ph).fib[speaker] ?? []).map(
    (f) => `${f.prefix} ${f.proto} ${f.kind} ${f.metric}${f.via.length ? ` via ${f.via.join(',')}` : ''}`,
  );

describe('scenario 1: single rack, node-to-node mesh', () => {
  const r = run(load('single-rack-mesh'));
  it('delivers everywhere in every phase', () => {
    expect(problems(r)).toEqual({ base: [], target: [], live: [], 'source-deleted': [], settled: [] });
  });
  it('carries the priority as LOCAL_PREF over iBGP: preference 200 and kernel metric 512 on the source', () => {
    expect(selected(r, 'live', 'node-a1', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'node-a2',
      localPref: 2147483135,
      preference: 200,
      asPath: [],
      nextHop: '10.0.1.12',
    });
    expect(fib(r, 'live', 'node-a1')).toEqual([
      '10.244.1.5/32 felix local 1024',
      '10.244.1.5/32 bird via 512 via 10.0.1.12',
      '10.244.1.0/26 bird blackhole 0',
    ]);
  });
});

describe('scenario 2: two racks, eBGP to the ToRs, no BGPFilter', () => {
  const r = run(load('two-racks-ebgp-no-filter'));
  it("blackholes the source node's own clients in live, and only there", () => {
    expect(problems(r)).toEqual({
      base: [],
      target: [],
      live: ['node-a1:blackhole'],
      'source-deleted': [],
      settled: [],
    });
    expect(phase(r, 'live').flows.find((f) => f.client === 'node-a1')?.pathEnds[0]?.why).toBe(
      "node-a1 hands the packet to the VM's interface, but the VM is not running on node-a1",
    );
  });
  it("installs the eBGP-learned /32 at metric 2147483547, losing to Felix's 1024 route", () => {
    expect(selected(r, 'live', 'node-a1', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'tor-a',
      localPref: 100,
      preference: 100,
      communities: [],
      asPath: [65001, 65000, 65002, 65201],
    });
    expect(fib(r, 'live', 'node-a1')).toEqual([
      '10.244.1.5/32 felix local 1024',
      '10.244.1.5/32 bird via 2147483547 via 10.0.1.1',
      '10.244.1.0/26 bird blackhole 0',
    ]);
  });
  it('says why: an eBGP peering that carries no priority', () => {
    expect(r.diagnostics.map((d) => `${d.code}${d.phase ? `@${d.phase}` : ''}`)).toEqual([
      'LR-EBGP-NO-PRIORITY',
      'LR-BLACKHOLE@live',
      'LR-TRANSIENT-BLACKHOLE@live',
    ]);
  });
});

describe('scenario 3: two racks, eBGP, the documented BGPFilter, BIRD ToRs that honour the community', () => {
  const r = run(load('two-racks-ebgp'));
  it('delivers everywhere in every phase', () => {
    expect(problems(r)).toEqual({ base: [], target: [], live: [], 'source-deleted': [], settled: [] });
  });
  it('restores priority 512 from the community on the source node (accepted by the BGPFilter: preference stays 100)', () => {
    expect(selected(r, 'live', 'node-a1', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'tor-a',
      localPref: 2147483135,
      preference: 100,
      communities: ['65000:100'],
      decidedBy:
        'BGPFilter kubevirt-live-migration importV4 rule 1: if (((65000, 100) ~ bgp_community)) then { bgp_local_pref = 2147483135; accept; }',
      changes: [
        '`bgp_local_pref = 2147483135;` by BGPFilter kubevirt-live-migration importV4 rule 1, as it carries community 65000:100',
      ],
    });
    expect(fib(r, 'live', 'node-a1')).toEqual([
      '10.244.1.5/32 felix local 1024',
      '10.244.1.5/32 bird via 512 via 10.0.1.1',
      '10.244.1.0/26 bird blackhole 0',
    ]);
  });
  it('lets the ToR prefer the tagged route: preference 200, LOCAL_PREF from the elevated priority', () => {
    expect(selected(r, 'live', 'tor-a', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'spine-1',
      localPref: 2147483135,
      preference: 200,
      communities: ['65000:100'],
      asPath: [65000, 65002, 65201],
    });
  });
  it('keeps a borrowed IP reachable after the target returns to normal priority', () => {
    expect(selected(r, 'settled', 'node-a1', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'tor-a',
      localPref: 100,
      communities: [],
    });
    expect(fib(r, 'settled', 'node-a1')).toEqual([
      '10.244.1.5/32 bird via 2147483547 via 10.0.1.1',
      '10.244.1.0/26 bird blackhole 0',
    ]);
  });
});

describe('scenario 6: downward default', () => {
  const r = run(load('downward-default'));
  it('blackholes like scenario 2 in live, and the block owner for good once the source is gone', () => {
    expect(problems(r)).toEqual({
      base: [],
      target: [],
      live: ['node-a1:blackhole'],
      'source-deleted': ['node-a1:blackhole'],
      settled: ['node-a1:blackhole'],
    });
    expect(fib(r, 'settled', 'node-a1')).toEqual([
      '10.244.1.0/26 bird blackhole 0',
      '0.0.0.0/0 bird via 2147483547 via 10.0.1.1',
    ]);
  });
  it('works with the default plus host routes', () => {
    const fixed = run(
      load('downward-default', (t) => t.replaceAll('toNodes: default-only', 'toNodes: default-plus-host-routes')),
    );
    expect(problems(fixed)).toEqual({ base: [], target: [], live: [], 'source-deleted': [], settled: [] });
    expect(selected(fixed, 'live', 'node-a1', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'tor-a',
      localPref: 2147483135,
      communities: ['65000:100'],
    });
  });
});

describe('scenario 7: second migration of a borrowed IP', () => {
  const r = run(load('second-migration'));
  it("hides the new location in live: everyone but the target follows the source's /32", () => {
    expect(problems(r)).toEqual({
      base: [],
      target: [],
      live: ['border-1:blackhole', 'node-a1:blackhole', 'node-a2:blackhole', 'node-b1:blackhole'],
      'source-deleted': [],
      settled: [],
    });
  });
  it("keeps node-b2's elevated kernel route behind the BGP route it learned from tor-b (preference 100 beats 10)", () => {
    const routes = phase(r, 'live').routes['node-b2'] ?? [];
    expect(
      routes
        .filter((e) => e.prefix === '10.244.1.5/32')
        .map((e) => `${e.selected ? '*' : ' '} ${e.learnedFrom} pref ${e.preference} ${e.reason}`),
    ).toEqual(['* tor-b pref 100 preference', '  local pref 10 preference']);
    expect(selected(r, 'live', 'tor-b', '10.244.1.5/32')).toMatchObject({ learnedFrom: 'node-b1', communities: [] });
  });
  it('is seen with ADD-PATH on the ToRs, which prefer the elevated route', () => {
    const fixed = run(
      load('second-migration', (t) =>
        t
          .replaceAll(
            'policy: { elevatedCommunity: "65000:100" }\n    - name: tor-b',
            'policy: { elevatedCommunity: "65000:100", addPaths: true }\n    - name: tor-b',
          )
          .replace(/(name: tor-b[\s\S]*?policy: \{ elevatedCommunity: "65000:100") \}/, '$1, addPaths: true }'),
      ),
    );
    expect(problems(fixed)).toEqual({ base: [], target: [], live: [], 'source-deleted': [], settled: [] });
    expect(selected(fixed, 'live', 'tor-b', '10.244.1.5/32')).toMatchObject({
      learnedFrom: 'node-b2',
      preference: 200,
      communities: ['65000:100'],
    });
  });
});
