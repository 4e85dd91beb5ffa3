/**
 * Typed projectcalico.org/v3 resources that decide a calico-node's BIRD configuration, and the
 * set of them one cluster (or one liveroute design) amounts to. Objects keep the Kubernetes
 * shape (apiVersion, kind, metadata, spec) so they can be written back out as manifests.
 */
import type { z } from 'zod';
import type { BGPFilter, BGPPeer } from '../model/calico/resources';
import type {
  bgpConfigurationResource,
  blockAffinityResource,
  felixConfigurationResource,
  ipPoolResource,
  nodeResource,
} from './schemas';

export type { BGPFilter, BGPPeer };
export type NodeResource = z.infer<typeof nodeResource>;
export type IPPoolResource = z.infer<typeof ipPoolResource>;
export type BGPConfigurationResource = z.infer<typeof bgpConfigurationResource>;
export type FelixConfigurationResource = z.infer<typeof felixConfigurationResource>;
export type BlockAffinityResource = z.output<typeof blockAffinityResource>;
export type EncapMode = NonNullable<IPPoolResource['spec']['ipipMode']>;
export type ProgramClusterRoutes = NonNullable<BGPConfigurationResource['spec']['programClusterRoutes']>;

/**
 * An object the reader did not take (an unknown kind, a non-default BGPConfiguration, ...), or,
 * with `field`, one field it dropped from an object it did take.
 */
export interface IgnoredObject {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
  /** Path of a dropped field inside the object (`spec.foo`), when only that field was left out. */
  readonly field?: string;
}

/** Everything calico-node's confd reads to render BIRD's configuration (domain spec §4). */
export interface CalicoResourceSet {
  /** The `default` BGPConfiguration (cluster-wide BGP settings). */
  readonly bgpConfiguration?: BGPConfigurationResource;
  /** The `default` FelixConfiguration (route priorities, convergence time). */
  readonly felixConfiguration?: FelixConfigurationResource;
  readonly nodes: readonly NodeResource[];
  readonly ipPools: readonly IPPoolResource[];
  readonly bgpPeers: readonly BGPPeer[];
  readonly bgpFilters: readonly BGPFilter[];
  readonly blockAffinities: readonly BlockAffinityResource[];
  readonly ignored: readonly IgnoredObject[];
}

export const emptyResourceSet = (): CalicoResourceSet => ({
  nodes: [],
  ipPools: [],
  bgpPeers: [],
  bgpFilters: [],
  blockAffinities: [],
  ignored: [],
});
