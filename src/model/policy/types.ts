/**
 * A router's BGP configuration in vendor-neutral form (DESIGN §6). It is the single input of
 * every router config generator (BIRD 1.x, BIRD 2, FRR, EOS, NX-OS, Junos) and of the engine,
 * which evaluates these same rules: what is simulated is what is exported.
 */

export type SessionType = 'ebgp' | 'ibgp';

/** A BGP session with another router (from spec.sessions). */
export interface RouterNeighbor {
  readonly name: string;
  readonly address: string;
  readonly asNumber: number;
  readonly session: SessionType;
  /** This router reflects routes to the neighbour (it has routeReflector and the session is iBGP). */
  readonly rrClient: boolean;
  /** No physical link and no shared rack segment: the session runs over the underlay. */
  readonly multihop: boolean;
  /**
   * Both routers sit on one rack segment (the two ToRs of a rack): the neighbour's address is on a
   * connected subnet. A session that is neither multihop nor on a shared segment runs over a
   * link between the routers' addresses (loopbacks): one hop, but not a connected subnet.
   */
  readonly sharedSegment: boolean;
  /** eBGP: next hop self; iBGP: the next hop is passed on unchanged. */
  readonly nextHopSelf: boolean;
}

export interface NodeMember {
  readonly name: string;
  readonly address: string;
  /** The AS the node speaks (its Node AS, or the BGPPeer's localASNumber). */
  readonly asNumber: number;
  readonly session: SessionType;
  /** The router reflects routes to this node (it has routeReflector and the session is iBGP). */
  readonly rrClient: boolean;
  /** eBGP: next hop self; iBGP: the next hop is passed on unchanged. */
  readonly nextHopSelf: boolean;
}

/**
 * The Calico nodes of one rack that peer with this router through BGPPeers, as one peer group
 * that listens on the rack subnet (a dynamic-neighbour range where the platform has one).
 */
export interface NodeGroup {
  readonly name: string;
  readonly rack: string;
  readonly listenRange: string;
  /** BGPPeer resources that select these nodes for this router, sorted. */
  readonly bgpPeers: readonly string[];
  readonly members: readonly NodeMember[];
  /** `mixed` when some members are in the router's AS and some are not. */
  readonly session: SessionType | 'mixed';
  /** Every member is a route-reflector client (a mixed group's iBGP members are, per member). */
  readonly rrClient: boolean;
  readonly multihop: boolean;
  /** Accept ADD-PATH (several paths per prefix) from the nodes. */
  readonly addPaths: boolean;
  /** The router only listens: calico-node opens the session (DESIGN §6). */
  readonly passive: true;
}

export type Condition =
  /** The route carries this community (`aa:nn` standard or `aa:nn:mm` large). */
  | { readonly kind: 'community'; readonly value: string }
  /** The route was learned over BGP (not the originated default, not connected or static). */
  | { readonly kind: 'bgp-learned' }
  /** The 0.0.0.0/0 this router originates for its Calico nodes. */
  | { readonly kind: 'originated-default' }
  /** The route's prefix matches an entry of the list. */
  | { readonly kind: 'prefix-list'; readonly name: string; readonly entries: readonly PrefixListEntry[] };

export interface PrefixListEntry {
  readonly prefix: string;
  /** Prefix lengths allowed, inclusive (le/ge in vendor terms). */
  readonly minLength: number;
  readonly maxLength: number;
}

export type Operation =
  | { readonly kind: 'set-local-pref'; readonly value: number }
  /** BIRD's route preference (other platforms have no per-route equivalent and rely on LOCAL_PREF). */
  | { readonly kind: 'set-preference'; readonly value: number }
  /** Remove every standard community (sendCommunity: false). */
  | { readonly kind: 'delete-communities' };

export interface PolicyRule {
  /** All must hold (an empty list always holds). */
  readonly when: readonly Condition[];
  readonly apply: readonly Operation[];
  readonly then: 'accept' | 'reject';
}

/** An ordered policy: the first rule whose conditions hold decides; else `otherwise`. */
export interface RoutePolicy {
  readonly name: string;
  readonly rules: readonly PolicyRule[];
  readonly otherwise: 'accept' | 'reject';
}

export interface NeutralPolicy {
  readonly elevated:
    { readonly community: string; readonly localPref: number; readonly preference: number } | undefined;
  readonly sendCommunity: boolean;
  readonly multipath: boolean;
  readonly toNodes: 'all' | 'default-only' | 'default-plus-host-routes';
  /** Originate 0.0.0.0/0 towards the Calico nodes (never installed locally, never sent to routers). */
  readonly originateDefault: boolean;
  /** Applied to every route received, from routers and nodes alike. */
  readonly import: RoutePolicy;
  readonly exportToRouters: RoutePolicy;
  readonly exportToNodes: RoutePolicy;
}

export interface RouterConfigModel {
  readonly name: string;
  readonly role: 'tor' | 'spine' | 'route-reflector' | 'border';
  readonly platform: 'bird1' | 'bird2' | 'frr' | 'eos' | 'nxos' | 'junos';
  readonly asNumber: number;
  /** Router ID and the source address of every session. */
  readonly address: string;
  /**
   * The rack segment a ToR's address lives on (its node-facing interface); undefined for other
   * roles, whose address is a loopback (DESIGN §4).
   */
  readonly segment: { readonly rack: string; readonly subnet: string } | undefined;
  readonly routeReflectorClusterId: string | undefined;
  readonly neighbors: readonly RouterNeighbor[];
  readonly nodeGroups: readonly NodeGroup[];
  readonly policy: NeutralPolicy;
}
