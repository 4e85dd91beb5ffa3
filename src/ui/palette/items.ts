/** What the palette offers, and what dropping each item at a canvas point does. */
import type { Topology } from '../../model';
import { addNode, addRack, addRouter, addVm } from '../../model/edit/add';
import type { EditResult } from '../../model/edit/common';
import { CARD_W, ROUTER_H, type XY } from '../canvas/geometry';
import { hitTest } from '../canvas/hitTest';
import { freeSlot } from '../canvas/slots';

export type PaletteKind = 'rack' | 'node' | 'tor' | 'spine' | 'route-reflector' | 'border' | 'vm';

export interface PaletteItem {
  readonly kind: PaletteKind;
  readonly label: string;
  readonly glyph: string;
  readonly color: string;
  readonly hint: string;
}

export const PALETTE: readonly PaletteItem[] = [
  { kind: 'rack', label: 'Rack', glyph: '▭', color: '#6c7a92', hint: 'An empty rack with the next free /24' },
  {
    kind: 'node',
    label: 'Calico node',
    glyph: 'N',
    color: 'var(--calico)',
    hint: 'Drop into a rack: free address, next IPAM block',
  },
  { kind: 'tor', label: 'ToR switch', glyph: 'T', color: 'var(--tor)', hint: 'Drop into a rack (at most two)' },
  {
    kind: 'spine',
    label: 'Spine',
    glyph: 'S',
    color: 'var(--spine)',
    hint: 'A spine with a loopback from 10.0.0.0/24',
  },
  {
    kind: 'route-reflector',
    label: 'Route reflector',
    glyph: 'RR',
    color: 'var(--rr)',
    hint: 'Reflects between its iBGP clients',
  },
  {
    kind: 'border',
    label: 'Border router',
    glyph: 'B',
    color: 'var(--border)',
    hint: 'The exit; also a traffic client',
  },
  { kind: 'vm', label: 'VM', glyph: '▣', color: '#e8590c', hint: 'Drop onto a Calico node' },
];

/** Performs a drop of `kind` at flow point `at`; `fallbackRack`/`fallbackNode` serve click-to-add. */
export function dropItem(
  doc: Topology,
  kind: PaletteKind,
  at: XY | undefined,
  fallback: { rack?: string; node?: string } = {},
): EditResult {
  const hit = at ? hitTest(doc, at) : {};
  const rack = hit.rack?.name ?? fallback.rack;
  switch (kind) {
    case 'rack':
      return addRack(doc, { torsPerRack: 0, nodesPerRack: 0 }, at ? [at[0] - CARD_W, at[1] - 40] : undefined);
    case 'node':
      if (!rack) return { ok: false, error: 'drop the node onto a rack' };
      return addNode(doc, rack, freeSlot(doc, rack, 'node'));
    case 'tor':
      if (!rack) return { ok: false, error: 'drop the ToR onto a rack: a ToR belongs to one rack' };
      return addRouter(doc, 'tor', rack, freeSlot(doc, rack, 'tor'));
    case 'spine':
    case 'route-reflector':
    case 'border':
      return addRouter(doc, kind, undefined, at ? [at[0] - CARD_W / 2, at[1] - ROUTER_H / 2] : undefined);
    case 'vm': {
      const node = hit.node ?? fallback.node;
      if (!node) return { ok: false, error: 'drop the VM onto a Calico node' };
      return addVm(doc, node);
    }
  }
}
