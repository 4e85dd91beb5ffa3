/**
 * projectcalico.org/v3 BGPFilter, field for field as Calico v3.32's CRD and validators define it
 * (domain spec §2: field names, value ranges, and the three CEL cross-field rules).
 */
import { z } from 'zod';
import { cidr4, cidr6, community, routePriority, MAX_ASN } from '../primitives';

const asnItem = z
  .number({ error: 'expected an AS number' })
  .int('an AS number is a whole number')
  .min(0, `an AS number is from 0 to ${MAX_ASN}`)
  .max(MAX_ASN, `an AS number is from 0 to ${MAX_ASN}`);

/** Calico's bgpFilterInterface validator: "*" or 1..15 of [a-zA-Z0-9_.*-]. */
const interfacePattern = z.string().superRefine((v, ctx) => {
  if (v !== '*' && !/^[a-zA-Z0-9_.*-]{1,15}$/.test(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(v)} is not an interface pattern: 1 to 15 of letters, digits, '_', '.', '-', '*'`,
    });
  }
});

const operation = z
  .strictObject({
    addCommunity: z.strictObject({ value: community }).optional(),
    prependASPath: z
      .strictObject({
        prefix: z
          .array(asnItem)
          .min(1, 'prependASPath.prefix needs 1 to 10 AS numbers')
          .max(10, 'prependASPath.prefix takes at most 10 AS numbers'),
      })
      .optional(),
    setPriority: z.strictObject({ value: routePriority }).optional(),
  })
  .superRefine((op, ctx) => {
    const set = Object.values(op).filter((v) => v !== undefined).length;
    if (set !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'an operation sets exactly one of addCommunity, prependASPath, setPriority',
      });
    }
  });

function ruleSchema(family: 'V4' | 'V6') {
  const maxLen = family === 'V4' ? 32 : 128;
  const lengthBound = z
    .number()
    .int('a prefix length is a whole number')
    .min(0, `a prefix length is from 0 to ${maxLen}`)
    .max(maxLen, `a prefix length is from 0 to ${maxLen}`);
  return z
    .strictObject({
      action: z.enum(['Accept', 'Reject'], { error: 'action must be Accept or Reject' }),
      matchOperator: z
        .enum(['Equal', 'NotEqual', 'In', 'NotIn'], { error: 'matchOperator must be Equal, NotEqual, In or NotIn' })
        .optional(),
      cidr: (family === 'V4' ? cidr4 : cidr6).optional(),
      prefixLength: z.strictObject({ min: lengthBound.optional(), max: lengthBound.optional() }).optional(),
      source: z.enum(['RemotePeers'], { error: 'source must be RemotePeers' }).optional(),
      interface: interfacePattern.optional(),
      peerType: z.enum(['eBGP', 'iBGP'], { error: 'peerType must be eBGP or iBGP' }).optional(),
      communities: z
        .strictObject({
          values: z
            .array(community)
            .min(1, 'communities.values needs exactly one value')
            .max(1, 'communities.values takes exactly one value'),
        })
        .optional(),
      asPathPrefix: z.array(asnItem).optional(),
      priority: routePriority.optional(),
      operations: z
        .array(operation)
        .min(1, 'operations, when present, lists 1 to 10 operations')
        .max(10, 'operations lists at most 10 operations')
        .optional(),
    })
    .superRefine((rule, ctx) => {
      // The CEL rules of Calico's CRD, with its messages.
      if (Boolean(rule.cidr) !== Boolean(rule.matchOperator)) {
        ctx.addIssue({
          code: 'custom',
          path: [rule.cidr ? 'matchOperator' : 'cidr'],
          message: 'cidr and matchOperator must both be set or both be empty',
        });
      }
      if (rule.prefixLength !== undefined && !rule.cidr) {
        ctx.addIssue({ code: 'custom', path: ['prefixLength'], message: 'cidr is required when prefixLength is set' });
      }
      if (rule.operations && rule.operations.length > 0 && rule.action !== 'Accept') {
        ctx.addIssue({
          code: 'custom',
          path: ['operations'],
          message: 'operations may only be used with action Accept',
        });
      }
    });
}

export const bgpFilterRuleV4 = ruleSchema('V4');
export const bgpFilterRuleV6 = ruleSchema('V6');
export type BGPFilterRuleV4 = z.infer<typeof bgpFilterRuleV4>;
export type BGPFilterRuleV6 = z.infer<typeof bgpFilterRuleV6>;
export type BGPFilterRule = BGPFilterRuleV4 | BGPFilterRuleV6;
export type BGPFilterOperation = NonNullable<BGPFilterRule['operations']>[number];

export const bgpFilterSpec = z.strictObject({
  exportV4: z.array(bgpFilterRuleV4).optional(),
  importV4: z.array(bgpFilterRuleV4).optional(),
  exportV6: z.array(bgpFilterRuleV6).optional(),
  importV6: z.array(bgpFilterRuleV6).optional(),
});
export type BGPFilterSpec = z.infer<typeof bgpFilterSpec>;
