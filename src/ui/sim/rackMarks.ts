/**
 * A rack box's marks far out (canvas level of detail `racks`): the worst outcome of the rack's
 * clients and the VM when it runs there. Loaded with the rack boxes, not with the app.
 */
import { useCallback } from 'react';
import type { Outcome } from '../../store/simulation';
import { useMarks, type Shown } from './CanvasMarks';

export interface RackMarks {
  /** The worst outcome of the rack's clients, and how many end that way. */
  readonly worst: Outcome | undefined;
  readonly worstCount: number;
  /** The migrating VM's name when it runs on a node of this rack. */
  readonly vmHere: string | undefined;
  readonly vmNode: string | undefined;
  readonly highlighted: boolean;
}

/** Worst first: what a rack box shows of its clients. */
const SEVERITY: Readonly<Record<Outcome, number>> = { blackhole: 4, loop: 3, split: 2, delivered: 1 };

export function rackMarks(shown: Shown, rack: string, members: readonly string[]): RackMarks {
  let worst: Outcome | undefined;
  let worstCount = 0;
  for (const m of members) {
    const o = shown.flows?.get(m)?.outcome;
    if (!o) continue;
    if (worst === undefined || SEVERITY[o] > SEVERITY[worst]) {
      worst = o;
      worstCount = 1;
    } else if (o === worst) worstCount++;
  }
  const vmNode = shown.host !== undefined && members.includes(shown.host) ? shown.host : undefined;
  return { worst, worstCount, vmHere: vmNode ? shown.vm : undefined, vmNode, highlighted: shown.highlight.has(rack) };
}

/** `members`: the rack's clients (its nodes and ToRs); keep the array stable between renders. */
export function useRackMarks(rack: string, members: readonly string[]): RackMarks {
  const compute = useCallback((shown: Shown) => rackMarks(shown, rack, members), [rack, members]);
  return useMarks(`rack:${rack}`, compute);
}
