/**
 * The built-in scenario library (DESIGN §9, issue 7): ten designs, each with a title, a
 * description, tags, the verdict expected per phase and a lesson whose questions have the
 * intended answers. What the engine makes of them (the expected counts, the clients a click
 * question names at its instant) is checked in src/engine/builtin-scenarios.test.ts, since this
 * layer may not import the engine.
 */
import { describe, expect, it } from 'vitest';
import { checkSemantics, OUTCOMES, PHASE_NAMES, type Topology } from '../model';
import { DEFAULT_SCENARIO, SCENARIOS, scenarioById } from './index';

/** DESIGN §9 order after the default (scenario 3). */
const IDS = [
  'two-racks-ebgp',
  'single-rack-mesh',
  'two-racks-ebgp-no-filter',
  'hardware-tors',
  'as-path-prepend',
  'downward-default',
  'second-migration',
  'spine-route-reflectors',
  'tor-pair',
  'as-per-rack',
];

const VOCABULARY = [
  'iBGP',
  'eBGP',
  'communities',
  'ECMP',
  'RR',
  'downward default',
  'AS-path',
  'ADD-PATH',
  'BGPFilter',
  'hardware ToR',
  'multihop',
  'works',
  'broken',
];

/** Per scenario, the verdict tag and the tags its design must carry (from what the design contains). */
const VERDICT: Record<string, 'works' | 'broken'> = {
  'two-racks-ebgp': 'works',
  'single-rack-mesh': 'works',
  'two-racks-ebgp-no-filter': 'broken',
  'hardware-tors': 'broken',
  'as-path-prepend': 'broken',
  'downward-default': 'broken',
  'second-migration': 'broken',
  'spine-route-reflectors': 'works',
  'tor-pair': 'works',
  'as-per-rack': 'works',
};

/** The intended right answer of every multiple-choice question, by scenario and step title: a phrase of its text. */
const CHOICE_ANSWERS: Record<string, Record<string, string>> = {
  'single-rack-mesh': { 'The elevated /32 travels as LOCAL_PREF': '512' },
  'two-racks-ebgp': { 'The community carries the priority across eBGP': 'The kernel uses the lowest metric' },
  'two-racks-ebgp-no-filter': {
    'Why node-a1 ignores the new /32': 'A BGPFilter on the BGPPeers that carries the priority as a community',
  },
  'hardware-tors': { 'node-a1 is back to having no filter at all': 'Send communities to the neighbors' },
  'as-path-prepend': { 'Two /32s meet at tor-b': "node-b1's stale route" },
  'downward-default': { 'The fix': 'toNodes: default-plus-host-routes' },
  'second-migration': { 'It appears when the source withdraws': 'ADD-PATH between the ToRs and the nodes' },
  'spine-route-reflectors': { 'The next hop is the node': 'Traffic would loop' },
  'tor-pair': { 'No way back into the rack': 'The AS-path loop check' },
  'as-per-rack': { 'Tagged on an iBGP session': 'node-a1 would blackhole in live' },
};

/** The clients of the data-plane walk (DESIGN §5): every Calico node and border router. */
const clientCount = (doc: Topology) =>
  doc.spec.nodes.length + doc.spec.routers.filter((r) => r.role === 'border').length;

const byId = (id: string): Topology => {
  const s = scenarioById(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s.doc;
};

describe('the scenario library', () => {
  it('holds the ten scenarios of DESIGN §9, the default first', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(IDS);
    expect(DEFAULT_SCENARIO.id).toBe('two-racks-ebgp');
    // The app's first load parses the default on its own (./default.ts); the library reuses that object.
    expect(SCENARIOS[0]).toBe(DEFAULT_SCENARIO);
  });

  it('has both kinds of question and both verdicts', () => {
    const questions = SCENARIOS.flatMap(
      (s) => s.doc.lesson?.steps.flatMap((step) => (step.question ? [step.question] : [])) ?? [],
    );
    expect(questions.filter((q) => q.answer).length).toBe(10);
    expect(questions.filter((q) => q.choices).length).toBe(10);
    expect(Object.values(VERDICT).filter((v) => v === 'works').length).toBe(5);
  });
});

describe.each(IDS)('scenario %s', (id) => {
  const doc = byId(id);
  const scenario = SCENARIOS.find((s) => s.id === id);

  it('has a title, a description and tags from the vocabulary, with its verdict', () => {
    expect(scenario?.title).toBe(doc.metadata.title);
    expect(doc.metadata.title?.length).toBeGreaterThan(20);
    expect(doc.metadata.description?.length).toBeGreaterThan(300);
    const tags = doc.metadata.tags ?? [];
    expect(tags.length).toBeGreaterThanOrEqual(2);
    expect(tags.filter((t) => !VOCABULARY.includes(t))).toEqual([]);
    expect(tags.filter((t) => t === 'works' || t === 'broken')).toEqual([VERDICT[id]]);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('tags what the design contains', () => {
    const tags = new Set(doc.metadata.tags);
    const filters = doc.spec.calicoResources.filter((r) => r.kind === 'BGPFilter');
    expect(tags.has('BGPFilter')).toBe(filters.length > 0);
    expect(tags.has('hardware ToR')).toBe(
      doc.spec.routers.some((r) => r.role === 'tor' && ['eos', 'nxos', 'junos'].includes(r.platform)),
    );
    expect(tags.has('ADD-PATH')).toBe(doc.spec.routers.some((r) => r.policy?.addPaths) || id === 'second-migration');
    expect(tags.has('ECMP')).toBe(doc.spec.routers.some((r) => r.policy?.multipath));
    expect(tags.has('RR')).toBe(doc.spec.routers.some((r) => r.routeReflector));
    expect(tags.has('downward default')).toBe(
      doc.spec.routers.some((r) => r.policy?.toNodes && r.policy.toNodes !== 'all'),
    );
  });

  it('expects a verdict for every phase that counts every client, consistent with its verdict tag', () => {
    const expected = doc.metadata.expected ?? {};
    const clients = clientCount(doc);
    expect(Object.keys(expected).sort()).toEqual([...PHASE_NAMES].sort());
    for (const phase of PHASE_NAMES) {
      const v = expected[phase] ?? {};
      expect(
        OUTCOMES.reduce((n, o) => n + (v[o] ?? 0), 0),
        phase,
      ).toBe(clients);
    }
    const allDelivered = PHASE_NAMES.every((p) => expected[p]?.delivered === clients);
    expect(allDelivered).toBe(VERDICT[id] === 'works');
    // Every design starts from a working fabric: the trouble is the migration's.
    expect(expected.base).toEqual({ delivered: clients });
  });

  it('has a lesson of 3 to 7 steps, each at a phase, with at least one question', () => {
    const steps = doc.lesson?.steps ?? [];
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.length).toBeLessThanOrEqual(7);
    expect(steps.every((s) => s.phase !== undefined && s.text.length > 150)).toBe(true);
    expect(steps.filter((s) => s.question).length).toBeGreaterThanOrEqual(1);
    expect(new Set(steps.map((s) => s.title)).size).toBe(steps.length);
    for (const s of steps)
      if (s.question)
        expect(
          [s.question.right?.length ?? 0, s.question.wrong?.length ?? 0].every((n) => n > 40),
          s.title,
        ).toBe(true);
    expect(checkSemantics(doc)).toEqual([]);
  });

  it('marks exactly the intended choice of each multiple-choice question correct', () => {
    const intended = CHOICE_ANSWERS[id] ?? {};
    const asked = (doc.lesson?.steps ?? []).filter((s) => s.question?.choices);
    expect(asked.map((s) => s.title).sort()).toEqual(Object.keys(intended).sort());
    for (const step of asked) {
      const correct = (step.question?.choices ?? []).filter((c) => c.correct);
      expect(correct.length, step.title).toBe(1);
      expect(correct[0]?.text, step.title).toContain(intended[step.title]);
      expect((step.question?.choices ?? []).length, step.title).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('the lesson of two-racks-ebgp-no-filter (the lesson player is built around it)', () => {
  const steps = byId('two-racks-ebgp-no-filter').lesson?.steps ?? [];
  it('asks in live which node still delivers to the old VM, then a multiple-choice question', () => {
    const click = steps.findIndex((s) => s.question?.answer);
    const choice = steps.findIndex((s) => s.question?.choices);
    expect(steps[click]).toMatchObject({
      phase: 'live',
      question: { prompt: 'Which node still delivers to the old VM? Click it on the canvas.', answer: ['node-a1'] },
    });
    expect(choice).toBeGreaterThan(click);
  });
});
