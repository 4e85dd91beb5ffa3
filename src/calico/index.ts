/**
 * Calico resources and the calico-node BIRD renderer (DESIGN §3): read a cluster's resources,
 * derive them from a design, render what confd writes for a node.
 */
export * from './types';
export { readCalicoResources, formatReadIssue, type CalicoReadIssue } from './read';
export { calicoResourcesFromDesign, blockAffinityName } from './fromDesign';
export {
  renderCalicoNode,
  calicoNodePeers,
  CalicoRenderError,
  filterFunctionName,
  truncateFilterName,
  invalidPrefixRanges,
  type CalicoNodeConfig,
  type RenderOptions,
  type BirdPeer,
} from './confd';
export { sha256, sha256Hex } from './sha256';
export { manifestFiles, designManifestFiles, type ManifestFile } from './manifests';
export { settingsScript, shellQuote } from './settingsScript';
export { importCalicoResources, type Imported } from './toDesign';
export { importCalicoFiles, formatImportProblems, type CalicoFile, type ImportProblem } from './importFiles';
