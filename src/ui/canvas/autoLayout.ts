/**
 * Auto-layout with ELK (loaded on first use): racks are laid out as boxes of their own size with
 * their members in a grid, and ELK's layered algorithm places border routers, spines and route
 * reflectors, and racks in tiers with few crossings. Returns positions for spec.layout.
 */
import type { Topology } from '../../model';
import { CARD_W, defaultMemberPositions, ROUTER_H, type XY } from './geometry';
import { computePositions } from './toFlow';
import { bundles } from './sessions';

interface ElkNode {
  id: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
}

const RANK: Record<string, number> = { border: 0, spine: 1, 'route-reflector': 1 };
const NAME_ORDER = new Intl.Collator('en', { numeric: true });

export async function autoLayout(doc: Topology): Promise<Record<string, [number, number]>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  // Members first: a clean grid inside each rack, which also fixes each rack's size.
  const cleared: Topology = { ...doc, spec: { ...doc.spec, layout: {} } };
  const { rackSizes } = computePositions(cleared);
  const memberPositions = new Map<string, XY>();
  for (const rack of doc.spec.racks) for (const [n, p] of defaultMemberPositions(doc, rack.name)) memberPositions.set(n, p);

  const box = (name: string): string => {
    const r = doc.spec.routers.find((x) => x.name === name);
    return r?.role === 'tor' && r.rack ? r.rack : name;
  };
  const rank = (id: string) => RANK[doc.spec.routers.find((r) => r.name === id)?.role ?? 'tor'] ?? 2;
  // In the order people read names (rack-2 before rack-10), which ELK keeps within each tier.
  const byName = <T extends { name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => NAME_ORDER.compare(a.name, b.name));
  const children: ElkNode[] = [
    ...byName(doc.spec.racks).map((r) => ({ id: r.name, width: rackSizes.get(r.name)?.width ?? 400, height: rackSizes.get(r.name)?.height ?? 200 })),
    ...byName(doc.spec.routers.filter((r) => r.role !== 'tor')).map((r) => ({ id: r.name, width: CARD_W, height: ROUTER_H })),
  ];
  const seen = new Set<string>();
  const edges: { id: string; sources: string[]; targets: string[] }[] = [];
  const addEdge = (x: string, y: string) => {
    const [a, b] = [box(x), box(y)];
    if (a === b) return;
    const [up, down] = rank(a) <= rank(b) ? [a, b] : [b, a];
    const key = `${up}>${down}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ id: `e${edges.length}`, sources: [up], targets: [down] });
  };
  for (const [a, b] of [...doc.spec.sessions, ...doc.spec.links]) addEdge(a, b);
  for (const b of bundles(doc)) addEdge(b.from.kind === 'rack' ? b.from.name : (doc.spec.nodes.find((n) => n.name === b.from.name)?.rack ?? b.from.name), b.router.name);

  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '60',
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'false',
      // Racks (and spines) in name order, left to right: crossing minimisation may not reorder them.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.separateConnectedComponents': 'false',
    },
    children,
    edges,
  });
  const out: Record<string, [number, number]> = {};
  for (const c of graph.children ?? []) out[c.id] = [Math.round(c.x ?? 0), Math.round(c.y ?? 0)];
  for (const [n, p] of memberPositions) out[n] = [Math.round(p[0]), Math.round(p[1])];
  return out;
}
