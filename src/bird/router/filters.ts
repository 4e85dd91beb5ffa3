/**
 * The neutral RoutePolicy objects as BIRD filters (the same text for BIRD 1.x and 2). The engine
 * executes this text with its BIRD filter interpreter, so it keeps to a small subset: filters,
 * if/then, accept/reject, `source = RTS_*`, `net = prefix`, `net ~ [ prefix{a,b} ]`, community
 * membership and delete, `bgp_local_pref` and `preference` assignments.
 */
import { parseCommunity } from '../../model/primitives';
import type { Condition, Operation, PolicyRule, PrefixListEntry, RoutePolicy } from '../../model/policy/types';
import { BIRD_NAMES, birdPolicyName } from './names';

/** A BIRD community literal: `(a,b)` standard or `(a,b,c)` large. */
export function birdCommunity(value: string): { literal: string; attribute: 'bgp_community' | 'bgp_large_community' } {
  const c = parseCommunity(value);
  if (!c) throw new Error(`not a community: ${value}`);
  return {
    literal: `(${c.parts.join(',')})`,
    attribute: c.kind === 'standard' ? 'bgp_community' : 'bgp_large_community',
  };
}

/** A prefix-set element: `prefix{min,max}`. */
export function birdPrefixPattern(e: PrefixListEntry): string {
  return `${e.prefix}{${e.minLength},${e.maxLength}}`;
}

export function birdCondition(c: Condition): string {
  switch (c.kind) {
    case 'community': {
      const { literal, attribute } = birdCommunity(c.value);
      return `(${literal} ~ ${attribute})`;
    }
    case 'bgp-learned':
      return '(source = RTS_BGP)';
    case 'originated-default':
      return '((source = RTS_STATIC) && (net = 0.0.0.0/0))';
    case 'prefix-list':
      return `(net ~ [ ${c.entries.map(birdPrefixPattern).join(', ')} ])`;
  }
}

export function birdOperation(op: Operation): string {
  switch (op.kind) {
    case 'set-local-pref':
      return `bgp_local_pref = ${op.value};`;
    case 'set-preference':
      return `preference = ${op.value};`;
    case 'delete-communities':
      return 'bgp_community.delete([(*,*)]);';
  }
}

function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'community':
      return `carries ${c.value}`;
    case 'bgp-learned':
      return 'learned over BGP';
    case 'originated-default':
      return 'the originated default';
    case 'prefix-list':
      return `in ${c.name}`;
  }
}

function renderRule(rule: PolicyRule, index: number): string[] {
  const what = rule.when.length === 0 ? 'every route' : rule.when.map(describeCondition).join(', ');
  const out = [`  # rule ${index + 1}: ${what} -> ${rule.then}`];
  const body = [...rule.apply.map(birdOperation), `${rule.then};`];
  if (rule.when.length === 0) return [...out, ...body.map((l) => `  ${l}`)];
  const cond = rule.when.length === 1 ? (rule.when[0] as Condition) : null;
  const test = cond ? birdCondition(cond) : `(${rule.when.map(birdCondition).join(' && ')})`;
  if (body.length === 1) return [...out, `  if ${test} then ${body[0]}`];
  return [...out, `  if ${test} then {`, ...body.map((l) => `    ${l}`), '  }'];
}

/** One `filter` definition for a neutral policy. */
export function renderFilter(policy: RoutePolicy): string[] {
  return [
    `filter ${birdPolicyName(policy.name)}`,
    '{',
    ...policy.rules.flatMap(renderRule),
    `  # otherwise -> ${policy.otherwise}`,
    `  ${policy.otherwise};`,
    '}',
  ];
}

/** The kernel export filter: only BGP-learned routes reach the FIB (never the originated default). */
export function renderKernelFilter(): string[] {
  return [`filter ${BIRD_NAMES.kernel}`, '{', '  if (source = RTS_BGP) then accept;', '  reject;', '}'];
}
