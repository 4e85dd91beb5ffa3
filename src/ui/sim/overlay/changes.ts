/**
 * Which speakers flash when the instant shown changes: those whose RIB or FIB changed at any
 * instant between the one shown before and the one shown now (a jump to another phase skips many
 * instants, and every speaker that differs should catch the eye, not only the last instant's).
 */
import type { InstantState } from '../../../store/instants';

/** Speakers changed by the instants in (from, to] going forwards, or in (to, from] going back. */
export function speakersChangedBetween(
  states: readonly Pick<InstantState, 'changedSpeakers'>[],
  from: number,
  to: number,
): Set<string> {
  const out = new Set<string>();
  const lo = Math.max(-1, Math.min(from, to));
  const hi = Math.min(states.length - 1, Math.max(from, to));
  for (let i = lo + 1; i <= hi; i++) for (const s of states[i]?.changedSpeakers ?? []) out.add(s);
  return out;
}

/** A burst bigger than this flashes only its first speakers (1000 flashing cards say nothing more than 200). */
export const MAX_FLASHES = 200;
