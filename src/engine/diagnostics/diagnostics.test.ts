/**
 * One test per diagnostic of the catalogue (DESIGN §8): the design that triggers it, the exact
 * finding, and, where it has a one-click fix, that the fix makes it go away.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../../model';
import { applyFix } from '../../model/edit/fixes';
import { simulate } from '../simulate';
import { diagnose, type Diagnostic, type DiagnosticCode } from './index';

function load(name: string, edit: (text: string) => string = (t) => t): Topology {
  const parsed = parseDesign(
    edit(readFileSync(new URL(`../../scenarios/${name}.liveroute.yaml`, import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
  return parsed.value.doc;
}

const findings = (doc: Topology, code: DiagnosticCode): Diagnostic[] =>
  diagnose(simulate(doc)).filter((d) => d.code === code);

function fixed(doc: Topology, d: Diagnostic | undefined): Topology {
  if (!d?.action) throw new Error('no action');
  const r = applyFix(doc, d.action);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const DEFAULT = 'two-racks-ebgp';

describe('diagnostics', () => {
  it('LR-SESSION-DOWN: a BGPPeer with the wrong AS number, fixed by the router’s AS', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace('peerIP: 10.0.1.1, asNumber: 65001', 'peerIP: 10.0.1.1, asNumber: 65009'),
    );
    const [first, second] = findings(doc, 'LR-SESSION-DOWN');
    expect(first).toMatchObject({
      severity: 'error',
      subjects: ['node-a1', 'tor-a', 'rack-a-tor'],
      message:
        'The BGP session node-a1 ↔ tor-a does not come up: AS mismatch: node-a1 expects tor-a in AS 65009, but tor-a speaks AS 65001.',
      fix: "Set BGPPeer rack-a-tor's asNumber to 65001 (tor-a's AS).",
      action: { kind: 'set-peer-as', peer: 'rack-a-tor', asNumber: 65001 },
    });
    expect(second?.subjects).toEqual(['node-a2', 'tor-a', 'rack-a-tor']);
    expect(findings(fixed(doc, first), 'LR-SESSION-DOWN')).toEqual([]);
  });

  it('LR-FILTER-MISSING: a BGPPeer names a filter that does not exist', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace(
        'asNumber: 65002, filters: [kubevirt-live-migration]',
        'asNumber: 65002, filters: [kubevirt-live-migration, typo-filter]',
      ),
    );
    const [d] = findings(doc, 'LR-FILTER-MISSING');
    expect(d).toMatchObject({
      subjects: ['rack-b-tor', 'typo-filter'],
      message:
        'BGPPeer rack-b-tor names BGPFilter typo-filter, which does not exist: Calico skips it silently, so the peering runs without it.',
      action: { kind: 'remove-filter-reference', peer: 'rack-b-tor', filter: 'typo-filter' },
    });
    expect(findings(fixed(doc, d), 'LR-FILTER-MISSING')).toEqual([]);
  });

  it('LR-PRIORITY-MISMATCH: BGPConfiguration against Felix, a filter against the elevated priority, elevated not below normal', () => {
    const bgp = findings(
      load(DEFAULT, (t) =>
        t.replace(
          'routePriority: { normal: 1024, elevated: 512 }',
          'routePriority: { normal: 1024, elevated: 512 }\n    bgpNormalRoutePriority: 2000',
        ),
      ),
      'LR-PRIORITY-MISMATCH',
    );
    expect(bgp.map((d) => d.message)).toEqual([
      "BGPConfiguration's normal route priority (2000) differs from Felix's (1024): confd's \"elevated\" test (priority < 2000) disagrees with what Felix programs.",
    ]);
    const doc = load(DEFAULT, (t) =>
      t.replace('routePriority: { normal: 1024, elevated: 512 }', 'routePriority: { normal: 1024, elevated: 256 }'),
    );
    const filter = findings(doc, 'LR-PRIORITY-MISMATCH');
    expect(filter.map((d) => d.message)).toEqual([
      "BGPFilter kubevirt-live-migration uses priority 512, but Felix's elevated priority is 256: the rule never matches (or restores a priority Felix does not use).",
      "BGPFilter kubevirt-live-migration uses priority 512, but Felix's elevated priority is 256: the rule never matches (or restores a priority Felix does not use).",
    ]);
    expect(findings(fixed(doc, filter[0]), 'LR-PRIORITY-MISMATCH')).toEqual([]);
    const inverted = findings(
      load(DEFAULT, (t) => t.replace('elevated: 512', 'elevated: 2048')),
      'LR-PRIORITY-MISMATCH',
    );
    expect(inverted[0]?.message).toBe(
      "The elevated route priority (2048) is not lower than the normal one (1024): the migration target's route never wins.",
    );
  });

  it('LR-EBGP-NO-PRIORITY: eBGP peerings without a priority-carrying filter; the fix attaches the documented one', () => {
    const doc = load('two-racks-ebgp-no-filter');
    const [d] = findings(doc, 'LR-EBGP-NO-PRIORITY');
    expect(d).toMatchObject({
      severity: 'error',
      subjects: ['rack-a-tor', 'tor-a', 'rack-b-tor', 'tor-b'],
      action: { kind: 'add-live-migration-filter', peers: ['rack-a-tor', 'rack-b-tor'] },
    });
    const repaired = fixed(doc, d);
    expect(findings(repaired, 'LR-EBGP-NO-PRIORITY')).toEqual([]);
    expect(
      simulate(repaired)
        .phases.find((p) => p.name === 'live')
        ?.flows.every((f) => f.outcome === 'delivered'),
    ).toBe(true);
  });

  it('LR-TOR-IGNORES-COMMUNITY: a ToR that does not prefer the community the nodes send', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace(
        '      platform: bird1\n      policy: { elevatedCommunity: "65000:100" }\n    - name: tor-b',
        '      platform: bird1\n    - name: tor-b',
      ),
    );
    const [d] = findings(doc, 'LR-TOR-IGNORES-COMMUNITY');
    expect(d).toMatchObject({
      severity: 'warning',
      subjects: ['tor-a'],
      action: { kind: 'set-elevated-community', router: 'tor-a', community: '65000:100' },
    });
    expect(findings(fixed(doc, d), 'LR-TOR-IGNORES-COMMUNITY')).toEqual([]);
  });

  it('LR-COMMUNITY-STRIPPED: a spine that removes communities breaks the source node in live', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace(
        'address: 10.0.0.1\n      platform: bird1\n      policy: { elevatedCommunity: "65000:100" }',
        'address: 10.0.0.1\n      platform: bird1\n      policy: { elevatedCommunity: "65000:100", sendCommunity: false }',
      ),
    );
    const all = diagnose(simulate(doc));
    expect(all.filter((d) => d.code === 'LR-COMMUNITY-STRIPPED').map((d) => d.subjects)).toEqual([['spine-1']]);
    expect(all.filter((d) => d.code === 'LR-BLACKHOLE').map((d) => `${d.phase} ${d.subjects.join(',')}`)).toEqual([
      'live node-a1',
    ]);
    const d = all.find((x) => x.code === 'LR-COMMUNITY-STRIPPED');
    expect(diagnose(simulate(fixed(doc, d))).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('LR-DOWNWARD-DEFAULT: only a default to the nodes; the fix passes the host routes', () => {
    const doc = load('downward-default');
    const found = findings(doc, 'LR-DOWNWARD-DEFAULT');
    expect(found.map((d) => d.subjects[0])).toEqual(['tor-a', 'tor-b']);
    let repaired = doc;
    for (const d of found) repaired = fixed(repaired, d);
    expect(diagnose(simulate(repaired)).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('LR-ECMP-SPLIT: two /32s treated alike by a multipath ToR that sees both', () => {
    const doc = load('second-migration', (t) =>
      t.replace(
        /(name: tor-b[\s\S]*?)policy: \{ elevatedCommunity: "65000:100" \}/,
        '$1policy: { addPaths: true, multipath: true }',
      ),
    );
    const split = findings(doc, 'LR-ECMP-SPLIT');
    // Subjects: the clients, then the hop that drops the share that does not arrive.
    expect(split.map((d) => `${d.phase}: ${d.subjects.join(',')}`)).toEqual(['live: border-1,node-a1,node-a2,node-b1']);
    expect(split[0]?.message).toMatch(
      /^In live, from border-1, node-a1, node-a2 to vm-1 \(10\.244\.1\.5\) traffic is split: some paths reach the VM, some do not: node-b1 hands the packet to the VM's interface/,
    );
  });

  it('LR-BLACKHOLE: where and why the packet is dropped', () => {
    const [d] = findings(load('two-racks-ebgp-no-filter'), 'LR-BLACKHOLE');
    expect(d).toMatchObject({
      phase: 'live',
      subjects: ['node-a1'],
      message:
        "In live, from node-a1 to vm-1 (10.244.1.5) packets are dropped: node-a1 hands the packet to the VM's interface, but the VM is not running on node-a1.",
    });
  });

  it('LR-CATCHALL-EXPORT: an export Accept without conditions', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace(
        '        exportV4:\n          - action: Accept\n            peerType: eBGP',
        '        exportV4:\n          - action: Accept\n          - action: Accept\n            peerType: eBGP',
      ),
    );
    expect(findings(doc, 'LR-CATCHALL-EXPORT')[0]).toMatchObject({
      subjects: ['kubevirt-live-migration', 'rack-a-tor', 'rack-b-tor'],
    });
  });

  it('LR-POOL-ENCAPSULATED: an IPIP pool, whose routes Felix would tunnel; the fix routes it by BGP again', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace('cidr: 10.244.0.0/16, blockSize: 26 }', 'cidr: 10.244.0.0/16, blockSize: 26, ipipMode: CrossSubnet }'),
    );
    const [d] = findings(doc, 'LR-POOL-ENCAPSULATED');
    expect(d).toMatchObject({
      severity: 'error',
      subjects: ['cluster'],
      action: { kind: 'unencapsulate-pool', pool: 'default-ipv4-ippool' },
    });
    expect(d?.message).toMatch(
      /^IP pool default-ipv4-ippool \(10\.244\.0\.0\/16\) is encapsulated \(ipipMode CrossSubnet\): Calico's live migration needs BGP-routed, unencapsulated pools/,
    );
    const after = fixed(doc, d);
    expect(after.spec.cluster?.ipPools?.[0]).toEqual({
      name: 'default-ipv4-ippool',
      cidr: '10.244.0.0/16',
      blockSize: 26,
    });
    expect(findings(after, 'LR-POOL-ENCAPSULATED')).toEqual([]);
    expect(simulate(after).phases.every((p) => p.flows.every((f) => f.outcome === 'delivered'))).toBe(true);
  });

  it('LR-PREFIX-RANGE-INVALID and LR-BIRD-CONFIG-INVALID: BIRD refuses an empty prefix range, on every node', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace(
        '        importV4:\n',
        '        importV4:\n          - { action: Reject, cidr: 10.244.0.0/24, matchOperator: In, prefixLength: { max: 16 } }\n',
      ),
    );
    const all = diagnose(simulate(doc));
    expect(all.find((d) => d.code === 'LR-PREFIX-RANGE-INVALID')?.message).toMatch(
      /^BGPFilter kubevirt-live-migration importV4\[0\] renders the prefix range \{24,16\}/,
    );
    const bird = all.find((d) => d.code === 'LR-BIRD-CONFIG-INVALID');
    expect(bird?.subjects).toEqual(['node-a1', 'node-a2', 'node-b1', 'node-b2']);
    expect(bird?.message).toContain('Invalid prefix pattern range: {24, 16}');
  });

  it('LR-BIRD-CONFIG-INVALID: a peerIP BGPPeer without an AS number renders `as 0`', () => {
    const doc = load(DEFAULT, (t) =>
      t.replace('peerIP: 10.0.2.1, asNumber: 65002, filters', 'peerIP: 10.0.2.1, filters'),
    );
    expect(findings(doc, 'LR-BIRD-CONFIG-INVALID')[0]).toMatchObject({
      subjects: ['node-b1', 'node-b2'],
      fix: 'Give the BGPPeer its asNumber (the router’s AS).',
    });
  });

  it('LR-OSCILLATION: a prefix that does not settle within the event budget is reported, not a hang', () => {
    const sim = simulate(load(DEFAULT), { timing: { sessionDelayMs: 10, processingDelayMs: 2, maxEvents: 5 } });
    const phases = diagnose(sim)
      .filter((d) => d.code === 'LR-OSCILLATION')
      .map((d) => d.phase);
    expect(phases[0]).toBe('base');
    expect(sim.phases.find((p) => p.name === 'base')?.oscillating).toEqual(['10.244.1.0/26']);
  });

  it('LR-TRANSIENT-BLACKHOLE: the time traffic is lost while UPDATEs travel', () => {
    const [d] = findings(load(DEFAULT), 'LR-TRANSIENT-BLACKHOLE');
    expect(d).toMatchObject({
      severity: 'info',
      phase: 'live',
      subjects: ['node-a1', 'node-a2', 'border-1', 'node-b2'],
    });
    expect(d?.message).toBe(
      'While the routes converge into live, 4 clients lose traffic for a while (longest: node-a1, 48 ms of simulated time).',
    );
  });

  it('LR-EXPECTED-VERDICT: a phase whose verdict differs from the one the design states', () => {
    const base = load('two-racks-ebgp-no-filter');
    const expecting = (expected: Topology['metadata']['expected']): Topology => ({
      ...base,
      metadata: { ...base.metadata, expected },
    });
    const right = expecting({
      base: { delivered: 5 },
      live: { delivered: 4, blackhole: 1 },
      settled: { delivered: 5 },
    });
    expect(findings(right, 'LR-EXPECTED-VERDICT')).toEqual([]);
    const wrong = expecting({ base: { delivered: 5 }, live: { delivered: 5 }, settled: { delivered: 4, split: 1 } });
    expect(findings(wrong, 'LR-EXPECTED-VERDICT')).toEqual([
      {
        code: 'LR-EXPECTED-VERDICT',
        severity: 'warning',
        phase: 'live',
        subjects: ['node-a1'],
        message: 'The design expects live to give 5 delivered; the simulation gives 4 delivered, 1 blackhole.',
        fix: 'If the change is intended, update metadata.expected; otherwise undo the change that altered the outcome.',
      },
      {
        code: 'LR-EXPECTED-VERDICT',
        severity: 'warning',
        phase: 'settled',
        subjects: [],
        message: 'The design expects settled to give 4 delivered, 1 split; the simulation gives 5 delivered.',
        fix: 'If the change is intended, update metadata.expected; otherwise undo the change that altered the outcome.',
      },
    ]);
  });

  it('LR-LESSON-STALE: a lesson step that names an element the design no longer has', () => {
    const base = load('two-racks-ebgp-no-filter');
    expect(findings(base, 'LR-LESSON-STALE')).toEqual([]);
    const doc: Topology = {
      ...base,
      lesson: { steps: [{ title: 'Look', text: 'Here.', highlight: ['node-a1', 'node-z9'], pathsFrom: 'tor-a' }] },
    };
    expect(findings(doc, 'LR-LESSON-STALE').map((d) => [d.severity, d.message, d.fix])).toEqual([
      [
        'warning',
        'Lesson step 1 highlights node-z9, which is not in this design: the step ignores it.',
        'Edit lesson.steps[0] in the design file, or undo the change that removed node-z9.',
      ],
      [
        'warning',
        'Lesson step 1 draws the packet paths from tor-a, which is not a client (a Calico node or border router) of this design: the step ignores it.',
        'Edit lesson.steps[0] in the design file, or undo the change that removed tor-a.',
      ],
    ]);
  });

  it('LR-EBGP-NO-PRIORITY without an import rule: says what the export does, and that an AS path cannot carry the priority back', () => {
    const noImport = load(DEFAULT, (t) =>
      t.replace(
        '        importV4:\n          - action: Accept\n            communities: { values: ["65000:100"] }\n            operations: [{ setPriority: { value: 512 } }]\n',
        '',
      ),
    );
    expect(findings(noImport, 'LR-EBGP-NO-PRIORITY').map((d) => [d.severity, d.subjects, d.message, d.fix])[0]).toEqual(
      [
        'warning',
        ['rack-a-tor', 'tor-a'],
        "BGPPeer rack-a-tor tags priority-512 routes with community 65000:100 on export but has no import rule that restores the priority: nodes learn the target's route at LOCAL_PREF 100 (kernel metric 2147483547).",
        'Add an import rule to its filter: communities → setPriority 512.',
      ],
    );
    const [prepend] = findings(load('as-path-prepend'), 'LR-EBGP-NO-PRIORITY');
    expect(prepend?.message).toBe(
      "BGPPeer rack-a-tor prepends 64512 64512 to priority-1024 routes on export but has no import rule that restores the priority: nodes learn the target's route at LOCAL_PREF 100 (kernel metric 2147483547), and an AS path cannot tell the elevated route from the normal one on import.",
    );
    expect(prepend?.fix).toBe(
      "Signal with a community instead, as Calico's live-migration BGPFilter does (export: priority 512 → community; import: community → setPriority 512).",
    );
  });

  it('LR-FILTER-PEERTYPE: the documented filter (peerType eBGP) on iBGP peerings tags nothing; the fix drops peerType', () => {
    const doc = load('as-per-rack', (t) =>
      t.replace(
        '        exportV4:\n          - action: Accept\n            priority: 512',
        '        exportV4:\n          - action: Accept\n            peerType: eBGP\n            priority: 512',
      ),
    );
    expect(findings(load('as-per-rack'), 'LR-FILTER-PEERTYPE')).toEqual([]);
    const [d, more] = findings(doc, 'LR-FILTER-PEERTYPE');
    expect(more).toBeUndefined();
    expect(d).toMatchObject({
      severity: 'error',
      subjects: ['rack-a-tor', 'rack-b-tor', 'kubevirt-live-migration', 'tor-a', 'tor-b'],
      message:
        "BGPPeers rack-a-tor, rack-b-tor are iBGP (the nodes share their router's AS), but BGPFilter kubevirt-live-migration tags the elevated route only for peerType eBGP: nothing is tagged there, and the priority is lost where the route crosses eBGP (tor-a ↔ spine-1, tor-b ↔ spine-1).",
      action: { kind: 'clear-export-peer-type', filter: 'kubevirt-live-migration' },
    });
    const live = (x: Topology) =>
      simulate(x)
        .phases.find((p) => p.name === 'live')
        ?.flows.filter((f) => f.outcome !== 'delivered')
        .map((f) => `${f.client}:${f.outcome}`);
    expect(live(doc)).toEqual(['node-a1:blackhole']);
    const repaired = fixed(doc, d);
    expect(findings(repaired, 'LR-FILTER-PEERTYPE')).toEqual([]);
    expect(live(repaired)).toEqual([]);
  });
});
