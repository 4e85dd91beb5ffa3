/**
 * The design's BGPPeer or BGPFilter objects as one multi-document YAML text (what the editor's
 * Calico tabs show), and the way back: an edited text replaces those objects in the design, or
 * yields every issue with its line and column, and the design stays as it was.
 */
import { err, ok, type Result } from '../../lib/result';
import { fromZodIssues, issue, type Issue } from '../issues';
import { locate } from '../locate';
import { validateDesign } from '../parse';
import type { Topology } from '../schema';
import { canonicalize, toYaml } from '../serialize';
import { DESIGN_YAML_LIMITS, readYaml } from '../yamlRead';
import { bgpFilter, bgpPeer, type CalicoResource } from './resources';

export type EditableKind = 'BGPPeer' | 'BGPFilter';

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
  // The text becomes part of the design: the design file's limits apply to it.
  const read = readYaml(text, DESIGN_YAML_LIMITS);
  if (!read.ok) return err(read.error.map(({ document: _, ...i }) => i));
  const { lineCounter } = read.value;
  const yamlDocs = read.value.documents.map((d) => d.doc);
  const objects: CalicoResource[] = [];
  const issues: Issue[] = [];
  read.value.documents.forEach(({ doc: yamlDoc, value }, index) => {
    if (value === null || value === undefined) return;
    const parsed = SCHEMA[kind].safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const i of fromZodIssues(parsed.error.issues))
        issues.push({ ...i, path: [index, ...i.path], ...locate(yamlDoc, lineCounter, i.path) });
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
      if (
        s !== 'spec' ||
        c !== 'calicoResources' ||
        typeof at !== 'number' ||
        candidate.spec.calicoResources[at]?.kind !== kind
      )
        return issue(i.path, i.message);
      const index = at - start;
      const yamlDoc = yamlDocs.filter((d) => d.contents !== null)[index];
      return { path: [index, ...rest], message: i.message, ...(yamlDoc ? locate(yamlDoc, lineCounter, rest) : {}) };
    }),
  );
}
