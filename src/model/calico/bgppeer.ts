/**
 * projectcalico.org/v3 BGPPeer as Calico v3.32 defines it (domain spec §3.1, CRD
 * projectcalico.org_bgppeers.yaml), with the CRD's CEL rules and messages.
 */
import { z } from 'zod';
import { duration, ipAddress, k8sName, MAX_ASN } from '../primitives';
import { isIPv4, parseIPv6 } from '../../lib/ip';
import { parseSelector, quoteSelector } from './selector';

const selector = z
  .string()
  .max(1024, 'a selector is at most 1024 characters')
  .superRefine((v, ctx) => {
    // Past 1024 characters the max() above has refused it; parsing it too would only cost time.
    if (v.trim() === '' || v.length > 1024) return;
    const parsed = parseSelector(v);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `invalid selector ${quoteSelector(v)}: ${parsed.error}` });
  });

/** `IP`, `IPv4:port` or `[IPv6]:port`, as BGPPeer.peerIP accepts. */
export function parsePeerIP(v: string): { ip: string; port?: number } | undefined {
  const portOk = (p: string) => /^[1-9]\d{0,4}$/.test(p) && Number(p) <= 65535;
  if (isIPv4(v) || parseIPv6(v) !== undefined) return { ip: v };
  const v4 = /^([\d.]+):(\d+)$/.exec(v);
  if (v4 && isIPv4(v4[1] as string) && portOk(v4[2] as string)) return { ip: v4[1] as string, port: Number(v4[2]) };
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(v);
  if (v6 && parseIPv6(v6[1] as string) !== undefined && portOk(v6[2] as string))
    return { ip: v6[1] as string, port: Number(v6[2]) };
  return undefined;
}

const peerIP = z
  .string()
  .max(64)
  .superRefine((v, ctx) => {
    if (parsePeerIP(v) === undefined) {
      ctx.addIssue({ code: 'custom', message: `${v} is not a peer address (IP, IPv4:port or [IPv6]:port)` });
    }
  });

const peerAsn = z
  .number({ error: 'expected an AS number' })
  .int('an AS number is a whole number')
  .min(0, `an AS number is from 0 to ${MAX_ASN}`)
  .max(MAX_ASN, `an AS number is from 0 to ${MAX_ASN}`);

export const bgpPeerSpec = z
  .strictObject({
    node: k8sName.optional(),
    nodeSelector: selector.optional(),
    peerIP: peerIP.optional(),
    peerSelector: selector.optional(),
    asNumber: peerAsn.optional(),
    localASNumber: peerAsn.optional(),
    localWorkloadSelector: selector.optional(),
    filters: z.array(k8sName).optional(),
    keepOriginalNextHop: z.boolean().optional(),
    nextHopMode: z.enum(['Auto', 'Self', 'Keep'], { error: 'nextHopMode must be Auto, Self or Keep' }).optional(),
    sourceAddress: z.enum(['UseNodeIP', 'None'], { error: 'sourceAddress must be UseNodeIP or None' }).optional(),
    reachableBy: ipAddress.optional(),
    ttlSecurity: z
      .number()
      .int()
      .min(0, 'ttlSecurity is from 0 to 255')
      .max(255, 'ttlSecurity is from 0 to 255')
      .optional(),
    numAllowedLocalASNumbers: z
      .number()
      .int()
      .min(0, 'numAllowedLocalASNumbers is at least 0')
      .max(2147483647)
      .optional(),
    maxRestartTime: duration.optional(),
    keepaliveTime: duration.optional(),
    reversePeering: z.enum(['Auto', 'Manual'], { error: 'reversePeering must be Auto or Manual' }).optional(),
    password: z
      .strictObject({
        secretKeyRef: z.strictObject({
          name: z.string().optional(),
          key: z.string(),
          optional: z.boolean().optional(),
        }),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const set = (v: string | undefined) => v !== undefined && v.length > 0;
    const rule = (bad: boolean, path: string, message: string) => {
      if (bad) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    rule(set(s.node) && set(s.nodeSelector), 'nodeSelector', 'node and nodeSelector cannot both be set');
    rule(set(s.peerIP) && set(s.peerSelector), 'peerSelector', 'peerIP and peerSelector cannot both be set');
    rule(
      set(s.peerSelector) && s.asNumber !== undefined && s.asNumber !== 0,
      'asNumber',
      'asNumber must be empty when peerSelector is set',
    );
    rule(
      set(s.localWorkloadSelector) && set(s.peerIP),
      'peerIP',
      'peerIP must be empty when localWorkloadSelector is set',
    );
    rule(
      set(s.localWorkloadSelector) && set(s.peerSelector),
      'peerSelector',
      'peerSelector must be empty when localWorkloadSelector is set',
    );
    rule(
      set(s.localWorkloadSelector) && !s.asNumber,
      'asNumber',
      'asNumber is required when localWorkloadSelector is set',
    );
    rule(set(s.reachableBy) && !set(s.peerIP), 'reachableBy', 'reachableBy must be empty when peerIP is empty');
    // Calico's Go validator: the gateway and the peer are of one address family.
    const peer = s.peerIP ? parsePeerIP(s.peerIP) : undefined;
    rule(
      set(s.reachableBy) &&
        peer !== undefined &&
        parsePeerIP(s.reachableBy as string) !== undefined &&
        isIPv4(peer.ip) !== isIPv4(s.reachableBy as string),
      'reachableBy',
      'reachableBy must be of the same address family as peerIP',
    );
    rule(
      s.keepOriginalNextHop === true && s.nextHopMode !== undefined,
      'keepOriginalNextHop',
      'keepOriginalNextHop and nextHopMode cannot both be set; keepOriginalNextHop is deprecated, use nextHopMode instead',
    );
  });
export type BGPPeerSpec = z.infer<typeof bgpPeerSpec>;
