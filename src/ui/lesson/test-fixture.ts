/** For tests: a lesson on the two-racks-ebgp-no-filter fabric, checked by the real schema. */
import { lessonSchema, parseDesign, type Lesson, type Topology } from '../../model';
import noFilterText from '../../scenarios/two-racks-ebgp-no-filter.liveroute.yaml?raw';
import withFilterText from '../../scenarios/two-racks-ebgp.liveroute.yaml?raw';

export const FIXTURE_LESSON: Lesson = lessonSchema.parse({
  steps: [
    { title: 'The fabric', text: 'Two racks, **eBGP** to the ToRs.' },
    {
      title: 'Before the migration',
      text: 'Every client reaches `vm-1`.',
      phase: 'base',
      highlight: ['node-a1', 'vm-1'],
    },
    {
      title: 'Live',
      text: 'The VM runs on node-b1 now.',
      phase: 'live',
      at: 12,
      pathsFrom: 'node-a1',
      highlight: ['node-a1', 'tor-a', 'peer:rack-a-tor'],
      question: {
        prompt: 'Which node still delivers to the old VM?',
        answer: ['node-a1'],
        right: 'Yes: its own route wins.',
        wrong: 'Look at the ✕ on the canvas.',
      },
    },
    {
      title: 'Why',
      text: 'LOCAL_PREF does not cross eBGP.',
      phase: 'live',
      highlight: ['filter:no-such-filter-is-checked-here'],
      question: {
        prompt: 'What carries the priority across eBGP?',
        choices: [{ text: 'LOCAL_PREF' }, { text: 'A community the ToR honours', correct: true }, { text: 'MED' }],
        right: 'Right.',
        wrong: 'LOCAL_PREF stays inside the AS.',
      },
    },
  ],
});

function parsed(text: string): Topology {
  const r = parseDesign(text);
  if (!r.ok) throw new Error(`scenario does not parse: ${JSON.stringify(r.error.slice(0, 2))}`);
  return r.value.doc;
}

// Read directly, so that these tests do not depend on every other built-in scenario loading.
/** The two-racks fabric without the live-migration filter, and with it. */
export const NO_FILTER = parsed(noFilterText);
export const WITH_FILTER = parsed(withFilterText);
