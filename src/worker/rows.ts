/**
 * Route rows on the wire: a whole table holds thousands of rows whose long strings (why a route
 * won, which filter statement accepted it) take a handful of values, so each string field is
 * sent as an index into one list of distinct strings. `unpackRows` gives back equal objects.
 */
import type { FibReportEntry, RouteEntry } from '../engine/report';
import { Interner } from './summary';

/** Rows of one kind, string fields (listed in `fields`) replaced by indices into `strings`. */
export interface PackedRows {
  readonly strings: readonly string[];
  readonly fields: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

const ROUTE_STRINGS = [
  'prefix',
  'nextHop',
  'learnedFrom',
  'explanation',
  'protocol',
  'source',
  'decidedBy',
  'reason',
  'origin',
] as const;
const FIB_STRINGS = ['prefix', 'explanation', 'kind', 'proto', 'dev'] as const;

function pack(rows: readonly object[], fields: readonly string[], interner = new Interner()): PackedRows {
  const out = rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const f of fields) {
      const v = copy[f];
      if (typeof v === 'string') copy[f] = interner.id(v);
    }
    return copy;
  });
  return { strings: interner.strings, fields, rows: out };
}

export function unpackRows<T>(p: PackedRows): T[] {
  return p.rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const f of p.fields) {
      const v = copy[f];
      if (typeof v === 'number') copy[f] = p.strings[v];
    }
    return copy as T;
  });
}

export const packRoutes = (rows: readonly RouteEntry[]): PackedRows => pack(rows, ROUTE_STRINGS);
export const packFib = (rows: readonly FibReportEntry[]): PackedRows => pack(rows, FIB_STRINGS);
