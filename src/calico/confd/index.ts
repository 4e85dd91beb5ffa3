/**
 * The calico-node renderer: for one node of a Calico resource set, the three IPv4 files confd
 * (Calico v3.32) writes for BIRD — bird.cfg, bird_aggr.cfg, bird_ipam.cfg — text for text as
 * Calico's golden files show them (domain spec §4; checked by conformance.test.ts).
 * Deterministic and pure.
 */
import type { CalicoResourceSet } from '../types';
import { nodeContext, type RenderOptions } from './context';
import { renderBirdAggrCfg } from './aggr';
import { renderBirdCfg } from './birdCfg';
import { renderBirdIpamCfg } from './ipam';
import { computePeerings } from './peers';
import { birdPeers, type BirdPeer } from './protocol';
import { assertRenderableSet } from './guard';

export { CalicoRenderError, type RenderOptions } from './context';
export { filterFunctionName, invalidPrefixRanges, truncateFilterName } from './filters';
export type { BirdPeer } from './protocol';

export interface CalicoNodeConfig {
  readonly birdCfg: string;
  readonly birdAggrCfg: string;
  readonly birdIpamCfg: string;
}

/** The node's BGP peers as confd configures them (names, addresses, filters), sorted by name. */
export function calicoNodePeers(set: CalicoResourceSet, nodeName: string, options: RenderOptions = {}): BirdPeer[] {
  assertRenderableSet(set);
  const ctx = nodeContext(set, nodeName, options);
  return birdPeers(ctx, computePeerings(ctx));
}

/**
 * Renders calico-node's BIRD configuration for `nodeName`. Throws CalicoRenderError when the
 * node does not exist or has no IPv4 BGP address (confd renders nothing for it either), and
 * when an object of the set is not one the readers accept (nothing unvalidated is written).
 */
export function renderCalicoNode(
  set: CalicoResourceSet,
  nodeName: string,
  options: RenderOptions = {},
): CalicoNodeConfig {
  assertRenderableSet(set);
  const ctx = nodeContext(set, nodeName, options);
  const peerings = computePeerings(ctx);
  return {
    birdCfg: renderBirdCfg(ctx, birdPeers(ctx, peerings)),
    birdAggrCfg: renderBirdAggrCfg(ctx, peerings),
    birdIpamCfg: renderBirdIpamCfg(ctx),
  };
}
