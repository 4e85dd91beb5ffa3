/**
 * Junos building blocks: a small statement tree printed in the curly-brace format, and the
 * neutral policies as `policy-options` (communities and policy-statements, one term per rule).
 */
import { commentText } from '../lib/text';
import type { Condition, NeutralPolicy, Operation, PolicyRule, RoutePolicy } from '../model/policy/types';
import { communityList, communityLists, describeRule, junosRange } from './common';

/** A statement (`x;`), a block (`head { ... }`) or a comment (`/* ... *\/`). */
export type JStmt = string | { readonly head: string; readonly body: readonly JStmt[] } | { readonly comment: string };

export const block = (head: string, body: readonly JStmt[]): JStmt => ({ head, body });
export const note = (comment: string): JStmt => ({ comment });

export function printJunos(stmts: readonly JStmt[], depth = 0): string[] {
  const pad = '    '.repeat(depth);
  return stmts.flatMap((s) => {
    if (typeof s === 'string') return [`${pad}${s};`];
    // One line, and no `*/` that would end the comment early.
    if ('comment' in s) return [`${pad}/* ${commentText(s.comment).replaceAll('*/', '* /')} */`];
    return [`${pad}${s.head} {`, ...printJunos(s.body, depth + 1), `${pad}}`];
  });
}

/** The community every standard community matches, for `community delete` (sendCommunity: false). */
export const ALL_STANDARD_COMMUNITIES = 'LR-ALL-STANDARD-COMMUNITIES';
export const NEXT_HOP_SELF_POLICY = 'LR-NEXT-HOP-SELF';
export const LOAD_BALANCE_POLICY = 'LR-LOAD-BALANCE';

function fromLines(c: Condition): string[] {
  switch (c.kind) {
    case 'community':
      return [`community ${communityList(c.value).name}`];
    case 'bgp-learned':
      return ['protocol bgp'];
    case 'originated-default':
      return ['protocol static', 'route-filter 0.0.0.0/0 exact'];
    case 'prefix-list':
      return c.entries.map((e) => `route-filter ${e.prefix} ${junosRange(e)}`);
  }
}

function thenLine(op: Operation): string | undefined {
  switch (op.kind) {
    case 'set-local-pref':
      return `local-preference ${op.value}`;
    case 'set-preference':
      return undefined;
    case 'delete-communities':
      return `community delete ${ALL_STANDARD_COMMUNITIES}`;
  }
}

function term(name: string, rule: PolicyRule | undefined, action: 'accept' | 'reject'): JStmt {
  const from = (rule?.when ?? []).flatMap(fromLines);
  const then = [
    ...(action === 'accept' ? (rule?.apply ?? []).map(thenLine).filter((l): l is string => l !== undefined) : []),
    action,
  ];
  const body: JStmt[] = [];
  if (from.length === 1) body.push(`from ${from[0]}`);
  if (from.length > 1) body.push(block('from', from));
  body.push(then.length === 1 ? `then ${then[0]}` : block('then', then));
  return block(`term ${name}`, body);
}

function policyStatement(policy: RoutePolicy): JStmt {
  const terms: JStmt[] = [];
  policy.rules.forEach((rule, i) => {
    terms.push(note(describeRule(rule, i)));
    if (rule.when.some((c) => c.kind === 'prefix-list')) {
      const list = rule.when.find((c) => c.kind === 'prefix-list');
      if (list) terms.push(note(`${list.name}: ${list.entries.map((e) => `${e.prefix} ${junosRange(e)}`).join(', ')}`));
    }
    terms.push(term(`rule-${i + 1}`, rule, rule.then));
  });
  terms.push(note(`otherwise -> ${policy.otherwise}`), term('otherwise', undefined, policy.otherwise));
  return block(`policy-statement ${policy.name}`, terms);
}

/** `policy-options`: community definitions and the policy statements. */
export function policyOptions(p: NeutralPolicy): JStmt {
  const deletes = [p.import, p.exportToRouters, p.exportToNodes].some((pol) =>
    pol.rules.some((r) => r.apply.some((op) => op.kind === 'delete-communities')),
  );
  const body: JStmt[] = [
    ...communityLists(p).map((c) => `community ${c.name} members ${c.kind === 'large' ? `large:${c.value}` : c.value}`),
    ...(deletes
      ? [
          note('sendCommunity: false removes every standard community on export'),
          `community ${ALL_STANDARD_COMMUNITIES} members "*:*"`,
        ]
      : []),
  ];
  if (p.elevated) {
    body.push(
      note(
        `Elevated routes (community ${p.elevated.community}) get LOCAL_PREF ${p.elevated.localPref}; BIRD routers also give them preference ${p.elevated.preference}, which has no Junos equivalent.`,
      ),
    );
  }
  body.push(policyStatement(p.import), policyStatement(p.exportToRouters), policyStatement(p.exportToNodes));
  body.push(
    note('eBGP: next hop self (chained before the export policy; it does not accept or reject)'),
    block(`policy-statement ${NEXT_HOP_SELF_POLICY}`, ['then next-hop self']),
  );
  if (p.multipath)
    body.push(
      note('ECMP in the forwarding table'),
      block(`policy-statement ${LOAD_BALANCE_POLICY}`, ['then load-balance per-packet']),
    );
  return block('policy-options', body);
}
