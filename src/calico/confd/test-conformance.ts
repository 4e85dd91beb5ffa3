/**
 * The golden-file harness of third_party/calico/confd (its README): case discovery, the
 * input modifications of the daemon tests, the standard block affinities, blank-line
 * normalization. Used by conformance.test.ts (not by the app).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseIPv4, prefix4, prefixContainsAddr } from '../../lib/ip';
import { readCalicoResources, formatReadIssue } from '../read';
import type { BlockAffinityResource, CalicoResourceSet } from '../types';
import type { RenderOptions } from './context';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CONFORMANCE_DIR = path.resolve(REPO_ROOT, 'third_party', 'calico', 'confd');
export const NODENAME = 'kube-master';
export const FILES = ['bird.cfg', 'bird_aggr.cfg', 'bird_ipam.cfg'] as const;

/** The README's normalizeBlankLines: no whitespace-only lines, exactly one trailing newline. */
export function normalizeBlankLines(text: string): string {
  return `${text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join('\n')}\n`;
}

/** confd/tests' standardBlockAffinities, all on kube-master. */
export const STANDARD_AFFINITIES: readonly [string, '' | 'confirmed' | 'pending'][] = [
  ['10.0.0.0/30', ''],
  ['10.1.0.0/24', ''],
  ['10.2.0.1/32', ''],
  ['192.168.221.192/26', ''],
  ['192.168.221.64/26', 'confirmed'],
  ['192.168.221.0/26', 'pending'],
];

export function standardAffinities(): BlockAffinityResource[] {
  return STANDARD_AFFINITIES.map(([cidr, state]) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BlockAffinity',
    metadata: { name: `${NODENAME}-${cidr.replace(/[./]/g, '-')}` },
    spec: { node: NODENAME, cidr, state, deleted: false },
  }));
}

export interface ConformanceCase {
  /** e.g. `bgpfilter/node_mesh/priority2`. */
  readonly name: string;
  readonly dir: string;
  readonly set: CalicoResourceSet;
  readonly options: RenderOptions;
}

function mustRead(file: string): CalicoResourceSet {
  const r = readCalicoResources(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file} does not read:\n${r.error.map(formatReadIssue).join('\n')}`);
  return r.value;
}

/**
 * confd's route generator for mesh/static-routes: a Service with `externalTrafficPolicy: Local`
 * and an IPv4 endpoint on this node advertises its cluster IP as a /32 when it lies inside a
 * serviceClusterIPs range.
 */
interface KubeObject {
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { clusterIP?: string; externalTrafficPolicy?: string };
  addressType?: string;
  endpoints?: { nodeName?: string }[];
}

export function localServiceRoutes(kubectlYaml: string, set: CalicoResourceSet, node: string): string[] {
  const objects = parseAllDocuments(kubectlYaml)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
  const ranges = (set.bgpConfiguration?.spec.serviceClusterIPs ?? []).flatMap((r) =>
    r.cidr ? (prefix4(r.cidr) ?? []) : [],
  );
  const out: string[] = [];
  for (const svc of objects.filter((o) => o.kind === 'Service')) {
    const ip = parseIPv4(String(svc.spec?.clusterIP ?? ''));
    if (
      svc.spec?.externalTrafficPolicy !== 'Local' ||
      ip === undefined ||
      !ranges.some((r) => prefixContainsAddr(r, ip))
    )
      continue;
    const local = objects.some(
      (o) =>
        o.kind === 'EndpointSlice' &&
        o.addressType === 'IPv4' &&
        o.metadata?.labels?.['kubernetes.io/service-name'] === svc.metadata?.name &&
        (o.endpoints ?? []).some((e) => e.nodeName === node),
    );
    if (local) out.push(`${svc.spec?.clusterIP}/32`);
  }
  return out;
}

/** Every case directory (one holding bird.cfg) under the given groups, with its input as the harness applies it. */
export function conformanceCases(
  groups: readonly string[] = ['bgpfilter', 'mesh', 'cluster_routes'],
): ConformanceCase[] {
  const out: ConformanceCase[] = [];
  const walk = (dir: string, inherited: string | undefined) => {
    const input = fs.existsSync(path.join(dir, 'input.yaml')) ? path.join(dir, 'input.yaml') : inherited;
    if (fs.existsSync(path.join(dir, 'bird.cfg')) && input) out.push(makeCase(dir, input));
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(path.join(dir, e.name), input);
    }
  };
  for (const g of groups) walk(path.join(CONFORMANCE_DIR, g), undefined);
  return out;
}

function makeCase(dir: string, input: string): ConformanceCase {
  const name = path.relative(CONFORMANCE_DIR, dir).split(path.sep).join('/');
  let set = mustRead(input);
  let affinities = standardAffinities();
  let options: RenderOptions = {};
  const bgp = (spec: Record<string, unknown>) => {
    const current = set.bgpConfiguration ?? {
      apiVersion: 'projectcalico.org/v3' as const,
      kind: 'BGPConfiguration' as const,
      metadata: { name: 'default' },
      spec: {},
    };
    set = { ...set, bgpConfiguration: { ...current, spec: { ...current.spec, ...spec } } };
  };
  // TestNormalRoutePriorityChange runs without block affinities and raises the normal priorities.
  if (/node_mesh\/priority\d$/.test(name)) affinities = [];
  if (/node_mesh\/priority[23]$/.test(name)) bgp({ ipv4NormalRoutePriority: 5000 });
  if (/node_mesh\/priority3$/.test(name)) bgp({ ipv6NormalRoutePriority: 80 });
  // TestBGPFilterDeletion step 2: the filter is deleted, the peer still names it.
  if (name === 'bgpfilter/filter_deletion/step2')
    set = { ...set, bgpFilters: set.bgpFilters.filter((f) => f.metadata.name !== 'test-filter') };
  const kubectl = path.join(path.dirname(input), 'kubectl-input.yaml');
  if (fs.existsSync(kubectl))
    options = { serviceRoutes: localServiceRoutes(fs.readFileSync(kubectl, 'utf8'), set, NODENAME) };
  return { name, dir, set: { ...set, blockAffinities: [...set.blockAffinities, ...affinities] }, options };
}
