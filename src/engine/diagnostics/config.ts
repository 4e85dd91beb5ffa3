/**
 * Findings that follow from the design itself, before any route moves: missing filters, priority
 * signals that do not match Felix, eBGP peerings that carry no priority, routers that ignore or
 * strip the community, downward defaults, catch-all exports, filters BIRD refuses to load.
 */
import { invalidPrefixRanges } from '../../calico';
import { compareStrings } from '../../lib/names';
import {
  isBGPFilter,
  isBGPPeer,
  nodeAsNumber,
  nodesOfPeer,
  resolveCluster,
  resolvePolicy,
  routerOfPeer,
  LIVE_MIGRATION_FILTER_NAME,
  type BGPFilter,
  type BGPFilterRule,
  type BGPPeer,
  type Topology,
} from '../../model';
import type { Diagnostic } from './types';

const exportSignals = (rule: BGPFilterRule) =>
  rule.action === 'Accept' &&
  rule.priority !== undefined &&
  (rule.operations ?? []).some((o) => o.addCommunity || o.prependASPath);
const importRestores = (rule: BGPFilterRule) =>
  rule.action === 'Accept' && (rule.operations ?? []).some((o) => o.setPriority);

/** What a peer's export rules do to signal priority, in words: `tags priority-512 routes with community 65000:100`. */
function signalsOf(doc: Topology, peer: BGPPeer): string {
  const parts: string[] = [];
  for (const f of filtersOf(doc, peer)) {
    for (const rule of (f.spec.exportV4 ?? []).filter(exportSignals)) {
      for (const o of rule.operations ?? []) {
        if (o.addCommunity) parts.push(`tags priority-${rule.priority} routes with community ${o.addCommunity.value}`);
        if (o.prependASPath)
          parts.push(`prepends ${o.prependASPath.prefix.join(' ')} to priority-${rule.priority} routes`);
      }
    }
  }
  return [...new Set(parts)].join(' and ');
}

function tagsWithCommunity(doc: Topology, peer: BGPPeer): boolean {
  return filtersOf(doc, peer).some((f) =>
    (f.spec.exportV4 ?? []).some((r) => exportSignals(r) && (r.operations ?? []).some((o) => o.addCommunity)),
  );
}

function filtersOf(doc: Topology, peer: BGPPeer): BGPFilter[] {
  const all = doc.spec.calicoResources.filter(isBGPFilter);
  return (peer.spec.filters ?? []).flatMap((n) => all.filter((f) => f.metadata.name === n));
}

/** Communities the nodes tag elevated routes with, on export through their BGPFilters. */
export function signalledCommunities(doc: Topology): string[] {
  const out = new Set<string>();
  for (const f of doc.spec.calicoResources.filter(isBGPFilter)) {
    for (const rule of f.spec.exportV4 ?? [])
      if (exportSignals(rule)) for (const o of rule.operations ?? []) if (o.addCommunity) out.add(o.addCommunity.value);
  }
  return [...out].sort();
}

/** BGPPeers from nodes to routers over eBGP (or, with `ibgp`, over iBGP only). */
function ebgpNodePeers(doc: Topology, ibgp = false): { peer: BGPPeer; router: string }[] {
  const out: { peer: BGPPeer; router: string }[] = [];
  for (const peer of doc.spec.calicoResources
    .filter(isBGPPeer)
    .sort((a, b) => compareStrings(a.metadata.name, b.metadata.name))) {
    const router = routerOfPeer(doc, peer);
    if (!router) continue;
    const ebgp = nodesOfPeer(doc, peer).some(
      (n) => (peer.spec.localASNumber || nodeAsNumber(doc.spec, n)) !== router.asNumber,
    );
    if (ebgp !== ibgp) out.push({ peer, router: router.name });
  }
  return out;
}

/** The eBGP sessions a router has with other routers: where LOCAL_PREF is lost. */
function ebgpSessionsOf(doc: Topology, router: string): string[] {
  const as = new Map(doc.spec.routers.map((r) => [r.name, r.asNumber]));
  return doc.spec.sessions
    .filter(([a, b]) => (a === router || b === router) && as.get(a) !== as.get(b))
    .map(([a, b]) => `${a} ↔ ${b}`);
}

/**
 * Calico's documented filter tags only on `peerType: eBGP`. A node that peers with its router over
 * iBGP (an AS per rack) then tags nothing, and the priority is lost where the route crosses eBGP.
 */
function peerTypeDiagnostics(doc: Topology): Diagnostic[] {
  const byFilter = new Map<string, { peers: string[]; routers: string[]; onward: string[] }>();
  for (const { peer, router } of ebgpNodePeers(doc, true)) {
    const onward = ebgpSessionsOf(doc, router);
    if (onward.length === 0) continue;
    for (const f of filtersOf(doc, peer)) {
      const signals = (f.spec.exportV4 ?? []).filter(exportSignals);
      if (signals.length === 0 || !signals.every((r) => r.peerType === 'eBGP')) continue;
      const g = byFilter.get(f.metadata.name) ?? { peers: [], routers: [], onward: [] };
      g.peers.push(peer.metadata.name);
      g.routers.push(router);
      g.onward.push(...onward);
      byFilter.set(f.metadata.name, g);
    }
  }
  return [...byFilter].map(([filter, g]) => {
    const many = g.peers.length > 1;
    return {
      code: 'LR-FILTER-PEERTYPE',
      severity: 'error',
      subjects: [...new Set([...g.peers, filter, ...g.routers])],
      message: `BGPPeer${many ? 's' : ''} ${g.peers.join(', ')} ${many ? 'are' : 'is'} iBGP (the nodes share their router's AS), but BGPFilter ${filter} tags the elevated route only for peerType eBGP: nothing is tagged there, and the priority is lost where the route crosses eBGP (${[...new Set(g.onward)].join(', ')}).`,
      fix: `Drop peerType from the export rules of BGPFilter ${filter}, so they tag on every peering.`,
      action: { kind: 'clear-export-peer-type', filter },
    };
  });
}

export function configDiagnostics(doc: Topology): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cluster = resolveCluster(doc.spec);
  // Name order, not file order: the same design gives the same findings however its lists are ordered.
  const byName = (a: { metadata: { name: string } }, b: { metadata: { name: string } }) =>
    compareStrings(a.metadata.name, b.metadata.name);
  const filters = doc.spec.calicoResources.filter(isBGPFilter).sort(byName);
  const peers = doc.spec.calicoResources.filter(isBGPPeer).sort(byName);

  for (const peer of peers) {
    for (const name of peer.spec.filters ?? []) {
      if (filters.some((f) => f.metadata.name === name)) continue;
      out.push({
        code: 'LR-FILTER-MISSING',
        severity: 'error',
        subjects: [peer.metadata.name, name],
        message: `BGPPeer ${peer.metadata.name} names BGPFilter ${name}, which does not exist: Calico skips it silently, so the peering runs without it.`,
        fix:
          name === LIVE_MIGRATION_FILTER_NAME
            ? `Create the BGPFilter ${name} (the documented live-migration filter).`
            : `Create BGPFilter ${name}, or remove it from the BGPPeer's filters.`,
        action:
          name === LIVE_MIGRATION_FILTER_NAME
            ? { kind: 'add-live-migration-filter', peers: [peer.metadata.name] }
            : { kind: 'remove-filter-reference', peer: peer.metadata.name, filter: name },
      });
    }
  }

  for (const pool of cluster.ipPools) {
    const modes = [
      pool.ipipMode !== 'Never' ? `ipipMode ${pool.ipipMode}` : '',
      pool.vxlanMode !== 'Never' ? `vxlanMode ${pool.vxlanMode}` : '',
    ].filter((m) => m !== '');
    if (modes.length === 0) continue;
    out.push({
      code: 'LR-POOL-ENCAPSULATED',
      severity: 'error',
      subjects: ['cluster'],
      message: `IP pool ${pool.name} (${pool.cidr}) is encapsulated (${modes.join(', ')}): Calico's live migration needs BGP-routed, unencapsulated pools (its KubeVirt guide: no IPIP or VXLAN support). confd then leaves the pool's routes to Felix's tunnels (programClusterRoutes), which liveroute does not model, so the outcomes for addresses in this pool show no BGP route where the cluster would tunnel.`,
      fix: `Set ipipMode and vxlanMode of ${pool.name} to Never (pods and VMs in it are then routed by BGP, with their own addresses).`,
      action: { kind: 'unencapsulate-pool', pool: pool.name },
    });
  }

  if (cluster.bgpNormalPriority !== cluster.normalPriority) {
    out.push({
      code: 'LR-PRIORITY-MISMATCH',
      severity: 'error',
      subjects: ['cluster'],
      message: `BGPConfiguration's normal route priority (${cluster.bgpNormalPriority}) differs from Felix's (${cluster.normalPriority}): confd's "elevated" test (priority < ${cluster.bgpNormalPriority}) disagrees with what Felix programs.`,
      fix: `Set BGPConfiguration ipv4NormalRoutePriority to ${cluster.normalPriority}, as FelixConfiguration.`,
      action: { kind: 'set-bgp-normal-priority', value: undefined },
    });
  }
  if (cluster.elevatedPriority >= cluster.normalPriority) {
    out.push({
      code: 'LR-PRIORITY-MISMATCH',
      severity: 'error',
      subjects: ['cluster'],
      message: `The elevated route priority (${cluster.elevatedPriority}) is not lower than the normal one (${cluster.normalPriority}): the migration target's route never wins.`,
      fix: 'Make ipv4ElevatedRoutePriority lower than ipv4NormalRoutePriority (512 and 1024 by default).',
    });
  }
  for (const f of filters) {
    const rules = [...(f.spec.exportV4 ?? []), ...(f.spec.importV4 ?? [])];
    for (const rule of rules) {
      const values = [rule.priority, ...(rule.operations ?? []).map((o) => o.setPriority?.value)].filter(
        (v): v is number => v !== undefined,
      );
      for (const v of values) {
        // A value below normal is meant as the elevated priority, one at or above as the normal one.
        const meant = v < cluster.normalPriority ? cluster.elevatedPriority : cluster.normalPriority;
        if (v === meant) continue;
        out.push({
          code: 'LR-PRIORITY-MISMATCH',
          severity: 'error',
          subjects: [f.metadata.name],
          message: `BGPFilter ${f.metadata.name} uses priority ${v}, but Felix's ${v < cluster.normalPriority ? 'elevated' : 'normal'} priority is ${meant}: the rule never matches (or restores a priority Felix does not use).`,
          fix: `Use ${meant} in BGPFilter ${f.metadata.name}.`,
          action: { kind: 'set-filter-priority', filter: f.metadata.name, from: v, to: meant },
        });
      }
    }
  }

  out.push(...peerTypeDiagnostics(doc));
  const ebgp = ebgpNodePeers(doc);
  const noSignal = ebgp.filter(
    ({ peer }) => !filtersOf(doc, peer).some((f) => (f.spec.exportV4 ?? []).some(exportSignals)),
  );
  if (noSignal.length > 0) {
    out.push({
      code: 'LR-EBGP-NO-PRIORITY',
      severity: 'error',
      subjects: [...new Set(noSignal.flatMap(({ peer, router }) => [peer.metadata.name, router]))],
      message: `${noSignal.map(({ peer }) => peer.metadata.name).join(', ')}: eBGP peering${noSignal.length > 1 ? 's' : ''} with no BGPFilter that carries the route priority. LOCAL_PREF does not cross eBGP, so the migration target's elevated /32 arrives as an ordinary route (LOCAL_PREF 100, kernel metric 2147483547) and the source node keeps using its own stale route.`,
      fix: `Attach the live-migration BGPFilter (export: priority ${cluster.elevatedPriority} → community; import: community → setPriority ${cluster.elevatedPriority}) to ${noSignal.map(({ peer }) => peer.metadata.name).join(', ')}.`,
      action: { kind: 'add-live-migration-filter', peers: noSignal.map(({ peer }) => peer.metadata.name) },
    });
  }
  const noRestore = ebgp.filter(
    ({ peer }) =>
      filtersOf(doc, peer).some((f) => (f.spec.exportV4 ?? []).some(exportSignals)) &&
      !filtersOf(doc, peer).some((f) => (f.spec.importV4 ?? []).some(importRestores)),
  );
  for (const { peer, router } of noRestore) {
    out.push({
      code: 'LR-EBGP-NO-PRIORITY',
      severity: 'warning',
      subjects: [peer.metadata.name, router],
      message: `BGPPeer ${peer.metadata.name} ${signalsOf(doc, peer)} on export but has no import rule that restores the priority: nodes learn the target's route at LOCAL_PREF 100 (kernel metric 2147483547)${tagsWithCommunity(doc, peer) ? '' : ', and an AS path cannot tell the elevated route from the normal one on import'}.`,
      fix: tagsWithCommunity(doc, peer)
        ? `Add an import rule to its filter: communities → setPriority ${cluster.elevatedPriority}.`
        : `Signal with a community instead, as Calico's live-migration BGPFilter does (export: priority ${cluster.elevatedPriority} → community; import: community → setPriority ${cluster.elevatedPriority}).`,
    });
  }

  const communities = signalledCommunities(doc);
  const nodeRouters = new Set(ebgp.map((x) => x.router));
  for (const r of [...doc.spec.routers].sort((a, b) => compareStrings(a.name, b.name))) {
    const policy = resolvePolicy(r);
    if (
      communities.length > 0 &&
      nodeRouters.has(r.name) &&
      (!policy.elevatedCommunity || !communities.includes(policy.elevatedCommunity))
    ) {
      out.push({
        code: 'LR-TOR-IGNORES-COMMUNITY',
        severity: 'warning',
        subjects: [r.name],
        message: `${r.name} receives elevated routes tagged ${communities.join(', ')} from Calico nodes but does not prefer them${policy.elevatedCommunity ? ` (it prefers ${policy.elevatedCommunity})` : ''}: where the source's and the target's routes for one /32 meet, it treats them alike (ECMP or the wrong one).`,
        fix: `Set ${r.name}'s elevated community to ${communities[0]}.`,
        action: { kind: 'set-elevated-community', router: r.name, community: communities[0] as string },
      });
    }
    if ((communities.length > 0 || policy.elevatedCommunity) && !policy.sendCommunity) {
      out.push({
        code: 'LR-COMMUNITY-STRIPPED',
        severity: 'error',
        subjects: [r.name],
        message: `${r.name} removes communities on export (sendCommunity: false): the elevated-priority community dies there, and routers and nodes behind it cannot tell the target's route from the stale one.`,
        fix: `Let ${r.name} pass communities on (sendCommunity: true).`,
        action: { kind: 'set-send-community', router: r.name },
      });
    }
    if (
      policy.toNodes === 'default-only' &&
      doc.spec.calicoResources.filter(isBGPPeer).some((p) => routerOfPeer(doc, p)?.name === r.name)
    ) {
      out.push({
        code: 'LR-DOWNWARD-DEFAULT',
        severity: 'error',
        subjects: [r.name],
        message: `${r.name} sends only a default route to its Calico nodes. Live migration needs the elevated /32s: a node keeps its own stale route, and a block's owner keeps blackholing a borrowed IP (its /26 blackhole beats the default) for as long as the VM is away.`,
        fix: `Send the default plus the host routes (/32s of the pools) to the nodes.`,
        action: { kind: 'set-to-nodes', router: r.name, mode: 'default-plus-host-routes' },
      });
    }
  }

  for (const f of filters) {
    (f.spec.exportV4 ?? []).forEach((rule, i) => {
      const conditional =
        rule.cidr ||
        rule.source ||
        rule.interface ||
        rule.communities ||
        rule.asPathPrefix ||
        rule.priority !== undefined;
      if (rule.action !== 'Accept' || conditional) return;
      out.push({
        code: 'LR-CATCHALL-EXPORT',
        severity: 'error',
        subjects: [
          f.metadata.name,
          ...peers.filter((p) => p.spec.filters?.includes(f.metadata.name)).map((p) => p.metadata.name),
        ],
        message: `BGPFilter ${f.metadata.name} exportV4[${i}] accepts every route${rule.peerType ? ` to ${rule.peerType} peers` : ''}: an Accept ends the whole BIRD filter, so calico_export_to_bgp_peers never runs and the node exports its entire table (kernel and interface routes too).`,
        fix: 'Remove the unconditional Accept; unmatched routes fall through to Calico’s default export policy.',
      });
    });
  }
  for (const r of invalidPrefixRanges(filters).filter((x) => x.list.endsWith('V4'))) {
    out.push({
      code: 'LR-PREFIX-RANGE-INVALID',
      severity: 'error',
      subjects: [r.filter],
      message: `BGPFilter ${r.filter} ${r.list}[${r.index}] renders the prefix range {${r.min},${r.max}} (min above max after clamping to the CIDR): BIRD refuses the whole configuration ("Invalid prefix pattern range"). confd renders every BGPFilter into every node's bird.cfg, so calico-node runs no BGP at all, on every node.`,
      fix: `Fix prefixLength of ${r.filter} ${r.list}[${r.index}] (min ≤ max, within the CIDR's length and /32).`,
    });
  }
  return out;
}
