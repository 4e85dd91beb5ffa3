/**
 * The spec of the projectcalico.org/v3 cluster settings objects (IPPool, the default
 * BGPConfiguration and FelixConfiguration), as Calico v3.32's CRDs define them (domain spec §3).
 * They live here, in the model, because a design keeps the fields of an imported cluster that
 * liveroute does not set itself (spec.cluster.bgpConfiguration, .felixConfiguration, the pools'
 * extra fields) and writes them back out unchanged; the Calico reader (src/calico/read.ts) uses
 * the same schemas.
 */
import { z } from 'zod';
import { duration, felixDuration, MAX_ASN, routePriority } from '../primitives';
import {
  anyCidr,
  bgpCommunitiesFields,
  checkBgpCommunities,
  ignoredInterfaces,
  localWorkloadPeeringIPV4,
  localWorkloadPeeringIPV6,
  logSeverityScreen,
} from './bgpConfigurationFields';
import { parseSelector } from './selector';
import { quoteSelector } from './selector';

const asn = z
  .number({ error: 'expected an AS number' })
  .int('an AS number is a whole number')
  .min(1, `an AS number is from 1 to ${MAX_ASN}`)
  .max(MAX_ASN, `an AS number is from 1 to ${MAX_ASN}`);

export { anyCidr };

export const calicoSelector = z.string().superRefine((v, ctx) => {
  if (v.trim() === '') return;
  const parsed = parseSelector(v);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `invalid selector ${quoteSelector(v)}: ${parsed.error}` });
});

const secretRef = z.strictObject({
  secretKeyRef: z.strictObject({ name: z.string().optional(), key: z.string(), optional: z.boolean().optional() }),
});

// ------------------------------------------------------------------ IPPool

export const encapMode = z.enum(['Never', 'Always', 'CrossSubnet'], { error: 'must be Never, Always or CrossSubnet' });

/** The IPPool fields other than cidr, blockSize and disableBGPExport (which every pool of a design has). */
export const ipPoolExtraFields = {
  ipipMode: encapMode.optional(),
  vxlanMode: encapMode.optional(),
  natOutgoing: z.boolean().optional(),
  disabled: z.boolean().optional(),
  nodeSelector: calicoSelector.optional(),
  namespaceSelector: z.string().optional(),
  allowedUses: z
    .array(z.enum(['Workload', 'Tunnel', 'LoadBalancer'], { error: 'must be Workload, Tunnel or LoadBalancer' }))
    .optional(),
  assignmentMode: z.enum(['Automatic', 'Manual'], { error: 'must be Automatic or Manual' }).optional(),
} as const;

const on = (m: string | undefined) => m !== undefined && m !== 'Never';

/** Calico's cross-field rules of an IPPool's encapsulation. */
export function checkEncapsulation(
  s: { cidr: string; ipipMode?: string | undefined; vxlanMode?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (on(s.ipipMode) && on(s.vxlanMode))
    ctx.addIssue({ code: 'custom', path: ['vxlanMode'], message: 'ipipMode and vxlanMode cannot both be enabled' });
  if (s.cidr.includes(':') && on(s.ipipMode))
    ctx.addIssue({ code: 'custom', path: ['ipipMode'], message: 'IPIP is not supported on IPv6 pools' });
}

export const ipPoolSpec = z
  .strictObject({
    cidr: anyCidr,
    blockSize: z.number().int('a block size is a whole number').optional(),
    disableBGPExport: z.boolean().optional(),
    ...ipPoolExtraFields,
  })
  .superRefine((s, ctx) => {
    const v6 = s.cidr.includes(':');
    const [min, max] = v6 ? [116, 128] : [20, 32];
    if (s.blockSize !== undefined && (s.blockSize < min || s.blockSize > max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['blockSize'],
        message: `an ${v6 ? 'IPv6' : 'IPv4'} blockSize is from ${min} to ${max}`,
      });
    }
    checkEncapsulation(s, ctx);
  });

// ------------------------------------------------------------------ BGPConfiguration

const serviceBlock = z.strictObject({ cidr: anyCidr.optional() });
const programClusterRoutes = z.enum(['Enabled', 'Disabled', 'EnabledIPIPOnly', 'EnabledNoEncapOnly'], {
  error: 'must be Enabled, Disabled, EnabledIPIPOnly or EnabledNoEncapOnly',
});

/** BGPConfiguration spec fields a design's cluster settings set (spec.cluster), with where they live there. */
export const BGP_CONFIGURATION_MODELLED = {
  asNumber: 'spec.cluster.asNumber',
  nodeToNodeMeshEnabled: 'spec.cluster.nodeToNodeMeshEnabled',
  ipv4NormalRoutePriority: 'spec.cluster.bgpNormalRoutePriority',
} as const;

/** The BGPConfiguration spec fields other than those of BGP_CONFIGURATION_MODELLED. */
export const bgpConfigurationOtherFields = {
  logSeverityScreen: logSeverityScreen.optional(),
  listenPort: z
    .number()
    .int()
    .min(1, 'listenPort is from 1 to 65535')
    .max(65535, 'listenPort is from 1 to 65535')
    .optional(),
  bindMode: z.enum(['None', 'NodeIP'], { error: 'bindMode must be None or NodeIP' }).optional(),
  ignoredInterfaces: ignoredInterfaces.optional(),
  ipv6NormalRoutePriority: routePriority.optional(),
  ...bgpCommunitiesFields,
  serviceClusterIPs: z.array(serviceBlock).optional(),
  serviceExternalIPs: z.array(serviceBlock).optional(),
  serviceLoadBalancerIPs: z.array(serviceBlock).optional(),
  serviceLoadBalancerAggregation: z.enum(['Enabled', 'Disabled'], { error: 'must be Enabled or Disabled' }).optional(),
  programClusterRoutes: programClusterRoutes.optional(),
  localWorkloadPeeringIPV4: localWorkloadPeeringIPV4.optional(),
  localWorkloadPeeringIPV6: localWorkloadPeeringIPV6.optional(),
  nodeMeshPassword: secretRef.optional(),
  nodeMeshMaxRestartTime: duration.optional(),
} as const;

export const bgpConfigurationSpec = z
  .strictObject({
    asNumber: asn.optional(),
    nodeToNodeMeshEnabled: z.boolean().optional(),
    ipv4NormalRoutePriority: routePriority.optional(),
    ...bgpConfigurationOtherFields,
  })
  .superRefine(checkBgpCommunities);

// ------------------------------------------------------------------ FelixConfiguration

/** FelixConfiguration spec fields a design's cluster settings set (spec.cluster), with where they live there. */
export const FELIX_CONFIGURATION_MODELLED = {
  ipv4NormalRoutePriority: 'spec.cluster.routePriority.normal',
  ipv4ElevatedRoutePriority: 'spec.cluster.routePriority.elevated',
  liveMigrationRouteConvergenceTime: 'spec.cluster.liveMigrationRouteConvergenceTime',
} as const;

/**
 * Felix has some 200 settings; liveroute reads a handful (domain spec §3.3) and keeps every other
 * one as the JSON value it is (they reach the manifests through the YAML writer only, never a
 * routing config). Field names are Go JSON names: letters and digits, starting with a letter.
 */
const FELIX_FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;

export const felixOtherFields = {
  ipv6NormalRoutePriority: routePriority.optional(),
  ipv6ElevatedRoutePriority: routePriority.optional(),
  programClusterRoutes: programClusterRoutes.optional(),
} as const;

function checkFelixFieldNames(spec: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(spec)) {
    if (!FELIX_FIELD_NAME.test(key))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `${JSON.stringify(key)} is not a FelixConfiguration field name`,
      });
  }
}

export const felixConfigurationSpec = z
  .object({
    ipv4NormalRoutePriority: routePriority.optional(),
    ipv4ElevatedRoutePriority: routePriority.optional(),
    liveMigrationRouteConvergenceTime: felixDuration.optional(),
    ...felixOtherFields,
  })
  .catchall(z.json())
  .superRefine(checkFelixFieldNames);

/** A spec whose modelled fields are refused with where they belong in the design. */
function refuseModelled(modelled: Readonly<Record<string, string>>, kind: string) {
  return (spec: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const [field, home] of Object.entries(modelled)) {
      if (spec[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${kind}'s ${field} is set by ${home}, not here` });
    }
  };
}

/** spec.cluster.bgpConfiguration: the default BGPConfiguration's other spec fields, exported as they are. */
export const designBgpConfiguration = z
  .object(bgpConfigurationOtherFields)
  .catchall(z.unknown())
  .superRefine((spec, ctx) => {
    refuseModelled(BGP_CONFIGURATION_MODELLED, 'BGPConfiguration')(spec, ctx);
    checkBgpCommunities(spec, ctx);
    for (const key of Object.keys(spec)) {
      if (!(key in bgpConfigurationOtherFields) && !(key in BGP_CONFIGURATION_MODELLED)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown field "${key}": not a BGPConfiguration spec field of Calico v3.32`,
        });
      }
    }
  });

/** spec.cluster.felixConfiguration: the default FelixConfiguration's other spec fields, exported as they are. */
export const designFelixConfiguration = z
  .object(felixOtherFields)
  .catchall(z.json())
  .superRefine((spec, ctx) => {
    checkFelixFieldNames(spec, ctx);
    refuseModelled(FELIX_CONFIGURATION_MODELLED, 'FelixConfiguration')(spec, ctx);
  });
