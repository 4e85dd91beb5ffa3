import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenarios';
import { generateFabric } from '../../model/edit/generate';
import { toFlow } from './toFlow';
import { LITE_ZOOM, RACKS_ZOOM, lodKey, parseLod, rackEdges, rackOwners } from './lod';

describe('level of detail', () => {
  it('is a few discrete levels of the zoom, and always whole for a small design', () => {
    expect(lodKey(0.05, false)).toBe('full');
    expect(lodKey(1, true)).toBe('full');
    expect(lodKey(LITE_ZOOM, true)).toBe('full');
    expect(lodKey(LITE_ZOOM - 0.01, true)).toBe('lite');
    expect(lodKey(RACKS_ZOOM, true)).toBe('lite');
    // Far out the text scale is 1/zoom in half-octave steps: the same key over a range of zooms.
    expect(lodKey(0.1, true)).toBe(`racks:${2 ** 3.5}`);
    expect(lodKey(0.105, true)).toBe(lodKey(0.1, true));
    expect(parseLod(lodKey(0.1, true))).toEqual({ level: 'racks', textScale: 2 ** 3.5 });
    expect(parseLod('lite')).toEqual({ level: 'lite', textScale: 1 });
    const keys = new Set<string>();
    for (let z = 0.05; z < 2.5; z += 0.001) keys.add(lodKey(z, true));
    expect(keys.size).toBeLessThan(12);
  });

  it('far out bundles the sessions of a rack’s members per rack and router, and drops what stays inside a rack', () => {
    const fabric = generateFabric({ racks: 3, nodesPerRack: 4, spines: 2, torsPerRack: 2, vms: 2 });
    const { nodes, edges } = toFlow(fabric, []);
    const owners = rackOwners(nodes);
    expect(owners.get('node-01-1')).toBe('rack-01');
    expect(owners.get('tor-01-2')).toBe('rack-01');
    expect(owners.has('spine-1')).toBe(false);
    const far = rackEdges(edges, owners);
    const described = far
      .map((e) => (e.type === 'rackBundle' ? `${e.id} ×${e.data?.count} ${e.data?.kind}` : e.id))
      .sort();
    expect(described).toEqual([
      'pair:border-1|spine-1',
      'pair:border-1|spine-2',
      'rackbundle:spine-1|rack-01 ×2 eBGP',
      'rackbundle:spine-1|rack-02 ×2 eBGP',
      'rackbundle:spine-1|rack-03 ×2 eBGP',
      'rackbundle:spine-2|rack-01 ×2 eBGP',
      'rackbundle:spine-2|rack-02 ×2 eBGP',
      'rackbundle:spine-2|rack-03 ×2 eBGP',
    ]);
    const bundle = far.find((e) => e.id === 'rackbundle:spine-1|rack-01');
    expect(bundle).toMatchObject({ source: 'spine-1', target: 'rack-01', sourceHandle: 'b', targetHandle: 'top' });
    expect(bundle?.data).toMatchObject({ session: true, detail: '2 sessions between spine-1 and rack-01' });
  });

  it('keeps a BGPPeer bundle from a rack to a router outside it; a node-scoped one joins its rack’s bundle', () => {
    const fabric = generateFabric({ racks: 2, nodesPerRack: 2, spines: 1, torsPerRack: 1, vms: 0 });
    const { nodes, edges } = toFlow(fabric, []);
    const data = { kind: 'iBGP' as const, label: '', detail: '', filters: [], mismatch: undefined };
    const fromRack = {
      id: 'peer:to-spine@rack-01',
      type: 'bundle' as const,
      source: 'rack-01',
      target: 'spine-1',
      sourceHandle: 'top',
      targetHandle: 'b',
      data,
    };
    const fromNode = {
      id: 'peer:one@node-02-1',
      type: 'bundle' as const,
      source: 'node-02-1',
      target: 'spine-1',
      sourceHandle: 't',
      targetHandle: 'b',
      data,
    };
    const far = rackEdges([...edges, fromRack, fromNode], rackOwners(nodes));
    expect(far).toContainEqual(fromRack);
    expect(far.find((e) => e.id === 'rackbundle:spine-1|rack-02')?.data).toMatchObject({
      count: 2,
      kind: 'mixed',
      session: true,
    });
    expect(far.find((e) => e.id === 'rackbundle:spine-1|rack-01')?.data).toMatchObject({ count: 1, kind: 'eBGP' });
  });

  it('gives a rack its clients: nodes, then ToRs', () => {
    const { nodes } = toFlow(DEFAULT_SCENARIO.doc, []);
    const rack = nodes.find((n) => n.id === 'rack-a');
    expect(rack?.type === 'rack' && rack.data.members).toEqual(['node-a1', 'node-a2', 'tor-a']);
  });
});
