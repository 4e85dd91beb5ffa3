/** The first free place for a new member of a rack: the ToR row for a ToR, the node grid for a node. */
import type { Topology } from '../../model';
import {
  CARD_W,
  GAP_X,
  NODE_H,
  NODE_ROW_TOP,
  NODES_PER_ROW,
  nodeHeight,
  RACK_HEADER,
  RACK_PAD,
  ROUTER_H,
  type XY,
} from './geometry';
import { computePositions } from './toFlow';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function freeSlot(doc: Topology, rack: string, kind: 'node' | 'tor'): XY {
  const { positions } = computePositions(doc);
  const taken: Rect[] = [];
  for (const n of doc.spec.nodes)
    if (n.rack === rack) {
      const p = positions.get(n.name);
      if (p)
        taken.push({
          x: p[0],
          y: p[1],
          w: CARD_W,
          h: nodeHeight(doc.spec.vms.filter((v) => v.node === n.name).length),
        });
    }
  for (const r of doc.spec.routers)
    if (r.role === 'tor' && r.rack === rack) {
      const p = positions.get(r.name);
      if (p) taken.push({ x: p[0], y: p[1], w: CARD_W, h: ROUTER_H });
    }
  const free = (x: number, y: number, h: number) => !taken.some((t) => overlaps(t, { x, y, w: CARD_W, h }));
  if (kind === 'tor') {
    for (let i = 0; ; i++) {
      const x = RACK_PAD + i * (CARD_W + GAP_X);
      if (free(x, RACK_HEADER, ROUTER_H)) return [x, RACK_HEADER];
    }
  }
  for (let row = 0; ; row++) {
    for (let col = 0; col < NODES_PER_ROW; col++) {
      const x = RACK_PAD + col * (CARD_W + GAP_X);
      const y = NODE_ROW_TOP + row * (NODE_H + GAP_X);
      if (free(x, y, NODE_H)) return [x, y];
    }
  }
}
