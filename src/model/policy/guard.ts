/**
 * The router config generators' second line against config injection (issue 15). FRR, EOS and
 * NX-OS have no quoting at all, and BIRD and Junos write names, addresses and numbers bare: a
 * value is safe to splice only because it has the shape the reader gave it. Every generator
 * checks that of its model before writing a line: names are DNS labels (BGPPeer names
 * Kubernetes names), addresses IPv4, prefixes masked IPv4 prefixes, AS numbers and numbers
 * whole numbers in range, communities `aa:nn` or `aa:nn:mm` in range. A model compiled from a
 * design the reader accepted always passes; anything else throws, and nothing is written.
 */
import { isDnsLabel } from '../../lib/names';
import { isIPv4, parsePrefix4 } from '../../lib/ip';
import { MAX_ASN, parseCommunity } from '../primitives';
import type { Condition, RouterConfigModel } from './types';

export class UnsafeModelError extends Error {}

const K8S_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Names the compiler derives: policy and list names (`LR-IMPORT`), group names (`calico-rack-a-ebgp`). */
const DERIVED_NAME = /^[A-Za-z0-9][-A-Za-z0-9]*$/;

function fail(router: string, what: string, value: unknown): never {
  throw new UnsafeModelError(
    `router ${JSON.stringify(router)}: ${what} ${JSON.stringify(value)} cannot be written into a config`,
  );
}

/** Throws UnsafeModelError unless every value of the model has the shape the generators splice bare. */
export function assertRenderableModel(model: RouterConfigModel): void {
  const r =
    typeof model.name === 'string' && isDnsLabel(model.name)
      ? model.name
      : fail(String(model.name), 'the router name', model.name);
  const label = (what: string, v: string) => (isDnsLabel(v) ? v : fail(r, what, v));
  const derived = (what: string, v: string) => (v.length <= 255 && DERIVED_NAME.test(v) ? v : fail(r, what, v));
  const ipv4 = (what: string, v: string) => (isIPv4(v) ? v : fail(r, what, v));
  const prefix = (what: string, v: string) => (parsePrefix4(v).ok ? v : fail(r, what, v));
  const whole = (what: string, v: number, min: number, max: number) =>
    Number.isInteger(v) && v >= min && v <= max ? v : fail(r, what, v);
  const asn = (what: string, v: number) => whole(what, v, 1, MAX_ASN);
  const community = (what: string, v: string) => (parseCommunity(v) ? v : fail(r, what, v));

  asn('the AS number', model.asNumber);
  ipv4('the address', model.address);
  if (model.routeReflectorClusterId !== undefined)
    ipv4('the route-reflector cluster id', model.routeReflectorClusterId);
  if (model.segment) {
    label('the rack', model.segment.rack);
    prefix('the rack subnet', model.segment.subnet);
  }
  for (const n of model.neighbors) {
    label('a neighbour name', n.name);
    ipv4(`the address of ${n.name}`, n.address);
    asn(`the AS number of ${n.name}`, n.asNumber);
  }
  for (const g of model.nodeGroups) {
    derived('a node group name', g.name);
    label('the rack of a node group', g.rack);
    prefix(`the listen range of ${g.name}`, g.listenRange);
    for (const p of g.bgpPeers) if (!(p.length <= 253 && K8S_NAME.test(p))) fail(r, 'a BGPPeer name', p);
    for (const m of g.members) {
      label('a node name', m.name);
      ipv4(`the address of ${m.name}`, m.address);
      asn(`the AS number of ${m.name}`, m.asNumber);
    }
  }
  const p = model.policy;
  if (p.elevated) {
    community('the elevated community', p.elevated.community);
    whole('the elevated local preference', p.elevated.localPref, 0, 4294967295);
    whole('the elevated preference', p.elevated.preference, 0, 65535);
  }
  for (const policy of [p.import, p.exportToRouters, p.exportToNodes]) {
    derived('a policy name', policy.name);
    for (const rule of policy.rules) {
      for (const c of rule.when) checkCondition(c, { derived, prefix, community, whole });
      for (const op of rule.apply)
        if (op.kind !== 'delete-communities') whole(`the ${op.kind} value`, op.value, 0, 4294967295);
    }
  }
}

interface Checks {
  derived(what: string, v: string): string;
  prefix(what: string, v: string): string;
  community(what: string, v: string): string;
  whole(what: string, v: number, min: number, max: number): number;
}

function checkCondition(c: Condition, k: Checks): void {
  if (c.kind === 'community') k.community('a community', c.value);
  if (c.kind === 'prefix-list') {
    k.derived('a prefix-list name', c.name);
    for (const e of c.entries) {
      k.prefix(`a prefix of ${c.name}`, e.prefix);
      k.whole(`a prefix length of ${c.name}`, e.minLength, 0, 32);
      k.whole(`a prefix length of ${c.name}`, e.maxLength, 0, 32);
    }
  }
}
