/**
 * The canvas is a view of the document: this turns a design (plus the positions of a drag in
 * progress) into React Flow nodes and edges. Pure and deterministic.
 */
import type { Edge, Node } from '@xyflow/react';
import {
  nodeAsNumber,
  resolveCluster,
  type CalicoNode,
  type Rack,
  type Router,
  type Topology,
  type VM,
} from '../../model';
import { pairId, peerId } from '../../store/ui';
import {
  BUNDLE_GAP,
  bundleAnchorY,
  CARD_W,
  defaultMemberPositions,
  GAP_X,
  nodeHeight,
  RACK_HEADER,
  RACK_PAD,
  ROUTER_H,
  TIER_GAP,
  type XY,
} from './geometry';
import { bundles, formatAsSet, pairEdges, type SessionKind } from './sessions';

export interface RackData extends Record<string, unknown> {
  rack: Rack;
  width: number;
  height: number;
  anchorY: number;
  /** Centre x (relative to the rack) of each of its ToRs, where their bundles start. */
  torAnchors: { name: string; x: number; y: number }[];
  mesh: boolean;
  nodeCount: number;
  /** The rack's clients (its nodes, then its ToRs): what its box sums up far out. */
  members: string[];
}
export interface CalicoNodeData extends Record<string, unknown> {
  node: CalicoNode;
  vms: VM[];
  asNumber: number;
  asIsDefault: boolean;
  selectedVms: string[];
}
export interface RouterData extends Record<string, unknown> {
  router: Router;
}
export interface PairData extends Record<string, unknown> {
  kind: SessionKind;
  link: boolean;
  session: boolean;
  label: string;
  /** Where along the edge its label sits (0 upper end, 1 lower end): spread where edges meet. */
  labelAt: number;
}
export interface BundleData extends Record<string, unknown> {
  kind: SessionKind;
  label: string;
  detail: string;
  filters: string[];
  mismatch: string | undefined;
}

export type FlowNode = Node<RackData, 'rack'> | Node<CalicoNodeData, 'calicoNode'> | Node<RouterData, 'router'>;
export type FlowEdge = Edge<PairData, 'pair'> | Edge<BundleData, 'bundle'>;

const ROLE_RANK: Record<Router['role'], number> = { border: 0, spine: 1, 'route-reflector': 1, tor: 2 };
const MAX_RACKS_PER_ROW = 8;
export const RACK_GAP = 60;
/** The default layout aims at the shape of a typical canvas, a little wider than tall. */
const TARGET_ASPECT = 1.4;

export function racksPerRow(sizes: { width: number; height: number }[], tiersHeight: number): number {
  if (sizes.length === 0) return 1;
  const w = Math.max(...sizes.map((s) => s.width)) + RACK_GAP;
  const h = Math.max(...sizes.map((s) => s.height)) + RACK_GAP;
  let best = 1;
  let bestScore = Infinity;
  for (let cols = 1; cols <= Math.min(MAX_RACKS_PER_ROW, sizes.length); cols++) {
    const rows = Math.ceil(sizes.length / cols);
    const score = Math.abs(Math.log((cols * w) / (tiersHeight + rows * h) / TARGET_ASPECT));
    if (score < bestScore) {
      best = cols;
      bestScore = score;
    }
  }
  return best;
}

function rackSize(doc: Topology, rack: string, positions: Map<string, XY>): { width: number; height: number } {
  let right = 2 * CARD_W + GAP_X + RACK_PAD;
  let bottom = RACK_HEADER + ROUTER_H;
  const vms = doc.spec.vms;
  for (const n of doc.spec.nodes)
    if (n.rack === rack) {
      const p = positions.get(n.name);
      if (!p) continue;
      right = Math.max(right, p[0] + CARD_W);
      bottom = Math.max(bottom, p[1] + nodeHeight(vms.filter((v) => v.node === n.name).length));
    }
  for (const r of doc.spec.routers)
    if (r.role === 'tor' && r.rack === rack) {
      const p = positions.get(r.name);
      if (!p) continue;
      right = Math.max(right, p[0] + CARD_W);
      bottom = Math.max(bottom, p[1] + ROUTER_H);
    }
  return { width: right + RACK_PAD, height: bottom + RACK_PAD };
}

/** Every element's position: saved layout, else the default placement (tiers above a row of racks). */
export function computePositions(
  doc: Topology,
  dragging: Readonly<Record<string, XY>> = {},
): { positions: Map<string, XY>; rackSizes: Map<string, { width: number; height: number }> } {
  const saved = doc.spec.layout?.positions ?? {};
  const positions = new Map<string, XY>();
  const pick = (name: string, fallback: XY): XY => dragging[name] ?? (saved[name] as XY | undefined) ?? fallback;
  const rackSizes = new Map<string, { width: number; height: number }>();
  for (const rack of doc.spec.racks) {
    for (const [name, p] of defaultMemberPositions(doc, rack.name)) positions.set(name, pick(name, p));
    rackSizes.set(rack.name, rackSize(doc, rack.name, positions));
  }
  // Racks in rows below the router tiers.
  const tierY = (rank: number) => rank * (ROUTER_H + TIER_GAP);
  const rackTop = tierY(2);
  let x = 0;
  let y = rackTop;
  let rowHeight = 0;
  let widest = 0;
  const perRow = racksPerRow([...rackSizes.values()], rackTop);
  doc.spec.racks.forEach((rack, i) => {
    if (i > 0 && i % perRow === 0) {
      x = 0;
      y += rowHeight + RACK_GAP;
      rowHeight = 0;
    }
    const size = rackSizes.get(rack.name) as { width: number; height: number };
    positions.set(rack.name, pick(rack.name, [x, y]));
    x += size.width + RACK_GAP;
    widest = Math.max(widest, x - RACK_GAP);
    rowHeight = Math.max(rowHeight, size.height);
  });
  for (const rank of [0, 1]) {
    const tier = doc.spec.routers.filter((r) => r.role !== 'tor' && ROLE_RANK[r.role] === rank);
    const width = tier.length * CARD_W + Math.max(0, tier.length - 1) * 80;
    const start = Math.max(0, (widest - width) / 2);
    tier.forEach((r, i) => positions.set(r.name, pick(r.name, [start + i * (CARD_W + 80), tierY(rank)])));
  }
  // A ToR of an unknown rack or a router of no tier never happens in a valid design.
  return { positions, rackSizes };
}

/**
 * Labels of the sessions from several upper routers (spines) to one lower router sit at staggered
 * places along their edges, near the lower end, where the edges have spread apart; a lone edge
 * keeps its label in the middle. Otherwise the labels of a fabric pile up where the edges meet.
 */
function pairLabelPlaces(pairs: ReturnType<typeof pairEdges>, positions: Map<string, XY>): Map<string, number> {
  const byLower = new Map<string, { id: string; x: number }[]>();
  for (const p of pairs) {
    if (ROLE_RANK[p.a.role] === ROLE_RANK[p.b.role]) continue;
    const [upper, lower] = ROLE_RANK[p.a.role] < ROLE_RANK[p.b.role] ? [p.a, p.b] : [p.b, p.a];
    byLower.set(lower.name, [
      ...(byLower.get(lower.name) ?? []),
      { id: pairId(p.a.name, p.b.name), x: positions.get(upper.name)?.[0] ?? 0 },
    ]);
  }
  const out = new Map<string, number>();
  for (const group of byLower.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1));
    group.forEach((e, i) => out.set(e.id, 0.55 + (0.3 * i) / (group.length - 1)));
  }
  return out;
}

export function toFlow(
  doc: Topology,
  selection: readonly string[],
  dragging: Readonly<Record<string, XY>> = {},
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const selected = new Set(selection);
  const { positions, rackSizes } = computePositions(doc, dragging);
  const mesh = resolveCluster(doc.spec).nodeToNodeMeshEnabled;
  const pos = (name: string) => {
    const p = positions.get(name) ?? [0, 0];
    return { x: p[0], y: p[1] };
  };
  const nodes: FlowNode[] = [];
  const members = new Map<string, { nodes: string[]; tors: Router[] }>(
    doc.spec.racks.map((r) => [r.name, { nodes: [], tors: [] }]),
  );
  for (const n of doc.spec.nodes) members.get(n.rack)?.nodes.push(n.name);
  for (const r of doc.spec.routers) if (r.role === 'tor' && r.rack) members.get(r.rack)?.tors.push(r);
  for (const rack of doc.spec.racks) {
    const own = members.get(rack.name) ?? { nodes: [], tors: [] };
    const size = rackSizes.get(rack.name) as { width: number; height: number };
    nodes.push({
      id: rack.name,
      type: 'rack',
      position: pos(rack.name),
      data: {
        rack,
        ...size,
        anchorY: Math.min(bundleAnchorY(), size.height - 8),
        torAnchors: own.tors.map((r) => {
          const [tx, ty] = positions.get(r.name) ?? [0, 0];
          return { name: r.name, x: tx + CARD_W / 2, y: Math.min(ty + ROUTER_H + BUNDLE_GAP / 2, size.height - 8) };
        }),
        mesh,
        nodeCount: own.nodes.length,
        members: [...own.nodes, ...own.tors.map((r) => r.name)],
      },
      style: { width: size.width, height: size.height },
      width: size.width,
      height: size.height,
      selected: selected.has(rack.name),
      zIndex: 0,
    });
  }
  const vmsByNode = new Map<string, VM[]>();
  for (const vm of doc.spec.vms) vmsByNode.set(vm.node, [...(vmsByNode.get(vm.node) ?? []), vm]);
  for (const r of doc.spec.routers) {
    nodes.push({
      id: r.name,
      type: 'router',
      position: pos(r.name),
      data: { router: r },
      ...(r.role === 'tor' && r.rack ? { parentId: r.rack } : {}),
      width: CARD_W,
      height: ROUTER_H,
      selected: selected.has(r.name),
      zIndex: 1,
    });
  }
  for (const n of doc.spec.nodes) {
    const vms = vmsByNode.get(n.name) ?? [];
    nodes.push({
      id: n.name,
      type: 'calicoNode',
      position: pos(n.name),
      parentId: n.rack,
      data: {
        node: n,
        vms,
        asNumber: nodeAsNumber(doc.spec, n),
        asIsDefault: n.asNumber === undefined,
        selectedVms: vms.filter((v) => selected.has(`vm:${v.name}`)).map((v) => v.name),
      },
      width: CARD_W,
      height: nodeHeight(vms.length),
      selected: selected.has(n.name),
      zIndex: 1,
    });
  }
  // React Flow wants parents before children: racks first, then routers and nodes (stable).
  const edges: FlowEdge[] = [];
  const pairs = pairEdges(doc);
  const labelAt = pairLabelPlaces(pairs, positions);
  for (const p of pairs) {
    const [upper, lower] = ROLE_RANK[p.a.role] <= ROLE_RANK[p.b.role] ? [p.a, p.b] : [p.b, p.a];
    const sameTier = ROLE_RANK[upper.role] === ROLE_RANK[lower.role];
    const id = pairId(p.a.name, p.b.name);
    const label = !p.session
      ? ''
      : p.kind === 'eBGP'
        ? `eBGP ${upper.asNumber} ↔ ${lower.asNumber}`
        : `${p.kind} AS ${upper.asNumber}`;
    edges.push({
      id,
      type: 'pair',
      source: upper.name,
      target: lower.name,
      sourceHandle: sameTier ? 'r' : 'b',
      targetHandle: sameTier ? 'l' : 't',
      data: {
        kind: p.kind,
        link: p.link,
        session: p.session,
        label: p.session && !p.link ? `${label} (multihop)` : label,
        labelAt: labelAt.get(id) ?? 0.5,
      },
      selected: selected.has(id),
      zIndex: 2,
    });
  }
  for (const b of bundles(doc)) {
    const id = `${peerId(b.peer.metadata.name)}@${b.from.name}`;
    const filters = b.peer.spec.filters ?? [];
    const count = b.nodes.length;
    edges.push({
      id,
      type: 'bundle',
      source: b.from.name,
      target: b.router.name,
      // Inside the rack the bundle rises under its ToR; to a router outside it leaves the rack's top.
      sourceHandle: b.from.kind === 'node' ? 't' : b.router.rack === b.from.name ? `bundle-${b.router.name}` : 'top',
      targetHandle: 'b',
      data: {
        kind: b.kind,
        label: `${b.kind === 'mixed' ? 'BGP' : b.kind} ${formatAsSet(b.nodeAs)} → ${b.router.asNumber}`,
        detail: `${b.peer.metadata.name} · ${count} node${count === 1 ? '' : 's'}`,
        filters,
        mismatch:
          b.asMismatch !== undefined
            ? `peer asNumber ${b.asMismatch} ≠ ${b.router.name}'s AS ${b.router.asNumber}`
            : undefined,
      },
      selected: selected.has(peerId(b.peer.metadata.name)) || selected.has(id),
      zIndex: 3,
    });
  }
  return { nodes, edges };
}
