/**
 * Juniper Junos configuration of a router (curly-brace format, for `load merge`).
 *
 * Node groups: one BGP group per group. Junos's `allow` accepts dynamic neighbors of one peer AS
 * only, so a group listens on the rack subnet (`allow`) when it is iBGP or when all its eBGP
 * members share one AS; a multi-AS eBGP group lists its members as neighbors with their own
 * `peer-as`, and a mixed group becomes two groups (`-ebgp`, `-ibgp`) of explicit neighbors.
 * The originated default is a `no-install` static route (never in the forwarding table) that the
 * export policy to the nodes accepts. eBGP next hop self is the chained LR-NEXT-HOP-SELF policy.
 */
import { assertRenderableModel } from '../model/policy/guard';
import { junosString } from '../lib/text';
import type { RouterConfigModel, RouterNeighbor } from '../model/policy/types';
import { sessionGroups, type SessionGroup } from '../bird/router/groups';
import { describeTransport, headerLines, neighborTransport, RACK_VLAN, vendorName, type Transport } from './common';
import {
  block,
  LOAD_BALANCE_POLICY,
  NEXT_HOP_SELF_POLICY,
  note,
  policyOptions,
  printJunos,
  type JStmt,
} from './junos-policy';
import { POLICY_NAMES } from '../model/policy/compile';

export const neighborGroupName = (name: string): string => vendorName(`peer-${name}`);

function exportLine(policy: string, ebgp: boolean): string {
  return ebgp ? `export [ ${NEXT_HOP_SELF_POLICY} ${policy} ]` : `export ${policy}`;
}

function transportLines(model: RouterConfigModel, t: Transport, ebgp: boolean): JStmt[] {
  if (t === 'segment') return [];
  const hops: JStmt[] = !ebgp ? [] : t === 'link' ? [block('multihop', ['ttl 2'])] : ['multihop'];
  return [`local-address ${model.address}`, ...hops];
}

function multipathLine(model: RouterConfigModel, ebgp: boolean): JStmt[] {
  if (!model.policy.multipath) return [];
  return [ebgp ? block('multipath', ['multiple-as']) : 'multipath'];
}

function clusterLine(model: RouterConfigModel, rrClient: boolean): JStmt[] {
  return rrClient && model.routeReflectorClusterId ? [`cluster ${model.routeReflectorClusterId}`] : [];
}

function neighborGroup(model: RouterConfigModel, n: RouterNeighbor): JStmt[] {
  const t = neighborTransport(n);
  const ebgp = n.session === 'ebgp';
  return [
    note(
      `${n.name}: ${ebgp ? 'eBGP' : 'iBGP'}${n.rrClient ? ', route-reflector client' : ''}, ${describeTransport(t)}`,
    ),
    block(`group ${neighborGroupName(n.name)}`, [
      `type ${ebgp ? 'external' : 'internal'}`,
      `description ${junosString(n.name, 'a neighbour name')}`,
      ...transportLines(model, t, ebgp),
      `import ${POLICY_NAMES.import}`,
      exportLine(POLICY_NAMES.exportToRouters, n.nextHopSelf),
      ...clusterLine(model, n.rrClient),
      ...multipathLine(model, ebgp),
      ...(ebgp ? [`peer-as ${n.asNumber}`] : []),
      `neighbor ${n.address}`,
    ]),
  ];
}

function nodeGroup(model: RouterConfigModel, g: SessionGroup): JStmt[] {
  const ebgp = g.session === 'ebgp';
  const transport: Transport = g.group.multihop ? 'multihop' : 'segment';
  const singleAs = g.members[0]?.asNumber;
  const peers: JStmt[] = g.dynamic
    ? [...(ebgp ? [`peer-as ${singleAs}`] : []), `allow ${g.group.listenRange}`]
    : g.members.map((m) =>
        block(`neighbor ${m.address}`, [
          `description ${junosString(m.name, 'a node name')}`,
          ...(ebgp ? [`peer-as ${m.asNumber}`] : []),
        ]),
      );
  return [
    note(
      `Calico nodes of ${g.group.rack} (BGPPeer ${g.group.bgpPeers.join(', ')}): ${ebgp ? 'eBGP' : 'iBGP'}, ${g.group.multihop ? 'multihop' : 'on the rack segment'}, passive`,
    ),
    ...g.members.map((m) => note(`  ${m.name} ${m.address} AS ${m.asNumber}`)),
    block(`group ${vendorName(g.name)}`, [
      `type ${ebgp ? 'external' : 'internal'}`,
      `description ${junosString(`nodes of ${g.group.rack}`, 'a group description')}`,
      'passive',
      ...transportLines(model, transport, ebgp),
      `import ${POLICY_NAMES.import}`,
      exportLine(POLICY_NAMES.exportToNodes, g.nextHopSelf),
      ...clusterLine(model, g.rrClient),
      ...multipathLine(model, ebgp),
      ...(g.group.addPaths ? [block('family inet', [block('unicast', [block('add-path', ['receive'])])])] : []),
      ...peers,
    ]),
  ];
}

function interfaces(model: RouterConfigModel): JStmt[] {
  if (model.segment) {
    const len = model.segment.subnet.split('/')[1];
    return [
      block('interfaces', [
        block('irb', [
          block(`unit ${RACK_VLAN}`, [
            `description ${junosString(`${model.segment.rack} segment: the Calico nodes peer with this address`, 'the segment description')}`,
            block('family inet', [`address ${model.address}/${len}`]),
          ]),
        ]),
      ]),
      block('vlans', [block(model.segment.rack, [`vlan-id ${RACK_VLAN}`, `l3-interface irb.${RACK_VLAN}`])]),
    ];
  }
  return [
    block('interfaces', [block('lo0', [block('unit 0', [block('family inet', [`address ${model.address}/32`])])])]),
  ];
}

function routingOptions(model: RouterConfigModel): JStmt {
  const p = model.policy;
  return block('routing-options', [
    `router-id ${model.address}`,
    `autonomous-system ${model.asNumber}`,
    ...(p.originateDefault
      ? [
          note(
            `The default route offered to the Calico nodes (toNodes: ${p.toNodes}); no-install keeps it out of the forwarding table`,
          ),
          block('static', [block('route 0.0.0.0/0', ['discard', 'no-install'])]),
        ]
      : []),
    ...(p.multipath ? [block('forwarding-table', [`export ${LOAD_BALANCE_POLICY}`])] : []),
  ]);
}

export function renderJunos(model: RouterConfigModel): string {
  assertRenderableModel(model);
  const groups = model.nodeGroups.flatMap((g) => sessionGroups(g, 'single-as'));
  const tree: JStmt[] = [
    ...headerLines(model, 'Juniper Junos').map(note),
    block('system', [`host-name ${model.name}`]),
    ...interfaces(model),
    routingOptions(model),
    policyOptions(model.policy),
    block('protocols', [
      block('bgp', [
        ...model.neighbors.flatMap((n) => neighborGroup(model, n)),
        ...groups.flatMap((g) => nodeGroup(model, g)),
      ]),
    ]),
  ];
  return `${printJunos(tree).join('\n')}\n`;
}
