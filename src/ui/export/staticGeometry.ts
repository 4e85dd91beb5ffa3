/**
 * Canvas geometry without a rendered canvas: absolute rectangles from the nodes React Flow would
 * get (rack members are placed relative to their rack), fed to the overlay's own `makeGeometry`
 * so lines run exactly where the app draws them. For tests and for exporting outside the browser;
 * the app passes React Flow's measured nodes instead.
 */
import type { Edge, InternalNode, Node } from '@xyflow/react';
import { makeGeometry, type FlowGeometry } from '../sim/overlay/useFlowGeometry';

/** Each node as React Flow keeps it internally, with its absolute position: what `makeGeometry` reads. */
export function staticNodeLookup(nodes: readonly Node[]): Map<string, InternalNode> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const absolute = (n: Node, depth = 0): { x: number; y: number } => {
    const parent = n.parentId !== undefined ? byId.get(n.parentId) : undefined;
    if (!parent || depth > 16) return n.position;
    const p = absolute(parent, depth + 1);
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  const lookup = new Map<string, InternalNode>();
  for (const n of nodes) {
    const internal = {
      ...n,
      measured: { width: n.width, height: n.height },
      internals: { positionAbsolute: absolute(n), z: 0, userNode: n },
    };
    lookup.set(n.id, internal as unknown as InternalNode);
  }
  return lookup;
}

export function staticGeometry(nodes: readonly Node[], edges: readonly Edge[]): FlowGeometry {
  return makeGeometry(staticNodeLookup(nodes), edges);
}
