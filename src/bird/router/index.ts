/** BIRD configurations of the design's routers (BIRD 1.x and 2), from the vendor-neutral model. */
export { renderBirdRouter, type BirdRouterConfig, type BirdVersion, type BirdProtocolIndex } from './render';
export { renderFilter, renderKernelFilter, birdCondition, birdOperation, birdCommunity } from './filters';
export {
  BIRD_NAMES,
  BIRD_SYMBOL_MAX,
  birdSymbol,
  birdPolicyName,
  neighborProtocol,
  nodeProtocol,
  groupSymbol,
} from './names';
export { sessionGroups, asRanges, describeMember, type SessionGroup, type DynamicSupport } from './groups';
