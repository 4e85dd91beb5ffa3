/**
 * The canvas geometry the overlay draws on, read from React Flow's store: each card's rectangle
 * (absolute, as measured) and the line from one speaker to another. Between two routers joined
 * by a session or link edge that line is the edge's own curve, so messages and packets travel
 * along what the user sees; otherwise (a Calico node and its router, whose sessions are drawn as
 * one bundle per rack) it is straight, from border to border.
 */
import { useContext, useMemo } from 'react';
import { useStore, type Edge, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { CanvasNodesContext, layoutLookup, type NodeLookup } from '../../canvas/cull';
import { bezierRoute, sidePoint, straightRoute, type Point, type Rect, type Side } from './geometry';

export interface FlowGeometry {
  readonly rect: (name: string) => Rect | undefined;
  readonly route: (from: string, to: string) => readonly Point[] | undefined;
}

const HANDLE_SIDE: Readonly<Record<string, Side>> = { t: 'top', b: 'bottom', l: 'left', r: 'right' };

interface EdgeEnds {
  readonly source: string;
  readonly target: string;
  readonly sourceSide: Side;
  readonly targetSide: Side;
  readonly sourceHandle: string;
  readonly targetHandle: string;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function rectOf(node: InternalNode | undefined): Rect | undefined {
  if (!node) return undefined;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  if (width === 0 || height === 0) return undefined;
  const p = node.internals.positionAbsolute;
  return { x: p.x, y: p.y, width, height };
}

/** Where React Flow starts an edge at a handle: the handle's outer side, as it measured it. */
function handlePoint(node: InternalNode, rect: Rect, handle: string, side: Side): Point {
  const bounds = node.internals.handleBounds?.source?.find((h) => h.id === handle);
  if (!bounds) return sidePoint(rect, side);
  return sidePoint({ x: rect.x + bounds.x, y: rect.y + bounds.y, width: bounds.width, height: bounds.height }, side);
}

export function makeGeometry(nodeLookup: NodeLookup, edges: readonly Edge[]): FlowGeometry {
  const links = new Map<string, EdgeEnds>();
  for (const e of edges) {
    if (e.type !== 'pair') continue;
    const sourceSide = HANDLE_SIDE[e.sourceHandle ?? ''];
    const targetSide = HANDLE_SIDE[e.targetHandle ?? ''];
    if (!sourceSide || !targetSide) continue;
    links.set(pairKey(e.source, e.target), {
      source: e.source,
      target: e.target,
      sourceSide,
      targetSide,
      sourceHandle: e.sourceHandle as string,
      targetHandle: e.targetHandle as string,
    });
  }
  // Only the few speakers on drawn paths and messages are ever asked for: compute lazily, once.
  const routes = new Map<string, readonly Point[] | undefined>();
  const rect = (name: string) => rectOf(nodeLookup.get(name));
  const route = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    if (routes.has(key)) return routes.get(key);
    const a = nodeLookup.get(from);
    const b = nodeLookup.get(to);
    const ra = rectOf(a);
    const rb = rectOf(b);
    let points: readonly Point[] | undefined;
    if (a && b && ra && rb) {
      const link = links.get(pairKey(from, to));
      if (link) {
        const [s, t, rs, rt] = link.source === from ? [a, b, ra, rb] : [b, a, rb, ra];
        const curve = bezierRoute(
          handlePoint(s, rs, link.sourceHandle, link.sourceSide),
          link.sourceSide,
          handlePoint(t, rt, link.targetHandle, link.targetSide),
          link.targetSide,
        );
        points = link.source === from ? curve : curve.reverse();
      } else points = straightRoute(ra, rb);
    }
    routes.set(key, points);
    return points;
  };
  return { rect, route };
}

// React Flow mutates nodeLookup in place; `nodes` is a new array after every move or measurement.
const selectNodes = (s: ReactFlowState) => s.nodes;
const selectLookup = (s: ReactFlowState) => s.nodeLookup;
const selectEdges = (s: ReactFlowState) => s.edges;

export function useFlowGeometry(): FlowGeometry {
  const nodes = useStore(selectNodes);
  const nodeLookup = useStore(selectLookup);
  const edges = useStore(selectEdges);
  // A large fabric's members out of view are not in React Flow: the canvas's layout has them.
  const all = useContext(CanvasNodesContext);
  return useMemo(() => {
    void nodes;
    return makeGeometry(layoutLookup(all, nodeLookup), edges);
  }, [nodes, nodeLookup, edges, all]);
}
