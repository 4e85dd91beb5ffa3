/**
 * BGPFilter → BIRD functions, as confd renders them into bird.cfg (domain spec §4.3): one
 * `function` per filter, direction and family with rules, named
 * `'bgp_<name>_importFilterV4'` (long names shortened with a SHA-256 suffix), one statement per
 * rule with its conditions in a fixed order, operations before the action, and the peerType
 * guard around it. No default statement is added: a function that matches nothing returns and
 * the peer's filter goes on (§2.3).
 */
import { compareStrings } from '../../lib/names';
import { BIRD_INT_MAX } from '../../model/policy/compile';
import type { BGPFilterOperation, BGPFilterRule } from '../../model/calico/bgpfilter';
import type { BGPFilter } from '../types';
import { sha256Hex } from '../sha256';
import { birdText } from './context';

export type Family = 4 | 6;
export type Direction = 'import' | 'export';

/** BIRD symbols are at most 64 characters: `bgp_` + name + `_importFilterV4` leaves 45. */
export const MAX_FILTER_NAME = 64 - 'bgp__importFilterV4'.length;

/** confd's TruncateAndHashName: `name[:28] + "_" + upper(hex(sha256(name)))[:16]` when too long. */
export function truncateFilterName(name: string, max = MAX_FILTER_NAME): string {
  if (name.length <= max) return name;
  const hash = sha256Hex(name).toUpperCase().slice(0, 16);
  return `${name.slice(0, max - hash.length - 1)}_${hash}`;
}

export function filterFunctionName(filterName: string, direction: Direction, family: Family): string {
  return `'bgp_${truncateFilterName(filterName)}_${direction}FilterV${family}'`;
}

export function rulesOf(filter: BGPFilter, direction: Direction, family: Family): readonly BGPFilterRule[] {
  const s = filter.spec;
  const rules =
    direction === 'import' ? (family === 4 ? s.importV4 : s.importV6) : family === 4 ? s.exportV4 : s.exportV6;
  return rules ?? [];
}

/** Whether the function takes `(bool is_same_as)`: some rule of that direction and family has a peerType. */
export function takesPeerType(filter: BGPFilter, direction: Direction, family: Family): boolean {
  return rulesOf(filter, direction, family).some((r) => r.peerType !== undefined);
}

const OPERATORS = { Equal: '=', NotEqual: '!=', In: '~', NotIn: '!~' } as const;

function communityTuple(value: string): { text: string; large: boolean } {
  const parts = value.split(':');
  return { text: `(${parts.join(', ')})`, large: parts.length === 3 };
}

/** The prefix-length range confd writes for a rule: clamped to the CIDR's length and the family maximum. */
export function prefixRange(rule: BGPFilterRule, family: Family): { min: number; max: number } | undefined {
  if (!rule.cidr || !rule.prefixLength) return undefined;
  const cidrLen = Number(rule.cidr.split('/')[1]);
  const familyMax = family === 4 ? 32 : 128;
  return {
    min: Math.max(cidrLen, rule.prefixLength.min ?? cidrLen),
    max: Math.min(familyMax, rule.prefixLength.max ?? familyMax),
  };
}

/** The conditions of a rule, in confd's fixed order (not the YAML order). */
function conditions(rule: BGPFilterRule, family: Family): string[] {
  const out: string[] = [];
  if (rule.cidr && rule.matchOperator) {
    const op = OPERATORS[rule.matchOperator];
    const range = prefixRange(rule, family);
    // Written as is even when min > max: BIRD then refuses the config (domain spec §10.4).
    out.push(range ? `(net ${op} [ ${rule.cidr}{${range.min},${range.max}} ])` : `(net ${op} ${rule.cidr})`);
  }
  if (rule.source === 'RemotePeers') out.push('((defined(source))&&(source ~ [ RTS_BGP ]))');
  if (rule.interface)
    out.push(`((defined(ifname))&&(ifname ~ ${birdText(rule.interface, 'BGPFilter rule interface')}))`);
  const community = rule.communities?.values[0];
  if (community !== undefined) {
    const c = communityTuple(community);
    out.push(`(${c.text} ~ ${c.large ? 'bgp_large_community' : 'bgp_community'})`);
  }
  if (rule.asPathPrefix && rule.asPathPrefix.length > 0)
    out.push(`(bgp_path ~ [= ${rule.asPathPrefix.join(' ')} * =])`);
  if (rule.priority !== undefined)
    out.push(`(defined(bgp_local_pref)&&(bgp_local_pref = ${BIRD_INT_MAX - rule.priority}))`);
  return out;
}

function operation(op: BGPFilterOperation): string {
  if (op.addCommunity) {
    const c = communityTuple(op.addCommunity.value);
    return `${c.large ? 'bgp_large_community' : 'bgp_community'}.add(${c.text});`;
  }
  if (op.prependASPath) {
    // Prepended last to first, so the path ends up starting with the list as written (§4.3).
    return [...op.prependASPath.prefix]
      .reverse()
      .map((asn) => `bgp_path.prepend(${asn});`)
      .join(' ');
  }
  if (op.setPriority) return `bgp_local_pref = ${BIRD_INT_MAX - op.setPriority.value};`;
  return '';
}

/** One rule as a BIRD statement (without indentation). */
export function ruleStatement(rule: BGPFilterRule, family: Family): string {
  const body = [...(rule.operations ?? []).map(operation), rule.action === 'Accept' ? 'accept;' : 'reject;'].join(' ');
  const conds = conditions(rule, family);
  const statement = conds.length > 0 ? `if (${conds.join('&&')}) then { ${body} }` : body;
  if (rule.peerType === 'iBGP') return `if (is_same_as) then { ${statement} }`;
  if (rule.peerType === 'eBGP') return `if (!is_same_as) then { ${statement} }`;
  return statement;
}

function functionLines(filter: BGPFilter, direction: Direction, family: Family): string[] {
  const rules = rulesOf(filter, direction, family);
  if (rules.length === 0) return [];
  const params = takesPeerType(filter, direction, family) ? 'bool is_same_as' : '';
  return [
    `function ${filterFunctionName(filter.metadata.name, direction, family)}(${params}) {`,
    ...rules.map((r) => `  ${ruleStatement(r, family)}`),
    '}',
  ];
}

/**
 * The BGP Filters section of bird.cfg: every filter with rules of this family, sorted by name,
 * whether or not a peer of this node uses it (§9).
 */
export function filterFunctionsSection(filters: readonly BGPFilter[], family: Family): string[] {
  const out: string[] = [];
  for (const f of [...filters].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name))) {
    const lines = [...functionLines(f, 'import', family), ...functionLines(f, 'export', family)];
    if (lines.length > 0) out.push(`# v${family} BGPFilter ${f.metadata.name}`, ...lines);
  }
  return out.length > 0 ? out : [`# No v${family} BGPFilters configured`];
}

/**
 * The calls a peer's import or export filter makes, in the peer's `filters` order; names that
 * are not filters, and filters without rules for the direction and family, make no call (§4.4).
 */
export function filterCalls(
  names: readonly string[],
  filters: ReadonlyMap<string, BGPFilter>,
  direction: Direction,
  family: Family,
  sameAS: boolean,
): string[] {
  const out: string[] = [];
  for (const name of names) {
    const f = filters.get(name);
    if (!f || rulesOf(f, direction, family).length === 0) continue;
    out.push(
      `${filterFunctionName(name, direction, family)}(${takesPeerType(f, direction, family) ? String(sameAS) : ''});`,
    );
  }
  return out;
}

/** Rules whose prefix-length range is empty after clamping: BIRD refuses the whole config. */
export function invalidPrefixRanges(
  filters: readonly BGPFilter[],
): { filter: string; list: string; index: number; min: number; max: number }[] {
  const out: { filter: string; list: string; index: number; min: number; max: number }[] = [];
  for (const f of filters) {
    for (const [list, family] of [
      ['importV4', 4],
      ['exportV4', 4],
      ['importV6', 6],
      ['exportV6', 6],
    ] as const) {
      (f.spec[list] ?? []).forEach((rule, index) => {
        const range = prefixRange(rule, family);
        if (range && range.min > range.max) out.push({ filter: f.metadata.name, list, index, ...range });
      });
    }
  }
  return out;
}
