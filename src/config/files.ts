/** A generated artefact: shown in the editor, written by `export`, packed in the zip. */
export type FileLanguage = 'yaml' | 'bird' | 'cli' | 'junos' | 'markdown' | 'shell';

export type FileGroup = 'Design' | 'Calico manifests' | 'calico-node' | 'Routers';

export interface GeneratedFile {
  /** Path inside the export folder and the zip, `/`-separated. */
  readonly path: string;
  readonly group: FileGroup;
  readonly language: FileLanguage;
  readonly text: string;
  /** What the file is and how to use it (for the bundle's README). */
  readonly about: string;
  /** Calico objects the user may edit in place; every other file is generated only. */
  readonly editable?: 'BGPPeer' | 'BGPFilter';
  /** For Calico manifests: safe to apply, for reference only, or the settings script (src/calico/manifests.ts). */
  readonly use?: 'apply' | 'reference' | 'script';
  /** The calico-node this file belongs to, for per-node files. */
  readonly node?: string;
}
