/**
 * What React Flow is given of a large fabric: only what can be seen. Far out (level `racks`) that
 * is the rack boxes and the routers outside racks; nearer, also the members of the racks in and
 * around the view. React Flow's work per change (adopting nodes, absolute positions, visibility)
 * grows with the nodes it holds, a fabric of 4,000 cards made every measurement and every pan
 * frame pay for all of them. The members it does not hold are still known to the canvas (their
 * positions and sizes, `layoutLookup`), so the overlay, fits and exports see every one.
 */
import { createContext } from 'react';
import type { InternalNode } from '@xyflow/react';
import type { FlowNode } from './toFlow';
import type { LodLevel } from './lod';

export interface RackBox {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function rackBoxes(nodes: readonly FlowNode[]): RackBox[] {
  const out: RackBox[] = [];
  for (const n of nodes) {
    if (n.type !== 'rack') continue;
    out.push({ name: n.id, x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 });
  }
  return out;
}

/**
 * The racks whose box meets the view widened by `margin` views on each side, as a key (names in
 * design order, joined): a store selector returns it, so the canvas renders anew only when a rack
 * comes into or leaves the widened view, not on every pan frame.
 */
export function racksInView(
  boxes: readonly RackBox[],
  transform: readonly [number, number, number],
  width: number,
  height: number,
  margin = 0.5,
): string {
  const [tx, ty, zoom] = transform;
  if (zoom <= 0 || width <= 0 || height <= 0) return '';
  const left = (-tx - margin * width) / zoom;
  const top = (-ty - margin * height) / zoom;
  const right = (-tx + (1 + margin) * width) / zoom;
  const bottom = (-ty + (1 + margin) * height) / zoom;
  const names: string[] = [];
  for (const b of boxes)
    if (b.x < right && b.x + b.width > left && b.y < bottom && b.y + b.height > top) names.push(b.name);
  return names.join('\n');
}

/**
 * The nodes React Flow holds: every top-level node (racks, routers outside racks); far out no
 * member; nearer, the members of the racks in view and any selected member (React Flow reports
 * the selection it holds).
 */
export function shownMembers(nodes: readonly FlowNode[], level: LodLevel, inView: ReadonlySet<string>): FlowNode[] {
  return nodes.filter(
    (n) => n.parentId === undefined || (level !== 'racks' && (inView.has(n.parentId) || n.selected === true)),
  );
}

/**
 * A node as React Flow would hold it, from the canvas's own layout: absolute position (a member's
 * is relative to its rack), and the size measured last time (or the one the layout gave it).
 */
function layoutInternal(n: FlowNode, byId: ReadonlyMap<string, FlowNode>): InternalNode {
  const parent = n.parentId !== undefined ? byId.get(n.parentId) : undefined;
  const x = n.position.x + (parent?.position.x ?? 0);
  const y = n.position.y + (parent?.position.y ?? 0);
  return {
    ...n,
    measured: { width: n.measured?.width ?? n.width, height: n.measured?.height ?? n.height },
    internals: { positionAbsolute: { x, y }, z: 0, userNode: n },
  } as InternalNode;
}

/** Looks nodes up in React Flow first, then in the canvas's layout (members React Flow does not hold). */
export interface NodeLookup {
  get(id: string): InternalNode | undefined;
}

export function layoutLookup(all: readonly FlowNode[], held: ReadonlyMap<string, InternalNode>): NodeLookup {
  let byId: Map<string, FlowNode> | undefined;
  const made = new Map<string, InternalNode>();
  return {
    get(id) {
      const internal = held.get(id);
      if (internal) return internal;
      const cached = made.get(id);
      if (cached) return cached;
      byId ??= new Map(all.map((n) => [n.id, n]));
      const n = byId.get(id);
      if (!n) return undefined;
      const built = layoutInternal(n, byId);
      made.set(id, built);
      return built;
    },
  };
}

/** Every node of the design as the canvas laid it out (React Flow holds only those in view). */
export const CanvasNodesContext = createContext<readonly FlowNode[]>([]);

/**
 * The same, read when needed rather than rendered with (keeping an element in view, from outside
 * the canvas too): the canvas writes its nodes here after each render.
 */
export const CanvasLayoutContext = createContext<{ current: readonly FlowNode[] }>({ current: [] });
