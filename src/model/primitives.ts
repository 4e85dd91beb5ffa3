/**
 * Field-level schemas shared by the liveroute/v1 file and the Calico v3 objects it embeds. Every
 * refusal carries a message that names the offending value, so the UI and CLI can print
 * `spec.nodes[3].address (line 41): 10.0.2.300 is not an IPv4 address`.
 */
import { z } from 'zod';
import { isDnsLabel } from '../lib/names';
import { isIPv4, parsePrefix4, parsePrefix6, parseIPv6 } from '../lib/ip';

export const MAX_ASN = 4294967295;
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 2147483646;

const show = (v: string) => JSON.stringify(v);

/** A DNS-1123 label: the names of racks, nodes, routers and VMs. */
export const dnsLabel = z.string().superRefine((v, ctx) => {
  if (!isDnsLabel(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `${show(v)} is not a valid name: use lowercase letters, digits and '-', start and end with a letter or digit, at most 63 characters`,
    });
  }
});

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Kubernetes object name (DNS-1123 subdomain), as Calico resources use. */
export const k8sName = z.string().superRefine((v, ctx) => {
  if (v.length > 253 || !DNS_SUBDOMAIN.test(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `${show(v)} is not a valid resource name: lowercase letters, digits, '-' and '.', at most 253 characters`,
    });
  }
});

export const ipv4Address = z.string().superRefine((v, ctx) => {
  if (!isIPv4(v)) ctx.addIssue({ code: 'custom', message: `${v} is not an IPv4 address` });
});

export const ipAddress = z.string().superRefine((v, ctx) => {
  if (!isIPv4(v) && parseIPv6(v) === undefined) {
    ctx.addIssue({ code: 'custom', message: `${v} is not an IP address` });
  }
});

function prefixMessage(v: string, reason: 'syntax' | 'host-bits', family: 'IPv4' | 'IPv6'): string {
  return reason === 'host-bits'
    ? `${v} has host bits set: write the network address of the prefix`
    : `${v} is not an ${family} prefix (expected address/length)`;
}

/** A masked IPv4 prefix such as 10.244.0.0/16. */
export const cidr4 = z.string().superRefine((v, ctx) => {
  const p = parsePrefix4(v);
  if (!p.ok) ctx.addIssue({ code: 'custom', message: prefixMessage(v, p.reason, 'IPv4') });
});

export const cidr6 = z.string().superRefine((v, ctx) => {
  const p = parsePrefix6(v);
  if (!p.ok) ctx.addIssue({ code: 'custom', message: prefixMessage(v, p.reason, 'IPv6') });
});

export const asNumber = z
  .number({ error: 'expected an AS number' })
  .int('an AS number is a whole number')
  .min(1, `an AS number is from 1 to ${MAX_ASN}`)
  .max(MAX_ASN, `an AS number is from 1 to ${MAX_ASN}`);

/** A route priority (Linux metric) as Felix and BGPFilter use it: 1..2147483646. */
export const routePriority = z
  .number({ error: 'expected a route priority' })
  .int('a route priority is a whole number')
  .min(MIN_PRIORITY, `a route priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`)
  .max(MAX_PRIORITY, `a route priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`);

/** Go's time.ParseDuration syntax (as Calico's duration fields), without negative values. */
const DURATION = /^\+?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
};

/** Go-style duration (`30s`, `1m30s`, `500ms`), as Calico's duration fields take them. */
export const duration = z.string().superRefine((v, ctx) => {
  if (!DURATION.test(v)) {
    ctx.addIssue({ code: 'custom', message: `${show(v)} is not a duration (e.g. 30s, 1m30s, 500ms)` });
  }
});

/** FelixConfiguration's duration fields are narrower than Go's: the CRD pattern allows ms, s, m, h only. */
const FELIX_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** A FelixConfiguration duration (`liveMigrationRouteConvergenceTime`), per Calico's CRD pattern. */
export const felixDuration = z.string().superRefine((v, ctx) => {
  if (!FELIX_DURATION.test(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `${show(v)} is not a FelixConfiguration duration: digits with ms, s, m or h (e.g. 30s, 1m30s, 500ms)`,
    });
  }
});

/** Milliseconds of a duration already validated by `duration`. */
export function durationMs(v: string): number {
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  }
  return total;
}

const UINT_NO_LEADING_ZERO = /^(0|[1-9]\d*)$/;

/** Parses `a:b` (standard) or `a:b:c` (large) community text; undefined when invalid. */
export function parseCommunity(v: string): { kind: 'standard' | 'large'; parts: number[] } | undefined {
  const parts = v.split(':');
  if (parts.length !== 2 && parts.length !== 3) return undefined;
  if (!parts.every((p) => UINT_NO_LEADING_ZERO.test(p))) return undefined;
  const nums = parts.map(Number);
  const max = parts.length === 2 ? 65535 : MAX_ASN;
  if (nums.some((n) => n > max)) return undefined;
  return { kind: parts.length === 2 ? 'standard' : 'large', parts: nums };
}

/** A BGP community as Calico's BGPCommunityValue: `aa:nn` (16-bit parts) or `aa:nn:mm` (32-bit parts). */
export const community = z.string().superRefine((v, ctx) => {
  if (v.length > 32 || parseCommunity(v) === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `${show(v)} is not a BGP community: use aa:nn (each 0..65535) or aa:nn:mm (each 0..4294967295)`,
    });
  }
});

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Kubernetes label key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value));
}

export const labelMap = z
  .record(z.string(), z.string({ error: 'a label value is a string' }))
  .superRefine((labels, ctx) => {
    for (const [key, value] of Object.entries(labels)) {
      if (!isLabelKey(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${show(key)} is not a valid label key` });
      } else if (!isLabelValue(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${show(value)} is not a valid label value` });
      }
    }
  });

export const point = z.tuple([z.number(), z.number()], { error: 'expected a position [x, y]' });
