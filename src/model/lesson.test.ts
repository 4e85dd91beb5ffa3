/**
 * The design's lesson, tags and expected verdicts (src/model/lesson.ts, lessonSemantics.ts):
 * valid examples round-trip; each rule gives its exact message with path and line.
 */
import { describe, expect, it } from 'vitest';
import { serializeDesign } from './serialize';
import { clientNames, lessonReferenceProblems } from './lessonSemantics';
import { edit, errorsOf, mustParse } from './test-support';

const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata:
  name: lesson
  tags: [eBGP, communities]
  expected:
    base: { delivered: 3 }
    live: { delivered: 2, blackhole: 1 }
spec:
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
  nodes:
    - { name: node-a1, rack: rack-a, address: 10.0.1.11 }
    - { name: node-a2, rack: rack-a, address: 10.0.1.12 }
  routers:
    - { name: tor-a, role: tor, rack: rack-a, asNumber: 65001, address: 10.0.1.1, platform: bird1 }
    - { name: border-1, role: border, asNumber: 65100, address: 10.0.0.10, platform: bird1 }
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: rack-a-tor }
      spec: { nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001 }
  vms:
    - { name: vm-1, ip: 10.244.0.5, node: node-a1 }
lesson:
  steps:
    - title: The fabric
      text: "Two nodes under **one** ToR."
      highlight: [rack-a, tor-a, peer:rack-a-tor, vm-1]
    - title: Live
      text: Look at node-a1.
      phase: live
      at: 36
      pathsFrom: node-a1
      question:
        prompt: Which node still delivers to the old VM?
        answer: [node-a1]
        right: Yes.
        wrong: Look again.
    - title: Why
      text: Because of the metric.
      phase: settled
      question:
        prompt: Which route does the kernel use?
        choices:
          - { text: BIRD's, correct: true }
          - { text: Felix's }
`;

describe('lesson, tags and expected verdicts', () => {
  it('parses a design with all of them, and writes it back the same', () => {
    const doc = mustParse(BASE);
    expect(doc.metadata.tags).toEqual(['eBGP', 'communities']);
    expect(doc.metadata.expected).toEqual({ base: { delivered: 3 }, live: { delivered: 2, blackhole: 1 } });
    expect(doc.lesson?.steps.map((s) => s.title)).toEqual(['The fabric', 'Live', 'Why']);
    expect(doc.lesson?.steps[1]?.question?.answer).toEqual(['node-a1']);
    expect(doc.lesson?.steps[2]?.question?.choices?.[0]).toEqual({ text: "BIRD's", correct: true });
    const yaml = serializeDesign(doc);
    expect(yaml.indexOf('lesson:')).toBeGreaterThan(yaml.indexOf('spec:'));
    expect(mustParse(yaml)).toEqual(doc);
    expect(mustParse(serializeDesign(doc, 'json'))).toEqual(doc);
  });

  it('checks the shape of each field', () => {
    expect(errorsOf(edit(BASE, 'tags: [eBGP, communities]', `tags: [eBGP, ""]`))).toEqual([
      'metadata.tags[1] (line 5): a tag is not empty',
    ]);
    expect(errorsOf(edit(BASE, 'tags: [eBGP, communities]', `tags: [${'x'.repeat(33)}]`))).toEqual([
      'metadata.tags[0] (line 5): a tag is at most 32 characters',
    ]);
    expect(
      errorsOf(edit(BASE, 'live: { delivered: 2, blackhole: 1 }', 'live: { delivered: 2, blackhole: 0.5 }')),
    ).toEqual(['metadata.expected.live.blackhole (line 8): a number of clients is a whole number, got number 0.5']);
    expect(errorsOf(edit(BASE, 'live: { delivered: 2, blackhole: 1 }', 'live: { delivered: 3, lost: 0 }'))).toEqual([
      'metadata.expected.live.lost (line 8): unknown field "lost"',
    ]);
    expect(errorsOf(edit(BASE, '    live: {', '    alive: {'))).toEqual([
      'metadata.expected.alive (line 8): unknown field "alive"',
    ]);
    expect(errorsOf(edit(BASE, '      phase: settled', '      phase: done'))).toEqual([
      'lesson.steps[2].phase (line 42): phase must be one of base, target, live, source-deleted, settled, got the string "done"',
    ]);
    expect(errorsOf(edit(BASE, 'lesson:\n  steps:', 'lesson:\n  steps: []\n  old:'))).toEqual(
      expect.arrayContaining(['lesson.steps (line 26): a lesson has at least one step']),
    );
  });

  it('a question has either elements to click or choices, and a right choice', () => {
    expect(errorsOf(edit(BASE, '        answer: [node-a1]\n', ''))).toEqual([
      'lesson.steps[1].question (line 35): a question has either answer (elements to click) or choices, not both and not neither',
    ]);
    expect(errorsOf(edit(BASE, "          - { text: BIRD's, correct: true }", "          - { text: BIRD's }"))).toEqual(
      ['lesson.steps[2].question.choices (line 45): at least one choice is marked correct: true'],
    );
    expect(errorsOf(edit(BASE, "          - { text: Felix's }\n", ''))).toEqual([
      'lesson.steps[2].question.choices (line 45): a multiple-choice question has at least 2 choices',
    ]);
  });

  it('names a lesson points at that are not in the design are findings, not file errors', () => {
    const text = edit(
      edit(
        edit(BASE, 'highlight: [rack-a, tor-a, peer:rack-a-tor, vm-1]', 'highlight: [rack-a, tor-z, peer:rack-b-tor]'),
        'answer: [node-a1]',
        'answer: [node-a9]',
      ),
      'pathsFrom: node-a1',
      'pathsFrom: tor-a',
    );
    expect(errorsOf(text)).toEqual([]);
    expect(lessonReferenceProblems(mustParse(text))).toEqual([
      { step: 1, path: ['lesson', 'steps', 0, 'highlight', 1], name: 'tor-z', what: 'highlight' },
      { step: 1, path: ['lesson', 'steps', 0, 'highlight', 2], name: 'peer:rack-b-tor', what: 'highlight' },
      { step: 2, path: ['lesson', 'steps', 1, 'question', 'answer', 0], name: 'node-a9', what: 'answer' },
      { step: 2, path: ['lesson', 'steps', 1, 'pathsFrom'], name: 'tor-a', what: 'pathsFrom' },
    ]);
    expect(lessonReferenceProblems(mustParse(BASE))).toEqual([]);
    expect(clientNames(mustParse(BASE))).toEqual(['node-a1', 'node-a2', 'border-1']);
    expect(errorsOf(edit(BASE, '      phase: live\n', ''))).toEqual([
      'lesson.steps[1].at (line 32): at counts from the start of a phase: give the step a phase too',
    ]);
  });

  it('expected counts that do not add up to the clients do not make the file invalid (editing must stay possible)', () => {
    expect(errorsOf(edit(BASE, 'base: { delivered: 3 }', 'base: { delivered: 2 }'))).toEqual([]);
  });
});
