/**
 * Checks of a design's lesson against the design. Only the lesson's own consistency makes a file
 * invalid; names that point at nothing and expected counts that no longer add up are findings
 * (LR-LESSON-STALE, LR-EXPECTED-VERDICT), never refusals, so deleting a node a lesson mentions
 * or adding a client to a scenario stays possible.
 */
import { issue, type Issue, type Path } from './issues';
import type { Topology } from './schema';

/** Names a lesson may point at: racks, nodes, routers, VMs, and Calico resources as `peer:`/`filter:` ids. */
export function lessonTargets(doc: Topology): Set<string> {
  const s = doc.spec;
  const names = new Set<string>([
    ...s.racks.map((r) => r.name),
    ...s.nodes.map((n) => n.name),
    ...s.routers.map((r) => r.name),
    ...s.vms.map((v) => v.name),
  ]);
  for (const r of s.calicoResources) {
    if (r.kind === 'BGPPeer') names.add(`peer:${r.metadata.name}`);
    if (r.kind === 'BGPFilter') names.add(`filter:${r.metadata.name}`);
  }
  return names;
}

/** The clients of the data-plane walk: every Calico node and every border router. */
export function clientNames(doc: Topology): string[] {
  return [
    ...doc.spec.nodes.map((n) => n.name),
    ...doc.spec.routers.filter((r) => r.role === 'border').map((r) => r.name),
  ];
}

export interface LessonReferenceProblem {
  /** 1-based, as the lesson player counts. */
  readonly step: number;
  readonly path: Path;
  readonly name: string;
  readonly what: 'highlight' | 'answer' | 'pathsFrom';
}

/** Lesson names that point at nothing in the design (or, for pathsFrom, at no client). */
export function lessonReferenceProblems(doc: Topology): LessonReferenceProblem[] {
  const targets = lessonTargets(doc);
  const clients = new Set(clientNames(doc));
  const out: LessonReferenceProblem[] = [];
  doc.lesson?.steps.forEach((step, i) => {
    const at: Path = ['lesson', 'steps', i];
    step.highlight?.forEach(
      (name, k) =>
        targets.has(name) || out.push({ step: i + 1, path: [...at, 'highlight', k], name, what: 'highlight' }),
    );
    step.question?.answer?.forEach(
      (name, k) =>
        targets.has(name) || out.push({ step: i + 1, path: [...at, 'question', 'answer', k], name, what: 'answer' }),
    );
    if (step.pathsFrom !== undefined && !clients.has(step.pathsFrom))
      out.push({ step: i + 1, path: [...at, 'pathsFrom'], name: step.pathsFrom, what: 'pathsFrom' });
  });
  return out;
}

export function checkLesson(doc: Topology): Issue[] {
  const out: Issue[] = [];
  doc.lesson?.steps.forEach((step, i) => {
    if (step.at !== undefined && step.phase === undefined)
      out.push(issue(['lesson', 'steps', i, 'at'], 'at counts from the start of a phase: give the step a phase too'));
  });
  return out;
}
