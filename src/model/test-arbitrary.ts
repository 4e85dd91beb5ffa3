/**
 * fast-check arbitraries of VALID liveroute/v1 designs, for property tests (not used by the app).
 * Values are built consistently (addresses inside rack subnets, blocks and VM IPs inside pools,
 * references to existing names, Calico CEL rules respected), optional fields are either set or
 * absent (never `undefined`), and strings include what is hard for YAML: YAML 1.1 look-alikes
 * (`0b1`, `2001-12-14`, `yes`), indicators, line breaks, control and non-BMP characters (where
 * the field allows them: titles are one line, descriptions have no control characters but line
 * breaks). Hostile but valid values too (issue 15): names at their maximum length (63 for DNS
 * labels, 253 for Kubernetes names), AS numbers and communities at the edges of their ranges,
 * and the BGPConfiguration fields confd writes into bird.cfg (interface patterns, communities).
 */
import fc from 'fast-check';
import {
  annotationKeyArb,
  asn0Arb,
  asnArb,
  communityArb,
  coordArb,
  descriptionArb,
  dnsLabelArb,
  durationArb,
  felixDurationArb,
  k8sNameArb,
  labelsArb,
  platformArb,
  priorityArb,
  textArb,
  titleArb,
} from './test-values';
import type { BGPFilter, BGPPeer } from './calico/resources';
import type { BGPFilterOperation } from './calico/bgpfilter';
import type { BGPPeerSpec } from './calico/bgppeer';
import type { CalicoNode, Cluster, IPPool, Rack, Router, RouterPolicy, RouterRole, Topology, VM } from './schema';

const policyArb: fc.Arbitrary<RouterPolicy> = fc.record(
  {
    elevatedCommunity: communityArb,
    sendCommunity: fc.boolean(),
    multipath: fc.boolean(),
    toNodes: fc.constantFrom('all', 'default-only', 'default-plus-host-routes'),
    addPaths: fc.boolean(),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** Interface names and patterns as Calico's ignoredInterfaceRegex takes them: 1 to 15 of [a-zA-Z0-9_.*-], not "*" alone. */
const ignoredInterfaceArb = fc.oneof(
  fc.constantFrom('eth0', 'vxlan*', '*.cali', 'tunl0', 'x'.repeat(15), '-', '.', '_', '**', 'a.b_c-D*'),
  fc.stringMatching(/^[a-zA-Z0-9_.*-]{1,15}$/).filter((v) => v !== '*'),
);
const advertisedCidrArb = fc.constantFrom(
  '10.244.0.0/16',
  '10.96.0.0/12',
  '192.0.2.0/24',
  '0.0.0.0/0',
  '203.0.113.7/32',
  'fd00:10:96::/112',
);
/** communities and prefixAdvertisements: named communities, values at the edges, names that are used. */
const advertisementsArb = fc
  .tuple(
    fc.uniqueArray(fc.tuple(k8sNameArb, communityArb), { maxLength: 3, selector: ([name]) => name }),
    fc.array(fc.tuple(advertisedCidrArb, fc.array(fc.oneof(communityArb, fc.nat()), { maxLength: 4 })), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([named, advertised]) => ({
    ...(named.length > 0 ? { communities: named.map(([name, value]) => ({ name, value })) } : {}),
    prefixAdvertisements: advertised.map(([cidr, picks]) => ({
      cidr,
      communities: picks.map((p) =>
        typeof p === 'string' ? p : named.length > 0 ? (named[p % named.length] as [string, string])[0] : '65000:100',
      ),
    })),
  }));
const serviceBlocksArb = fc.array(
  advertisedCidrArb.map((cidr) => ({ cidr })),
  { maxLength: 2 },
);
const bgpConfigurationArb = fc
  .tuple(
    fc.record(
      {
        logSeverityScreen: fc.constantFrom('Info', 'debug', 'WARNING', 'Fatal', 'trace', ''),
        listenPort: fc.constantFrom(1, 179, 1790, 65535),
        bindMode: fc.constantFrom('None' as const, 'NodeIP' as const),
        ignoredInterfaces: fc.uniqueArray(ignoredInterfaceArb, { maxLength: 4 }),
        serviceClusterIPs: serviceBlocksArb,
        serviceExternalIPs: serviceBlocksArb,
        serviceLoadBalancerIPs: serviceBlocksArb,
        programClusterRoutes: fc.constantFrom(
          'Enabled' as const,
          'Disabled' as const,
          'EnabledIPIPOnly' as const,
          'EnabledNoEncapOnly' as const,
        ),
        localWorkloadPeeringIPV4: fc.constantFrom('169.254.0.179', '0.0.0.0'),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
    fc.option(advertisementsArb, { nil: undefined }),
  )
  .map(([fields, advertisements]) => ({ ...fields, ...advertisements }));

const clusterArb: fc.Arbitrary<Cluster> = fc.record(
  {
    asNumber: asnArb,
    nodeToNodeMeshEnabled: fc.boolean(),
    ipPools: fc
      .tuple(
        fc.record(
          { blockSize: fc.constant(26), disableBGPExport: fc.boolean() },
          { requiredKeys: [], noNullPrototype: true },
        ),
        fc.option(
          fc.record({ blockSize: fc.integer({ min: 20, max: 32 }) }, { requiredKeys: [], noNullPrototype: true }),
          { nil: undefined },
        ),
      )
      .map(([a, b]): IPPool[] => [
        { name: 'pool-a', cidr: '10.244.0.0/16', ...a },
        ...(b ? [{ name: 'pool.b', cidr: '10.96.0.0/16', ...b }] : []),
      ]),
    routePriority: fc.record(
      { normal: priorityArb, elevated: priorityArb },
      { requiredKeys: [], noNullPrototype: true },
    ),
    bgpNormalRoutePriority: priorityArb,
    liveMigrationRouteConvergenceTime: felixDurationArb,
    bgpConfiguration: bgpConfigurationArb,
  },
  { requiredKeys: [], noNullPrototype: true },
);

const opArb: fc.Arbitrary<BGPFilterOperation> = fc.oneof(
  communityArb.map((value) => ({ addCommunity: { value } })),
  fc.array(asn0Arb, { minLength: 1, maxLength: 10 }).map((prefix) => ({ prependASPath: { prefix } })),
  priorityArb.map((value) => ({ setPriority: { value } })),
);

function ruleArb(family: 'V4' | 'V6') {
  const cidrs =
    family === 'V4'
      ? ['10.244.0.0/16', '0.0.0.0/0', '192.168.1.128/25', '10.244.1.5/32']
      : ['2001:db8::/32', '::/0', 'fd00:10:244::/122', '::1/128'];
  const maxLen = family === 'V4' ? 32 : 128;
  const len = fc.integer({ min: 0, max: maxLen });
  return fc
    .record(
      {
        action: fc.constantFrom('Accept' as const, 'Reject' as const),
        match: fc.record(
          {
            cidr: fc.constantFrom(...cidrs),
            matchOperator: fc.constantFrom('Equal' as const, 'NotEqual' as const, 'In' as const, 'NotIn' as const),
            prefixLength: fc.record({ min: len, max: len }, { requiredKeys: [], noNullPrototype: true }),
          },
          { requiredKeys: ['cidr', 'matchOperator'], noNullPrototype: true },
        ),
        source: fc.constant('RemotePeers' as const),
        interface: fc.constantFrom('*', 'eth0', 'cali*', 'a.b_c-D*', 'x'.repeat(15)),
        peerType: fc.constantFrom('eBGP' as const, 'iBGP' as const),
        communities: communityArb.map((c) => ({ values: [c] })),
        asPathPrefix: fc.array(asn0Arb, { maxLength: 3 }),
        priority: priorityArb,
        operations: fc.array(opArb, { minLength: 1, maxLength: 10 }),
      },
      { requiredKeys: ['action'], noNullPrototype: true },
    )
    .map(({ match, operations, ...rule }) => ({
      ...rule,
      ...match,
      ...(operations && rule.action === 'Accept' ? { operations } : {}),
    }));
}

const filterSpecArb = fc.record(
  {
    exportV4: fc.array(ruleArb('V4'), { maxLength: 3 }),
    importV4: fc.array(ruleArb('V4'), { maxLength: 3 }),
    exportV6: fc.array(ruleArb('V6'), { maxLength: 2 }),
    importV6: fc.array(ruleArb('V6'), { maxLength: 2 }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const metaExtrasArb = fc.record(
  { labels: labelsArb, annotations: fc.dictionary(annotationKeyArb, textArb, { maxKeys: 3, noNullPrototype: true }) },
  { requiredKeys: [], noNullPrototype: true },
);

const SELECTORS = [
  'all()',
  'has(zone)',
  "zone in {'z1', 'z2'}",
  "!has(x) && rack != 'a' || role starts with 'w'",
  "kubernetes.io/hostname == 'n1'",
  '',
];

const peerOptionsArb = fc.record(
  {
    localASNumber: asn0Arb,
    filters: fc.array(dnsLabelArb, { maxLength: 3 }),
    nextHop: fc.oneof(
      fc.constant({ keepOriginalNextHop: true }),
      fc
        .constantFrom('Auto' as const, 'Self' as const, 'Keep' as const)
        .map((nextHopMode) => ({ keepOriginalNextHop: false, nextHopMode })),
    ),
    sourceAddress: fc.constantFrom('UseNodeIP' as const, 'None' as const),
    ttlSecurity: fc.integer({ min: 0, max: 255 }),
    numAllowedLocalASNumbers: fc.integer({ min: 0, max: 2147483647 }),
    maxRestartTime: durationArb,
    keepaliveTime: durationArb,
    reversePeering: fc.constantFrom('Auto' as const, 'Manual' as const),
    password: fc
      .record({ name: textArb, key: textArb, optional: fc.boolean() }, { requiredKeys: ['key'], noNullPrototype: true })
      .map((secretKeyRef) => ({ secretKeyRef })),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const peerShapeArb = fc.record({
  scope: fc.constantFrom('global', 'selector', 'rack', 'node'),
  target: fc.constantFrom('peerIP', 'peerIPPort', 'peerIPv6', 'peerSelector', 'localWorkload'),
  selector: fc.constantFrom(...SELECTORS),
  pick: fc.nat(),
  asNumber: fc.option(asnArb, { nil: undefined }),
  reachableBy: fc.boolean(),
  options: peerOptionsArb,
});

const nodeShapeArb = fc.record(
  {
    asNumber: asnArb,
    routeReflectorClusterID: fc.constantFrom('224.0.0.1', '10.0.0.100'),
    labels: labelsArb,
    blocks: fc.constantFrom('explicit', 'empty'),
  },
  { requiredKeys: [], noNullPrototype: true },
);
const routerShapeArb = fc.record({
  asNumber: asnArb,
  platform: platformArb,
  extra: fc.record(
    { policy: policyArb, routeReflector: fc.constant(true) },
    { requiredKeys: [], noNullPrototype: true },
  ),
});

const paramsArb = fc.record({
  names: fc.uniqueArray(dnsLabelArb, { minLength: 30, maxLength: 30 }),
  vmNames: fc.uniqueArray(dnsLabelArb, { minLength: 5, maxLength: 5 }),
  peerNames: fc.uniqueArray(k8sNameArb, { minLength: 6, maxLength: 6 }),
  metadata: fc.record({ title: titleArb, description: descriptionArb }, { requiredKeys: [], noNullPrototype: true }),
  cluster: fc.option(clusterArb, { nil: undefined }),
  racks: fc.array(
    fc.record({ tors: fc.array(routerShapeArb, { maxLength: 2 }), nodes: fc.array(nodeShapeArb, { maxLength: 4 }) }),
    { maxLength: 3 },
  ),
  others: fc.array(fc.tuple(fc.constantFrom<RouterRole>('spine', 'route-reflector', 'border'), routerShapeArb), {
    maxLength: 3,
  }),
  links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  sessions: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  filters: fc.array(fc.tuple(filterSpecArb, metaExtrasArb), { maxLength: 2 }),
  peers: fc.array(fc.tuple(peerShapeArb, metaExtrasArb), { maxLength: 4 }),
  vms: fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.nat()), { maxLength: 5, selector: ([ip]) => ip }),
  migrate: fc.boolean(),
  positions: fc.array(fc.tuple(fc.nat(), coordArb, coordArb), { maxLength: 6 }),
});

type Params = typeof paramsArb extends fc.Arbitrary<infer P> ? P : never;

function build(p: Params): Topology {
  let n = 0;
  const name = () => p.names[n++] as string;
  const racks: Rack[] = [];
  const nodes: CalicoNode[] = [];
  const routers: Router[] = [];
  let block = 0;
  p.racks.forEach((r, i) => {
    const rack = name();
    racks.push({ name: rack, subnet: `10.0.${i + 1}.0/24` });
    r.tors.forEach((t, j) => {
      const tor: Router = {
        name: name(),
        role: 'tor',
        rack,
        asNumber: t.asNumber,
        address: `10.0.${i + 1}.${j + 1}`,
        platform: t.platform,
      };
      if (t.extra.policy) tor.policy = t.extra.policy;
      routers.push(tor);
    });
    r.nodes.forEach((s, m) => {
      const { blocks, ...rest } = s;
      const node: CalicoNode = { name: name(), rack, address: `10.0.${i + 1}.${11 + m}`, ...rest };
      if (blocks === 'explicit') node.blocks = [`10.244.${Math.floor(block / 4)}.${(block++ % 4) * 64}/26`];
      if (blocks === 'empty') node.blocks = [];
      nodes.push(node);
    });
  });
  p.others.forEach(([role, s], i) => {
    const address = `10.0.0.${i + 1}`;
    const router: Router = { name: name(), role, asNumber: s.asNumber, address, platform: s.platform };
    if (s.extra.routeReflector) router.routeReflector = { clusterId: address };
    if (s.extra.policy) router.policy = s.extra.policy;
    routers.push(router);
  });
  const pairs = (list: [number, number][]) => {
    const out: [string, string][] = [];
    if (routers.length < 2) return out;
    for (const [a, b] of list) {
      const x = routers[a % routers.length]?.name as string;
      const y = routers[b % routers.length]?.name as string;
      if (x !== y && !out.some(([u, v]) => (u === x && v === y) || (u === y && v === x))) out.push([x, y]);
    }
    return out;
  };
  const filters: BGPFilter[] = p.filters.map(([spec, meta], i) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPFilter',
    metadata: { name: p.peerNames[i] as string, ...meta },
    spec,
  }));
  const peers: BGPPeer[] = p.peers.map(([s, meta], i) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'BGPPeer',
    metadata: { name: p.peerNames[i] as string, ...meta },
    spec: peerSpec(s, racks, nodes, routers),
  }));
  const vms: VM[] =
    nodes.length === 0
      ? []
      : p.vms.map(([ip, k], i) => ({
          name: p.vmNames[i] as string,
          ip: `10.244.${ip >> 8}.${ip & 255}`,
          node: nodes[k % nodes.length]?.name as string,
        }));
  const first = vms[0];
  const target = nodes.find((x) => x.name !== first?.node);
  const elements = [...racks, ...nodes, ...routers].map((e) => e.name);
  const positions: Record<string, [number, number]> = {};
  for (const [k, x, y] of p.positions)
    if (elements.length > 0) positions[elements[k % elements.length] as string] = [x, y];
  const doc: Topology = {
    apiVersion: 'liveroute/v1',
    kind: 'Topology',
    metadata: { name: name(), ...p.metadata },
    spec: {
      racks,
      nodes,
      routers,
      links: pairs(p.links),
      sessions: pairs(p.sessions),
      calicoResources: [...filters, ...peers],
      vms,
    },
  };
  if (p.cluster) doc.spec.cluster = p.cluster;
  if (p.migrate && first && target) doc.spec.migration = { vm: first.name, to: target.name };
  if (p.positions.length > 0 && elements.length > 0) doc.spec.layout = { positions };
  return structuredClone(doc);
}

function peerSpec(s: Params['peers'][number][0], racks: Rack[], nodes: CalicoNode[], routers: Router[]): BGPPeerSpec {
  const spec: BGPPeerSpec = { ...s.options.nextHop };
  const { nextHop: _, ...options } = s.options;
  Object.assign(spec, options);
  if (s.scope === 'selector' && s.selector !== '') spec.nodeSelector = s.selector;
  if (s.scope === 'rack' && racks.length > 0) spec.nodeSelector = `rack == '${racks[s.pick % racks.length]?.name}'`;
  if (s.scope === 'node' && nodes.length > 0) spec.node = nodes[s.pick % nodes.length]?.name as string;
  const router = routers[s.pick % Math.max(1, routers.length)];
  if (s.target === 'peerSelector') {
    spec.peerSelector = s.selector;
    if (s.asNumber !== undefined) spec.asNumber = 0;
  } else if (s.target === 'localWorkload') {
    spec.localWorkloadSelector = s.selector === '' ? 'all()' : s.selector;
    spec.asNumber = s.asNumber ?? 65010;
  } else {
    spec.peerIP =
      s.target === 'peerIPv6'
        ? '[fd00::1]:179'
        : `${router?.address ?? '192.0.2.1'}${s.target === 'peerIPPort' ? ':1790' : ''}`;
    if (s.asNumber !== undefined) spec.asNumber = s.asNumber;
    if (s.reachableBy) spec.reachableBy = s.target === 'peerIPv6' ? 'fd00::fe' : '10.0.1.254';
  }
  return spec;
}

/** Random valid designs. */
export const designArb: fc.Arbitrary<Topology> = paramsArb.map(build);
