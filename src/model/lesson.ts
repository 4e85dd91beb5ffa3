/**
 * What a design can carry besides the network (issue 7): tags and the verdict its author expects
 * per phase (in `metadata`), and a lesson (top-level `lesson`): steps with a narration card, the
 * elements to highlight, the instant to show, and optionally a question.
 */
import { z } from 'zod';
import { dnsLabel } from './primitives';
import { multiLine, singleLine } from './text';

/** The five phases of a migration (DESIGN §7), in order. The engine uses the same list. */
export const PHASE_NAMES = ['base', 'target', 'live', 'source-deleted', 'settled'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

/** A client's outcome in a phase (DESIGN §5). */
export const OUTCOMES = ['delivered', 'blackhole', 'loop', 'split'] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

/** How many clients end in each outcome. */
export type VerdictCounts = Readonly<Record<OutcomeName, number>>;

export function countOutcomes(flows: readonly { readonly outcome: OutcomeName }[]): VerdictCounts {
  const counts: Record<OutcomeName, number> = { delivered: 0, blackhole: 0, loop: 0, split: 0 };
  for (const f of flows) counts[f.outcome] += 1;
  return counts;
}

const clientCount = z
  .number({ error: 'expected a number of clients' })
  .int('a number of clients is a whole number')
  .min(0, 'a number of clients is at least 0');

/** How many clients end in each outcome; outcomes left out are expected to have none. */
export const verdictSchema = z.strictObject({
  delivered: clientCount.optional(),
  blackhole: clientCount.optional(),
  loop: clientCount.optional(),
  split: clientCount.optional(),
});
export type ExpectedVerdict = z.infer<typeof verdictSchema>;

export const expectedSchema = z.strictObject({
  base: verdictSchema.optional(),
  target: verdictSchema.optional(),
  live: verdictSchema.optional(),
  'source-deleted': verdictSchema.optional(),
  settled: verdictSchema.optional(),
});
export type ExpectedVerdicts = z.infer<typeof expectedSchema>;

export const tagSchema = z
  .string({ error: 'expected a tag' })
  .min(1, 'a tag is not empty')
  .max(32, 'a tag is at most 32 characters')
  .superRefine(singleLine('a tag'));

const markdown = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} (markdown text)` })
    .min(1, `${what} is not empty`)
    .max(max, `${what} is at most ${max} characters`)
    .superRefine(multiLine(what));

export const choiceSchema = z.strictObject({
  text: markdown('a choice', 300),
  correct: z.boolean().optional(),
});

/**
 * A question is answered by clicking elements on the canvas (`answer`: every element that counts
 * as right) or by picking one of `choices` (those marked `correct`).
 */
export const questionSchema = z
  .strictObject({
    prompt: markdown('a question', 500),
    answer: z.array(z.string()).min(1, 'answer names at least one element').optional(),
    choices: z
      .array(choiceSchema)
      .min(2, 'a multiple-choice question has at least 2 choices')
      .max(6, 'a question has at most 6 choices')
      .optional(),
    right: markdown('the feedback for a right answer', 1000).optional(),
    wrong: markdown('the feedback for a wrong answer', 1000).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.answer === undefined) === (q.choices === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'a question has either answer (elements to click) or choices, not both and not neither',
      });
    if (q.choices && !q.choices.some((c) => c.correct))
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'at least one choice is marked correct: true' });
  });
export type Question = z.infer<typeof questionSchema>;

export const lessonStepSchema = z.strictObject({
  title: z
    .string({ error: 'expected a step title' })
    .min(1, 'a step title is not empty')
    .max(120, 'a step title is at most 120 characters')
    .superRefine(singleLine('a step title')),
  text: markdown('the narration', 4000),
  /** Elements to highlight: racks, nodes, routers and VMs by name, Calico resources as `peer:NAME` or `filter:NAME`. */
  highlight: z.array(z.string()).optional(),
  /** The phase to show; with `at`, that many simulated ms after the phase starts, else its settled instant. */
  phase: z.enum(PHASE_NAMES, { error: `phase must be one of ${PHASE_NAMES.join(', ')}` }).optional(),
  at: z.number({ error: 'expected ms after the phase starts' }).min(0, 'at is at least 0 ms').optional(),
  /** The client whose packet path is drawn (default: every client's). */
  pathsFrom: dnsLabel.optional(),
  question: questionSchema.optional(),
});
export type LessonStep = z.infer<typeof lessonStepSchema>;

export const lessonSchema = z.strictObject({
  steps: z.array(lessonStepSchema).min(1, 'a lesson has at least one step').max(40, 'a lesson has at most 40 steps'),
});
export type Lesson = z.infer<typeof lessonSchema>;
