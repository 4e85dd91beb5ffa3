/**
 * zod schemas of the projectcalico.org/v3 objects calico-node's BGP configuration reads besides
 * BGPPeer and BGPFilter (those come from src/model/calico): Node, IPPool, BGPConfiguration,
 * FelixConfiguration, BlockAffinity. Field names and ranges follow Calico v3.32's CRDs
 * (third_party/calico/crds) and domain spec §3. Objects are strict: the reader drops and
 * lists the fields it does not read (read.ts), so what remains is exactly the typed view.
 */
import { z } from 'zod';
import { isIPv4, parseIPv6 } from '../lib/ip';
import { cidr4, cidr6, k8sName, labelMap, MAX_ASN } from '../model/primitives';
import { bgpConfigurationSpec, felixConfigurationSpec, ipPoolSpec } from '../model/calico/settings';

export { bgpConfigurationSpec, felixConfigurationSpec, ipPoolSpec };

export const CALICO_V3 = 'projectcalico.org/v3' as const;

/** What every object keeps of its metadata (server-side fields are dropped by the reader). */
export const metadata = z.strictObject({ name: k8sName, labels: labelMap.optional() });

const asn = z
  .number({ error: 'expected an AS number' })
  .int('an AS number is a whole number')
  .min(1, `an AS number is from 1 to ${MAX_ASN}`)
  .max(MAX_ASN, `an AS number is from 1 to ${MAX_ASN}`);

/** A node address as Node.spec.bgp holds it: `10.192.0.2/16` (host bits allowed) or a bare address. */
function hostCidr(family: 'IPv4' | 'IPv6') {
  return z.string().superRefine((v, ctx) => {
    const [addr = '', len, extra] = v.split('/');
    const max = family === 'IPv4' ? 32 : 128;
    const addrOk = family === 'IPv4' ? isIPv4(addr) : parseIPv6(addr) !== undefined;
    const lenOk = len === undefined || (/^(0|[1-9]\d{0,2})$/.test(len) && Number(len) <= max);
    if (!addrOk || !lenOk || extra !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${v} is not an ${family} address with an optional prefix length (e.g. ${family === 'IPv4' ? '10.192.0.2/16' : '2001::102/64'})`,
      });
    }
  });
}

// ------------------------------------------------------------------ Node

export const nodeSpec = z.strictObject({
  bgp: z
    .strictObject({
      ipv4Address: hostCidr('IPv4').optional(),
      ipv6Address: hostCidr('IPv6').optional(),
      asNumber: asn.optional(),
      routeReflectorClusterID: z
        .string()
        .refine((v) => v === '' || isIPv4(v), {
          message: 'routeReflectorClusterID is an IPv4 address (e.g. 224.0.0.1)',
        })
        .optional(),
      ipv4IPIPTunnelAddr: z.string().optional(),
    })
    .optional(),
});

export const nodeResource = z.strictObject({
  apiVersion: z.literal(CALICO_V3),
  kind: z.literal('Node'),
  metadata,
  spec: nodeSpec,
});

// ------------------------------------------------------------------ IPPool

export const ipPoolResource = z.strictObject({
  apiVersion: z.literal(CALICO_V3),
  kind: z.literal('IPPool'),
  metadata,
  spec: ipPoolSpec,
});

// ------------------------------------------------------------------ BGPConfiguration

export const bgpConfigurationResource = z.strictObject({
  apiVersion: z.literal(CALICO_V3),
  kind: z.literal('BGPConfiguration'),
  metadata,
  spec: bgpConfigurationSpec,
});

// ------------------------------------------------------------------ FelixConfiguration

export const felixConfigurationResource = z.strictObject({
  apiVersion: z.literal(CALICO_V3),
  kind: z.literal('FelixConfiguration'),
  metadata,
  spec: felixConfigurationSpec,
});

// ------------------------------------------------------------------ BlockAffinity

export const blockAffinitySpec = z.strictObject({
  node: z.string().min(1, 'node is required'),
  cidr: z.union([cidr4, cidr6], { error: 'cidr is a masked IPv4 or IPv6 prefix' }),
  state: z
    .enum(['', 'confirmed', 'pending', 'pendingDeletion'], {
      error: 'state must be "", confirmed, pending or pendingDeletion',
    })
    .optional(),
  // crd.projectcalico.org/v1 stores `deleted` as the string "true"/"false"; v3 as a boolean.
  deleted: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
      error: 'deleted is true or false',
    })
    .optional(),
  type: z.string().optional(),
});

export const blockAffinityResource = z.strictObject({
  apiVersion: z.literal(CALICO_V3),
  kind: z.literal('BlockAffinity'),
  metadata,
  spec: blockAffinitySpec,
});
