/**
 * Deleting elements and everything that only makes sense with them: a rack takes its nodes and
 * ToRs; a node its VMs and node-scoped BGPPeers; a router its links, sessions and the BGPPeers
 * that target its address; a VM the migration that moves it.
 */
import { isBGPPeer } from '../calico/resources';
import { rackOfSelector } from '../calico/selector';
import type { Topology } from '../schema';
import { draft } from './common';

export interface Removal {
  /** Rack, node, router or VM names. */
  readonly elements?: readonly string[];
  /** BGPPeer names (canvas bundle edges). */
  readonly peers?: readonly string[];
  /** Router pairs whose session and link go. */
  readonly pairs?: readonly (readonly [string, string])[];
}

export function remove(doc: Topology, what: Removal): Topology {
  const d = draft(doc);
  const s = d.spec;
  const names = new Set(what.elements ?? []);
  for (const rack of s.racks)
    if (names.has(rack.name)) {
      for (const n of s.nodes) if (n.rack === rack.name) names.add(n.name);
      for (const r of s.routers) if (r.rack === rack.name) names.add(r.name);
    }
  const racks = new Set(s.racks.filter((r) => names.has(r.name)).map((r) => r.name));
  const nodes = new Set(s.nodes.filter((n) => names.has(n.name)).map((n) => n.name));
  const goneRouters = s.routers.filter((r) => names.has(r.name));
  const routerNames = new Set(goneRouters.map((r) => r.name));
  const routerAddresses = new Set(goneRouters.map((r) => r.address));
  for (const vm of s.vms) if (nodes.has(vm.node)) names.add(vm.name);
  const vms = new Set(s.vms.filter((v) => names.has(v.name)).map((v) => v.name));
  const peers = new Set(what.peers ?? []);
  const pairGone = (p: readonly [string, string]) =>
    routerNames.has(p[0]) ||
    routerNames.has(p[1]) ||
    (what.pairs ?? []).some((q) => (q[0] === p[0] && q[1] === p[1]) || (q[0] === p[1] && q[1] === p[0]));

  s.racks = s.racks.filter((r) => !racks.has(r.name));
  s.nodes = s.nodes.filter((n) => !nodes.has(n.name));
  s.routers = s.routers.filter((r) => !routerNames.has(r.name));
  s.vms = s.vms.filter((v) => !vms.has(v.name));
  s.links = s.links.filter((p) => !pairGone(p));
  s.sessions = s.sessions.filter((p) => !pairGone(p));
  s.calicoResources = s.calicoResources.filter((r) => {
    if (!isBGPPeer(r)) return true;
    if (peers.has(r.metadata.name)) return false;
    if (r.spec.node !== undefined && nodes.has(r.spec.node)) return false;
    const rack = r.spec.nodeSelector !== undefined ? rackOfSelector(r.spec.nodeSelector) : undefined;
    if (rack !== undefined && racks.has(rack)) return false;
    if (r.spec.peerIP !== undefined && routerAddresses.has(r.spec.peerIP)) return false;
    return true;
  });
  if (s.migration && (vms.has(s.migration.vm) || nodes.has(s.migration.to))) delete s.migration;
  const positions = s.layout?.positions;
  if (positions) for (const n of names) delete positions[n];
  return d;
}
