/**
 * The BGPConfiguration fields whose values calico-node's confd writes into bird.cfg (the ignored
 * interfaces, the communities of prefix advertisements), validated as Calico v3.32 does
 * (libcalico-go/lib/validator/v3/validator.go and the CRD's schema): a cluster dump is untrusted
 * input, and a value that passes here is one that BIRD reads as the value it is (issue 15).
 */
import { z } from 'zod';
import { isIPv4, parsePrefix4, parsePrefix6, parseIPv6 } from '../../lib/ip';
import { k8sName } from '../primitives';

const show = (v: string) => JSON.stringify(v);

/** A masked IPv4 or IPv6 prefix. */
export const anyCidr = z.string().superRefine((v, ctx) => {
  const ok = v.includes(':') ? parsePrefix6(v).ok : parsePrefix4(v).ok;
  if (!ok)
    ctx.addIssue({
      code: 'custom',
      message: `${v} is not a masked IPv4 or IPv6 prefix (address/length, no host bits)`,
    });
});

/** Calico's ignoredInterfaceRegex: 1 to 15 of letters, digits, '_', '.', '-' and the wildcard '*' (but not "*" alone). */
const IGNORED_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/;

export function isIgnoredInterface(v: string): boolean {
  return v !== '*' && IGNORED_INTERFACE.test(v);
}

export const ignoredInterface = z.string().superRefine((v, ctx) => {
  if (!isIgnoredInterface(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `${show(v)} is not an interface name or pattern: 1 to 15 of letters, digits, '_', '.', '-' and '*' (and not "*" alone)`,
    });
  }
});

/** The CRD's `x-kubernetes-list-type: set`: no interface twice. */
export const ignoredInterfaces = z.array(ignoredInterface).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    if (seen.has(v))
      ctx.addIssue({ code: 'custom', path: [i], message: `${show(v)} is listed twice (ignoredInterfaces is a set)` });
    seen.add(v);
  });
});

/** What Calico's isValidCommunity accepts: the CRD pattern, then 16-bit (standard) or 32-bit (large) parts. */
function communityValueProblem(v: string): string | undefined {
  if (!/^(\d+):(\d+)$|^(\d+):(\d+):(\d+)$/.test(v)) return `${show(v)} is not a community value: use aa:nn or aa:nn:mm`;
  // Calico parses each part with ParseUint: leading zeros are read as decimal, not refused.
  const parts = v.split(':').map((p) => Number(p.replace(/^0+(?=\d)/, '')));
  const large = parts.length === 3;
  const max = large ? 4294967295 : 65535;
  if (parts.some((n) => !Number.isSafeInteger(n) || n > max)) {
    return large
      ? `${show(v)} is not a large community: each of its three parts is from 0 to 4294967295 (32 bits)`
      : `${show(v)} is not a standard community: each of its two parts is from 0 to 65535 (16 bits); use aa:nn:mm for a large community`;
  }
  return undefined;
}

export const bgpCommunityValue = z
  .string()
  .max(40, 'a community value is at most 40 characters')
  .superRefine((v, ctx) => {
    const problem = communityValueProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const namedCommunity = z.strictObject({
  // Calico's `name` validator: a DNS-1123 subdomain.
  name: k8sName,
  value: bgpCommunityValue,
});

export const prefixAdvertisement = z.strictObject({
  cidr: anyCidr,
  communities: z.array(z.string()).max(50, 'a prefix advertisement lists at most 50 communities'),
});

export const bgpCommunitiesFields = {
  communities: z.array(namedCommunity).max(500, 'communities lists at most 500 communities').optional(),
  prefixAdvertisements: z
    .array(prefixAdvertisement)
    .max(500, 'prefixAdvertisements lists at most 500 prefixes')
    .optional(),
} as const;

type CommunitiesSpec = {
  communities?: readonly { name: string; value: string }[] | undefined;
  prefixAdvertisements?: readonly { communities: readonly string[] }[] | undefined;
};

/**
 * Calico's validateBGPConfigurationSpec and CEL rule: a prefix advertisement's community is a
 * valid value (aa:nn with 16-bit parts, aa:nn:mm with 32-bit parts) or the name of one of
 * `communities`; communities are only defined when some prefix is advertised.
 */
export function checkBgpCommunities(spec: CommunitiesSpec, ctx: z.RefinementCtx): void {
  const names = new Set((spec.communities ?? []).map((c) => c.name));
  (spec.prefixAdvertisements ?? []).forEach((adv, i) => {
    adv.communities.forEach((c, j) => {
      const path = ['prefixAdvertisements', i, 'communities', j];
      if (/^\d+:\d+(:\d+)?$/.test(c)) {
        const problem = communityValueProblem(c);
        if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
      } else if (!names.has(c)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${show(c)} is neither a community value (aa:nn or aa:nn:mm) nor the name of one of spec.communities`,
        });
      }
    });
  });
  if ((spec.communities?.length ?? 0) > 0 && (spec.prefixAdvertisements?.length ?? 0) === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['communities'],
      message: 'communities are defined but not used in prefixAdvertisements',
    });
  }
}

/** The community as confd adds it to routes: its parts, or undefined when it is not a valid value. */
export function communityParts(v: string): number[] | undefined {
  return communityValueProblem(v) === undefined ? v.split(':').map(Number) : undefined;
}

export const localWorkloadPeeringIPV4 = z.string().superRefine((v, ctx) => {
  if (!isIPv4(v)) ctx.addIssue({ code: 'custom', message: `${show(v)} is not an IPv4 address` });
});

export const localWorkloadPeeringIPV6 = z.string().superRefine((v, ctx) => {
  if (parseIPv6(v) === undefined) ctx.addIssue({ code: 'custom', message: `${show(v)} is not an IPv6 address` });
});

/** The CRD's pattern `^(?i)(Trace|Debug|Info|Warning|Error|Fatal)?$`. */
export const logSeverityScreen = z.string().superRefine((v, ctx) => {
  if (!/^(trace|debug|info|warning|error|fatal)?$/i.test(v))
    ctx.addIssue({
      code: 'custom',
      message: `${show(v)} is not a log severity: Trace, Debug, Info, Warning, Error or Fatal`,
    });
});
