/**
 * What confd knows about the node it renders for, derived once from the resource set: its IPv4
 * address and subnet, AS, route-reflector cluster ID, the cluster-wide BGP settings with their
 * defaults (domain spec §3.2), and lookups (nodes by name, filters by name, label selectors).
 */
import { formatPrefix4, maskOf, parseIPv4, parsePrefix4, parsePrefix6 } from '../../lib/ip';
import { birdString, UnquotableValueError } from '../../lib/text';
import { compareStrings } from '../../lib/names';
import { matchesSelector, parseSelector } from '../../model/calico/selector';
import { durationMs } from '../../model/primitives';
import { DEFAULT_AS_NUMBER, DEFAULT_NORMAL_PRIORITY } from '../../model/resolve';
import type {
  BGPConfigurationResource,
  BGPFilter,
  CalicoResourceSet,
  NodeResource,
  ProgramClusterRoutes,
} from '../types';

/** Options of a render that are not Calico resources. */
export interface RenderOptions {
  /**
   * Secret values for BGPPeer / BGPConfiguration passwords, keyed `<secret name>/<key>`. A
   * password whose secret is missing is left out, as confd does when it cannot read the secret.
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /**
   * Extra static routes confd's route generator adds for Services with
   * `externalTrafficPolicy: Local` and an endpoint on this node (e.g. `10.101.0.101/32`), domain
   * spec §4.9. They are advertised but, unlike the BGPConfiguration CIDRs, not rejected from the kernel.
   */
  readonly serviceRoutes?: readonly string[];
}

export class CalicoRenderError extends Error {}

/**
 * A value as a BIRD string literal. BIRD strings have no escapes: a value that cannot be quoted
 * (a double quote, a line break, NUL, ...) is refused, never spliced. The readers refuse such
 * values first (issue 15); this is the renderer's own guard for values that come another way.
 */
export function birdText(value: string, what: string): string {
  try {
    return birdString(value, what);
  } catch (e) {
    if (e instanceof UnquotableValueError) throw new CalicoRenderError(e.message);
    throw e;
  }
}

export interface NodeContext {
  readonly set: CalicoResourceSet;
  readonly options: RenderOptions;
  readonly node: NodeResource;
  readonly nodeName: string;
  /** The node's IPv4 address without prefix length (confd's `ip_addr_v4`). */
  readonly nodeIP: string;
  /** The node's IPv4 subnet, e.g. 10.192.0.0/16 (confd's `network_v4`). */
  readonly nodeSubnet: string;
  /** The node's AS as text (its own, else the cluster's); peer AS comparisons are on text. */
  readonly asNumber: string;
  readonly globalAS: string;
  /** Route reflector cluster ID, '' when the node is not a route reflector. */
  readonly clusterID: string;
  readonly bgp: BGPConfigurationResource['spec'];
  readonly normalPriority: number;
  readonly meshEnabled: boolean;
  readonly listenPort: number | undefined;
  /** Which pools' cluster routes BIRD programs (BGPConfiguration.programClusterRoutes, §7.7). */
  readonly clusterRoutes: { readonly ipip: boolean; readonly noEncap: boolean };
  /** confd's log level: none, info (default) or debug. */
  readonly logLevel: 'none' | 'info' | 'debug';
  readonly filters: ReadonlyMap<string, BGPFilter>;
  /** Nodes sorted by name. */
  readonly nodes: readonly NodeResource[];
  nodeByName(name: string): NodeResource | undefined;
  /** Nodes whose IPv4 or IPv6 BGP address is `ip`. */
  nodesWithAddress(ip: string): readonly NodeResource[];
  /** Names of the nodes a selector matches, sorted; none for an invalid selector. */
  nodesMatching(selector: string): string[];
  /** The password of a secret reference, if the secret was given. */
  secret(ref: { secretKeyRef: { name?: string | undefined; key: string } } | undefined): string | undefined;
}

/** The address part of `10.192.0.2/16`. */
export function addressOf(cidr: string | undefined): string {
  return (cidr ?? '').split('/')[0] ?? '';
}

export function nodeIPv4(node: NodeResource): string {
  return addressOf(node.spec.bgp?.ipv4Address);
}

export function nodeIPv6(node: NodeResource): string {
  return addressOf(node.spec.bgp?.ipv6Address);
}

/** Go's `math.Round(d.Seconds())` of a Calico duration, as text. */
export function roundedSeconds(d: string | undefined): string | undefined {
  return d === undefined ? undefined : String(Math.round(durationMs(d) / 1000));
}

function subnetOf(cidr: string): string {
  const [addr = '', len = '32'] = cidr.split('/');
  const a = parseIPv4(addr) ?? 0;
  const l = Number(len);
  return formatPrefix4({ addr: (a & maskOf(l)) >>> 0, len: l });
}

export function clusterRoutePolicy(mode: ProgramClusterRoutes | undefined): { ipip: boolean; noEncap: boolean } {
  switch (mode) {
    case 'Enabled':
      return { ipip: true, noEncap: true };
    case 'EnabledIPIPOnly':
      return { ipip: true, noEncap: false };
    case 'Disabled':
      return { ipip: false, noEncap: false };
    default:
      // EnabledNoEncapOnly is the default: BIRD programs no-encap pools, Felix IPIP pools.
      return { ipip: false, noEncap: true };
  }
}

/** What every node's rendering of one resource set shares: computed once per set, not per node. */
interface SetIndex {
  readonly nodes: NodeResource[];
  readonly byName: Map<string, NodeResource>;
  readonly byAddress: Map<string, NodeResource[]>;
  readonly selectors: Map<string, string[]>;
}

const INDEXES = new WeakMap<CalicoResourceSet, SetIndex>();

function indexOf(set: CalicoResourceSet): SetIndex {
  const cached = INDEXES.get(set);
  if (cached) return cached;
  const nodes = [...set.nodes].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
  const byAddress = new Map<string, NodeResource[]>();
  for (const n of nodes) {
    for (const ip of new Set([nodeIPv4(n), nodeIPv6(n)])) {
      if (ip !== '') byAddress.set(ip, [...(byAddress.get(ip) ?? []), n]);
    }
  }
  const index: SetIndex = {
    nodes,
    byName: new Map(nodes.map((n) => [n.metadata.name, n])),
    byAddress,
    selectors: new Map(),
  };
  INDEXES.set(set, index);
  return index;
}

export function nodeContext(set: CalicoResourceSet, nodeName: string, options: RenderOptions = {}): NodeContext {
  for (const route of options.serviceRoutes ?? []) {
    if (!(route.includes(':') ? parsePrefix6(route) : parsePrefix4(route)).ok)
      throw new CalicoRenderError(`service route ${JSON.stringify(route)} is not a masked IPv4 or IPv6 prefix`);
  }
  const index = indexOf(set);
  const node = index.byName.get(nodeName);
  if (!node) throw new CalicoRenderError(`there is no Node named ${nodeName}`);
  const cidr = node.spec.bgp?.ipv4Address;
  if (!cidr)
    throw new CalicoRenderError(
      `Node ${nodeName} has no spec.bgp.ipv4Address: confd renders no IPv4 BIRD configuration for it`,
    );
  const bgp = set.bgpConfiguration?.spec ?? {};
  const globalAS = String(bgp.asNumber ?? DEFAULT_AS_NUMBER);
  const nodes = index.nodes;
  const level = (bgp.logSeverityScreen ?? 'Info').toLowerCase();
  const selectorCache = index.selectors;
  return {
    set,
    options,
    node,
    nodeName,
    nodeIP: addressOf(cidr),
    nodeSubnet: subnetOf(cidr),
    asNumber: String(node.spec.bgp?.asNumber ?? globalAS),
    globalAS,
    clusterID: node.spec.bgp?.routeReflectorClusterID ?? '',
    bgp,
    normalPriority: bgp.ipv4NormalRoutePriority ?? DEFAULT_NORMAL_PRIORITY,
    meshEnabled: bgp.nodeToNodeMeshEnabled ?? true,
    listenPort: bgp.listenPort,
    clusterRoutes: clusterRoutePolicy(bgp.programClusterRoutes),
    // Calico keeps "debug" and "info"; every other severity turns BIRD's debug output off.
    logLevel: level === 'debug' || level === 'info' ? level : 'none',
    filters: new Map(set.bgpFilters.map((f) => [f.metadata.name, f])),
    nodes,
    nodeByName: (name) => index.byName.get(name),
    nodesWithAddress: (ip) => index.byAddress.get(ip) ?? [],
    nodesMatching(selector) {
      const cached = selectorCache.get(selector);
      if (cached) return cached;
      const parsed = parseSelector(selector);
      const names = parsed.ok
        ? nodes.filter((n) => matchesSelector(parsed.value, n.metadata.labels ?? {})).map((n) => n.metadata.name)
        : [];
      selectorCache.set(selector, names);
      return names;
    },
    secret(ref) {
      if (!ref) return undefined;
      const key = `${ref.secretKeyRef.name ?? ''}/${ref.secretKeyRef.key}`;
      const value = options.secrets?.[key];
      // The password is written as a BIRD string: one that cannot be quoted is refused here.
      if (value !== undefined) birdText(value, `the password in secret ${key}`);
      return value;
    },
  };
}
