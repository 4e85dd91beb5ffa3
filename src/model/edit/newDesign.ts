/**
 * File → New: a fresh design, empty or from a template built by the rack template and the fabric
 * generator (no scenario file is copied). Nothing of the previous design survives: no title,
 * description, tags, expected verdicts, lesson, layout or migration of its own.
 */
import { err, ok, type Result } from '../../lib/result';
import { emptyDesign, EMPTY_DESIGN_NAME } from '../empty';
import type { Topology } from '../schema';
import { addRack, addVm } from './add';
import { generateFabric } from './generate';

export const NEW_DESIGN_NAME = EMPTY_DESIGN_NAME;
export { emptyDesign };

/** Nodes per rack a template offers. */
export const NEW_DESIGN_NODES = { min: 1, max: 16 } as const;

export type NewDesignTemplate =
  /** Nothing yet: draw it from the palette. */
  | { readonly kind: 'empty' }
  /**
   * One rack: a ToR and N nodes in the cluster's AS (node-to-node mesh on), eBGP to the ToR with
   * the live-migration BGPFilter; a VM that moves inside the rack (with two nodes or more).
   */
  | { readonly kind: 'one-rack'; readonly nodesPerRack: number }
  /**
   * Two racks under a spine and a border router, eBGP everywhere (an AS per node and per ToR),
   * the live-migration BGPFilter; a VM that moves from the first rack to the second.
   */
  | { readonly kind: 'two-racks'; readonly nodesPerRack: number };

export type NewDesignKind = NewDesignTemplate['kind'];

export function newDesign(template: NewDesignTemplate): Result<Topology, string> {
  if (template.kind === 'empty') return ok(emptyDesign());
  const n = template.nodesPerRack;
  if (!Number.isInteger(n) || n < NEW_DESIGN_NODES.min || n > NEW_DESIGN_NODES.max)
    return err(`a template has ${NEW_DESIGN_NODES.min} to ${NEW_DESIGN_NODES.max} nodes per rack`);
  if (template.kind === 'two-racks') {
    const fabric = generateFabric({ racks: 2, nodesPerRack: n, spines: 1, torsPerRack: 1, vms: 1 });
    // Only the spec: the generator's title describes a generated fabric, not the user's design.
    return ok({ ...emptyDesign(), spec: fabric.spec });
  }
  const rack = addRack(emptyDesign(), {
    torsPerRack: 1,
    nodesPerRack: n,
    nodeAs: 'cluster',
    liveMigrationFilter: true,
  });
  if (!rack.ok) return rack;
  const first = rack.value.doc.spec.nodes[0];
  const second = rack.value.doc.spec.nodes[1];
  if (!first) return ok(rack.value.doc);
  const vm = addVm(rack.value.doc, first.name);
  if (!vm.ok) return vm;
  const doc = vm.value.doc;
  const name = vm.value.created[0];
  return ok(second && name ? { ...doc, spec: { ...doc.spec, migration: { vm: name, to: second.name } } } : doc);
}
