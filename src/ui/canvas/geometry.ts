/**
 * Sizes and the default placement of everything on the canvas. Positions of rack members are
 * relative to their rack (as spec.layout stores them); everything else is absolute.
 */
import type { Topology } from '../../model';

export const CARD_W = 190;
export const NODE_H = 74;
export const VM_ROW_H = 20;
export const ROUTER_H = 66;
export const GAP_X = 18;
export const RACK_PAD = 16;
export const RACK_HEADER = 40;
/** Vertical room between the ToR row and the node row, where the BGPPeer bundle starts. */
export const BUNDLE_GAP = 64;
export const NODES_PER_ROW = 8;
export const TIER_GAP = 120;

export type XY = readonly [number, number];

/** Nodes start below the ToR row, which every rack keeps free even before it has a ToR. */
export const NODE_ROW_TOP = RACK_HEADER + ROUTER_H + BUNDLE_GAP;

export function nodeHeight(vmCount: number): number {
  return NODE_H + Math.max(0, vmCount) * VM_ROW_H;
}

/** Default member positions inside a rack: ToRs in the first row, nodes below in rows of eight. */
export function defaultMemberPositions(doc: Topology, rack: string): Map<string, XY> {
  const out = new Map<string, XY>();
  const tors = doc.spec.routers.filter((r) => r.role === 'tor' && r.rack === rack);
  const nodes = doc.spec.nodes.filter((n) => n.rack === rack);
  const cols = Math.max(1, Math.min(NODES_PER_ROW, nodes.length));
  const rowWidth = cols * CARD_W + (cols - 1) * GAP_X;
  const torsWidth = tors.length * CARD_W + Math.max(0, tors.length - 1) * GAP_X;
  const torX = RACK_PAD + Math.max(0, (rowWidth - torsWidth) / 2);
  tors.forEach((t, i) => out.set(t.name, [torX + i * (CARD_W + GAP_X), RACK_HEADER]));
  const nodeTop = NODE_ROW_TOP;
  const vmsPerNode = new Map<string, number>();
  for (const vm of doc.spec.vms) vmsPerNode.set(vm.node, (vmsPerNode.get(vm.node) ?? 0) + 1);
  let y = nodeTop;
  for (let row = 0; row * cols < nodes.length; row++) {
    const members = nodes.slice(row * cols, row * cols + cols);
    members.forEach((n, i) => out.set(n.name, [RACK_PAD + i * (CARD_W + GAP_X), y]));
    y += Math.max(...members.map((n) => nodeHeight(Math.min(vmsPerNode.get(n.name) ?? 0, 4)))) + GAP_X;
  }
  return out;
}

/** Where the BGPPeer bundle of a rack leaves it: above the node row, centred. */
export function bundleAnchorY(): number {
  return RACK_HEADER + ROUTER_H + BUNDLE_GAP / 2;
}
