/** The engine's model of BGP speakers, sessions and routes. */
import type { Decision } from '../bird/lang/interpreter';
import type { Route } from '../bird/lang/route';
import type { Prefix4 } from '../lib/ip';

/** BIRD's value for an IGP metric it cannot know (IGP_METRIC_UNKNOWN, nest/route.h). */
export const IGP_METRIC_UNKNOWN = 0x80000000;

export type ProtocolType = 'bgp' | 'static' | 'kernel' | 'direct';

/** A route as it travels in an UPDATE: the path attributes, without the receiver's additions. */
export interface WireRoute {
  /** Identifies the path for ADD-PATH (stable: the originating speaker and protocol). */
  readonly pathId: string;
  readonly attrs: Route;
  readonly originatorId?: number;
  readonly clusterList?: readonly number[];
}

/** An entry of a speaker's RIB: a candidate for its prefix. */
export interface RibRoute {
  readonly attrs: Route;
  readonly proto: ProtocolType;
  /** For display: the BIRD protocol, or `bgp <neighbour>`. */
  readonly protocol: string;
  /** BGP routes: the session end they were received on. */
  readonly via?: SessionEnd;
  readonly pathId: string;
  readonly originatorId?: number;
  readonly clusterList?: readonly number[];
  /**
   * The IGP metric to the next hop: on BIRD 1.x speakers 0 (reached directly) or
   * IGP_METRIC_UNKNOWN; on the other platforms the underlay's hop count (exchange.ts igpMetricOf).
   */
  readonly igpMetric: number;
  /** The next hop can be reached over the underlay (BIRD's resolvability test). */
  readonly resolvable: boolean;
  /** The router ID of the speaker it was learned from (BGP). */
  readonly peerRouterId?: number;
  /** The import filter's decision (BGP routes). */
  readonly importDecision?: Decision;
  /** Felix's workload route: handed to the VM's interface. */
  readonly local?: { readonly vm: string };
}

export type FilterRunner = (route: Route) => { verdict: 'accept' | 'reject'; route: Route; decision: Decision };

/** One side's configuration of a BGP session. */
export interface SessionEnd {
  readonly id: string;
  readonly speaker: string;
  readonly peer: string;
  /** For display: BIRD protocol name, or the neighbour statement. */
  readonly protocol: string;
  readonly localAddress: number;
  readonly peerAddress: number;
  readonly localAs: number;
  readonly peerAs: number;
  readonly ebgp: boolean;
  /** This side reflects routes to the peer (the peer is its route-reflector client). */
  readonly rrClient: boolean;
  readonly nextHop: 'self' | 'keep' | 'default';
  readonly addPathTx: boolean;
  readonly addPathRx: boolean;
  readonly passive: boolean;
  /** The session may cross the underlay (else the peer must share a segment or link). */
  readonly multihop: boolean;
  /**
   * How a received route's gateway is found from its BGP next hop (BIRD `gateway`): `recursive`
   * looks the next hop up in the underlay; `direct` uses it when it is on a shared segment, else
   * the peer's address. Absent: recursive.
   */
  readonly gateway?: 'direct' | 'recursive';
  readonly allowLocalAs: number;
  /** This protocol's route-reflection cluster ID (BIRD `rr cluster id`, per protocol; absent: the speaker's). */
  readonly clusterId?: number;
  readonly importFilter: FilterRunner;
  readonly exportFilter: FilterRunner;
  /** Peer group for router-side node sessions (display, diagnostics). */
  readonly group?: string;
  /** Export filter kind for neutral routers: to routers or to nodes. */
  readonly toNodes?: boolean;
}

export type SpeakerKind = 'node' | 'router';

export interface Speaker {
  readonly name: string;
  readonly kind: SpeakerKind;
  /** `calico` for calico-node, else the router's platform. */
  readonly platform: 'calico' | 'bird1' | 'bird2' | 'frr' | 'eos' | 'nxos' | 'junos';
  readonly address: number;
  readonly routerId: number;
  readonly clusterId?: number;
  readonly ends: readonly SessionEnd[];
  /** BIRD semantics: route preference first, protocol preferences (BGP 100, static 200, kernel 10). */
  readonly bird: boolean;
  /** ECMP into the FIB (BIRD `merge paths`, vendor multipath). */
  readonly mergePaths: boolean;
  /** Runs the kernel export filter on the selected route; undefined: nothing is installed. */
  readonly kernelExport?: FilterRunner;
  /** Why the speaker runs no BGP at all (its configuration does not load). */
  readonly configError?: string;
  /** Statically configured routes (BIRD static protocol), by prefix text. */
  readonly statics: readonly { readonly prefix: string; readonly blackhole: boolean; readonly via?: number }[];
  /** Dynamic neighbours (BIRD 2 `neighbor range`, vendor listen ranges): ends made on demand. */
  readonly listens: readonly ListenRange[];
}

/** A passive range of peers: any speaker inside `prefix` whose AS fits may open a session. */
export interface ListenRange {
  readonly prefix: Prefix4;
  /** The AS the listening side speaks. */
  readonly localAs: number;
  /** `external`: any AS but ours; `internal`: ours; a list: exactly those. */
  readonly peerAs: 'external' | 'internal' | readonly number[];
  readonly make: (peer: string, peerAddress: number, peerAs: number) => SessionEnd;
}
