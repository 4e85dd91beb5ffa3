/**
 * Designs for the router config tests (not used by the app): a configurable one-rack fabric with
 * every router on one platform. Shared by the BIRD renderer tests (src/bird) and the other
 * platforms' tests (src/config).
 */
import { formatIssue } from '../issues';
import { parseDesign } from '../parse';
import type { Cluster, Platform, RouterPolicy, Topology } from '../schema';

export function mustParseDesign(text: string, where = 'design'): Topology {
  const r = parseDesign(text);
  if (!r.ok) throw new Error(`${where} does not parse:\n${r.error.map(formatIssue).join('\n')}`);
  return r.value.doc;
}

/** A copy of `doc` with every router on `platform`. */
export function onPlatform(doc: Topology, platform: Platform): Topology {
  const copy = structuredClone(doc);
  for (const r of copy.spec.routers) r.platform = platform;
  return copy;
}

export interface FabricOptions {
  readonly platform: Platform;
  /** tor-a's policy. */
  readonly policy?: RouterPolicy;
  /** tor-a reflects routes (cluster id 10.0.1.1). */
  readonly routeReflector?: boolean;
  /** tor-a's AS (default 65001). */
  readonly torAs?: number;
  /** The AS of each node of rack-a (undefined: the cluster AS 64512); default two nodes 65101, 65102. */
  readonly nodeAs?: readonly (number | undefined)[];
  /** spine-2, with a session to tor-a and no link: a multihop router session. */
  readonly multihopSpine?: boolean;
  /** tor-b in rack-a too, with a session to tor-a: a session on the shared rack segment. */
  readonly torPair?: boolean;
  /** A BGPPeer from rack-a's nodes to spine-1 (a multihop node group on the spine). */
  readonly nodesToSpine?: boolean;
  /** Settings merged into the cluster (AS 64512, no mesh). */
  readonly cluster?: Cluster;
}

/**
 * rack-a (10.0.1.0/24) with tor-a (10.0.1.1) and its nodes (10.0.1.11, ...), spine-1 (AS 65000,
 * 10.0.0.1) linked to tor-a with a session, and the BGPPeer rack-a-tor. Every router on
 * `platform`.
 */
export function fabric(o: FabricOptions): Topology {
  const torAs = o.torAs ?? 65001;
  const nodes = (o.nodeAs ?? [65101, 65102]).map((as, i) => ({
    name: `node-a${i + 1}`,
    rack: 'rack-a',
    address: `10.0.1.${11 + i}`,
    ...(as === undefined ? {} : { asNumber: as }),
  }));
  const tor = {
    name: 'tor-a',
    role: 'tor',
    rack: 'rack-a',
    asNumber: torAs,
    address: '10.0.1.1',
    platform: o.platform,
    ...(o.routeReflector ? { routeReflector: { clusterId: '10.0.1.1' } } : {}),
    ...(o.policy ? { policy: o.policy } : {}),
  };
  const routers: object[] = [
    tor,
    { name: 'spine-1', role: 'spine', asNumber: 65000, address: '10.0.0.1', platform: o.platform },
  ];
  const sessions = [['tor-a', 'spine-1']];
  if (o.multihopSpine) {
    routers.push({ name: 'spine-2', role: 'spine', asNumber: 65000, address: '10.0.0.2', platform: o.platform });
    sessions.push(['tor-a', 'spine-2']);
  }
  if (o.torPair) {
    routers.push({
      name: 'tor-b',
      role: 'tor',
      rack: 'rack-a',
      asNumber: torAs,
      address: '10.0.1.2',
      platform: o.platform,
    });
    sessions.push(['tor-a', 'tor-b']);
  }
  const peer = (name: string, ip: string, as: number) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPPeer',
    metadata: { name },
    spec: { nodeSelector: "rack == 'rack-a'", peerIP: ip, asNumber: as },
  });
  const doc = {
    apiVersion: 'liveroute/v1',
    kind: 'Topology',
    metadata: { name: 'fabric' },
    spec: {
      cluster: { asNumber: 64512, nodeToNodeMeshEnabled: false, ...o.cluster },
      racks: [{ name: 'rack-a', subnet: '10.0.1.0/24' }],
      nodes,
      routers,
      links: [['tor-a', 'spine-1']],
      sessions,
      calicoResources: [
        peer('rack-a-tor', '10.0.1.1', torAs),
        ...(o.nodesToSpine ? [peer('rack-a-spine', '10.0.0.1', 65000)] : []),
      ],
    },
  };
  return mustParseDesign(JSON.stringify(doc), 'fabric');
}

/** The trimmed, non-empty lines of a config. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
