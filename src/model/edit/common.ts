import type { Result } from '../../lib/result';
import type { Topology } from '../schema';

/** What an edit produces: the new document and the names of what it created (to select them). */
export interface Edited {
  readonly doc: Topology;
  readonly created: readonly string[];
}

export type EditResult = Result<Edited, string>;

/** A deep copy to edit; documents in the store are never mutated. */
export function draft(doc: Topology): Topology {
  return structuredClone(doc);
}

export function setPosition(doc: Topology, name: string, at: readonly [number, number] | undefined): void {
  if (!at) return;
  doc.spec.layout ??= {};
  doc.spec.layout.positions ??= {};
  // `+ 0` turns -0 (Math.round(-0.4)) into 0: JSON has no -0, so the file would not round-trip.
  doc.spec.layout.positions[name] = [Math.round(at[0]) + 0, Math.round(at[1]) + 0];
}
