/**
 * The choices the rack template and the fabric generator share, and the pieces both use to carry
 * them out: how many ToRs and nodes a rack has, the ToRs' platform, how AS numbers are given out,
 * and whether the documented live-migration BGPFilter is attached (with the routers above the
 * nodes preferring its community, so the elevated route wins all the way).
 */
import { isBGPFilter } from '../calico/resources';
import { liveMigrationFilter, LIVE_MIGRATION_COMMUNITY, LIVE_MIGRATION_FILTER_NAME } from '../calico/documented';
import { resolveCluster } from '../resolve';
import type { Platform, Router, Topology } from '../schema';

/** `per-node`: every node its own AS (eBGP to its ToRs); `cluster`: every node in the cluster's AS. */
export type NodeAsScheme = 'per-node' | 'cluster';
/**
 * `per-rack`: each rack's ToRs get an AS of their own (a ToR pair shares it), eBGP to the spines;
 * `spines`: every ToR joins the spines' AS (iBGP to the spines, which reflect the routes).
 */
export type TorAsScheme = 'per-rack' | 'spines';

export const NODE_AS_SCHEMES: readonly NodeAsScheme[] = ['per-node', 'cluster'];
export const TOR_AS_SCHEMES: readonly TorAsScheme[] = ['per-rack', 'spines'];

export interface RackChoices {
  readonly torsPerRack: 0 | 1 | 2;
  readonly nodesPerRack: number;
  /** The ToRs' platform (the generator's spines and border router too); default bird1. */
  readonly platform?: Platform;
  readonly nodeAs?: NodeAsScheme;
  /** Default `per-rack`. */
  readonly torAs?: TorAsScheme;
  /**
   * true: the documented BGPFilter on every new node→ToR BGPPeer, and the ToRs and spines prefer
   * its community; false: no filter; undefined (rack template only): the filters the design's
   * other node peers use.
   */
  readonly liveMigrationFilter?: boolean;
}

/** The spines' AS when a design has no spine yet (what a new spine gets too). */
export const SPINE_AS = 65000;
/** The route-reflector cluster ID the generator gives its spines when the ToRs share their AS. */
export const SPINE_CLUSTER_ID = '10.0.0.100';

/**
 * Nodes that share one AS behind eBGP ToRs, with no node-to-node mesh, see their own AS in each
 * other's routes and BIRD drops them (AS-path loop): their BGPPeers allow it once, as Calico's
 * `numAllowedLocalASNumbers` is meant for.
 */
export const ALLOW_OWN_AS_ONCE = { numAllowedLocalASNumbers: 1 } as const;

/**
 * Adds the documented live-migration BGPFilter unless the design has one of that name (with the
 * cluster's elevated priority); returns the community it tags elevated routes with.
 */
export function ensureLiveMigrationFilter(d: Topology): string {
  const existing = d.spec.calicoResources.find((r) => isBGPFilter(r) && r.metadata.name === LIVE_MIGRATION_FILTER_NAME);
  if (!existing) {
    d.spec.calicoResources.unshift(liveMigrationFilter(resolveCluster(d.spec).elevatedPriority));
    return LIVE_MIGRATION_COMMUNITY;
  }
  if (!isBGPFilter(existing)) return LIVE_MIGRATION_COMMUNITY;
  for (const rule of existing.spec.exportV4 ?? [])
    for (const op of rule.operations ?? []) if (op.addCommunity) return op.addCommunity.value;
  return LIVE_MIGRATION_COMMUNITY;
}

/** Makes the router prefer routes carrying the community, unless it already prefers one. */
export function preferCommunity(router: Router, community: string): void {
  if (router.policy?.elevatedCommunity !== undefined) return;
  router.policy = { ...(router.policy ?? {}), elevatedCommunity: community };
}

/** Spines that are no route reflector yet become one (sharing the cluster ID the others use). */
export function makeSpinesReflect(spines: readonly Router[]): void {
  const clusterId = spines.find((s) => s.routeReflector)?.routeReflector?.clusterId ?? SPINE_CLUSTER_ID;
  for (const s of spines) s.routeReflector ??= { clusterId };
}
