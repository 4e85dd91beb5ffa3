/**
 * What a diagnostic's subject names in the current design, and what clicking it does. Subjects
 * are bare names (speakers, racks, BGPPeers, BGPFilters, or `cluster` for the cluster settings),
 * so they are looked up in the design as it is now: the report may be older than the design.
 */
import { isBGPFilter, isBGPPeer, type Topology } from '../../model';
import { filterId, peerId, type SelectionId } from '../../store/ui';

export type SubjectKind = 'node' | 'router' | 'rack' | 'peer' | 'filter' | 'cluster' | 'missing';

export interface SubjectTarget {
  readonly name: string;
  readonly kind: SubjectKind;
  /** A short word for the chip: which kind of thing the name is. */
  readonly label: string;
  /** Ids for the UI store's `highlight` (cards and racks by name, resources by `peer:`/`filter:` id). */
  readonly highlight: readonly SelectionId[];
  /** What a plain click selects: only things drawn on the canvas, so the click shows there. */
  readonly select: readonly SelectionId[] | undefined;
  /** The canvas node to bring into view. */
  readonly reveal: string | undefined;
  /** What "show in the inspector" selects (`[]`: the design settings); undefined for canvas elements, which a plain click selects. */
  readonly inspect: readonly SelectionId[] | undefined;
}

const ROUTER_LABEL = { tor: 'ToR', spine: 'spine', 'route-reflector': 'RR', border: 'border' } as const;

// The cluster settings are findings' subject for design-wide values (priorities), named so by the engine.
const CLUSTER_SUBJECT = 'cluster';

/**
 * Canvas elements win over Calico resources of the same name: a subject list does not say which
 * is meant, and the element is what the user sees.
 */
export function resolveSubject(doc: Topology, name: string): SubjectTarget {
  const s = doc.spec;
  const element = (kind: 'node' | 'router' | 'rack', label: string): SubjectTarget => ({
    name,
    kind,
    label,
    highlight: [name],
    select: [name],
    reveal: name,
    inspect: undefined,
  });
  if (s.nodes.some((n) => n.name === name)) return element('node', 'node');
  const router = s.routers.find((r) => r.name === name);
  if (router) return element('router', ROUTER_LABEL[router.role]);
  if (s.racks.some((r) => r.name === name)) return element('rack', 'rack');
  if (s.calicoResources.some((r) => isBGPPeer(r) && r.metadata.name === name)) {
    // A peer is drawn as the bundles between its racks and router: selecting it marks them.
    return {
      name,
      kind: 'peer',
      label: 'BGPPeer',
      highlight: [peerId(name)],
      select: [peerId(name)],
      reveal: undefined,
      inspect: [peerId(name)],
    };
  }
  if (s.calicoResources.some((r) => isBGPFilter(r) && r.metadata.name === name)) {
    // A filter has no shape on the canvas: a click only highlights (for views that mark it), the inspector shows it.
    return {
      name,
      kind: 'filter',
      label: 'BGPFilter',
      highlight: [filterId(name)],
      select: undefined,
      reveal: undefined,
      inspect: [filterId(name)],
    };
  }
  if (name === CLUSTER_SUBJECT)
    return {
      name,
      kind: 'cluster',
      label: 'settings',
      highlight: [],
      select: undefined,
      reveal: undefined,
      inspect: [],
    };
  return {
    name,
    kind: 'missing',
    label: 'gone',
    highlight: [],
    select: undefined,
    reveal: undefined,
    inspect: undefined,
  };
}

/** A tooltip that says what the subject is and what a click does. */
export function subjectTitle(t: SubjectTarget, phase: string | undefined): string {
  const inPhase = phase ? ` and show the ${phase} phase` : '';
  switch (t.kind) {
    case 'node':
      return `Calico node ${t.name}: highlight and select it on the canvas${inPhase}`;
    case 'router':
      return `Router ${t.name} (${t.label}): highlight and select it on the canvas${inPhase}`;
    case 'rack':
      return `Rack ${t.name}: highlight and select it on the canvas${inPhase}`;
    case 'peer':
      return `BGPPeer ${t.name}: highlight and select its peerings on the canvas${inPhase}`;
    case 'filter':
      return `BGPFilter ${t.name}: not drawn on the canvas; use ↗ to open it in the inspector`;
    case 'cluster':
      return 'The cluster settings (BGPConfiguration, Felix): open them in the inspector';
    case 'missing':
      return `${t.name} is no longer in the design`;
  }
}

/** The ids to highlight for several subjects at once (a finding's "highlight all"). */
export function highlightOf(targets: readonly SubjectTarget[]): SelectionId[] {
  return [...new Set(targets.flatMap((t) => t.highlight))];
}
