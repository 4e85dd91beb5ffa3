/**
 * A design may state the verdict its author expects per phase (`metadata.expected`). A scenario
 * whose engine verdict differs has rotted, or the user changed the design: either way, say so.
 */
import {
  countOutcomes,
  lessonReferenceProblems,
  OUTCOMES,
  PHASE_NAMES,
  type ExpectedVerdict,
  type OutcomeName,
  type Topology,
  type VerdictCounts,
} from '../../model';
import type { Diagnostic } from './types';

export interface VerdictMismatch {
  readonly phase: string;
  readonly expected: VerdictCounts;
  readonly actual: VerdictCounts;
  /** Clients not delivered in that phase. */
  readonly failing: readonly string[];
}

/** `5 delivered` / `4 delivered, 1 blackhole`: outcomes with clients, in the order delivered, blackhole, loop, split. */
export function formatVerdict(v: VerdictCounts): string {
  const parts = OUTCOMES.filter((o) => v[o] > 0).map((o) => `${v[o]} ${o}`);
  return parts.length > 0 ? parts.join(', ') : 'no clients';
}

function complete(v: ExpectedVerdict): VerdictCounts {
  return { delivered: v.delivered ?? 0, blackhole: v.blackhole ?? 0, loop: v.loop ?? 0, split: v.split ?? 0 };
}

/** Phases whose outcome counts differ from the design's expectation. */
export function verdictMismatches(
  doc: Topology,
  phases: readonly {
    readonly name: string;
    readonly flows: readonly { readonly client: string; readonly outcome: OutcomeName }[];
  }[],
): VerdictMismatch[] {
  const expected = doc.metadata.expected;
  if (!expected) return [];
  const out: VerdictMismatch[] = [];
  for (const name of PHASE_NAMES) {
    const want = expected[name];
    const phase = phases.find((p) => p.name === name);
    if (!want || !phase) continue;
    const exp = complete(want);
    const actual = countOutcomes(phase.flows);
    if (OUTCOMES.some((o) => exp[o] !== actual[o])) {
      out.push({
        phase: name,
        expected: exp,
        actual,
        failing: phase.flows.filter((f) => f.outcome !== 'delivered').map((f) => f.client),
      });
    }
  }
  return out;
}

export function expectationDiagnostics(doc: Topology, phases: Parameters<typeof verdictMismatches>[1]): Diagnostic[] {
  return verdictMismatches(doc, phases).map((m) => ({
    code: 'LR-EXPECTED-VERDICT',
    severity: 'warning',
    phase: m.phase,
    subjects: m.failing,
    message: `The design expects ${m.phase} to give ${formatVerdict(m.expected)}; the simulation gives ${formatVerdict(m.actual)}.`,
    fix: 'If the change is intended, update metadata.expected; otherwise undo the change that altered the outcome.',
  }));
}

const LESSON_ROLE = {
  highlight: 'highlights',
  answer: 'expects as the answer',
  pathsFrom: 'draws the packet paths from',
} as const;

/** Lesson steps that name elements the design no longer has (after an edit, or a hand-written file). */
export function lessonDiagnostics(doc: Topology): Diagnostic[] {
  return lessonReferenceProblems(doc).map((p) => ({
    code: 'LR-LESSON-STALE',
    severity: 'warning',
    subjects: [],
    message: `Lesson step ${p.step} ${LESSON_ROLE[p.what]} ${p.name}, which ${p.what === 'pathsFrom' ? 'is not a client (a Calico node or border router) of' : 'is not in'} this design: the step ignores it.`,
    fix: `Edit lesson.steps[${p.step - 1}] in the design file, or undo the change that removed ${p.name}.`,
  }));
}
