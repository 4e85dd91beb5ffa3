/**
 * Everything liveroute generates for a design, as files: the design, the Calico manifests, the
 * BIRD config calico-node renders on each node, and each router's config. The same list feeds
 * the editor, `liveroute export` and the zip.
 */
import { zipSync, strToU8 } from 'fflate';
import { resourcesYaml, serializeDesign, type Topology } from '../model';
import type { GeneratedFile } from './files';
import { bundleReadme } from './readme';

export interface BundleOptions {
  /** calico-node files for these nodes only (default: every node). */
  readonly nodes?: readonly string[];
}

export function designFile(doc: Topology): GeneratedFile {
  return {
    path: `${doc.metadata.name}.liveroute.yaml`,
    group: 'Design',
    language: 'yaml',
    text: serializeDesign(doc, 'yaml'),
    about: 'The liveroute/v1 design these files were generated from. Open it in liveroute to change them.',
  };
}

export function editableCalicoFiles(doc: Topology): GeneratedFile[] {
  return [
    {
      path: 'calico/bgpfilters.yaml',
      group: 'Calico manifests',
      language: 'yaml',
      text: resourcesYaml(doc, 'BGPFilter'),
      about: 'The BGPFilter resources.',
      editable: 'BGPFilter',
    },
    {
      path: 'calico/bgppeers.yaml',
      group: 'Calico manifests',
      language: 'yaml',
      text: resourcesYaml(doc, 'BGPPeer'),
      about: 'The BGPPeer resources (apply after the BGPFilters they name).',
      editable: 'BGPPeer',
    },
  ];
}

export function bundleFiles(doc: Topology, _options: BundleOptions = {}): GeneratedFile[] {
  return [...editableCalicoFiles(doc), designFile(doc)];
}

/** The zip of every file plus a README saying what each is and how to apply it. Deterministic (fixed timestamps). */
export function zipBundle(doc: Topology): Uint8Array {
  const files = bundleFiles(doc);
  const entries: Record<string, [Uint8Array, { mtime: number }]> = {};
  // A fixed date keeps the archive byte-identical for the same design (the pure core reads no clock).
  const mtime = Date.UTC(2026, 0, 1);
  const root = `${doc.metadata.name}/`;
  entries[`${root}README.md`] = [strToU8(bundleReadme(doc, files)), { mtime }];
  for (const f of files) entries[`${root}${f.path}`] = [strToU8(f.text), { mtime }];
  return zipSync(entries, { level: 6 });
}

/** Every Calico manifest of the design as one multi-document YAML. */
export function manifestsYaml(doc: Topology): string {
  return bundleFiles(doc)
    .filter((f) => f.group === 'Calico manifests' && f.text.trim() !== '')
    .map((f) => f.text)
    .join('---\n');
}
