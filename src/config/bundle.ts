/**
 * Everything liveroute generates for a design, as files: the Calico manifests, the BIRD config
 * calico-node renders on each node, each router's config, and the design itself. The same list
 * feeds the editor, `liveroute export` and the zip.
 */
import { strToU8 } from 'fflate';
import { calicoResourcesFromDesign, manifestFiles, renderCalicoNode } from '../calico';
import { serializeDesign, type Platform, type Topology } from '../model';
import type { FileLanguage, GeneratedFile } from './files';
import { routerConfigs } from './index';
import { bundleReadme } from './readme';
import { reproducibleZip } from './zip';

export interface BundleOptions {
  /** calico-node files for these nodes only (default: every node). */
  readonly nodes?: readonly string[];
}

/** Where each router platform's file goes and how it is loaded, for the README and tooltips. */
export const PLATFORM_HOWTO: Readonly<Record<Platform, string>> = {
  bird1: 'BIRD 1.x: install as /etc/bird/bird.conf, check with `bird -p -c`, load with `birdc configure`.',
  bird2: 'BIRD 2: install as /etc/bird/bird.conf, check with `bird -p -c`, load with `birdc configure`.',
  frr: 'FRR: install as /etc/frr/frr.conf (check with `vtysh --dryrun -f`), then `systemctl reload frr`.',
  eos: 'Arista EOS: copy to the switch and `configure replace` it, or paste into `configure` (review the interface section first).',
  nxos: 'Cisco NX-OS: `copy <file> running-config` (needs `feature bgp`; review the interface section first).',
  junos: 'Juniper Junos: `load merge <file>` in configuration mode, `commit check`, then `commit`.',
};

const ROUTER_LANGUAGE: Readonly<Record<Platform, FileLanguage>> = {
  bird1: 'bird',
  bird2: 'bird',
  frr: 'cli',
  eos: 'cli',
  nxos: 'cli',
  junos: 'junos',
};

export function designFile(doc: Topology): GeneratedFile {
  return {
    path: `${doc.metadata.name}.liveroute.yaml`,
    group: 'Design',
    language: 'yaml',
    text: serializeDesign(doc, 'yaml'),
    about: 'The liveroute/v1 design these files were generated from. Open it in liveroute to change them.',
  };
}

export function calicoFiles(doc: Topology): GeneratedFile[] {
  return manifestFiles(doc).map((m) => ({
    path: m.path,
    group: 'Calico manifests',
    language: m.use === 'script' ? 'shell' : 'yaml',
    use: m.use,
    text: m.text,
    about: m.about,
    ...(m.kind === 'BGPPeer' || m.kind === 'BGPFilter' ? { editable: m.kind } : {}),
  }));
}

export function calicoNodeFiles(doc: Topology, nodes?: readonly string[]): GeneratedFile[] {
  const set = calicoResourcesFromDesign(doc);
  const wanted = doc.spec.nodes.filter((n) => !nodes || nodes.includes(n.name));
  return wanted.flatMap((n) => {
    const cfg = renderCalicoNode(set, n.name);
    const about = (file: string) =>
      `What confd renders as ${file} on ${n.name}: calico-node writes it itself; shown for review and for running the design on real BIRD.`;
    return [
      {
        path: `calico-node/${n.name}/bird.cfg`,
        group: 'calico-node',
        language: 'bird',
        text: cfg.birdCfg,
        about: about('bird.cfg'),
        node: n.name,
      },
      {
        path: `calico-node/${n.name}/bird_aggr.cfg`,
        group: 'calico-node',
        language: 'bird',
        text: cfg.birdAggrCfg,
        about: about('bird_aggr.cfg'),
        node: n.name,
      },
      {
        path: `calico-node/${n.name}/bird_ipam.cfg`,
        group: 'calico-node',
        language: 'bird',
        text: cfg.birdIpamCfg,
        about: about('bird_ipam.cfg'),
        node: n.name,
      },
    ] satisfies GeneratedFile[];
  });
}

export function routerFiles(doc: Topology): GeneratedFile[] {
  return routerConfigs(doc).map((r) => ({
    path: r.fileName,
    group: 'Routers',
    language: ROUTER_LANGUAGE[r.platform],
    text: r.text,
    about: PLATFORM_HOWTO[r.platform],
  }));
}

export function bundleFiles(doc: Topology, options: BundleOptions = {}): GeneratedFile[] {
  return [...calicoFiles(doc), ...calicoNodeFiles(doc, options.nodes), ...routerFiles(doc), designFile(doc)];
}

/** The Calico manifests that are safe to apply, as one multi-document YAML (`calicoctl apply -f` takes it whole). */
export function manifestsYaml(doc: Topology): string {
  return calicoFiles(doc)
    .filter((f) => f.use === 'apply')
    .map((f) => f.text)
    .join('---\n');
}

export const MANIFESTS_FILE = 'calico-manifests.yaml';

/** The files of an export: the bundle, the all-in-one manifests file and the README. */
export function exportFiles(doc: Topology): { path: string; text: string }[] {
  const files = bundleFiles(doc);
  return [
    { path: 'README.md', text: bundleReadme(doc, files) },
    { path: MANIFESTS_FILE, text: manifestsYaml(doc) },
    ...files.map((f) => ({ path: f.path, text: f.text })),
  ];
}

/** Files in a zip under the folder `folder`: byte-identical for the same files anywhere (src/config/zip.ts). */
export function zipFiles(folder: string, files: readonly { path: string; text: string }[]): Uint8Array {
  return reproducibleZip(files.map((f) => ({ path: `${folder}/${f.path}`, data: strToU8(f.text) })));
}

/** The zip of every exported file under a folder named after the design. */
export function zipBundle(doc: Topology, extra: readonly { path: string; text: string }[] = []): Uint8Array {
  return zipFiles(doc.metadata.name, [...exportFiles(doc), ...extra]);
}
