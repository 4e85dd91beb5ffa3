/**
 * zod schemas of the projectcalico.org/v3 objects calico-node's BGP configuration reads besides
 * BGPPeer and BGPFilter (those come from src/model/calico): Node, IPPool, BGPConfiguration,
 * FelixConfiguration, BlockAffinity. Field names and ranges follow Calico v3.32's CRDs
 * (shared/conformance/calico-crds) and domain spec §3. Objects are strict: the reader drops and
 * lists the fields it does not read (read.ts), so what remains is exactly the typed view.
 */
import { z } from 'zod';
import { isIPv4, parseIPv6, parsePrefix4, parsePrefix6 } from '../lib/ip';
import { cidr4, cidr6, duration, felixDuration, k8sName, labelMap, MAX_ASN, routePriority } from '../model/primitives';
import { parseSelector } from '../model/calico/selector';

export const CALICO_V3 = 'projectcalico.org/v3' as const;

/** What every object keeps of its metadata (server-side fields are dropped by the reader). */
export const metadata = z.strictObject({ name: k8sName, labels: labelMap.optional() });

const asn = z
  .number({ error: 'expected an AS number' })
  .int('an AS number is a whole number')
  .min(1, `an AS number is from 1 to ${MAX_ASN}`)
  .max(MAX_ASN, `an AS number is from 1 to ${MAX_ASN}`);

const anyCidr = z.string().superRefine((v, ctx) => {
  const ok = v.includes(':') ? parsePrefix6(v).ok : parsePrefix4(v).ok;
  if (!ok) ctx.addIssue({ code: 'custom', message: `${v} is not a masked IPv4 or IPv6 prefix (address/length, no host bits)` });
});

/** A node address as Node.spec.bgp holds it: `10.192.0.2/16` (host bits allowed) or a bare address. */
function hostCidr(family: 'IPv4' | 'IPv6') {
  return z.string().superRefine((v, ctx) => {
    const [addr = '', len, extra] = v.split('/');
    const max = family === 'IPv4' ? 32 : 128;
    const addrOk = family === 'IPv4' ? isIPv4(addr) : parseIPv6(addr) !== undefined;
    const lenOk = len === undefined || (/^(0|[1-9]\d{0,2})$/.test(len) && Number(len) <= max);
    if (!addrOk || !lenOk || extra !== undefined) {
      ctx.addIssue({ code: 'custom', message: `${v} is not an ${family} address with an optional prefix length (e.g. ${family === 'IPv4' ? '10.192.0.2/16' : '2001::102/64'})` });
    }
  });
}

const selector = z.string().superRefine((v, ctx) => {
  if (v.trim() === '') return;
  const parsed = parseSelector(v);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `invalid selector ${JSON.stringify(v)}: ${parsed.error}` });
});

const secretRef = z.strictObject({
  secretKeyRef: z.strictObject({ name: z.string().optional(), key: z.string(), optional: z.boolean().optional() }),
});

// ------------------------------------------------------------------ Node

export const nodeSpec = z.strictObject({
  bgp: z
    .strictObject({
      ipv4Address: hostCidr('IPv4').optional(),
      ipv6Address: hostCidr('IPv6').optional(),
      asNumber: asn.optional(),
      routeReflectorClusterID: z
        .string()
        .refine((v) => v === '' || isIPv4(v), { message: 'routeReflectorClusterID is an IPv4 address (e.g. 224.0.0.1)' })
        .optional(),
      ipv4IPIPTunnelAddr: z.string().optional(),
    })
    .optional(),
});

export const nodeResource = z.strictObject({ apiVersion: z.literal(CALICO_V3), kind: z.literal('Node'), metadata, spec: nodeSpec });

// ------------------------------------------------------------------ IPPool

const encapMode = z.enum(['Never', 'Always', 'CrossSubnet'], { error: 'must be Never, Always or CrossSubnet' });

export const ipPoolSpec = z
  .strictObject({
    cidr: anyCidr,
    blockSize: z.number().int('a block size is a whole number').optional(),
    ipipMode: encapMode.optional(),
    vxlanMode: encapMode.optional(),
    natOutgoing: z.boolean().optional(),
    disabled: z.boolean().optional(),
    disableBGPExport: z.boolean().optional(),
    nodeSelector: selector.optional(),
    namespaceSelector: z.string().optional(),
    allowedUses: z.array(z.enum(['Workload', 'Tunnel', 'LoadBalancer'], { error: 'must be Workload, Tunnel or LoadBalancer' })).optional(),
    assignmentMode: z.enum(['Automatic', 'Manual'], { error: 'must be Automatic or Manual' }).optional(),
  })
  .superRefine((s, ctx) => {
    const v6 = s.cidr.includes(':');
    const [min, max] = v6 ? [116, 128] : [20, 32];
    if (s.blockSize !== undefined && (s.blockSize < min || s.blockSize > max)) {
      ctx.addIssue({ code: 'custom', path: ['blockSize'], message: `an ${v6 ? 'IPv6' : 'IPv4'} blockSize is from ${min} to ${max}` });
    }
    const on = (m: string | undefined) => m !== undefined && m !== 'Never';
    if (on(s.ipipMode) && on(s.vxlanMode)) ctx.addIssue({ code: 'custom', path: ['vxlanMode'], message: 'ipipMode and vxlanMode cannot both be enabled' });
    if (v6 && on(s.ipipMode)) ctx.addIssue({ code: 'custom', path: ['ipipMode'], message: 'IPIP is not supported on IPv6 pools' });
  });

export const ipPoolResource = z.strictObject({ apiVersion: z.literal(CALICO_V3), kind: z.literal('IPPool'), metadata, spec: ipPoolSpec });

// ------------------------------------------------------------------ BGPConfiguration

const serviceBlock = z.strictObject({ cidr: anyCidr.optional() });

export const bgpConfigurationSpec = z.strictObject({
  asNumber: asn.optional(),
  nodeToNodeMeshEnabled: z.boolean().optional(),
  logSeverityScreen: z.string().optional(),
  listenPort: z.number().int().min(1, 'listenPort is from 1 to 65535').max(65535, 'listenPort is from 1 to 65535').optional(),
  bindMode: z.enum(['None', 'NodeIP'], { error: 'bindMode must be None or NodeIP' }).optional(),
  ignoredInterfaces: z.array(z.string()).optional(),
  ipv4NormalRoutePriority: routePriority.optional(),
  ipv6NormalRoutePriority: routePriority.optional(),
  communities: z
    .array(
      z.strictObject({
        name: z.string().max(253),
        value: z.string().regex(/^(\d+):(\d+)$|^(\d+):(\d+):(\d+)$/, 'a community value is aa:nn or aa:nn:mm'),
      }),
    )
    .optional(),
  prefixAdvertisements: z.array(z.strictObject({ cidr: anyCidr.optional(), communities: z.array(z.string()).optional() })).optional(),
  serviceClusterIPs: z.array(serviceBlock).optional(),
  serviceExternalIPs: z.array(serviceBlock).optional(),
  serviceLoadBalancerIPs: z.array(serviceBlock).optional(),
  serviceLoadBalancerAggregation: z.enum(['Enabled', 'Disabled'], { error: 'must be Enabled or Disabled' }).optional(),
  programClusterRoutes: z.enum(['Enabled', 'Disabled', 'EnabledIPIPOnly', 'EnabledNoEncapOnly'], { error: 'must be Enabled, Disabled, EnabledIPIPOnly or EnabledNoEncapOnly' }).optional(),
  localWorkloadPeeringIPV4: z.string().optional(),
  localWorkloadPeeringIPV6: z.string().optional(),
  nodeMeshPassword: secretRef.optional(),
  nodeMeshMaxRestartTime: duration.optional(),
});

export const bgpConfigurationResource = z.strictObject({ apiVersion: z.literal(CALICO_V3), kind: z.literal('BGPConfiguration'), metadata, spec: bgpConfigurationSpec });

// ------------------------------------------------------------------ FelixConfiguration

/** The FelixConfiguration fields liveroute reads (domain spec §3.3); the reader drops the rest silently. */
export const FELIX_FIELDS = [
  'ipv4NormalRoutePriority',
  'ipv4ElevatedRoutePriority',
  'ipv6NormalRoutePriority',
  'ipv6ElevatedRoutePriority',
  'liveMigrationRouteConvergenceTime',
  'programClusterRoutes',
] as const;

export const felixConfigurationSpec = z.strictObject({
  ipv4NormalRoutePriority: routePriority.optional(),
  ipv4ElevatedRoutePriority: routePriority.optional(),
  ipv6NormalRoutePriority: routePriority.optional(),
  ipv6ElevatedRoutePriority: routePriority.optional(),
  liveMigrationRouteConvergenceTime: felixDuration.optional(),
  programClusterRoutes: z.enum(['Enabled', 'Disabled', 'EnabledIPIPOnly', 'EnabledNoEncapOnly'], { error: 'must be Enabled, Disabled, EnabledIPIPOnly or EnabledNoEncapOnly' }).optional(),
});

export const felixConfigurationResource = z.strictObject({ apiVersion: z.literal(CALICO_V3), kind: z.literal('FelixConfiguration'), metadata, spec: felixConfigurationSpec });

// ------------------------------------------------------------------ BlockAffinity

export const blockAffinitySpec = z.strictObject({
  node: z.string().min(1, 'node is required'),
  cidr: z.union([cidr4, cidr6], { error: 'cidr is a masked IPv4 or IPv6 prefix' }),
  state: z.enum(['', 'confirmed', 'pending', 'pendingDeletion'], { error: 'state must be "", confirmed, pending or pendingDeletion' }).optional(),
  // crd.projectcalico.org/v1 stores `deleted` as the string "true"/"false"; v3 as a boolean.
  deleted: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'deleted is true or false' }).optional(),
  type: z.string().optional(),
});

export const blockAffinityResource = z.strictObject({ apiVersion: z.literal(CALICO_V3), kind: z.literal('BlockAffinity'), metadata, spec: blockAffinitySpec });
