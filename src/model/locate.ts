/** Maps a document path to the line and column of the YAML/JSON text it came from. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Path } from './issues';

export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: Path,
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, seg] of path.entries()) {
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(seg));
      if (!pair) break;
      // A field is reported at its key: the value of a mapping or list starts on a later line.
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      if (i < path.length - 1) offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  if (offset === undefined) return undefined;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A mapping's pairs by key, built once per mapping: locating many issues in a mapping of 60,000 keys must not search it each time. */
function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    // Paths name keys as strings; YAML keys such as `123:` are numbers until they become JS keys.
    for (const p of map.items) {
      const key = isScalar(p.key) ? String(p.key.value) : typeof p.key === 'string' ? p.key : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, p as Pair);
    }
    indexes.set(map, index);
  }
  return index;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : undefined;
}
