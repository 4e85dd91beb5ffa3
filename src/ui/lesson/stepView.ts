/**
 * What entering a lesson step shows, as data: the ids to highlight, the canvas nodes to fit, the
 * phase and simulated time, whose packet paths are drawn. Pure, so the player's behaviour is
 * tested without a browser; the player hands the result to the stores and to React Flow.
 */
import {
  isBGPFilter,
  isBGPPeer,
  nodesOfPeer,
  routerOfPeer,
  type BGPPeer,
  type LessonStep,
  type PhaseName,
  type Topology,
} from '../../model';
import type { SimulationSummary } from '../../worker/protocol';

export interface StepView {
  /** For the UI store's `highlight`: names as the step gives them (`peer:`/`filter:` ids included). */
  readonly highlight: readonly string[];
  /** React Flow node ids (racks, nodes, routers) to fit the canvas to; empty: the whole design (always for a click question). */
  readonly fit: readonly string[];
  /** The phase to select; undefined: the step leaves the phase as it is. */
  readonly phase: PhaseName | undefined;
  /** The simulated time to show (phase start + `at`); undefined: the phase's settled instant. */
  readonly time: number | undefined;
  readonly pathsFrom: string;
}

/** Canvas nodes that show a BGPPeer: its nodes' racks (or the nodes, when not in a rack's bundle) and its router. */
function peerNodes(doc: Topology, peer: BGPPeer): string[] {
  const out = nodesOfPeer(doc, peer).map((n) => n.rack);
  const router = routerOfPeer(doc, peer);
  if (router) out.push(router.name);
  return out;
}

/** The canvas nodes that stand for a name a lesson may highlight; a VM is where it runs in the step's phase. */
function canvasNodesOf(doc: Topology, name: string, vmHost: (vm: string) => string | undefined): string[] {
  const s = doc.spec;
  if (
    s.racks.some((r) => r.name === name) ||
    s.nodes.some((n) => n.name === name) ||
    s.routers.some((r) => r.name === name)
  )
    return [name];
  const vm = s.vms.find((v) => v.name === name);
  if (vm) return [vmHost(vm.name) ?? vm.node];
  const peers = s.calicoResources.filter(isBGPPeer);
  if (name.startsWith('peer:')) {
    const peer = peers.find((p) => p.metadata.name === name.slice(5));
    return peer ? peerNodes(doc, peer) : [];
  }
  if (name.startsWith('filter:')) {
    const filter = name.slice(7);
    if (!s.calicoResources.some((r) => isBGPFilter(r) && r.metadata.name === filter)) return [];
    // A filter has no shape: show where it applies, the sessions of the peers that use it.
    return peers.filter((p) => p.spec.filters?.includes(filter)).flatMap((p) => peerNodes(doc, p));
  }
  return [];
}

export function stepView(doc: Topology, report: SimulationSummary | undefined, step: LessonStep): StepView {
  const highlight = [...(step.highlight ?? [])];
  const phase = step.phase;
  // The migrating VM runs where the report says in that phase; others stay where they are placed.
  const vmHost = (vm: string) =>
    report && phase && report.migration.vm === vm ? report.phases.find((p) => p.name === phase)?.vmHost : undefined;
  // A click question shows the whole design: every possible answer must be in sight (and fitting
  // the answer alone would give it away).
  const fit = step.question?.answer ? [] : [...new Set(highlight.flatMap((name) => canvasNodesOf(doc, name, vmHost)))];
  let time: number | undefined;
  if (phase !== undefined && step.at !== undefined) {
    const start = report?.phases.find((p) => p.name === phase)?.start;
    if (start !== undefined) time = start + step.at;
  }
  return { highlight, fit, phase, time, pathsFrom: step.pathsFrom ?? 'all' };
}
