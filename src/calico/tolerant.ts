/**
 * Validating imported Calico objects tolerantly: fields a schema does not know are dropped (and
 * reported), the fields it does know must have the right types. Objects from a live cluster
 * carry fields of newer Calico versions and server-side bookkeeping; neither must stop an import,
 * and neither may leak into the typed view.
 */
import type { z } from 'zod';
import type { Path, PathSegment } from '../model/issues';

export type Tolerant<T> =
  | { readonly ok: true; readonly value: T; readonly dropped: readonly Path[] }
  | { readonly ok: false; readonly issues: readonly z.core.$ZodIssue[]; readonly dropped: readonly Path[] };

type Mutable = Record<string, unknown> | unknown[];

function deleteAt(root: unknown, path: readonly PathSegment[]): void {
  let node: unknown = root;
  for (const seg of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string | number, unknown>)[seg];
  }
  const last = path[path.length - 1];
  if (typeof node === 'object' && node !== null && last !== undefined && !Array.isArray(node))
    delete (node as Record<string, unknown>)[String(last)];
}

/**
 * Parses `value` with a strict schema, removing the keys it calls unrecognized and trying again
 * (nested objects are only checked once their parent parses, hence the rounds).
 */
export function parseTolerant<S extends z.ZodType>(schema: S, value: unknown): Tolerant<z.output<S>> {
  const current = structuredClone(value) as Mutable;
  const dropped: Path[] = [];
  for (let round = 0; round < 16; round++) {
    const r = schema.safeParse(current, { reportInput: true });
    if (r.success) return { ok: true, value: r.data, dropped };
    const unknown = r.error.issues.filter((i) => i.code === 'unrecognized_keys');
    if (unknown.length === 0) return { ok: false, issues: r.error.issues, dropped };
    for (const u of unknown) {
      for (const key of u.keys) {
        const path = [...(u.path as PathSegment[]), key];
        deleteAt(current, path);
        dropped.push(path);
      }
    }
  }
  const last = schema.safeParse(current, { reportInput: true });
  return last.success ? { ok: true, value: last.data, dropped } : { ok: false, issues: last.error.issues, dropped };
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
