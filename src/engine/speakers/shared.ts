/**
 * Filters shared between speakers. Configs parsed from the same text share their parsed items
 * (configParser.ts caches functions, filters, protocols and inline filters by file, place and
 * text), so the speakers running them can share one runner and its memo: a filter gives the same
 * outcome in two configs when it is the same parsed filter and every function and `define` it can
 * reach is the same parsed item in both. The key says exactly that.
 */
import type { BirdConfig, FilterRef } from '../../bird/lang/ast';

const IDS = new WeakMap<object, number>();
let nextId = 1;

/** A number naming a parsed item (only compared, never shown). */
function idOf(item: object): number {
  let id = IDS.get(item);
  if (id === undefined) {
    id = nextId++;
    IDS.set(item, id);
  }
  return id;
}

interface Names {
  readonly calls: ReadonlySet<string>;
  readonly syms: ReadonlySet<string>;
}

const NAMES = new WeakMap<object, Names>();

/** The functions a piece of the filter language calls and the symbols it reads. */
function namesIn(root: object): Names {
  const cached = NAMES.get(root);
  if (cached) return cached;
  const calls = new Set<string>();
  const syms = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.k === 'call' && typeof o.name === 'string') calls.add(o.name);
    if ((o.k === 'sym' || o.k === 'defined') && typeof o.name === 'string') syms.add(o.name);
    // Spans (`at`) hold text only.
    for (const key of Object.keys(o)) if (key !== 'at') visit(o[key]);
  };
  visit(root);
  const names = { calls, syms };
  NAMES.set(root, names);
  return names;
}

/** What a filter reference runs in `cfg`: equal keys give equal outcomes for every route. */
export function filterKey(cfg: BirdConfig, ref: FilterRef): string {
  if (ref.k === 'all' || ref.k === 'none') return ref.k;
  const parts: string[] = [];
  let root: object | undefined = ref;
  if (ref.k === 'named') {
    const def = cfg.filters.get(ref.name);
    // A missing filter's outcome names the place of the reference.
    parts.push(def ? `filter ${ref.name}=${idOf(def)}` : `missing filter ${ref.name} at ${idOf(ref.at)}`);
    root = def;
  } else parts.push(`ref=${idOf(ref)}`);
  const seen = new Set<string>();
  const queue: object[] = root ? [root] : [];
  while (queue.length > 0) {
    const { calls, syms } = namesIn(queue.pop() as object);
    for (const sym of syms) {
      const def = cfg.defines.get(sym);
      if (def && !seen.has(`d ${sym}`)) {
        seen.add(`d ${sym}`);
        parts.push(`define ${sym}=${idOf(def)}`);
      }
    }
    for (const name of calls) {
      if (seen.has(`f ${name}`)) continue;
      seen.add(`f ${name}`);
      const fn = cfg.functions.get(name);
      parts.push(`function ${name}=${fn ? idOf(fn) : 0}`);
      if (fn) queue.push(fn);
    }
  }
  return parts.sort().join(';');
}
