/**
 * The underlay (DESIGN §6): every node address, router address and rack subnet is reachable from
 * every speaker along the shortest path (hop count, one next hop, ties by neighbour name), over
 * `links` and the rack segments, as an IGP would make it. Calico nodes are never transit. The
 * underlay carries the BGP sessions and resolves BGP next hops; it never carries VM or pool
 * prefixes.
 */
import { compareStrings } from '../lib/names';
import { assert } from '../lib/assert';
import { parseIPv4 } from '../lib/ip';
import type { Topology } from '../model';

export interface Hop {
  /** The neighbour to hand the packet to. */
  readonly via: string;
  /** Hops to the destination (1 = adjacent). */
  readonly cost: number;
}

export class Underlay {
  /** speaker → its directly adjacent speakers (shared segment or link), sorted. */
  private readonly adjacent = new Map<string, string[]>();
  private readonly adjacentSet = new Map<string, Set<string>>();
  private readonly transit = new Set<string>();
  private readonly owners = new Map<number, string>();
  private readonly addresses = new Map<string, number>();
  private readonly firstHops = new Map<string, Map<string, Hop>>();
  private readonly segmentOf = new Map<string, string>();

  constructor(doc: Topology) {
    const add = (a: string, b: string) => {
      if (a === b) return;
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const list = this.adjacent.get(x) ?? [];
        if (!list.includes(y)) list.push(y);
        this.adjacent.set(x, list);
      }
    };
    for (const r of doc.spec.routers) {
      this.adjacent.set(r.name, this.adjacent.get(r.name) ?? []);
      this.transit.add(r.name);
      const a = parseIPv4(r.address);
      if (a !== undefined) {
        this.owners.set(a, r.name);
        this.addresses.set(r.name, a);
      }
      if (r.role === 'tor' && r.rack) this.segmentOf.set(r.name, r.rack);
    }
    for (const n of doc.spec.nodes) {
      this.adjacent.set(n.name, this.adjacent.get(n.name) ?? []);
      const a = parseIPv4(n.address);
      if (a !== undefined) {
        this.owners.set(a, n.name);
        this.addresses.set(n.name, a);
      }
      this.segmentOf.set(n.name, n.rack);
    }
    // A rack segment joins its nodes and ToRs (one L2 domain).
    const members = new Map<string, string[]>();
    for (const [speaker, rack] of this.segmentOf) members.set(rack, [...(members.get(rack) ?? []), speaker]);
    for (const list of members.values()) for (const a of list) for (const b of list) if (a < b) add(a, b);
    for (const [a, b] of doc.spec.links) add(a, b);
    for (const [name, list] of this.adjacent) {
      list.sort(compareStrings);
      this.adjacentSet.set(name, new Set(list));
    }
  }

  /** The speaker that owns an address (a node or router address). */
  ownerOf(address: number): string | undefined {
    return this.owners.get(address);
  }

  /** The address of a speaker. */
  addressOf(name: string): number | undefined {
    return this.addresses.get(name);
  }

  /** Both on one rack segment, or joined by a link. */
  isAdjacent(a: string, b: string): boolean {
    return this.adjacentSet.get(a)?.has(b) ?? false;
  }

  sameSegment(a: string, b: string): boolean {
    const s = this.segmentOf.get(a);
    return s !== undefined && s === this.segmentOf.get(b);
  }

  /** First hop and cost from `from` to every reachable speaker (BFS; Calico nodes do not forward). */
  private routes(from: string): Map<string, Hop> {
    const cached = this.firstHops.get(from);
    if (cached) return cached;
    const out = new Map<string, Hop>();
    const queue: string[] = [];
    for (const n of this.adjacent.get(from) ?? []) {
      out.set(n, { via: n, cost: 1 });
      queue.push(n);
    }
    for (let i = 0; i < queue.length; i++) {
      const cur = queue[i] as string;
      if (!this.transit.has(cur)) continue;
      const hop = out.get(cur);
      assert(hop !== undefined, `${cur} was queued with its first hop from ${from}`);
      for (const n of this.adjacent.get(cur) ?? []) {
        if (n === from || out.has(n)) continue;
        out.set(n, { via: hop.via, cost: hop.cost + 1 });
        queue.push(n);
      }
    }
    this.firstHops.set(from, out);
    return out;
  }

  /** How `from` reaches speaker `to` (undefined: unreachable; from itself: cost 0). */
  path(from: string, to: string): Hop | undefined {
    if (from === to) return { via: to, cost: 0 };
    return this.routes(from).get(to);
  }

  /** The speakers on the way from `from` to `to`, both included, or undefined. */
  walk(from: string, to: string): string[] | undefined {
    const out = [from];
    let cur = from;
    for (let guard = 0; cur !== to && guard < 256; guard++) {
      const hop = this.path(cur, to);
      if (!hop) return undefined;
      cur = hop.via;
      out.push(cur);
    }
    return cur === to ? out : undefined;
  }
}
