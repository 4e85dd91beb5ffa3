/**
 * What the canvas draws for BGP: router pairs (physical link and/or session) and BGPPeer bundles
 * (one edge per BGPPeer and rack, from the rack's nodes to the router the peer targets).
 */
import {
  isBGPPeer,
  nodeAsNumber,
  nodesOfPeer,
  resolveCluster,
  routerOfPeer,
  type BGPPeer,
  type CalicoNode,
  type Router,
  type Topology,
} from '../../model';

export type SessionKind = 'eBGP' | 'iBGP' | 'RR client' | 'mixed';

export interface PairEdge {
  readonly a: Router;
  readonly b: Router;
  readonly link: boolean;
  readonly session: boolean;
  readonly kind: SessionKind;
}

export interface Bundle {
  readonly peer: BGPPeer;
  /** The rack (or, for a node-scoped peer, the node) the bundle leaves from. */
  readonly from: { kind: 'rack' | 'node'; name: string };
  readonly router: Router;
  readonly nodes: readonly CalicoNode[];
  readonly kind: SessionKind;
  readonly nodeAs: readonly number[];
  /** The peer's asNumber when it differs from the router's: the session cannot come up. */
  readonly asMismatch: number | undefined;
}

export function sessionKind(asA: number, asB: number, reflector: boolean): SessionKind {
  if (asA !== asB) return 'eBGP';
  return reflector ? 'RR client' : 'iBGP';
}

export function pairEdges(doc: Topology): PairEdge[] {
  const routers = new Map(doc.spec.routers.map((r) => [r.name, r]));
  const pairs = new Map<string, { a: string; b: string; link: boolean; session: boolean }>();
  const add = (list: readonly (readonly [string, string])[], field: 'link' | 'session') => {
    for (const [x, y] of list) {
      const [a, b] = x < y ? [x, y] : [y, x];
      const key = `${a}|${b}`;
      const entry = pairs.get(key) ?? { a, b, link: false, session: false };
      entry[field] = true;
      pairs.set(key, entry);
    }
  };
  add(doc.spec.links, 'link');
  add(doc.spec.sessions, 'session');
  const out: PairEdge[] = [];
  for (const p of pairs.values()) {
    const a = routers.get(p.a);
    const b = routers.get(p.b);
    if (!a || !b) continue;
    const reflector = a.routeReflector !== undefined || b.routeReflector !== undefined;
    out.push({ a, b, link: p.link, session: p.session, kind: sessionKind(a.asNumber, b.asNumber, reflector) });
  }
  return out;
}

/** The nodes a BGPPeer applies to, and the router it targets: the model's own resolution. */
export const peerNodes = nodesOfPeer;
export const peerTarget = routerOfPeer;

export function bundles(doc: Topology): Bundle[] {
  const out: Bundle[] = [];
  for (const peer of doc.spec.calicoResources.filter(isBGPPeer)) {
    const router = peerTarget(doc, peer);
    if (!router) continue;
    const nodes = peerNodes(doc, peer).filter((n) => n.address !== router.address);
    const groups = new Map<string, CalicoNode[]>();
    for (const n of nodes) {
      const key = peer.spec.node ? `node:${n.name}` : `rack:${n.rack}`;
      groups.set(key, [...(groups.get(key) ?? []), n]);
    }
    for (const [key, members] of groups) {
      const [kind, name] = key.split(':') as ['rack' | 'node', string];
      const nodeAs = [...new Set(members.map((n) => peer.spec.localASNumber || nodeAsNumber(doc.spec, n)))].sort(
        (x, y) => x - y,
      );
      const kinds = new Set(nodeAs.map((as) => sessionKind(as, router.asNumber, router.routeReflector !== undefined)));
      out.push({
        peer,
        from: { kind, name },
        router,
        nodes: members,
        kind: kinds.size === 1 ? ([...kinds][0] as SessionKind) : 'mixed',
        nodeAs,
        asMismatch:
          peer.spec.asNumber !== undefined && peer.spec.asNumber !== router.asNumber ? peer.spec.asNumber : undefined,
      });
    }
  }
  return out;
}

export function formatAsSet(asns: readonly number[]): string {
  if (asns.length === 0) return '';
  if (asns.length === 1) return String(asns[0]);
  const sorted = [...asns].sort((a, b) => a - b);
  const contiguous = sorted.every((v, i) => i === 0 || v === (sorted[i - 1] as number) + 1);
  return contiguous ? `${sorted[0]}–${sorted[sorted.length - 1]}` : `${sorted[0]}, … (${sorted.length} AS)`;
}

export function meshEnabled(doc: Topology): boolean {
  return resolveCluster(doc.spec).nodeToNodeMeshEnabled;
}
