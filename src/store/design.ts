/**
 * The design store: the liveroute/v1 document is the single source of truth; every edit
 * replaces it with a new, validated document, and undo/redo (zundo) records exactly those
 * replacements. Invalid candidates are refused with their issues and change nothing.
 */
import { createStore } from 'zustand/vanilla';
import { temporal } from 'zundo';
import { type Result, ok, err } from '../lib/result';
import { validateDesign, type Issue, type Topology } from '../model';

export interface DesignState {
  readonly doc: Topology;
  /** Replaces the document if the candidate is valid; returns its issues otherwise. */
  readonly commit: (candidate: Topology) => Result<Topology, Issue[]>;
  /** Applies a mutation to a copy of the document, then commits it. */
  readonly update: (mutate: (draft: Topology) => void) => Result<Topology, Issue[]>;
}

export const UNDO_LIMIT = 200;

export function createDesignStore(initial: Topology) {
  return createStore<DesignState>()(
    temporal(
      (set, get) => ({
        doc: initial,
        commit: (candidate) => {
          if (candidate === get().doc) return ok(candidate);
          const checked = validateDesign(candidate);
          if (!checked.ok) return err(checked.error);
          set({ doc: checked.value });
          return ok(checked.value);
        },
        update: (mutate) => {
          const draft = structuredClone(get().doc);
          mutate(draft);
          return get().commit(draft);
        },
      }),
      {
        partialize: (state) => ({ doc: state.doc }),
        equality: (a, b) => a.doc === b.doc,
        limit: UNDO_LIMIT,
      },
    ),
  );
}

export type DesignStore = ReturnType<typeof createDesignStore>;

/** Whether the candidate would be accepted, without committing it (validation as you type). */
export function check(candidate: Topology): Issue[] {
  const r = validateDesign(candidate);
  return r.ok ? [] : r.error;
}
