/**
 * Checks of a design's lesson and expected verdicts against the design: every name a step
 * highlights or a question accepts exists, and the expected counts add up to the design's clients
 * (every Calico node and border router, DESIGN §5).
 */
import { issue, type Issue, type Path } from './issues';
import { OUTCOMES, PHASE_NAMES } from './lesson';
import type { Topology } from './schema';
import { unknown } from './semantic';

/** Names a lesson may point at: racks, nodes, routers, VMs, and Calico resources as `peer:`/`filter:` ids. */
export function lessonTargets(doc: Topology): Set<string> {
  const s = doc.spec;
  const names = new Set<string>([...s.racks.map((r) => r.name), ...s.nodes.map((n) => n.name), ...s.routers.map((r) => r.name), ...s.vms.map((v) => v.name)]);
  for (const r of s.calicoResources) {
    if (r.kind === 'BGPPeer') names.add(`peer:${r.metadata.name}`);
    if (r.kind === 'BGPFilter') names.add(`filter:${r.metadata.name}`);
  }
  return names;
}

/** The clients of the data-plane walk: every Calico node and every border router. */
export function clientNames(doc: Topology): string[] {
  return [...doc.spec.nodes.map((n) => n.name), ...doc.spec.routers.filter((r) => r.role === 'border').map((r) => r.name)];
}

export function checkLessonAndExpectations(doc: Topology): Issue[] {
  const out: Issue[] = [];
  const clients = clientNames(doc);
  const expected = doc.metadata.expected ?? {};
  for (const phase of PHASE_NAMES) {
    const v = expected[phase];
    if (!v) continue;
    const total = OUTCOMES.reduce((sum, o) => sum + (v[o] ?? 0), 0);
    if (total !== clients.length) {
      out.push(issue(['metadata', 'expected', phase], `the counts add up to ${total} clients, the design has ${clients.length} (every Calico node and border router)`));
    }
  }

  const targets = lessonTargets(doc);
  const check = (name: string, path: Path) => {
    if (!targets.has(name)) out.push(issue(path, unknown('element', name, targets)));
  };
  doc.lesson?.steps.forEach((step, i) => {
    const at: Path = ['lesson', 'steps', i];
    step.highlight?.forEach((name, k) => check(name, [...at, 'highlight', k]));
    step.question?.answer?.forEach((name, k) => check(name, [...at, 'question', 'answer', k]));
    if (step.pathsFrom !== undefined && !clients.includes(step.pathsFrom)) out.push(issue([...at, 'pathsFrom'], unknown('client', step.pathsFrom, clients)));
    if (step.at !== undefined && step.phase === undefined) out.push(issue([...at, 'at'], 'at counts from the start of a phase: give the step a phase too'));
  });
  return out;
}
