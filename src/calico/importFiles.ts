/**
 * Importing one or more files of Calico resources into a design: the one pipeline behind the
 * app's File → Open of a cluster dump and `liveroute import`. Every file is read first; an object
 * defined in two files is a problem like one defined twice in a file; then the merged set goes
 * into the design (toDesign.ts) and the report says what changed, what was kept as it is and what
 * was left out, and why.
 */
import { err, ok, type Result } from '../lib/result';
import { formatIssue, type Issue } from '../model/issues';
import type { Topology } from '../model/schema';
import { formatReadIssue, readCalicoResources, type CalicoReadIssue } from './read';
import { importCalicoResources, type Imported } from './toDesign';
import type { CalicoResourceSet } from './types';

export interface CalicoFile {
  readonly name: string;
  readonly text: string;
}

/** What stopped an import: the file, and its problems (document, path, line) or the design's. */
export type ImportProblem =
  | { readonly file: string; readonly kind: 'read'; readonly issues: readonly CalicoReadIssue[] }
  | { readonly file: string; readonly kind: 'conflict'; readonly message: string }
  | { readonly kind: 'design'; readonly issues: readonly Issue[] };

type ListKey = 'nodes' | 'ipPools' | 'bgpPeers' | 'bgpFilters' | 'blockAffinities';
const LISTS: readonly [ListKey, string][] = [
  ['nodes', 'Node'],
  ['ipPools', 'IPPool'],
  ['bgpPeers', 'BGPPeer'],
  ['bgpFilters', 'BGPFilter'],
  ['blockAffinities', 'BlockAffinity'],
];

/** The sets of several files as one; an object (or a default configuration) in two files is a conflict. */
function mergeSets(
  sets: readonly { name: string; set: CalicoResourceSet }[],
): Result<CalicoResourceSet, ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const firstFile = new Map<string, string>();
  const claim = (file: string, key: string) => {
    const first = firstFile.get(key);
    if (first !== undefined) problems.push({ file, kind: 'conflict', message: `${key} is also defined in ${first}` });
    else firstFile.set(key, file);
  };
  const merged = { nodes: [], ipPools: [], bgpPeers: [], bgpFilters: [], blockAffinities: [], ignored: [] } as {
    -readonly [K in keyof CalicoResourceSet]: CalicoResourceSet[K] extends readonly (infer T)[]
      ? T[]
      : CalicoResourceSet[K];
  };
  for (const { name, set } of sets) {
    if (set.bgpConfiguration) {
      claim(name, 'BGPConfiguration default');
      merged.bgpConfiguration ??= set.bgpConfiguration;
    }
    if (set.felixConfiguration) {
      claim(name, 'FelixConfiguration default');
      merged.felixConfiguration ??= set.felixConfiguration;
    }
    for (const [key, kind] of LISTS) {
      for (const o of set[key]) claim(name, `${kind} ${o.metadata.name}`);
      (merged[key] as unknown[]).push(...set[key]);
    }
    merged.ignored.push(...set.ignored);
  }
  return problems.length > 0 ? err(problems) : ok(merged);
}

/** Reads every file, then merges what they hold into `doc`; nothing changes unless all of it reads. */
export function importCalicoFiles(doc: Topology, files: readonly CalicoFile[]): Result<Imported, ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const sets: { name: string; set: CalicoResourceSet }[] = [];
  for (const f of files) {
    const read = readCalicoResources(f.text);
    if (read.ok) sets.push({ name: f.name, set: read.value });
    else problems.push({ file: f.name, kind: 'read', issues: read.error });
  }
  if (problems.length > 0) return err(problems);
  const merged = mergeSets(sets);
  if (!merged.ok) return merged;
  const imported = importCalicoResources(doc, merged.value);
  return imported.ok ? imported : err([{ kind: 'design', issues: imported.error }]);
}

/** One line per problem: `file: document 2, spec.peerIP (line 14): …`. */
export function formatImportProblems(problems: readonly ImportProblem[], designName = 'the design'): string[] {
  return problems.flatMap((p) => {
    if (p.kind === 'read') return p.issues.map((i) => `${p.file}: ${formatReadIssue(i)}`);
    if (p.kind === 'conflict') return [`${p.file}: ${p.message}`];
    return p.issues.map((i) => `${designName} after the import: ${formatIssue(i)}`);
  });
}
