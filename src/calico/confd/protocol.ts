/**
 * One `protocol bgp` block per peering (domain spec §4.1, §4.2, §4.4, §4.5): the name, the
 * neighbor line, the per-peer import filter (BGPFilter calls, then preference 200 for routes
 * above normal priority) and export filter (priority ↔ LOCAL_PREF normalization, BGPFilter
 * calls, calico_export_to_bgp_peers), passive by Go string comparison, route-reflector clients,
 * next-hop handling. Peers are sorted by name.
 */
import { compareStrings } from '../../lib/names';
import { BIRD_INT_MAX, ELEVATED_PREFERENCE } from '../../model/policy/compile';
import { birdText, nodeIPv4, roundedSeconds, type NodeContext } from './context';
import { filterCalls } from './filters';
import type { Peering, Peerings } from './peers';
import { sortedPeerings } from './peers';

export interface BirdPeer {
  readonly name: string;
  readonly type: 'mesh' | 'global' | 'node';
  readonly ip: string;
  readonly port: number;
  readonly asNumber: string;
  readonly localASNumber: string | undefined;
  readonly sourceAddress: string | undefined;
  /** 0: `ttl security off; multihop;`, N: `ttl security on; multihop N;`. */
  readonly ttlSecurity: number;
  /** iBGP in the sense of confd: the peer's AS equals the effective local AS (as text). */
  readonly sameAS: boolean;
  readonly importFilter: readonly string[];
  readonly exportFilter: readonly string[];
  readonly passive: boolean;
  readonly gracefulRestart: string | undefined;
  readonly keepaliveTime: string | undefined;
  /** This node's cluster ID when the peer is its route-reflector client. */
  readonly rrClusterID: string | undefined;
  readonly password: string | undefined;
  readonly nextHopKeep: boolean;
  readonly nextHopSelf: boolean;
  readonly numAllowLocalAS: number;
}

export function importFilterLines(ctx: NodeContext, filters: readonly string[], sameAS: boolean): string[] {
  return [
    ...filterCalls(filters, ctx.filters, 'import', 4, sameAS),
    `if (defined(bgp_local_pref)&&(bgp_local_pref > ${BIRD_INT_MAX - ctx.normalPriority})) then`,
    `  preference = ${ELEVATED_PREFERENCE};`,
    'accept;',
  ];
}

export function exportFilterLines(ctx: NodeContext, filters: readonly string[], sameAS: boolean): string[] {
  return [
    // BGP-learned routes keep their LOCAL_PREF; local ones get it from their kernel metric (§4.5).
    'if (defined(source) && source = RTS_BGP && defined(bgp_local_pref)) then {',
    `  krt_metric = ${BIRD_INT_MAX} - bgp_local_pref;`,
    '} else {',
    `  if (!defined(krt_metric)) then { krt_metric = ${ctx.normalPriority}; }`,
    `  bgp_local_pref = ${BIRD_INT_MAX} - krt_metric;`,
    '}',
    ...filterCalls(filters, ctx.filters, 'export', 4, sameAS),
    `calico_export_to_bgp_peers(${sameAS});`,
    'reject;',
  ];
}

function meshPeers(ctx: NodeContext): BirdPeer[] {
  // A route reflector takes no part in the mesh, and route reflectors are not mesh peers (§3.2).
  if (!ctx.meshEnabled || ctx.clusterID !== '') return [];
  const out: BirdPeer[] = [];
  for (const n of ctx.nodes) {
    const ip = nodeIPv4(n);
    if (ip === '' || ip === ctx.nodeIP || (n.spec.bgp?.routeReflectorClusterID ?? '') !== '') continue;
    const asNumber = n.spec.bgp?.asNumber !== undefined ? String(n.spec.bgp.asNumber) : ctx.globalAS;
    const sameAS = asNumber === ctx.asNumber;
    out.push({
      name: `Mesh_${ip.replaceAll('.', '_')}`,
      type: 'mesh',
      ip,
      port: ctx.listenPort ?? 0,
      asNumber,
      localASNumber: undefined,
      sourceAddress: ctx.nodeIP,
      ttlSecurity: 0,
      sameAS,
      importFilter: importFilterLines(ctx, [], sameAS),
      exportFilter: exportFilterLines(ctx, [], sameAS),
      // One side connects: the node with the higher address (Go string comparison) waits.
      passive: ip > ctx.nodeIP,
      gracefulRestart: roundedSeconds(ctx.bgp.nodeMeshMaxRestartTime),
      keepaliveTime: undefined,
      rrClusterID: undefined,
      password: ctx.secret(ctx.bgp.nodeMeshPassword),
      nextHopKeep: false,
      nextHopSelf: false,
      numAllowLocalAS: 0,
    });
  }
  return out;
}

function birdPeer(ctx: NodeContext, p: Peering, type: 'global' | 'node'): BirdPeer | undefined {
  if (p.ip === ctx.nodeIP) return undefined;
  const effectiveAS = p.localASNumber ?? ctx.asNumber;
  const sameAS = p.asNumber === effectiveAS;
  const prefix = type === 'global' ? 'Global' : 'Node';
  return {
    name: `${prefix}_${p.ip.replaceAll('.', '_')}${p.port > 0 ? `_port_${p.port}` : ''}`,
    type,
    ip: p.ip,
    port: p.port,
    asNumber: p.asNumber,
    localASNumber: p.localASNumber,
    sourceAddress: p.sourceAddress === 'UseNodeIP' ? ctx.nodeIP : undefined,
    ttlSecurity: p.ttlSecurity,
    sameAS,
    importFilter: importFilterLines(ctx, p.filters, sameAS),
    exportFilter: exportFilterLines(ctx, p.filters, sameAS),
    passive: type === 'global' && p.calicoNode && p.ip > ctx.nodeIP,
    gracefulRestart: p.restartTime,
    keepaliveTime: p.keepaliveTime,
    // A route reflector's iBGP peers are its clients, unless they reflect for the same cluster.
    rrClusterID: sameAS && ctx.clusterID !== '' && p.rrClusterID !== ctx.clusterID ? ctx.clusterID : undefined,
    password: p.password,
    // The deprecated keepOriginalNextHop only acts on eBGP peers (§3.1).
    nextHopKeep: p.nextHopMode === 'Keep' || (p.keepNextHop && !sameAS),
    nextHopSelf: p.nextHopMode === 'Self',
    numAllowLocalAS: p.numAllowLocalAS,
  };
}

/** Every peer of the node, sorted by protocol name. */
export function birdPeers(ctx: NodeContext, peerings: Peerings): BirdPeer[] {
  const all = [
    ...meshPeers(ctx),
    ...sortedPeerings(peerings.global).flatMap((p) => birdPeer(ctx, p, 'global') ?? []),
    ...sortedPeerings(peerings.node).flatMap((p) => birdPeer(ctx, p, 'node') ?? []),
  ];
  return all.sort((a, b) => compareStrings(a.name, b.name));
}

export function renderProtocol(p: BirdPeer): string[] {
  const out = [`protocol bgp ${p.name} from bgp_template {`];
  if (p.localASNumber) out.push(`  local as ${p.localASNumber};`);
  out.push(`  neighbor ${p.ip}${p.port > 0 ? ` port ${p.port}` : ''} as ${p.asNumber};`);
  if (p.sourceAddress)
    out.push(`  source address ${p.sourceAddress};  # The local address we use for the TCP connection`);
  out.push(p.ttlSecurity > 0 ? '  ttl security on;' : '  ttl security off;');
  out.push(p.ttlSecurity > 0 ? `  multihop ${p.ttlSecurity};` : '  multihop;');
  out.push('  import filter {', `    ${p.importFilter.join('\n    ')}`, '  };');
  out.push(
    '  export filter {',
    `    ${p.exportFilter.join('\n    ')}`,
    '  };  # Only want to export routes for workloads.',
  );
  if (p.passive) out.push('  passive on;');
  if (p.gracefulRestart !== undefined) out.push(`  graceful restart time ${p.gracefulRestart};`);
  if (p.keepaliveTime !== undefined) out.push(`  keepalive time ${p.keepaliveTime};`);
  if (p.rrClusterID) out.push('  rr client;', `  rr cluster id ${p.rrClusterID};`);
  if (p.password) out.push(`  password ${birdText(p.password, `the password of ${p.name}`)};`);
  if (p.nextHopKeep) out.push('  next hop keep;');
  if (p.nextHopSelf) out.push('  next hop self;');
  if (p.numAllowLocalAS > 0) out.push(`  allow local as ${p.numAllowLocalAS};`);
  out.push('}');
  return out;
}
