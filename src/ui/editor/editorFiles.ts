/** The files the editor shows for a design: every generated artefact, the per-node files of one node. */
import { bundleFiles } from '../../config/bundle';
import type { GeneratedFile } from '../../config/files';
import type { Topology } from '../../model';

export function editorFiles(doc: Topology, node: string | undefined): GeneratedFile[] {
  return bundleFiles(doc, { nodes: node ? [node] : [] });
}
