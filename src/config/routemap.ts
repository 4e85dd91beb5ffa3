/**
 * The neutral policies as Cisco-style route-maps, prefix lists and community lists: FRR, Arista
 * EOS and Cisco NX-OS share this grammar and differ in indentation, list syntax and how a block
 * ends. One route-map entry per rule (permit for accept, deny for reject), then the `otherwise`
 * entry, so the first matching entry decides exactly as the neutral RoutePolicy does.
 */
import type { Condition, NeutralPolicy, Operation, RoutePolicy } from '../model/policy/types';
import {
  communityList,
  communityLists,
  DEFAULT_ROUTE_LIST,
  describeRule,
  otherwiseSeq,
  prefixLists,
  ruleSeq,
  vendorName,
  ciscoRange,
} from './common';

export interface RouteMapDialect {
  /** Indentation of the lines inside a route-map entry. */
  readonly indent: string;
  /** Text that closes a route-map entry (FRR `exit`), if any. */
  readonly close: string | undefined;
  readonly prefixListLine: (name: string, seq: number, entry: string) => string;
  readonly communityListLine: (name: string, kind: 'standard' | 'large', seq: number, value: string) => string;
}

/**
 * A route-map match line, or a comment when the platform needs none: bgpd (FRR, EOS, NX-OS)
 * holds only BGP-learned routes here (nothing is redistributed or announced with `network`), so
 * `bgp-learned` always holds; the originated default is matched by its prefix.
 */
function matchLine(c: Condition): string | undefined {
  switch (c.kind) {
    case 'community': {
      const list = communityList(c.value);
      return `match ${list.kind === 'standard' ? 'community' : 'large-community'} ${list.name}`;
    }
    case 'bgp-learned':
      return undefined;
    case 'originated-default':
      return `match ip address prefix-list ${DEFAULT_ROUTE_LIST}`;
    case 'prefix-list':
      return `match ip address prefix-list ${vendorName(c.name)}`;
  }
}

/** A set line; BIRD's route preference has no equivalent (LOCAL_PREF alone ranks the route). */
function setLine(op: Operation): string | undefined {
  switch (op.kind) {
    case 'set-local-pref':
      return `set local-preference ${op.value}`;
    case 'set-preference':
      return undefined;
    case 'delete-communities':
      return 'set community none';
  }
}

function routeMap(policy: RoutePolicy, d: RouteMapDialect, comment: string): string[] {
  const out: string[] = [];
  const entry = (action: 'permit' | 'deny', seq: number, body: string[], note: string) => {
    out.push(
      `${comment} ${policy.name}, ${note}`,
      `route-map ${policy.name} ${action} ${seq}`,
      ...body.map((l) => `${d.indent}${l}`),
    );
    if (d.close) out.push(d.close);
    out.push(comment);
  };
  policy.rules.forEach((rule, i) => {
    const matches = rule.when.map(matchLine).filter((l): l is string => l !== undefined);
    const sets = rule.then === 'accept' ? rule.apply.map(setLine).filter((l): l is string => l !== undefined) : [];
    const implicit = rule.when.some((c) => c.kind === 'bgp-learned')
      ? ' (only BGP-learned routes reach this route-map)'
      : '';
    entry(
      rule.then === 'accept' ? 'permit' : 'deny',
      ruleSeq(i),
      [...matches, ...sets],
      `${describeRule(rule, i)}${implicit}`,
    );
  });
  entry(
    policy.otherwise === 'accept' ? 'permit' : 'deny',
    otherwiseSeq(policy),
    [],
    `otherwise -> ${policy.otherwise}`,
  );
  return out;
}

/** Prefix lists, community lists and the three route-maps (LR-IMPORT, LR-EXPORT-ROUTERS, LR-EXPORT-NODES). */
export function renderRouteMaps(p: NeutralPolicy, d: RouteMapDialect, comment: string): string[] {
  const out: string[] = [];
  for (const list of prefixLists(p)) {
    list.entries.forEach((e, i) => out.push(d.prefixListLine(list.name, ruleSeq(i), `${e.prefix}${ciscoRange(e)}`)));
  }
  if (out.length > 0) out.push(comment);
  const communities = communityLists(p);
  for (const list of communities) out.push(d.communityListLine(list.name, list.kind, 10, list.value));
  if (communities.length > 0) out.push(comment);
  if (p.elevated) {
    out.push(
      `${comment} Elevated routes (community ${p.elevated.community}) get LOCAL_PREF ${p.elevated.localPref}; BIRD routers also give them preference ${p.elevated.preference}, which has no equivalent here.`,
    );
  }
  for (const policy of [p.import, p.exportToRouters, p.exportToNodes]) out.push(...routeMap(policy, d, comment));
  return out;
}
