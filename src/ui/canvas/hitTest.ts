/** Which rack or Calico node lies under a point of the canvas (flow coordinates). */
import type { Topology } from '../../model';
import { CARD_W, nodeHeight, type XY } from './geometry';
import { computePositions } from './toFlow';

export interface Hit {
  readonly rack?: { name: string; origin: XY };
  readonly node?: string;
}

export function hitTest(doc: Topology, point: XY): Hit {
  const { positions, rackSizes } = computePositions(doc);
  const [px, py] = point;
  for (const rack of [...doc.spec.racks].reverse()) {
    const origin = positions.get(rack.name);
    const size = rackSizes.get(rack.name);
    if (!origin || !size) continue;
    if (px < origin[0] || py < origin[1] || px > origin[0] + size.width || py > origin[1] + size.height) continue;
    for (const n of doc.spec.nodes) {
      if (n.rack !== rack.name) continue;
      const p = positions.get(n.name);
      if (!p) continue;
      const x = origin[0] + p[0];
      const y = origin[1] + p[1];
      const h = nodeHeight(doc.spec.vms.filter((v) => v.node === n.name).length);
      if (px >= x && px <= x + CARD_W && py >= y && py <= y + h)
        return { rack: { name: rack.name, origin }, node: n.name };
    }
    return { rack: { name: rack.name, origin } };
  }
  return {};
}
