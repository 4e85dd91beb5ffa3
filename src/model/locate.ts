/** Maps a document path to the line and column of the YAML/JSON text it came from. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Path } from './issues';

export function locate(doc: Document, lineCounter: LineCounter, path: Path): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, seg] of path.entries()) {
    if (isMap(node)) {
      // Paths name keys as strings; YAML keys such as `123:` are numbers until they become JS keys.
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) === String(seg) : p.key === seg));
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

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : undefined;
}
