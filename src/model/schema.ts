/**
 * The liveroute/v1 file (DESIGN §4). Unknown fields are errors. Optional scalars stay absent in
 * the parsed document (so a file round-trips as written); `resolve.ts` supplies the defaults.
 * Lists default to empty and are omitted again when serialized empty.
 */
import { z } from 'zod';
import {
  asNumber,
  cidr4,
  community,
  dnsLabel,
  felixDuration,
  ipv4Address,
  k8sName,
  labelMap,
  point,
  routePriority,
} from './primitives';
import { calicoResource } from './calico/resources';
import {
  checkEncapsulation,
  designBgpConfiguration,
  designFelixConfiguration,
  ipPoolExtraFields,
} from './calico/settings';
import { expectedSchema, lessonSchema, tagSchema } from './lesson';
import { multiLine, singleLine } from './text';

export const API_VERSION = 'liveroute/v1';
export const KIND = 'Topology';

export const ROUTER_ROLES = ['tor', 'spine', 'route-reflector', 'border'] as const;
export const PLATFORMS = ['bird1', 'bird2', 'frr', 'eos', 'nxos', 'junos'] as const;
export const TO_NODES_MODES = ['all', 'default-only', 'default-plus-host-routes'] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z.enum(values, { error: `${field} must be one of ${values.join(', ')}` });

/**
 * An IP pool. cidr, blockSize and disableBGPExport shape the routing; the other IPPool fields
 * (kept from an imported cluster, or set by hand) are written to the manifest as they are, and
 * ipipMode/vxlanMode also reach confd's rendering (default Never: live migration needs
 * unencapsulated pools, domain §6.4).
 */
export const ipPoolSchema = z
  .strictObject({
    name: k8sName,
    cidr: cidr4,
    blockSize: z
      .number({ error: 'expected a block size' })
      .int('a block size is a whole number')
      .min(20, 'an IPv4 blockSize is from 20 to 32')
      .max(32, 'an IPv4 blockSize is from 20 to 32')
      .optional(),
    disableBGPExport: z.boolean().optional(),
    ...ipPoolExtraFields,
  })
  .superRefine(checkEncapsulation);

export const clusterSchema = z.strictObject({
  asNumber: asNumber.optional(),
  nodeToNodeMeshEnabled: z.boolean().optional(),
  ipPools: z
    .array(ipPoolSchema)
    .min(1, 'ipPools needs at least one pool (omit it for the default 10.244.0.0/16)')
    .optional(),
  routePriority: z.strictObject({ normal: routePriority.optional(), elevated: routePriority.optional() }).optional(),
  bgpNormalRoutePriority: routePriority.optional(),
  liveMigrationRouteConvergenceTime: felixDuration.optional(),
  /** The default BGPConfiguration's spec fields not set above (e.g. from an imported cluster), exported and rendered as they are. */
  bgpConfiguration: designBgpConfiguration.optional(),
  /** The default FelixConfiguration's spec fields not set above, exported as they are. */
  felixConfiguration: designFelixConfiguration.optional(),
});

export const rackSchema = z.strictObject({ name: dnsLabel, subnet: cidr4 });

export const nodeSchema = z.strictObject({
  name: dnsLabel,
  rack: dnsLabel,
  address: ipv4Address,
  asNumber: asNumber.optional(),
  routeReflectorClusterID: ipv4Address.optional(),
  labels: labelMap.optional(),
  blocks: z.array(cidr4).optional(),
});

export const policySchema = z.strictObject({
  elevatedCommunity: community.optional(),
  sendCommunity: z.boolean().optional(),
  multipath: z.boolean().optional(),
  toNodes: oneOf(TO_NODES_MODES, 'toNodes').optional(),
  addPaths: z.boolean().optional(),
});

export const routerSchema = z.strictObject({
  name: dnsLabel,
  role: oneOf(ROUTER_ROLES, 'role'),
  rack: dnsLabel.optional(),
  asNumber,
  address: ipv4Address,
  platform: oneOf(PLATFORMS, 'platform'),
  routeReflector: z.strictObject({ clusterId: ipv4Address }).optional(),
  policy: policySchema.optional(),
});

const pair = z.tuple([dnsLabel, dnsLabel], { error: 'expected a pair [a, b] of router names' });

export const vmSchema = z.strictObject({ name: dnsLabel, ip: ipv4Address, node: dnsLabel });

export const migrationSchema = z.strictObject({ vm: dnsLabel, to: dnsLabel });

export const layoutSchema = z.strictObject({
  positions: z.record(z.string(), point).optional(),
});

export const specSchema = z.strictObject({
  cluster: clusterSchema.optional(),
  racks: z.array(rackSchema).default([]),
  nodes: z.array(nodeSchema).default([]),
  routers: z.array(routerSchema).default([]),
  links: z.array(pair).default([]),
  sessions: z.array(pair).default([]),
  calicoResources: z.array(calicoResource).default([]),
  vms: z.array(vmSchema).default([]),
  migration: migrationSchema.optional(),
  layout: layoutSchema.optional(),
});

export const metadataSchema = z.strictObject({
  name: dnsLabel,
  title: z.string().max(200, 'title is at most 200 characters').superRefine(singleLine('title')).optional(),
  description: z.string().superRefine(multiLine('description')).optional(),
  /** Short labels for the scenario gallery (iBGP, eBGP, communities, ECMP, RR, ...). */
  tags: z.array(tagSchema).max(12, 'at most 12 tags').optional(),
  /** The verdict per phase the author expects; `check` and the scenario tests compare it with the engine's. */
  expected: expectedSchema.optional(),
});

export const topologySchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(KIND, { error: `kind must be ${KIND}` }),
  metadata: metadataSchema,
  spec: specSchema,
  lesson: lessonSchema.optional(),
});

export type Topology = z.infer<typeof topologySchema>;
export type TopologyInput = z.input<typeof topologySchema>;
export type Spec = Topology['spec'];
export type Cluster = z.infer<typeof clusterSchema>;
export type IPPool = z.infer<typeof ipPoolSchema>;
export type Rack = z.infer<typeof rackSchema>;
export type CalicoNode = z.infer<typeof nodeSchema>;
export type Router = z.infer<typeof routerSchema>;
export type RouterRole = Router['role'];
export type Platform = Router['platform'];
export type RouterPolicy = z.infer<typeof policySchema>;
export type VM = z.infer<typeof vmSchema>;
export type Migration = z.infer<typeof migrationSchema>;
export type Layout = z.infer<typeof layoutSchema>;
export type Pair = [string, string];
