/** Renaming an element and every reference to it, so a rename never breaks the design. */
import { err, ok, type Result } from '../../lib/result';
import { isDnsLabel } from '../../lib/names';
import { isBGPPeer } from '../calico/resources';
import { rackOfSelector, rackSelector } from '../calico/selector';
import { elementNames } from '../resolve';
import type { Topology } from '../schema';
import { draft } from './common';

export function rename(doc: Topology, from: string, to: string): Result<Topology, string> {
  if (from === to) return ok(doc);
  if (!isDnsLabel(to))
    return err(`${JSON.stringify(to)} is not a valid name: lowercase letters, digits and '-', at most 63 characters`);
  const s0 = doc.spec;
  const isVm = s0.vms.some((v) => v.name === from);
  if (isVm) {
    if (s0.vms.some((v) => v.name === to)) return err(`a VM named ${to} already exists`);
    const d = draft(doc);
    for (const v of d.spec.vms) if (v.name === from) v.name = to;
    if (d.spec.migration?.vm === from) d.spec.migration.vm = to;
    return ok(d);
  }
  const names = elementNames(doc);
  if (!names.has(from)) return err(`unknown element ${from}`);
  if (names.has(to)) return err(`${to} is already the name of another element`);
  const d = draft(doc);
  const s = d.spec;
  const swap = (n: string) => (n === from ? to : n);
  for (const r of s.racks) r.name = swap(r.name);
  for (const n of s.nodes) {
    n.name = swap(n.name);
    n.rack = swap(n.rack);
  }
  for (const r of s.routers) {
    r.name = swap(r.name);
    if (r.rack !== undefined) r.rack = swap(r.rack);
  }
  s.links = s.links.map(([a, b]) => [swap(a), swap(b)]);
  s.sessions = s.sessions.map(([a, b]) => [swap(a), swap(b)]);
  for (const v of s.vms) v.node = swap(v.node);
  if (s.migration) s.migration.to = swap(s.migration.to);
  for (const r of s.calicoResources) {
    if (!isBGPPeer(r)) continue;
    if (r.spec.node !== undefined) r.spec.node = swap(r.spec.node);
    if (r.spec.nodeSelector !== undefined && rackOfSelector(r.spec.nodeSelector) === from)
      r.spec.nodeSelector = rackSelector(to);
  }
  const positions = s.layout?.positions;
  if (positions && positions[from]) {
    positions[to] = positions[from];
    delete positions[from];
  }
  return ok(d);
}

/** Renames a BGPPeer or BGPFilter; a filter's new name follows into every BGPPeer that lists it. */
export function renameResource(
  doc: Topology,
  kind: 'BGPPeer' | 'BGPFilter',
  from: string,
  to: string,
): Result<Topology, string> {
  if (from === to) return ok(doc);
  if (doc.spec.calicoResources.some((r) => r.kind === kind && r.metadata.name === to))
    return err(`a ${kind} named ${to} already exists`);
  const d = draft(doc);
  for (const r of d.spec.calicoResources) {
    if (r.kind === kind && r.metadata.name === from) r.metadata.name = to;
    if (kind === 'BGPFilter' && isBGPPeer(r) && r.spec.filters)
      r.spec.filters = r.spec.filters.map((f) => (f === from ? to : f));
  }
  return ok(d);
}
