/**
 * A router of a platform without a BIRD config (FRR, EOS, NX-OS, Junos): it runs the
 * vendor-neutral policy object its config is printed from (src/model/policy), with the standard
 * BGP decision process (no BIRD preference). What is simulated is what is exported.
 */
import type { Decision } from '../../bird/lang/interpreter';
import type { Route } from '../../bird/lang/route';
import { assert } from '../../lib/assert';
import { parseIPv4, prefix4, prefixContainsPrefix } from '../../lib/ip';
import type { Condition, PolicyRule, RouterConfigModel, RoutePolicy } from '../../model';
import type { FilterRunner, SessionEnd, Speaker } from '../types';
import { memoFilter } from './memo';

function holds(c: Condition, r: Route): boolean {
  switch (c.kind) {
    case 'community':
      return c.value.split(':').length === 3
        ? (r.bgp_large_community ?? []).includes(c.value)
        : (r.bgp_community ?? []).includes(c.value);
    case 'bgp-learned':
      return r.source === 'RTS_BGP';
    case 'originated-default':
      return r.source === 'RTS_STATIC' && r.net.len === 0;
    case 'prefix-list':
      return c.entries.some((e) => {
        const p = prefix4(e.prefix);
        return (
          p !== undefined && prefixContainsPrefix(p, r.net) && r.net.len >= e.minLength && r.net.len <= e.maxLength
        );
      });
  }
}

function describeRule(policy: RoutePolicy, index: number, rule: PolicyRule): string {
  const when = rule.when
    .map((c) =>
      c.kind === 'community' ? `community ${c.value}` : c.kind === 'prefix-list' ? `prefix-list ${c.name}` : c.kind,
    )
    .join(' and ');
  return `${policy.name} rule ${index + 1}: ${when || 'always'} -> ${rule.then}`;
}

/** Evaluates a neutral policy as the vendor configs express it (first matching rule decides). */
export function evaluatePolicy(
  policy: RoutePolicy,
  route: Route,
): { verdict: 'accept' | 'reject'; route: Route; decision: Decision } {
  for (const [i, rule] of policy.rules.entries()) {
    if (!rule.when.every((c) => holds(c, route))) continue;
    const r: { -readonly [K in keyof Route]: Route[K] } = { ...route };
    for (const op of rule.apply) {
      if (op.kind === 'set-local-pref') r.bgp_local_pref = op.value;
      else if (op.kind === 'delete-communities') r.bgp_community = [];
      // set-preference is BIRD's; a vendor router has no per-route preference (DESIGN §6).
    }
    const text = describeRule(policy, i, rule);
    return {
      verdict: rule.then,
      route: r,
      decision: { kind: 'statement', at: { file: policy.name, line: i + 1, col: 1, text }, functions: [] },
    };
  }
  return {
    verdict: policy.otherwise,
    route,
    decision: {
      kind: 'statement',
      at: {
        file: policy.name,
        line: policy.rules.length + 1,
        col: 1,
        text: `${policy.name}: otherwise -> ${policy.otherwise}`,
      },
      functions: [],
    },
  };
}

function runner(policy: RoutePolicy): FilterRunner {
  return memoFilter(policy, (route) => evaluatePolicy(policy, route));
}

export function neutralSpeaker(model: RouterConfigModel, owner: (address: number) => string | undefined): Speaker {
  const address = parseIPv4(model.address);
  assert(
    address !== undefined,
    `router ${model.name}: address ${model.address} is IPv4 (the design's validation checks it)`,
  );
  const importFilter = runner(model.policy.import);
  const toRouters = runner(model.policy.exportToRouters);
  const toNodes = runner(model.policy.exportToNodes);
  const ends: SessionEnd[] = [];
  for (const n of model.neighbors) {
    const peerAddress = parseIPv4(n.address);
    assert(
      peerAddress !== undefined,
      `router ${model.name}: neighbor ${n.name}'s address ${n.address} is IPv4 (the design's validation checks it)`,
    );
    ends.push({
      id: `${model.name}:neighbor:${n.name}`,
      speaker: model.name,
      peer: owner(peerAddress) ?? '',
      protocol: `neighbor ${n.address} (${n.name})`,
      localAddress: address,
      peerAddress,
      localAs: model.asNumber,
      peerAs: n.asNumber,
      ebgp: n.session === 'ebgp',
      rrClient: n.rrClient,
      nextHop: n.nextHopSelf ? 'self' : 'keep',
      addPathTx: false,
      addPathRx: false,
      passive: false,
      // Router OSes check direct connection only on eBGP; iBGP runs over any reachable path.
      multihop: n.multihop || n.session === 'ibgp',
      allowLocalAs: 0,
      importFilter,
      exportFilter: toRouters,
    });
  }
  for (const g of model.nodeGroups) {
    for (const m of g.members) {
      const peerAddress = parseIPv4(m.address);
      assert(
        peerAddress !== undefined,
        `router ${model.name}: ${g.name} member ${m.name}'s address ${m.address} is IPv4 (the design's validation checks it)`,
      );
      ends.push({
        id: `${model.name}:${g.name}:${m.name}`,
        speaker: model.name,
        peer: owner(peerAddress) ?? '',
        protocol: `${g.name} (${m.name})`,
        localAddress: address,
        peerAddress,
        localAs: model.asNumber,
        peerAs: m.asNumber,
        ebgp: m.session === 'ebgp',
        rrClient: m.rrClient,
        nextHop: m.nextHopSelf ? 'self' : 'keep',
        addPathTx: false,
        addPathRx: g.addPaths,
        passive: true,
        multihop: g.multihop || m.session === 'ibgp',
        allowLocalAs: 0,
        importFilter,
        exportFilter: toNodes,
        group: g.name,
        toNodes: true,
      });
    }
  }
  return {
    name: model.name,
    kind: 'router',
    platform: model.platform,
    address,
    routerId: address,
    ...(model.routeReflectorClusterId ? { clusterId: parseIPv4(model.routeReflectorClusterId) as number } : {}),
    ends,
    listens: [],
    bird: false,
    mergePaths: model.policy.multipath,
    // The FIB takes BGP-learned routes only; the originated default is never installed.
    kernelExport: memoFilter('fib', (route) => ({
      verdict: route.source === 'RTS_BGP' ? 'accept' : 'reject',
      route,
      decision: {
        kind: 'statement',
        functions: [],
        at: {
          file: 'fib',
          line: 1,
          col: 1,
          text: route.source === 'RTS_BGP' ? 'BGP route installed' : 'only BGP routes are installed',
        },
      },
    })),
    statics: model.policy.originateDefault ? [{ prefix: '0.0.0.0/0', blackhole: true }] : [],
  };
}
