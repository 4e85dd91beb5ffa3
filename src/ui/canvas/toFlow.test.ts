import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, scenarioById } from '../../scenarios';
import { generateFabric } from '../../model/edit/generate';
import type { Topology } from '../../model';
import { toFlow } from './toFlow';

const labels = (doc: Topology) =>
  toFlow(doc, [])
    .edges.map(
      (e) =>
        `${e.id}: ${(e.data as { label: string }).label}${(e.data as { mismatch?: string }).mismatch ? ` [${(e.data as { mismatch: string }).mismatch}]` : ''}`,
    )
    .sort();

describe('canvas view of a design', () => {
  it('draws racks as containers of their nodes and ToRs', () => {
    const { nodes } = toFlow(DEFAULT_SCENARIO.doc, ['tor-a']);
    expect(nodes.filter((n) => n.type === 'rack').map((n) => n.id)).toEqual(['rack-a', 'rack-b']);
    expect(nodes.find((n) => n.id === 'node-a1')?.parentId).toBe('rack-a');
    expect(nodes.find((n) => n.id === 'tor-b')?.parentId).toBe('rack-b');
    expect(nodes.find((n) => n.id === 'spine-1')?.parentId).toBeUndefined();
    expect(nodes.find((n) => n.id === 'tor-a')?.selected).toBe(true);
    expect(nodes.findIndex((n) => n.id === 'rack-a')).toBeLessThan(nodes.findIndex((n) => n.id === 'node-a1'));
  });

  it('labels sessions with their kind and AS numbers, one bundle per BGPPeer and rack', () => {
    expect(labels(DEFAULT_SCENARIO.doc)).toEqual([
      'pair:border-1|spine-1: eBGP 65100 ↔ 65000',
      'pair:spine-1|tor-a: eBGP 65000 ↔ 65001',
      'pair:spine-1|tor-b: eBGP 65000 ↔ 65002',
      'peer:rack-a-tor@rack-a: eBGP 65101–65102 → 65001',
      'peer:rack-b-tor@rack-b: eBGP 65201–65202 → 65002',
    ]);
  });

  it('bundles 32 nodes of a rack into one edge per ToR', () => {
    const doc = generateFabric({ racks: 2, nodesPerRack: 32, spines: 2, torsPerRack: 2, vms: 0 });
    const bundles = toFlow(doc, []).edges.filter((e) => e.type === 'bundle');
    expect(bundles.map((e) => `${e.source}→${e.target}`)).toEqual([
      'rack-01→tor-01-1',
      'rack-01→tor-01-2',
      'rack-02→tor-02-1',
      'rack-02→tor-02-2',
    ]);
    expect((bundles[0]?.data as { detail: string }).detail).toBe('rack-01-tor-01-1 · 32 nodes');
  });

  it('shows iBGP, route-reflector clients, multihop and an AS mismatch', () => {
    const doc = structuredClone(DEFAULT_SCENARIO.doc);
    const spine = doc.spec.routers.find((r) => r.name === 'spine-1');
    if (!spine) throw new Error('fixture');
    spine.routeReflector = { clusterId: '10.0.0.1' };
    for (const r of doc.spec.routers) if (r.role === 'tor') r.asNumber = 65000;
    doc.spec.links = doc.spec.links.filter(([a, b]) => !(a === 'tor-b' || b === 'tor-b'));
    const peer = doc.spec.calicoResources.find((r) => r.metadata.name === 'rack-b-tor');
    if (peer?.kind !== 'BGPPeer') throw new Error('fixture');
    peer.spec.asNumber = 65002;
    const peerA = doc.spec.calicoResources.find((r) => r.metadata.name === 'rack-a-tor');
    if (peerA?.kind !== 'BGPPeer') throw new Error('fixture');
    peerA.spec.asNumber = 65000;
    expect(labels(doc)).toEqual([
      'pair:border-1|spine-1: eBGP 65100 ↔ 65000',
      'pair:spine-1|tor-a: RR client AS 65000',
      'pair:spine-1|tor-b: RR client AS 65000 (multihop)',
      'peer:rack-a-tor@rack-a: eBGP 65101–65102 → 65000',
      "peer:rack-b-tor@rack-b: eBGP 65201–65202 → 65000 [peer asNumber 65002 ≠ tor-b's AS 65000]",
    ]);
  });

  it('lays out the single-rack mesh design with its ToR above the nodes', () => {
    const doc = scenarioById('single-rack-mesh')?.doc as Topology;
    const { nodes } = toFlow(doc, []);
    const y = (id: string) => nodes.find((n) => n.id === id)?.position.y ?? NaN;
    expect(y('tor-a')).toBeLessThan(y('node-a1'));
    expect(y('node-a1')).toBe(y('node-a3'));
    expect((nodes.find((n) => n.id === 'rack-a')?.data as { mesh: boolean }).mesh).toBe(true);
  });
});
