/**
 * Designs of thousands of copies of one element (issue 15, findings 3 and 9): validation answers
 * at once with the first problems of each kind and a count of the rest. Every check is linear or
 * O(n log n); the sizes here (10,000 copies, 50 million pairs) are far past what a check that
 * compared every pair, or reported every pair, could get through in the test's time limit, and the
 * messages asserted are only produced by the per-kind report.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, ISSUES_PER_KIND } from './issues';
import { parseDesign, validateDesign } from './parse';
import { DEFAULT_BLOCK_SIZE, effectiveBlocks } from './resolve';
import type { Topology } from './schema';

const N = 10_000;
const many = <T>(make: (i: number) => T): T[] => Array.from({ length: N }, (_, i) => make(i));
const design = (spec: Record<string, unknown>) => ({
  apiVersion: 'liveroute/v1',
  kind: 'Topology',
  metadata: { name: 'x' },
  spec,
});

/** The formatted problems of an in-memory design: the first two listed, and the count lines. */
function summary(value: unknown): string[] {
  const r = validateDesign(value);
  if (r.ok) return [];
  const lines = r.error.map(formatIssue);
  return lines.filter((line, i) => i < 2 || line.includes(': … and '));
}

describe('a design of thousands of identical elements', () => {
  it('3,000 copies of one rack: "duplicate rack r" at once, 20 of each problem listed and the rest counted (the reproducer of finding 3)', () => {
    const text = `apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: x }\nspec:\n  racks:\n${'    - { name: r, subnet: 10.0.0.0/24 }\n'.repeat(3000)}`;
    const r = parseDesign(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.error.map(formatIssue);
    expect(lines).toHaveLength(2 * ISSUES_PER_KIND + 2);
    expect(lines.slice(0, 2)).toEqual([
      'spec.racks[1].name (line 7): "r" is already the name of a rack (spec.racks[0])',
      'spec.racks[1].subnet (line 7): 10.0.0.0/24 overlaps rack r (10.0.0.0/24)',
    ]);
    expect(lines.slice(-2)).toEqual([
      'spec.racks (line 5): … and 2,979 more duplicate rack names',
      'spec.racks (line 5): … and 2,979 more overlapping rack subnets',
    ]);
    expect(r.error.slice(-2).map((i) => i.omitted)).toEqual([2979, 2979]);
  });

  it('racks: each overlap is reported once, against the first rack it overlaps, nested or equal', () => {
    const racks = many((i) => ({ name: `r${i}`, subnet: i === 0 ? '10.0.0.0/8' : `10.${i >> 8}.${i & 255}.0/24` }));
    expect(summary(design({ racks }))).toEqual([
      'spec.racks[1].subnet: 10.0.1.0/24 overlaps rack r0 (10.0.0.0/8)',
      'spec.racks[2].subnet: 10.0.2.0/24 overlaps rack r0 (10.0.0.0/8)',
      'spec.racks: … and 9,979 more overlapping rack subnets',
    ]);
  });

  it('nodes: names, addresses and blocks', () => {
    const nodes = many(() => ({ name: 'n', rack: 'r', address: '10.0.0.5', blocks: ['10.244.0.0/26'] }));
    expect(summary(design({ racks: [{ name: 'r', subnet: '10.0.0.0/8' }], nodes }))).toEqual([
      'spec.nodes[1].name: "n" is already the name of a node (spec.nodes[0])',
      'spec.nodes[2].name: "n" is already the name of a node (spec.nodes[0])',
      'spec.nodes: … and 9,979 more duplicate node names',
      'spec.nodes: … and 9,979 more duplicate addresses',
      'spec.nodes: … and 9,979 more overlapping blocks',
    ]);
  });

  it('nodes in a rack that is not there, with 10,000 racks to name in the message', () => {
    const racks = many((i) => ({ name: `r${i}`, subnet: `10.${i >> 8}.${i & 255}.0/24` }));
    const nodes = many((i) => ({ name: `n${i}`, rack: 'nowhere', address: `10.99.${i >> 8}.${i & 255}` }));
    expect(summary(design({ racks, nodes }))).toEqual([
      'spec.nodes[0].rack: unknown rack "nowhere" (known: r0, r1, r2, r3, r4, r5, r6, r7, …)',
      'spec.nodes[1].rack: unknown rack "nowhere" (known: r0, r1, r2, r3, r4, r5, r6, r7, …)',
      'spec.nodes: … and 9,980 more nodes in unknown racks',
    ]);
  });

  it('routers: names, addresses and ToRs per rack', () => {
    const routers = many(() => ({
      name: 't',
      role: 'tor',
      rack: 'r',
      asNumber: 65000,
      address: '10.0.0.1',
      platform: 'bird1',
    }));
    expect(summary(design({ racks: [{ name: 'r', subnet: '10.0.0.0/8' }], routers }))).toEqual([
      'spec.routers[1].name: "t" is already the name of a router (spec.routers[0])',
      'spec.routers[2].name: "t" is already the name of a router (spec.routers[0])',
      'spec.routers: … and 9,979 more duplicate router names',
      'spec.routers: … and 9,979 more duplicate addresses',
      'spec.routers: … and 9,978 more ToRs beyond two per rack',
    ]);
  });

  it('links and sessions listed again and again', () => {
    const routers = [
      { name: 'a', role: 'spine', asNumber: 1, address: '10.1.1.1', platform: 'frr' },
      { name: 'b', role: 'spine', asNumber: 2, address: '10.1.1.2', platform: 'frr' },
    ];
    expect(summary(design({ routers, links: many(() => ['b', 'a']), sessions: many(() => ['a', 'b']) }))).toEqual([
      'spec.links[1]: b–a is already listed at spec.links[0]',
      'spec.links[2]: b–a is already listed at spec.links[0]',
      'spec.links: … and 9,979 more duplicate links',
      'spec.sessions: … and 9,979 more duplicate sessions',
    ]);
  });

  it('pools and VMs: names, overlaps, IPs outside 10,000 pools', () => {
    const ipPools = many(() => ({ name: 'p', cidr: '10.244.0.0/16' }));
    const vms = many(() => ({ name: 'v', ip: '10.99.0.1', node: 'n' }));
    expect(summary(design({ cluster: { ipPools }, vms }))).toEqual([
      'spec.vms[1].name: VM name "v" is already used by spec.vms[0]',
      'spec.vms[2].name: VM name "v" is already used by spec.vms[0]',
      'spec.vms: … and 9,979 more duplicate VM names',
      'spec.cluster.ipPools: … and 9,979 more duplicate pool names',
      'spec.cluster.ipPools: … and 9,979 more overlapping pools',
      'spec.vms: … and 9,980 more VMs on unknown nodes',
      'spec.vms: … and 9,980 more VM IPs outside every pool',
      'spec.vms: … and 9,979 more duplicate VM IPs',
    ]);
  });

  it('Calico resources defined again and again, and BGPPeers of a node that is not there', () => {
    const peer = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: 'p' },
      spec: { node: 'nowhere', peerIP: '10.0.0.1', asNumber: 65000 },
    };
    expect(summary(design({ calicoResources: many(() => peer) }))).toEqual([
      'spec.calicoResources[1].metadata.name: BGPPeer "p" is already defined at spec.calicoResources[0]',
      'spec.calicoResources[2].metadata.name: BGPPeer "p" is already defined at spec.calicoResources[0]',
      'spec.calicoResources: … and 9,979 more duplicate Calico resources',
      'spec.calicoResources: … and 9,980 more BGPPeers of unknown nodes',
    ]);
  });

  it('schema problems are listed per field too: 10,000 peers with the same mistake', () => {
    const peer = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'BGPPeer',
      metadata: { name: 'p' },
      spec: { node: 'n', nodeSelector: 'all()', peerIP: '10.0.0.1', asNumber: 65000 },
    };
    expect(summary(design({ calicoResources: many(() => peer) }))).toEqual([
      'spec.calicoResources[0].spec.nodeSelector: node and nodeSelector cannot both be set',
      'spec.calicoResources[1].spec.nodeSelector: node and nodeSelector cannot both be set',
      'spec.calicoResources: … and 9,980 more problems with spec.calicoResources[*].spec.nodeSelector',
    ]);
  });

  it('layout positions of 10,000 elements that are not there', () => {
    const positions = Object.fromEntries(many((i) => [`k${i}`, [1, 2]]));
    expect(summary(design({ layout: { positions } }))).toEqual([
      'spec.layout.positions.k0: "k0" is not a rack, node or router of this design',
      'spec.layout.positions.k1: "k1" is not a rack, node or router of this design',
      'spec.layout.positions: … and 9,980 more positions of unknown elements',
    ]);
  });

  it('a mapping of 20,000 keys is read and located without searching it per problem', () => {
    const text = `apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: x }\nspec:\n  layout:\n    positions:\n${Array.from({ length: 20_000 }, (_, i) => `      k${i}: [1, 2]\n`).join('')}`;
    const r = parseDesign(text);
    expect(r.ok ? [] : r.error.map(formatIssue).filter((l, i) => i < 1 || l.includes('…'))).toEqual([
      'spec.layout.positions.k0 (line 7): "k0" is not a rack, node or router of this design',
      'spec.layout.positions (line 6): … and 19,980 more positions of unknown elements',
    ]);
  });
});

describe('block allocation of a large fabric', () => {
  it('gives 10,000 nodes without blocks the lowest free blocks in file order, around those taken', () => {
    const nodes = many((i) => ({
      name: `n${i}`,
      rack: 'r',
      address: `10.0.${i >> 8}.${(i & 255) + 1}`,
      ...(i === 1 ? { blocks: ['10.244.0.64/26'] } : {}),
    }));
    const doc = {
      spec: {
        racks: [],
        nodes,
        routers: [],
        links: [],
        sessions: [],
        calicoResources: [],
        vms: [],
        cluster: {
          ipPools: [
            { name: 'a', cidr: '10.244.0.0/16' },
            { name: 'b', cidr: '10.10.0.0/16', blockSize: 24 },
          ],
        },
      },
    } as unknown as Topology;
    const blocks = effectiveBlocks(doc.spec);
    expect(DEFAULT_BLOCK_SIZE).toBe(26);
    expect([0, 1, 2, 3].map((i) => blocks.get(`n${i}`))).toEqual([
      ['10.244.0.0/26'],
      ['10.244.0.64/26'],
      ['10.244.0.128/26'],
      ['10.244.0.192/26'],
    ]);
    // The /16 holds 1,024 blocks of /26 (n1 has its own); then the second pool's 256 blocks of /24.
    expect(blocks.get('n1023')).toEqual(['10.244.255.192/26']);
    expect(blocks.get('n1024')).toEqual(['10.10.0.0/24']);
    expect(blocks.get('n1279')).toEqual(['10.10.255.0/24']);
    expect(blocks.get('n1280')).toEqual([]);
  });
});
