/**
 * Helpers shared by the non-BIRD generators: names of the policy objects derived from the neutral
 * model, the lists a policy needs, transport choices and header comments. Every generator prints
 * the same RouterConfigModel.
 */
import { fitName } from '../lib/hash';
import { commentText } from '../lib/text';
import { parseCommunity } from '../model/primitives';
import type {
  Condition,
  NeutralPolicy,
  PolicyRule,
  PrefixListEntry,
  RoutePolicy,
  RouterConfigModel,
  RouterNeighbor,
} from '../model/policy/types';

/** The longest object name every platform takes (NX-OS route-map and template names: 63). */
export const VENDOR_NAME_MAX = 63;

export function vendorName(name: string): string {
  return fitName(name, VENDOR_NAME_MAX);
}

/** The prefix list that matches the originated default (the `originated-default` condition). */
export const DEFAULT_ROUTE_LIST = 'LR-DEFAULT-ROUTE';

/** VLAN of a ToR's rack segment on switch platforms (EOS, NX-OS, Junos); locally significant. */
export const RACK_VLAN = 100;

export interface CommunityList {
  readonly name: string;
  readonly kind: 'standard' | 'large';
  /** `aa:nn` or `aa:nn:mm`. */
  readonly value: string;
}

/** The list object matching one community, named after its value. */
export function communityList(value: string): CommunityList {
  const c = parseCommunity(value);
  if (!c) throw new Error(`not a community: ${value}`);
  return {
    name: `LR-${c.kind === 'standard' ? 'COMMUNITY' : 'LARGE-COMMUNITY'}-${c.parts.join('-')}`,
    kind: c.kind,
    value,
  };
}

export function policies(p: NeutralPolicy): RoutePolicy[] {
  return [p.import, p.exportToRouters, p.exportToNodes];
}

function conditions(p: NeutralPolicy): Condition[] {
  return policies(p).flatMap((policy) => policy.rules.flatMap((r) => r.when));
}

/** Every community list the policies match on, once each, in order of first use. */
export function communityLists(p: NeutralPolicy): CommunityList[] {
  const out = new Map<string, CommunityList>();
  for (const c of conditions(p)) {
    if (c.kind !== 'community') continue;
    const list = communityList(c.value);
    out.set(list.name, list);
  }
  return [...out.values()];
}

export interface PrefixList {
  readonly name: string;
  readonly entries: readonly PrefixListEntry[];
}

/** Every prefix list the policies match on, once each (the originated default's list first). */
export function prefixLists(p: NeutralPolicy): PrefixList[] {
  const out = new Map<string, PrefixList>();
  for (const c of conditions(p)) {
    if (c.kind === 'originated-default')
      out.set(DEFAULT_ROUTE_LIST, {
        name: DEFAULT_ROUTE_LIST,
        entries: [{ prefix: '0.0.0.0/0', minLength: 0, maxLength: 0 }],
      });
    if (c.kind === 'prefix-list') out.set(c.name, { name: vendorName(c.name), entries: c.entries });
  }
  return [...out.values()];
}

function prefixLength(prefix: string): number {
  return Number(prefix.split('/')[1]);
}

/** Cisco-style length range of a prefix-list entry (`''` exact, ` le N`, ` ge N`, ` ge N le M`). */
export function ciscoRange(e: PrefixListEntry): string {
  const len = prefixLength(e.prefix);
  const min = Math.max(len, e.minLength);
  if (min === len && e.maxLength === len) return '';
  if (min === len) return ` le ${e.maxLength}`;
  return e.maxLength === 32 ? ` ge ${min}` : ` ge ${min} le ${e.maxLength}`;
}

/** Junos route-filter match type of a prefix-list entry. */
export function junosRange(e: PrefixListEntry): string {
  const len = prefixLength(e.prefix);
  const min = Math.max(len, e.minLength);
  if (min === len && e.maxLength === len) return 'exact';
  if (min === len) return `upto /${e.maxLength}`;
  return `prefix-length-range /${min}-/${e.maxLength}`;
}

export function describeCondition(c: Condition): string {
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

export function describeRule(rule: PolicyRule, index: number): string {
  const when = rule.when.length === 0 ? 'every route' : rule.when.map(describeCondition).join(', ');
  const ops = rule.apply.map((op) =>
    op.kind === 'set-local-pref'
      ? `local-preference ${op.value}`
      : op.kind === 'set-preference'
        ? `BIRD preference ${op.value}`
        : 'delete standard communities',
  );
  return `rule ${index + 1}: ${when}${ops.length > 0 ? `: ${ops.join(', ')}` : ''} -> ${rule.then}`;
}

/** How a session to another router is carried (see RouterNeighbor.sharedSegment). */
export type Transport = 'segment' | 'link' | 'multihop';

export function neighborTransport(n: RouterNeighbor): Transport {
  if (n.sharedSegment) return 'segment';
  return n.multihop ? 'multihop' : 'link';
}

export function describeTransport(t: Transport): string {
  return t === 'segment'
    ? 'on the shared rack segment'
    : t === 'link'
      ? "over a link, between the routers' addresses"
      : 'multihop over the underlay';
}

/** The interface holding a switch's BGP address: the rack VLAN interface of a ToR, else a loopback. */
export function sourceInterface(model: RouterConfigModel, platform: 'eos' | 'nxos'): string {
  if (model.segment) return `Vlan${RACK_VLAN}`;
  return platform === 'eos' ? 'Loopback0' : 'loopback0';
}

/** The opening comment of every generated config (without the comment marker), each line one line. */
export function headerLines(model: RouterConfigModel, platform: string): string[] {
  const nodes = model.nodeGroups.reduce((n, g) => n + g.members.length, 0);
  const p = model.policy;
  const lines = [
    `${model.name}: ${platform} configuration generated by liveroute`,
    `role ${model.role}, AS ${model.asNumber}, address ${model.address}${model.routeReflectorClusterId ? `, route reflector (cluster id ${model.routeReflectorClusterId})` : ''}`,
    `${model.neighbors.length} router session(s), ${model.nodeGroups.length} group(s) of Calico nodes (${nodes} node(s))`,
    `policy: elevated community ${p.elevated?.community ?? 'none'}, send communities ${p.sendCommunity ? 'yes' : 'no'}, multipath ${p.multipath ? 'on' : 'off'}, to nodes ${p.toNodes}`,
  ];
  return lines.map(commentText);
}

/** The route-map / policy sequence of rule `index` and of the `otherwise` entry. */
export const ruleSeq = (index: number): number => (index + 1) * 10;
export const otherwiseSeq = (policy: RoutePolicy): number => Math.max(1000, ruleSeq(policy.rules.length));
