/**
 * Where things are in a JSON value printed as File → Save as JSON prints it (`JSON.stringify(v,
 * null, 2)`), without printing it: a shared design's issues name those lines, and printing a
 * hostile value with indentation can grow it many times over (every line carries its depth).
 * Pure: no DOM, no clock.
 */
import type { Path } from '../model';

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** A container's printed size, and where each child starts, counted from the container's first line. */
interface Layout {
  readonly lines: number;
  readonly starts: ReadonlyMap<string, number>;
}

/** Lines `v` takes when printed with indentation: one for a scalar or an empty container, else its brackets' two plus its children's. */
function linesOf(v: unknown, memo: WeakMap<object, Layout>): number {
  return isContainer(v) ? layoutOf(v, memo).lines : 1;
}

function layoutOf(v: Container, memo: WeakMap<object, Layout>): Layout {
  const known = memo.get(v);
  if (known) return known;
  const starts = new Map<string, number>();
  let line = 1;
  for (const [key, child] of Object.entries(v)) {
    starts.set(key, line);
    line += linesOf(child, memo);
  }
  const layout = { lines: starts.size === 0 ? 1 : line + 1, starts };
  memo.set(v, layout);
  return layout;
}

/**
 * A line finder over one value: the 1-based line where the element at `path` starts (the line of
 * its key), or of its nearest ancestor that exists (an issue may name a field that is missing).
 * Layouts are remembered, so finding many paths costs one walk of the value.
 */
export function jsonLineFinder(root: unknown): (path: Path) => number {
  const memo = new WeakMap<object, Layout>();
  return (path) => {
    let line = 1;
    let v = root;
    for (const seg of path) {
      if (!isContainer(v) || !Object.hasOwn(v, seg)) break;
      line += layoutOf(v, memo).starts.get(String(seg)) ?? 0;
      v = (v as Record<string, unknown>)[seg];
    }
    return line;
  };
}

/**
 * How deep `json` nests arrays and objects, counted up to `limit + 1` and no further (a text of a
 * million `[` stops at the first one past the limit). Brackets inside strings do not count.
 */
export function jsonDepth(json: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
