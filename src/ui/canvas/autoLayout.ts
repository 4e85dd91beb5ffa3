/**
 * Auto-layout with ELK (loaded on first use): racks are laid out as boxes of their own size with
 * their members in a grid, and ELK's layered algorithm places border routers, spines and route
 * reflectors, and racks in tiers with few crossings. Returns positions for spec.layout.
 */
import type { Topology } from '../../model';
import { CARD_W, defaultMemberPositions, ROUTER_H, type XY } from './geometry';
import { computePositions, RACK_GAP, racksPerRow } from './toFlow';
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
/** Room between two routers of a tier when a wrapped rack row re-centres them. */
const ROUTER_GAP = 80;

export async function autoLayout(doc: Topology): Promise<Record<string, [number, number]>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  // Members first: a clean grid inside each rack, which also fixes each rack's size.
  const cleared: Topology = { ...doc, spec: { ...doc.spec, layout: {} } };
  const { rackSizes } = computePositions(cleared);
  const memberPositions = new Map<string, XY>();
  for (const rack of doc.spec.racks)
    for (const [n, p] of defaultMemberPositions(doc, rack.name)) memberPositions.set(n, p);

  const box = (name: string): string => {
    const r = doc.spec.routers.find((x) => x.name === name);
    return r?.role === 'tor' && r.rack ? r.rack : name;
  };
  const rank = (id: string) => RANK[doc.spec.routers.find((r) => r.name === id)?.role ?? 'tor'] ?? 2;
  // In the order people read names (rack-2 before rack-10), which ELK keeps within each tier.
  const byName = <T extends { name: string }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => NAME_ORDER.compare(a.name, b.name));
  const children: ElkNode[] = [
    ...byName(doc.spec.racks).map((r) => ({
      id: r.name,
      width: rackSizes.get(r.name)?.width ?? 400,
      height: rackSizes.get(r.name)?.height ?? 200,
    })),
    ...byName(doc.spec.routers.filter((r) => r.role !== 'tor')).map((r) => ({
      id: r.name,
      width: CARD_W,
      height: ROUTER_H,
    })),
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
  for (const b of bundles(doc))
    addEdge(
      b.from.kind === 'rack' ? b.from.name : (doc.spec.nodes.find((n) => n.name === b.from.name)?.rack ?? b.from.name),
      b.router.name,
    );

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
  wrapRackRow(doc, out, rackSizes);
  for (const [n, p] of memberPositions) out[n] = [Math.round(p[0]), Math.round(p[1])];
  return out;
}

/**
 * ELK puts every rack of a fabric in one tier: 32 racks make a row a few dozen screens wide. Such
 * a row is wrapped into rows (as many racks per row as the default layout takes), in name order,
 * and the routers above are centred over it again.
 */
function wrapRackRow(
  doc: Topology,
  out: Record<string, [number, number]>,
  sizes: Map<string, { width: number; height: number }>,
): void {
  const racks = [...doc.spec.racks].sort((a, b) => NAME_ORDER.compare(a.name, b.name));
  if (racks.length < 2) return;
  const rows = new Set(racks.map((r) => out[r.name]?.[1]));
  const size = (name: string) => sizes.get(name) ?? { width: 400, height: 200 };
  const top = Math.min(...racks.map((r) => out[r.name]?.[1] ?? 0));
  const left = Math.min(...racks.map((r) => out[r.name]?.[0] ?? 0));
  const perRow = racksPerRow(
    racks.map((r) => size(r.name)),
    top,
  );
  if (rows.size !== 1 || perRow >= racks.length) return;
  let x = left;
  let y = top;
  let rowHeight = 0;
  let widest = 0;
  racks.forEach((r, i) => {
    if (i > 0 && i % perRow === 0) {
      x = left;
      y += rowHeight + RACK_GAP;
      rowHeight = 0;
    }
    out[r.name] = [Math.round(x), Math.round(y)];
    x += size(r.name).width + RACK_GAP;
    widest = Math.max(widest, x - RACK_GAP - left);
    rowHeight = Math.max(rowHeight, size(r.name).height);
  });
  // Each tier of routers above, in the order ELK gave it, side by side over the middle of the racks.
  const centre = left + widest / 2;
  const tiers = new Map<number, string[]>();
  for (const r of doc.spec.routers) {
    const at = r.role !== 'tor' ? out[r.name] : undefined;
    if (at) tiers.set(at[1], [...(tiers.get(at[1]) ?? []), r.name]);
  }
  for (const [ty, names] of tiers) {
    names.sort((a, b) => (out[a] as [number, number])[0] - (out[b] as [number, number])[0]);
    const width = names.length * CARD_W + (names.length - 1) * ROUTER_GAP;
    names.forEach((n, i) => (out[n] = [Math.round(centre - width / 2 + i * (CARD_W + ROUTER_GAP)), ty]));
  }
}
