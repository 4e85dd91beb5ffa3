/**
 * Level of detail: a large fabric draws what the eye can see at the zoom shown. Far out a rack is
 * one box (its members hidden) and the sessions of its members are bundled per rack and router;
 * nearer, cards appear without their small print; near, the cards are whole. A small design is
 * always drawn whole. The level is a discrete value derived from the zoom: the canvas changes
 * what it renders only when the level changes, never on every zoom tick.
 */
import { createContext, useContext } from 'react';
import type { Edge } from '@xyflow/react';
import type { FlowEdge, FlowNode } from './toFlow';
import type { SessionKind } from './sessions';

/** `racks`: rack boxes; `lite`: cards with their name and marks only; `full`: today's cards. */
export type LodLevel = 'racks' | 'lite' | 'full';

/** Designs with more cards than this switch level with the zoom (smaller ones are cheap whole). */
export const LOD_MIN_CARDS = 150;
/** Below this zoom a card (190 px) is under 48 px wide, its name unreadable: its rack draws as a box. */
export const RACKS_ZOOM = 0.25;
/** Below this zoom a card's 12 px small print is under 5 px high. */
export const LITE_ZOOM = 0.42;

export interface Lod {
  readonly level: LodLevel;
  /**
   * How much a rack box's text is enlarged to stay readable at the zoom shown: 1/zoom in half
   * octave steps (so it changes a few times over the whole zoom range, not on every tick).
   */
  readonly textScale: number;
}

export const FULL: Lod = { level: 'full', textScale: 1 };

/** The level for a zoom, as a string key (stable for a store selector). */
export function lodKey(zoom: number, large: boolean): string {
  if (!large || zoom >= LITE_ZOOM) return 'full';
  if (zoom >= RACKS_ZOOM) return 'lite';
  return `racks:${2 ** (Math.round(2 * Math.log2(1 / zoom)) / 2)}`;
}

export function parseLod(key: string): Lod {
  if (key === 'full') return FULL;
  if (key === 'lite') return { level: 'lite', textScale: 1 };
  return { level: 'racks', textScale: Number(key.slice('racks:'.length)) || 1 };
}

export const LodContext = createContext<Lod>(FULL);
export const useLod = (): Lod => useContext(LodContext);

export interface RackBundleData extends Record<string, unknown> {
  /** How many sessions (or links) of members the bundle stands for. */
  count: number;
  kind: SessionKind;
  /** Whether any of them is a BGP session (else links only). */
  session: boolean;
  /** The member-level edges it stands for, for its tooltip. */
  detail: string;
}

export type RackBundleEdge = Edge<RackBundleData, 'rackBundle'>;

/** What a member (a rack's node or ToR) is drawn as far out: its rack. */
export function rackOwners(nodes: readonly FlowNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes) if (n.parentId !== undefined) out.set(n.id, n.parentId);
  return out;
}

/**
 * The edges drawn far out: edges between shown elements as they are; an edge with an end inside
 * a rack joins the bundle of that rack and the other end (its rack, or the router), one edge per
 * pair with a count; an edge inside one rack is not drawn (the box stands for it).
 */
export function rackEdges(
  edges: readonly FlowEdge[],
  owners: ReadonlyMap<string, string>,
): (FlowEdge | RackBundleEdge)[] {
  const out: (FlowEdge | RackBundleEdge)[] = [];
  const racks = new Set(owners.values());
  const bundles = new Map<
    string,
    { a: string; b: string; count: number; kinds: Set<SessionKind>; session: boolean; ids: string[] }
  >();
  for (const e of edges) {
    const a = owners.get(e.source);
    const b = owners.get(e.target);
    if (a === undefined && b === undefined) {
      out.push(e);
      continue;
    }
    const from = a ?? e.source;
    const to = b ?? e.target;
    if (from === to) continue;
    // The router (the upper end) first, as pair edges run from the upper router down.
    const [upper, lower] =
      a === undefined ? [from, to] : b === undefined ? [to, from] : from < to ? [from, to] : [to, from];
    const key = `${upper}|${lower}`;
    const bundle = bundles.get(key) ?? {
      a: upper,
      b: lower,
      count: 0,
      kinds: new Set<SessionKind>(),
      session: false,
      ids: [],
    };
    const session = e.type === 'bundle' || (e.data as { session?: boolean } | undefined)?.session === true;
    bundle.count++;
    bundle.session ||= session;
    if (e.data?.kind) bundle.kinds.add(e.data.kind);
    bundle.ids.push(e.id);
    bundles.set(key, bundle);
  }
  for (const [key, b] of bundles) {
    const rackToRack = racks.has(b.a);
    out.push({
      id: `rackbundle:${key}`,
      type: 'rackBundle',
      source: b.a,
      target: b.b,
      sourceHandle: rackToRack ? 'top' : 'b',
      targetHandle: 'top',
      selectable: false,
      data: {
        count: b.count,
        kind: b.kinds.size === 1 ? ([...b.kinds][0] as SessionKind) : 'mixed',
        session: b.session,
        detail: `${b.count} ${b.session ? 'session' : 'link'}${b.count === 1 ? '' : 's'} between ${b.a} and ${b.b}`,
      },
      zIndex: 2,
    });
  }
  return out;
}

/** Far out, the speakers as drawn: a rack's member by its rack box, each box once. */
export function farStandIns(names: Iterable<string>, owners: ReadonlyMap<string, string>): string[] {
  return [...new Set([...names].map((n) => owners.get(n) ?? n))];
}

/** Far out, whether a message or a line between two speakers shows: not inside one rack box (the box stands for it). */
export function crossesRacks(from: string, to: string, owners: ReadonlyMap<string, string>): boolean {
  const a = owners.get(from);
  return a === undefined || a !== owners.get(to);
}

const ownersCache = new WeakMap<readonly FlowNode[], Map<string, string>>();
/** `rackOwners`, once per node list (every overlay layer asks for the same one). */
export function rackOwnersOf(nodes: readonly FlowNode[]): Map<string, string> {
  let owners = ownersCache.get(nodes);
  if (!owners) {
    owners = rackOwners(nodes);
    ownersCache.set(nodes, owners);
  }
  return owners;
}
