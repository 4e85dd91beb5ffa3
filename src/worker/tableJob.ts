/**
 * A speaker's whole table ("All prefixes") as a job of small steps, so that the worker can report
 * progress and notice a cancel between them: the engine's `SpeakerTableRun` (src/engine/table.ts),
 * which simulates for each prefix only the speakers this one's table depends on, one prefix a step.
 */
import type { Network } from '../engine/network';
import { SpeakerTableRun, type SpeakerTable, type TableProgress } from '../engine/table';

export type { TableProgress };

/** Yields after each prefix converged; returns the table (equal to `speakerTable(net, speaker)`). */
export function* speakerTableSteps(net: Network, speaker: string): Generator<TableProgress, SpeakerTable> {
  const run = new SpeakerTableRun(net, speaker);
  yield run.progress;
  while (run.progress.done < run.progress.total) yield run.step(1);
  return run.result();
}
