/** The liveroute/v1 model: schema, parse/serialize, validation, defaults and edits. */
export * from './schema';
export * from './lesson';
export * from './lessonSemantics';
export * from './issues';
export * from './parse';
export * from './serialize';
export * from './resolve';
export * from './migrate';
export { checkSemantics } from './semantic';
export * from './calico/resources';
export * from './calico/selector';
export * from './calico/documented';
export type { BGPFilterRule, BGPFilterSpec, BGPFilterOperation } from './calico/bgpfilter';
export type { BGPPeerSpec } from './calico/bgppeer';
export * from './policy/types';
export * from './policy/compile';
export { emptyDesign, EMPTY_DESIGN_NAME } from './empty';
