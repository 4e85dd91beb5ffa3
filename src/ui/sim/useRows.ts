/**
 * A speaker's RIB and FIB rows at the instant shown, asked of the engine worker when the
 * speaker, instant or phase changes. While new rows are on their way the last ones of the same
 * speaker stay (marked `stale`), so that a played timeline does not blink.
 */
import { useEffect, useRef } from 'react';
import { rowsKey, rowsOf, type RowsEntry } from '../../store/simulation';
import type { RowsAt } from '../../worker/protocol';
import { useSimulation, useStores } from '../context';

export interface ShownRows {
  readonly rows: RowsAt | undefined;
  /** The rows are of another instant (the ones asked for are on their way). */
  readonly stale: boolean;
  readonly error: string | undefined;
}

export function useRows(speaker: string): ShownRows {
  const stores = useStores();
  const key = useSimulation((s) => rowsKey(s, speaker));
  const entry: RowsEntry | undefined = useSimulation((s) => rowsOf(s, speaker));
  const last = useRef<RowsAt | undefined>(undefined);
  useEffect(() => {
    if (key !== undefined) void stores.simulation.getState().loadRows(speaker);
  }, [key, speaker, stores]);
  if (entry?.status === 'ready' && entry.rows) last.current = entry.rows;
  const kept = last.current?.speaker === speaker ? last.current : undefined;
  if (entry?.status === 'ready') return { rows: entry.rows, stale: false, error: undefined };
  return { rows: kept, stale: kept !== undefined, error: entry?.status === 'error' ? entry.error : undefined };
}
