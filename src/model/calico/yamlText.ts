/**
 * The design's BGPPeer or BGPFilter objects as one multi-document YAML text (what the editor's
 * Calico tabs show), and the way back: an edited text replaces those objects in the design, or
 * yields every issue with its line and column, and the design stays as it was.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { err, ok, type Result } from '../../lib/result';
import { fromZodIssues, issue, type Issue } from '../issues';
import { locate } from '../locate';
import { validateDesign } from '../parse';
import type { Topology } from '../schema';
import { canonicalize, toYaml } from '../serialize';
import { bgpFilter, bgpPeer, type CalicoResource } from './resources';
import { shapeProblem } from './yamlShape';

export type EditableKind = 'BGPPeer' | 'BGPFilter';

/** The longest text applied (a design's peers and filters take a few kilobytes; a paste of megabytes would stall every pause in typing). */
export const MAX_RESOURCES_TEXT_CHARS = 2 * 1024 * 1024;
/** Aliases (`*name`) a document may expand: enough for any hand-written reuse, too few for a billion laughs. */
const MAX_ALIAS_COUNT = 100;

const SCHEMA = { BGPPeer: bgpPeer, BGPFilter: bgpFilter } as const;

/** The objects of one kind, as `kubectl apply -f` would take them: documents separated by `---`. */
export function resourcesYaml(doc: Topology, kind: EditableKind): string {
  const objects = doc.spec.calicoResources.filter((r) => r.kind === kind);
  return objects.map((r) => toYaml(canonicalize(SCHEMA[kind], r))).join('---\n');
}

/**
 * Replaces the design's objects of `kind` by those of `text`. Issues carry the path inside the
 * text (`[document index, ...]`) and its line and column; whole-design problems (a BGPPeer that
 * names an unknown node) are reported against the document that causes them.
 */
export function applyResourcesYaml(doc: Topology, kind: EditableKind, text: string): Result<Topology, Issue[]> {
  if (text.length > MAX_RESOURCES_TEXT_CHARS) {
    const count = (n: number) => n.toLocaleString('en-US');
    return err([{ path: [], message: `the text is ${count(text.length)} characters; the editor applies at most ${count(MAX_RESOURCES_TEXT_CHARS)}`, line: 1, column: 1 }]);
  }
  const lineCounter = new LineCounter();
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const yamlDocs = Array.isArray(docs) ? docs : [];
  const syntax = yamlDocs.flatMap((d) => d.errors).map((e): Issue => {
    // The parser reports its own stack overflow on very deep flow nesting as a syntax error.
    const message = /call stack/i.test(e.message) ? 'the text nests too deeply to be read' : e.message.split('\n')[0];
    return { path: [], message: `YAML syntax: ${message}`, ...at(e.pos[0]) };
  });
  if (syntax.length > 0) return err(syntax);
  const shapes = yamlDocs.flatMap((d, index) => {
    const problem = shapeProblem(d);
    return problem ? [{ path: [index], message: problem.message, ...at(problem.offset) }] : [];
  });
  if (shapes.length > 0) return err(shapes);
  const objects: CalicoResource[] = [];
  const issues: Issue[] = [];
  yamlDocs.forEach((yamlDoc, index) => {
    let value: unknown;
    try {
      value = yamlDoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // The yaml package throws when aliases expand past the count (a "billion laughs" text).
      const message = /alias/i.test((e as Error).message) ? `its aliases (*name) expand more than ${MAX_ALIAS_COUNT} times` : `it cannot be read: ${(e as Error).message}`;
      issues.push({ path: [index], message, ...at(yamlDoc.range[0]) });
      return;
    }
    if (value === null || value === undefined) return;
    const parsed = SCHEMA[kind].safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const i of fromZodIssues(parsed.error.issues)) issues.push({ ...i, path: [index, ...i.path], ...locate(yamlDoc, lineCounter, i.path) });
    } else objects.push(parsed.data);
  });
  if (issues.length > 0) return err(issues);
  const candidate: Topology = structuredClone(doc);
  // The edited objects take the place of the old ones, so the file keeps its order.
  const list = candidate.spec.calicoResources;
  const first = list.findIndex((r) => r.kind === kind);
  const others = list.filter((r) => r.kind !== kind);
  const insertAt = first < 0 ? others.length : list.slice(0, first).filter((r) => r.kind !== kind).length;
  others.splice(insertAt, 0, ...objects);
  candidate.spec.calicoResources = others;
  const checked = validateDesign(candidate);
  if (checked.ok) return ok(checked.value);
  // Map whole-design issues (spec.calicoResources[i]...) back to the document of this text.
  const start = candidate.spec.calicoResources.findIndex((r) => r.kind === kind);
  return err(
    checked.error.map((i) => {
      const [s, c, at, ...rest] = i.path;
      if (s !== 'spec' || c !== 'calicoResources' || typeof at !== 'number' || candidate.spec.calicoResources[at]?.kind !== kind) return issue(i.path, i.message);
      const index = at - start;
      const yamlDoc = yamlDocs.filter((d) => d.contents !== null)[index];
      return { path: [index, ...rest], message: i.message, ...(yamlDoc ? locate(yamlDoc, lineCounter, rest) : {}) };
    }),
  );
}
