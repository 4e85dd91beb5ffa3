/**
 * Reading a cluster's Calico resources from YAML text, as `calicoctl get ... -o yaml` or
 * `kubectl get ... -o yaml` print them: multi-document files, `List` / `<Kind>List` wrappers,
 * a top-level sequence of them (what `calicoctl get -f kinds.yaml -o yaml` prints for several
 * kinds: calicoctl's YAML printer marshals its list of results as one YAML sequence, with no
 * `---`), projectcalico.org/v3 or crd.projectcalico.org/v1 objects, Kubernetes `v1` Nodes
 * carrying Calico's annotations. Server-side metadata is dropped, unknown kinds are listed as ignored,
 * unknown fields are dropped and listed, wrongly typed fields are errors with document, path and
 * line. Nothing is partially returned: either the whole set, or every issue.
 */
import type { Document, LineCounter } from 'yaml';
import { err, ok, type Result } from '../lib/result';
import { bgpFilter as bgpFilterSchema, bgpPeer as bgpPeerSchema } from '../model/calico/resources';
import {
  formatCount,
  formatIssue,
  formatPath,
  fromZodIssues,
  ISSUES_PER_KIND,
  type Issue,
  type Path,
} from '../model/issues';
import { locate } from '../model/locate';
import { CALICO_YAML_LIMITS, readYaml } from '../model/yamlRead';
import {
  bgpConfigurationResource,
  blockAffinityResource,
  CALICO_V3,
  felixConfigurationResource,
  ipPoolResource,
  nodeResource,
} from './schemas';
import { isMapping, parseTolerant } from './tolerant';
import type { CalicoResourceSet } from './types';

export interface CalicoReadIssue extends Issue {
  /** 0-based index of the YAML document in the text. */
  readonly document: number;
}

export function formatReadIssue(i: CalicoReadIssue): string {
  return `document ${i.document + 1}, ${formatIssue(i)}`;
}

const CALICO_APIS = new Set([CALICO_V3, 'crd.projectcalico.org/v1']);
const SCHEMAS = {
  Node: nodeResource,
  IPPool: ipPoolResource,
  BGPConfiguration: bgpConfigurationResource,
  FelixConfiguration: felixConfigurationResource,
  BlockAffinity: blockAffinityResource,
  BGPPeer: bgpPeerSchema,
  BGPFilter: bgpFilterSchema,
} as const;
type Kind = keyof typeof SCHEMAS;
const isKind = (k: string): k is Kind => Object.hasOwn(SCHEMAS, k);

/** Kubernetes Node annotations Calico reads in KDD mode, and the Node.spec.bgp field each fills. */
const NODE_ANNOTATIONS = {
  'projectcalico.org/IPv4Address': 'ipv4Address',
  'projectcalico.org/IPv6Address': 'ipv6Address',
  'projectcalico.org/ASNumber': 'asNumber',
  'projectcalico.org/RouteReflectorClusterID': 'routeReflectorClusterID',
} as const;

/** The set while it is being collected. */
type Collected = {
  -readonly [K in keyof CalicoResourceSet]: CalicoResourceSet[K] extends readonly (infer T)[]
    ? T[]
    : CalicoResourceSet[K];
};

class Reader {
  readonly out: Collected = { nodes: [], ipPools: [], bgpPeers: [], bgpFilters: [], blockAffinities: [], ignored: [] };
  readonly issues: CalicoReadIssue[] = [];
  /** Problems per kind (the field, list indexes left out); past ISSUES_PER_KIND they are only counted. */
  private readonly kinds = new Map<string, { count: number; document: number }>();
  private readonly seen = new Map<string, number>();
  private document = 0;
  private yamlDoc: Document | undefined;

  constructor(private readonly lineCounter: LineCounter) {}

  readDocument(index: number, yamlDoc: Document, value: unknown): void {
    this.document = index;
    this.yamlDoc = yamlDoc;
    if (value === null || value === undefined) return;
    // calicoctl prints several results (kinds from `get -f`, or several names) as one sequence.
    if (Array.isArray(value)) return value.forEach((entry, i) => this.readEntry(entry, [i]));
    this.readEntry(value, []);
  }

  /** An object, or a `List` / `<Kind>List` of them. */
  private readEntry(value: unknown, at: Path): void {
    if (!isMapping(value))
      return this.issue(at, 'a Calico object is a mapping with apiVersion, kind, metadata and spec');
    const kind = value.kind;
    if (
      typeof kind === 'string' &&
      (kind === 'List' || kind.endsWith('List')) &&
      (Array.isArray(value.items) || value.items === null)
    ) {
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      (Array.isArray(value.items) ? value.items : []).forEach((item, i) => {
        const defaults = { apiVersion: value.apiVersion, ...(itemKind ? { kind: itemKind } : {}) };
        this.readObject(isMapping(item) ? { ...defaults, ...item } : item, [...at, 'items', i]);
      });
      return;
    }
    this.readObject(value, at);
  }

  private issue(
    path: Path,
    message: string,
    kind = `problems with ${formatPath(path).replace(/\[\d+\]/g, '[*]')}`,
  ): void {
    const seen = this.kinds.get(kind);
    if (seen) {
      if (++seen.count > ISSUES_PER_KIND) return;
    } else this.kinds.set(kind, { count: 1, document: this.document });
    const where = this.yamlDoc ? locate(this.yamlDoc, this.lineCounter, path) : undefined;
    this.issues.push({ document: this.document, path, message, ...where });
  }

  /** The listed issues, then a line per kind counting those left unlisted. */
  allIssues(): CalicoReadIssue[] {
    const counts: CalicoReadIssue[] = [];
    for (const [kind, { count, document }] of this.kinds) {
      if (count > ISSUES_PER_KIND)
        counts.push({
          document,
          path: [],
          message: `… and ${formatCount(count - ISSUES_PER_KIND)} more ${kind}`,
          omitted: count - ISSUES_PER_KIND,
        });
    }
    return [...this.issues, ...counts];
  }

  private readObject(raw: unknown, at: Path): void {
    if (!isMapping(raw)) return this.issue(at, 'a Calico object is a mapping with apiVersion, kind, metadata and spec');
    const { apiVersion, kind } = raw;
    if (typeof kind !== 'string' || kind === '') return this.issue([...at, 'kind'], 'kind is required (e.g. BGPPeer)');
    if (typeof apiVersion !== 'string')
      return this.issue([...at, 'apiVersion'], 'apiVersion is required (e.g. projectcalico.org/v3)');
    const meta = isMapping(raw.metadata) ? raw.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (apiVersion === 'v1' && kind === 'Node') return this.take('Node', fromKubernetesNode(raw, meta), at, name, true);
    if (!CALICO_APIS.has(apiVersion))
      return void this.out.ignored.push({ kind, name, reason: `apiVersion ${apiVersion} is not a Calico API` });
    if (!isKind(kind))
      return void this.out.ignored.push({ kind, name, reason: 'not read by calico-node to configure BGP' });
    if ((kind === 'BGPConfiguration' || kind === 'FelixConfiguration') && name !== 'default') {
      return void this.out.ignored.push({
        kind,
        name,
        reason: `only the "default" ${kind} is modelled (per-node settings are not)`,
      });
    }
    this.take(kind, normalize(kind, raw, meta), at, name, false);
  }

  private take(kind: Kind, value: Record<string, unknown>, at: Path, name: string, fromAnnotations: boolean): void {
    const parsed = parseTolerant(SCHEMAS[kind], value);
    for (const field of parsed.dropped.map(formatPath).sort())
      this.out.ignored.push({ kind, name, reason: 'unknown field, not read', field });
    if (!parsed.ok) {
      for (const i of fromZodIssues(parsed.issues))
        this.issue([...at, ...(fromAnnotations ? annotationPath(i.path) : i.path)], i.message);
      return;
    }
    const key = `${kind}/${name}`;
    const first = this.seen.get(key);
    if (first !== undefined)
      return this.issue(
        [...at, 'metadata', 'name'],
        `${kind} ${name} is defined twice (first in document ${first + 1})`,
        `objects defined twice`,
      );
    this.seen.set(key, this.document);
    const o = this.out;
    const v = parsed.value;
    switch (v.kind) {
      case 'Node':
        return void o.nodes.push(v);
      case 'IPPool':
        return void o.ipPools.push(v);
      case 'BGPConfiguration':
        o.bgpConfiguration = v;
        return;
      case 'FelixConfiguration':
        o.felixConfiguration = v;
        return;
      case 'BlockAffinity':
        return void o.blockAffinities.push(v);
      case 'BGPPeer':
        return void o.bgpPeers.push(v);
      case 'BGPFilter':
        return void o.bgpFilters.push(v);
    }
  }
}

/** The object as the schemas see it: v3 apiVersion, name and labels only, `spec: null` as `{}`. */
function normalize(kind: Kind, raw: Record<string, unknown>, meta: Record<string, unknown>): Record<string, unknown> {
  const { apiVersion: _a, metadata: _m, status: _s, spec, ...rest } = raw;
  let body: unknown = spec === null || spec === undefined ? {} : spec;
  if (isMapping(body) && kind === 'Node') body = 'bgp' in body ? { bgp: body.bgp } : {};
  return { ...rest, apiVersion: CALICO_V3, metadata: pickMeta(meta), spec: body };
}

function pickMeta(meta: Record<string, unknown>): Record<string, unknown> {
  return { name: meta.name, ...(meta.labels !== undefined && meta.labels !== null ? { labels: meta.labels } : {}) };
}

/** A Kubernetes v1 Node as Calico's KDD backend sees it: BGP fields from annotations. */
function fromKubernetesNode(raw: Record<string, unknown>, meta: Record<string, unknown>): Record<string, unknown> {
  const annotations = isMapping(meta.annotations) ? meta.annotations : {};
  const bgp: Record<string, unknown> = {};
  for (const [annotation, field] of Object.entries(NODE_ANNOTATIONS)) {
    const v = annotations[annotation];
    if (v === undefined) continue;
    bgp[field] = field === 'asNumber' && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  }
  return {
    apiVersion: CALICO_V3,
    kind: raw.kind,
    metadata: pickMeta(meta),
    spec: Object.keys(bgp).length > 0 ? { bgp } : {},
  };
}

function annotationPath(path: Path): Path {
  if (path[0] === 'spec' && path[1] === 'bgp' && typeof path[2] === 'string') {
    const annotation = Object.entries(NODE_ANNOTATIONS).find(([, f]) => f === path[2])?.[0];
    if (annotation) return ['metadata', 'annotations', annotation];
  }
  return path;
}

/** Reads the Calico resources of a (multi-document) YAML text, within CALICO_YAML_LIMITS. */
export function readCalicoResources(text: string): Result<CalicoResourceSet, CalicoReadIssue[]> {
  const read = readYaml(text, CALICO_YAML_LIMITS);
  if (!read.ok) return read;
  const reader = new Reader(read.value.lineCounter);
  read.value.documents.forEach(({ doc, value }, index) => reader.readDocument(index, doc, value));
  if (reader.issues.length > 0) return err(reader.allIssues());
  return ok({ ...reader.out });
}
