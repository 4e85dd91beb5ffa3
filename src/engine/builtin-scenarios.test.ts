/**
 * Every built-in scenario (src/scenarios) through the engine: the outcome counts per phase are
 * exactly the ones its file expects, the elements a lesson's click question accepts are the ones
 * the simulation shows at that step's instant, and the claims its multiple-choice questions make
 * about a changed design hold when the design is changed that way. (The library's structure is
 * tested in src/scenarios/scenarios.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countOutcomes,
  formatIssue,
  liveMigrationFilter,
  OUTCOMES,
  parseDesign,
  PHASE_NAMES,
  type LessonStep,
  type Topology,
} from '../model';
import { diagnose } from './diagnostics';
import { toReport, type FlowReport, type SimulationReport } from './report';
import { simulate } from './simulate';

const DIR = new URL('../scenarios/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.liveroute.yaml'))
  .sort();

function load(file: string): Topology {
  const parsed = parseDesign(readFileSync(new URL(file, DIR), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
  return parsed.value.doc;
}
const byName = (name: string) => load(`${name}.liveroute.yaml`);

function run(doc: Topology): SimulationReport {
  const sim = simulate(doc);
  return toReport(sim, diagnose(sim));
}

const phaseOf = (r: SimulationReport, name: string) => {
  const p = r.phases.find((x) => x.name === name);
  if (!p) throw new Error(`no phase ${name}`);
  return p;
};

/** Every client's flow at a step's instant: `at` ms into its phase (the timeline folded up to then), else the phase's settled state. */
function flowsAt(r: SimulationReport, step: LessonStep): ReadonlyMap<string, FlowReport> {
  const phase = phaseOf(r, step.phase ?? 'base');
  if (step.at === undefined) return new Map(phase.flows.map((f) => [f.client, f]));
  const time = phase.start + step.at;
  const flows = new Map<string, FlowReport>();
  for (const instant of r.timeline) if (instant.time <= time) for (const f of instant.flows) flows.set(f.client, f);
  return flows;
}

const outcomeIs = (outcomes: readonly string[]) => (r: SimulationReport, step: LessonStep) =>
  [...flowsAt(r, step).values()].filter((f) => outcomes.includes(f.outcome)).map((f) => f.client);
/** The hops a client hands its packets to (the second element of each of its paths). */
const firstHops = (client: string) => (r: SimulationReport, step: LessonStep) => [
  ...new Set((flowsAt(r, step).get(client)?.paths ?? []).map((p) => p[1] ?? '')),
];
/** The speaker a client's selected route for the VM's /32 was learned from. */
const learnedFrom = (client: string) => (r: SimulationReport, step: LessonStep) =>
  (phaseOf(r, step.phase ?? 'base').routes[client] ?? [])
    .filter((e) => e.selected && e.prefix === `${r.migration.ip}/32`)
    .map((e) => e.learnedFrom);
const strippingRouters = (_r: SimulationReport, _s: LessonStep, doc: Topology) =>
  doc.spec.routers.filter((x) => x.policy?.sendCommunity === false).map((x) => x.name);

type AnswerRule = (r: SimulationReport, step: LessonStep, doc: Topology) => string[];

/** What each click question's answer must be, computed from the simulation (by scenario and step title). */
const CLICK_ANSWERS: Record<string, Record<string, AnswerRule>> = {
  'single-rack-mesh': { 'The source node overrides its own route': firstHops('node-a1') },
  'two-racks-ebgp': { 'The switchover instant': outcomeIs(['blackhole', 'loop', 'split']) },
  'two-racks-ebgp-no-filter': { 'Which node still delivers to the old VM?': outcomeIs(['blackhole']) },
  'hardware-tors': { 'Where the tag dies': strippingRouters },
  'as-path-prepend': { 'Routers follow, the source node does not': outcomeIs(['blackhole']) },
  'downward-default': { 'And then it stays broken': outcomeIs(['blackhole']) },
  'second-migration': { 'The new location stays hidden': outcomeIs(['delivered']) },
  'spine-route-reflectors': { 'On the nodes, the community restores the priority': firstHops('node-a1') },
  'tor-pair': { 'Two next hops on the node': firstHops('node-a1') },
  'as-per-rack': { 'Back into LOCAL_PREF for the source rack': learnedFrom('node-a1') },
};

describe.each(FILES)('%s', (file) => {
  const doc = load(file);
  const r = run(doc);

  it('gives exactly the outcome counts its file expects, in every phase', () => {
    const expected = doc.metadata.expected ?? {};
    for (const phase of PHASE_NAMES) {
      const want = expected[phase] ?? {};
      expect(countOutcomes(phaseOf(r, phase).flows), phase).toEqual(
        Object.fromEntries(OUTCOMES.map((o) => [o, want[o] ?? 0])),
      );
    }
    expect(r.diagnostics.filter((d) => d.code === 'LR-EXPECTED-VERDICT')).toEqual([]);
  });

  it("accepts, for each click question, exactly what the simulation shows at the step's instant", () => {
    const rules = CLICK_ANSWERS[doc.metadata.name] ?? {};
    const asked = (doc.lesson?.steps ?? []).filter((s) => s.question?.answer);
    expect(asked.map((s) => s.title).sort()).toEqual(Object.keys(rules).sort());
    for (const step of asked) {
      const computed = (rules[step.title] as AnswerRule)(r, step, doc);
      expect(computed.length, step.title).toBeGreaterThan(0);
      expect([...(step.question?.answer ?? [])].sort(), step.title).toEqual(computed.sort());
    }
  });
});

/** The design with every BGPFilter removed from its peers and its routers' policies edited. */
function variant(name: string, edit: (doc: Topology) => void): SimulationReport {
  const doc = structuredClone(byName(name));
  delete doc.metadata.expected;
  edit(doc);
  return run(doc);
}
const problems = (r: SimulationReport) =>
  Object.fromEntries(
    r.phases.map((p) => [
      p.name,
      p.flows.filter((f) => f.outcome !== 'delivered').map((f) => `${f.client}:${f.outcome}`),
    ]),
  );
const clean = { base: [], target: [], live: [], 'source-deleted': [], settled: [] };
const router = (doc: Topology, name: string) => {
  const found = doc.spec.routers.find((x) => x.name === name);
  if (!found) throw new Error(name);
  return found;
};
const peers = (doc: Topology) => doc.spec.calicoResources.flatMap((x) => (x.kind === 'BGPPeer' ? [x] : []));

describe('what the multiple-choice questions claim about changed designs', () => {
  it('two-racks-ebgp-no-filter: the live-migration BGPFilter on the peers fixes live', () => {
    const r = variant('two-racks-ebgp-no-filter', (doc) => {
      doc.spec.calicoResources.push(liveMigrationFilter());
      for (const p of peers(doc)) p.spec.filters = ['kubevirt-live-migration'];
    });
    expect(problems(r)).toEqual(clean);
  });

  it('hardware-tors: sending communities fixes live; preferring them while stripping does not', () => {
    expect(
      problems(
        variant('hardware-tors', (doc) =>
          ['tor-a', 'tor-b'].forEach((n) => (router(doc, n).policy = { sendCommunity: true })),
        ),
      ),
    ).toEqual(clean);
    const preferOnly = variant('hardware-tors', (doc) =>
      ['tor-a', 'tor-b'].forEach(
        (n) => (router(doc, n).policy = { elevatedCommunity: '65000:100', sendCommunity: false }),
      ),
    );
    expect(problems(preferOnly)).toEqual({ ...clean, live: ['node-a1:blackhole'] });
  });

  it('as-path-prepend: without the prepend, tor-b keeps the stale route by router ID and four clients blackhole', () => {
    const r = variant('as-path-prepend', (doc) => peers(doc).forEach((p) => delete p.spec.filters));
    const best = phaseOf(r, 'live').routes['tor-b']?.find((e) => e.prefix === '10.244.1.5/32' && e.selected);
    expect(best).toMatchObject({ learnedFrom: 'node-b1', reason: 'router-id', asPath: [65201] });
    expect(problems(r).live).toEqual([
      'border-1:blackhole',
      'node-a1:blackhole',
      'node-a2:blackhole',
      'node-b1:blackhole',
    ]);
  });

  it('downward-default: default plus host routes fixes every phase', () => {
    expect(
      problems(
        variant('downward-default', (doc) =>
          ['tor-a', 'tor-b'].forEach(
            (n) => (router(doc, n).policy = { elevatedCommunity: '65000:100', toNodes: 'default-plus-host-routes' }),
          ),
        ),
      ),
    ).toEqual(clean);
  });

  it('second-migration: ADD-PATH on the ToRs fixes live, multipath alone does not', () => {
    expect(
      problems(
        variant('second-migration', (doc) =>
          ['tor-a', 'tor-b'].forEach(
            (n) => (router(doc, n).policy = { elevatedCommunity: '65000:100', addPaths: true }),
          ),
        ),
      ),
    ).toEqual(clean);
    const multipath = variant('second-migration', (doc) =>
      ['tor-a', 'tor-b'].forEach((n) => (router(doc, n).policy = { elevatedCommunity: '65000:100', multipath: true })),
    );
    expect(problems(multipath).live).toEqual([
      'border-1:blackhole',
      'node-a1:blackhole',
      'node-a2:blackhole',
      'node-b1:blackhole',
    ]);
  });

  it('spine-route-reflectors: ToRs in their own AS (eBGP to the spines) make every other client loop', () => {
    const r = variant('spine-route-reflectors', (doc) => {
      router(doc, 'tor-a').asNumber = 65001;
      router(doc, 'tor-b').asNumber = 65002;
    });
    expect(problems(r)).toEqual({
      base: ['border-1:loop', 'node-a2:loop', 'node-b1:loop', 'node-b2:loop'],
      target: ['border-1:loop', 'node-a2:loop', 'node-b1:loop', 'node-b2:loop'],
      live: ['border-1:loop', 'node-a1:loop', 'node-a2:loop', 'node-b2:loop'],
      'source-deleted': ['border-1:loop', 'node-a1:loop', 'node-a2:loop', 'node-b2:loop'],
      settled: ['border-1:loop', 'node-a1:loop', 'node-a2:loop', 'node-b2:loop'],
    });
  });

  it('tor-pair: tor-a2 keeps rack-a’s block only from the node; node-a1 installs the /32 over both ToRs at 512', () => {
    const r = run(byName('tor-pair'));
    expect(
      (phaseOf(r, 'base').routes['tor-a2'] ?? []).filter((e) => e.prefix === '10.244.1.0/26').map((e) => e.learnedFrom),
    ).toEqual(['node-a1']);
    expect(
      r.events
        .filter((e) => e.kind === 'update' && e.prefix === '10.244.1.0/26' && e.to === 'tor-a2')
        .map((e) => e.from),
    ).toEqual(expect.arrayContaining(['spine-1', 'spine-2']));
    expect(phaseOf(r, 'live').fib['node-a1']?.find((f) => f.used)).toMatchObject({
      prefix: '10.244.1.5/32',
      proto: 'bird',
      metric: 512,
      via: ['10.0.1.1', '10.0.1.2'],
    });
  });

  it('as-per-rack: the documented export rule (peerType: eBGP) blackholes the source node in live', () => {
    const r = variant('as-per-rack', (doc) => {
      for (const f of doc.spec.calicoResources)
        if (f.kind === 'BGPFilter') for (const rule of f.spec.exportV4 ?? []) rule.peerType = 'eBGP';
    });
    expect(problems(r)).toEqual({ ...clean, live: ['node-a1:blackhole'] });
  });
});
