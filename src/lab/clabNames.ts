/**
 * The containerlab export's names: one container per Calico node and router, one bridge container
 * per rack segment, and a setup script `containerlab/<container>.sh` per speaker. A design name
 * is used as it is when it can be: a hostname label (lowercase letters, digits, '-', at most 63
 * characters) that none of the export's own scripts in containerlab/ already uses (`migrate.sh`)
 * and no other container has taken. Any other name is folded to lowercase,
 * stripped of what a hostname cannot hold and numbered (`migrate-2`), so that no two containers
 * and no two files ever share a name, also on a file system that ignores case. The export writes
 * the mapping down (a table in containerlab/README.md, a `liveroute.name` label on each container).
 */
import { assert } from '../lib/assert';
import { compareStrings, DNS_LABEL_MAX, uniqueName } from '../lib/names';

/** The stems of the export's own scripts in containerlab/ (migrate.sh): no setup script may take them. */
export const CLAB_RESERVED_NAMES: readonly string[] = ['migrate'];

export type ClabNameKind = 'node' | 'router' | 'segment';

export interface ClabName {
  /** The name in the design: the node's or router's, the rack's for a segment. */
  readonly name: string;
  readonly kind: ClabNameKind;
  /** The containerlab node name (the container is `clab-<lab>-<container>`, its script `containerlab/<container>.sh`). */
  readonly container: string;
}

export interface ClabNames {
  readonly all: readonly ClabName[];
  /** The container of a node or router (`kind` 'segment': of a rack's segment). */
  container(name: string, kind?: ClabNameKind): string;
}

/** What a hostname label can hold of `wanted`: lowercase, runs of other characters as one '-'. */
function hostLabel(wanted: string): string {
  const label = wanted
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, DNS_LABEL_MAX)
    .replace(/-+$/, '');
  return label === '' ? 'x' : label;
}

/**
 * Containers for the speakers (nodes and routers) and the rack segments. Names that can stay
 * stay (speakers before segments, so a segment never takes a speaker's name); the others are
 * given the first free `<label>-N`, in the order speakers then segments, each by name.
 */
export function clabNames(
  speakers: readonly { readonly name: string; readonly kind: 'node' | 'router' }[],
  racks: readonly string[],
): ClabNames {
  const byName = (a: { name: string }, b: { name: string }) => compareStrings(a.name, b.name);
  const wanted = [
    ...[...speakers].sort(byName).map((s) => ({ ...s, wants: s.name })),
    ...[...racks]
      .sort(compareStrings)
      .map((rack) => ({ name: rack, kind: 'segment' as const, wants: `${rack}-segment` })),
  ];
  const taken = new Set<string>(CLAB_RESERVED_NAMES);
  const given = new Map<(typeof wanted)[number], string>();
  for (const w of wanted) {
    if (hostLabel(w.wants) === w.wants && !taken.has(w.wants)) {
      taken.add(w.wants);
      given.set(w, w.wants);
    }
  }
  for (const w of wanted) {
    if (given.has(w)) continue;
    const name = uniqueName(hostLabel(w.wants), taken);
    taken.add(name);
    given.set(w, name);
  }
  const all = wanted.map((w) => ({ name: w.name, kind: w.kind, container: given.get(w) as string }));
  const key = (name: string, segment: boolean) => `${segment ? 'segment' : 'speaker'}\0${name}`;
  const index = new Map(all.map((n) => [key(n.name, n.kind === 'segment'), n.container]));
  return {
    all,
    container(name, kind) {
      const container = index.get(key(name, kind === 'segment'));
      assert(container !== undefined, `no container for ${kind ?? 'speaker'} ${name}`);
      return container;
    },
  };
}
