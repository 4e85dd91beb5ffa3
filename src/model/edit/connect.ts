/**
 * Connecting two elements on the canvas: router–router makes a BGP session (and the physical
 * link under it when there is none); rack–router makes the BGPPeer of every node of the rack
 * (nodeSelector `rack == '<rack>'`); node–router a node-scoped BGPPeer.
 */
import { err, ok } from '../../lib/result';
import { isBGPPeer, CALICO_API_VERSION, type BGPPeer } from '../calico/resources';
import { rackSelector } from '../calico/selector';
import { nodeAsNumber, resolveCluster } from '../resolve';
import type { Topology } from '../schema';
import { draft, type EditResult } from './common';

const samePair = (p: readonly [string, string], a: string, b: string) =>
  (p[0] === a && p[1] === b) || (p[0] === b && p[1] === a);

export function connect(doc: Topology, a: string, b: string): EditResult {
  const s = doc.spec;
  const kind = (n: string) =>
    s.routers.some((r) => r.name === n)
      ? 'router'
      : s.racks.some((r) => r.name === n)
        ? 'rack'
        : s.nodes.some((x) => x.name === n)
          ? 'node'
          : 'none';
  const [ka, kb] = [kind(a), kind(b)];
  if (ka === 'router' && kb === 'router') return connectRouters(doc, a, b);
  if (ka === 'rack' && kb === 'router') return connectRackToRouter(doc, a, b);
  if (ka === 'router' && kb === 'rack') return connectRackToRouter(doc, b, a);
  if (ka === 'node' && kb === 'router') return connectNodeToRouter(doc, a, b);
  if (ka === 'router' && kb === 'node') return connectNodeToRouter(doc, b, a);
  return err('connect two routers (a BGP session), or a rack or node to a router (a BGPPeer)');
}

export function connectRouters(doc: Topology, a: string, b: string): EditResult {
  if (a === b) return err('a session joins two different routers');
  if (doc.spec.sessions.some((p) => samePair(p, a, b))) return err(`${a} and ${b} already have a BGP session`);
  const d = draft(doc);
  d.spec.sessions.push([a, b]);
  if (!d.spec.links.some((p) => samePair(p, a, b))) d.spec.links.push([a, b]);
  return ok({ doc: d, created: [] });
}

/** The BGPFilters the design already attaches to its node→router eBGP peers (its convention). */
function conventionalFilters(doc: Topology): string[] | undefined {
  const peer = doc.spec.calicoResources.find(
    (r): r is BGPPeer => isBGPPeer(r) && (r.spec.filters?.length ?? 0) > 0 && r.spec.peerIP !== undefined,
  );
  return peer?.spec.filters ? [...peer.spec.filters] : undefined;
}

/** `filters`: the BGPFilters the new peer names; undefined: the design's convention (eBGP peers only). */
function newPeer(
  doc: Topology,
  name: string,
  scope: { nodeSelector: string } | { node: string },
  routerName: string,
  ebgp: boolean,
  filterList?: readonly string[],
): EditResult {
  const router = doc.spec.routers.find((r) => r.name === routerName);
  if (!router) return err(`unknown router ${routerName}`);
  const exists = doc.spec.calicoResources.some(
    (r) =>
      isBGPPeer(r) &&
      r.spec.peerIP === router.address &&
      ('nodeSelector' in scope ? r.spec.nodeSelector === scope.nodeSelector : r.spec.node === scope.node),
  );
  if (exists) return err(`a BGPPeer from there to ${routerName} (${router.address}) already exists`);
  const taken = new Set(doc.spec.calicoResources.filter(isBGPPeer).map((r) => r.metadata.name));
  let peerName = name;
  for (let i = 2; taken.has(peerName); i++) peerName = `${name}-${i}`;
  const filters = filterList
    ? filterList.length > 0
      ? [...filterList]
      : undefined
    : ebgp
      ? conventionalFilters(doc)
      : undefined;
  const peer: BGPPeer = {
    apiVersion: CALICO_API_VERSION,
    kind: 'BGPPeer',
    metadata: { name: peerName },
    spec: { ...scope, peerIP: router.address, asNumber: router.asNumber, ...(filters ? { filters } : {}) },
  };
  const d = draft(doc);
  d.spec.calicoResources.push(peer);
  return ok({ doc: d, created: [peerName] });
}

export function connectRackToRouter(
  doc: Topology,
  rackName: string,
  routerName: string,
  filters?: readonly string[],
): EditResult {
  const router = doc.spec.routers.find((r) => r.name === routerName);
  const members = doc.spec.nodes.filter((n) => n.rack === rackName);
  const clusterAs = resolveCluster(doc.spec).asNumber;
  const ebgp =
    router !== undefined &&
    (members.length === 0
      ? clusterAs !== router.asNumber
      : members.some((n) => nodeAsNumber(doc.spec, n) !== router.asNumber));
  return newPeer(doc, `${rackName}-${routerName}`, { nodeSelector: rackSelector(rackName) }, routerName, ebgp, filters);
}

export function connectNodeToRouter(doc: Topology, nodeName: string, routerName: string): EditResult {
  const node = doc.spec.nodes.find((n) => n.name === nodeName);
  const router = doc.spec.routers.find((r) => r.name === routerName);
  const ebgp = node !== undefined && router !== undefined && nodeAsNumber(doc.spec, node) !== router.asNumber;
  return newPeer(doc, `${nodeName}-${routerName}`, { node: nodeName }, routerName, ebgp);
}
