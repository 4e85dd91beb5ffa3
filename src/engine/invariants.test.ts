/**
 * Where the engine relies on the design's validation, it asserts it (src/lib/assert.ts): a
 * design that skipped validation stops the build with the element named, instead of computing
 * with an undefined address.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRouter, formatIssue, parseDesign, type Topology } from '../model';
import { buildNetwork } from './network';
import { neutralSpeaker } from './speakers/neutral';

const HARDWARE_TORS = readFileSync(new URL('../scenarios/hardware-tors.liveroute.yaml', import.meta.url), 'utf8');

function design(): Topology {
  const r = parseDesign(HARDWARE_TORS);
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
}

describe('engine invariants', () => {
  it('refuses a node address that validation would have refused, naming the node', () => {
    // The calico-node renderer checks its input first (confd/guard.ts): it is the one that stops it.
    const doc = design();
    const node = doc.spec.nodes[0];
    if (!node) throw new Error('the design has nodes');
    const bad = {
      ...doc,
      spec: { ...doc.spec, nodes: doc.spec.nodes.map((n) => (n === node ? { ...n, address: '10.0.1.300' } : n)) },
    };
    expect(() => buildNetwork(bad)).toThrow(
      `Node "${node.name}" cannot be rendered: spec.bgp.ipv4Address: 10.0.1.300/24 is not an IPv4 address with an optional prefix length (e.g. 10.192.0.2/16)`,
    );
  });

  it('refuses a router or neighbour address that validation would have refused, naming both', () => {
    const doc = design();
    const router = doc.spec.routers.find((r) => r.platform === 'nxos');
    if (!router) throw new Error('the design has an NX-OS router');
    const model = compileRouter(doc, router.name);
    expect(() => neutralSpeaker({ ...model, address: 'tor' }, () => undefined)).toThrow(
      `liveroute invariant violated: router ${router.name}: address tor is IPv4 (the design's validation checks it)`,
    );
    const neighbor = model.neighbors[0];
    if (!neighbor) throw new Error(`${router.name} has a neighbor`);
    const broken = { ...model, neighbors: [{ ...neighbor, address: '10.0.0' }] };
    expect(() => neutralSpeaker(broken, () => undefined)).toThrow(
      `liveroute invariant violated: router ${router.name}: neighbor ${neighbor.name}'s address 10.0.0 is IPv4 (the design's validation checks it)`,
    );
  });
});
