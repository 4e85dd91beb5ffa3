/**
 * Helpers for the model's unit tests (not used by the app): parse text and get the formatted
 * issues, and edit a template design by replacing one exact piece of text.
 */
import { formatIssue } from './issues';
import { parseDesign, validateDesign } from './parse';
import type { Topology } from './schema';

/** The formatted issues of a design text, `[]` when it parses. */
export function errorsOf(text: string): string[] {
  const r = parseDesign(text);
  return r.ok ? [] : r.error.map(formatIssue);
}

/** The formatted issues of an in-memory design, `[]` when it is valid. */
export function validationErrors(value: unknown): string[] {
  const r = validateDesign(value);
  return r.ok ? [] : r.error.map(formatIssue);
}

/** Parses a design that must be valid, or throws with its issues. */
export function mustParse(text: string): Topology {
  const r = parseDesign(text);
  if (!r.ok) throw new Error(`design does not parse:\n${r.error.map(formatIssue).join('\n')}`);
  return r.value.doc;
}

/** `text` with the one occurrence of `from` replaced by `to` (throws when `from` is not there exactly once). */
export function edit(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) {
    throw new Error(`edit: ${JSON.stringify(from)} occurs ${first < 0 ? 'nowhere' : 'more than once'} in the template`);
  }
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** `text` with 1-based line `line` replaced by `content` (which may span several lines). */
export function replaceLine(text: string, line: number, content: string): string {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) throw new Error(`replaceLine: no line ${line}`);
  lines[line - 1] = content;
  return lines.join('\n');
}

/** The text of 1-based line `line`. */
export function lineOf(text: string, line: number): string {
  const l = text.split('\n')[line - 1];
  if (l === undefined) throw new Error(`lineOf: no line ${line}`);
  return l;
}

/** The value of a Result that must be ok, or throws with its error. */
export function unwrap<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(`expected ok, got error: ${JSON.stringify(r.error)}`);
  return r.value;
}

/**
 * A small eBGP fabric to edit: rack-a (tor-a, node-a1, node-a2 with their own AS numbers and
 * blocks), spine-1, the live-migration filter and rack-a's BGPPeer to tor-a, vm-1 on node-a1.
 */
export const SMALL_FABRIC = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: fabric }
spec:
  cluster: { asNumber: 64512, nodeToNodeMeshEnabled: false }
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
  nodes:
    - { name: node-a1, rack: rack-a, address: 10.0.1.11, asNumber: 65101, blocks: [10.244.1.0/26] }
    - { name: node-a2, rack: rack-a, address: 10.0.1.12, asNumber: 65102, blocks: [10.244.1.64/26] }
  routers:
    - { name: tor-a, role: tor, rack: rack-a, asNumber: 65001, address: 10.0.1.1, platform: bird1, policy: { elevatedCommunity: "65000:100" } }
    - { name: spine-1, role: spine, asNumber: 65000, address: 10.0.0.1, platform: bird1 }
  links: [[tor-a, spine-1]]
  sessions: [[tor-a, spine-1]]
  calicoResources:
    - { apiVersion: projectcalico.org/v3, kind: BGPFilter, metadata: { name: kubevirt-live-migration }, spec: {} }
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: rack-a-tor-a }
      spec: { nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001, filters: [kubevirt-live-migration] }
  vms:
    - { name: vm-1, ip: 10.244.1.5, node: node-a1 }
  layout:
    positions: { rack-a: [0, 0], tor-a: [10, 10], node-a1: [20, 60], spine-1: [200, -100] }
`;

/** A fresh copy of SMALL_FABRIC. */
export function smallFabric(): Topology {
  return mustParse(SMALL_FABRIC);
}
