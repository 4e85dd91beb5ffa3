/** Effective values of a design (src/model/resolve.ts): defaults, node labels, block affinities. */
import { describe, expect, it } from 'vitest';
import { prefix4 } from '../lib/ip';
import {
  DEFAULT_POOL,
  effectiveBlocks,
  elementNames,
  nextFreeBlock,
  nodeAsNumber,
  nodeLabels,
  resolveCluster,
  resolvePolicy,
} from './resolve';
import { mustParse } from './test-support';

const design = (spec: string) =>
  mustParse(`apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: r }\nspec:\n${spec}`);

describe('resolveCluster', () => {
  it('applies the defaults of DESIGN §4', () => {
    expect(resolveCluster(design('  racks: []\n').spec)).toEqual({
      asNumber: 64512,
      nodeToNodeMeshEnabled: true,
      ipPools: [
        {
          name: 'default-ipv4-ippool',
          cidr: '10.244.0.0/16',
          blockSize: 26,
          disableBGPExport: false,
          ipipMode: 'Never',
          vxlanMode: 'Never',
          natOutgoing: false,
        },
      ],
      normalPriority: 1024,
      elevatedPriority: 512,
      bgpNormalPriority: 1024,
      liveMigrationRouteConvergenceTime: '30s',
    });
    expect(DEFAULT_POOL.cidr).toBe('10.244.0.0/16');
  });

  it('keeps what the file says, and the BGP normal priority follows Felix’s unless set', () => {
    const spec = design(`  cluster:
    asNumber: 65500
    nodeToNodeMeshEnabled: false
    ipPools: [{ name: p, cidr: 10.96.0.0/16 }, { name: q, cidr: 10.97.0.0/16, natOutgoing: true, ipipMode: CrossSubnet, nodeSelector: "rack == 'a'" }]
    routePriority: { normal: 2000 }
    liveMigrationRouteConvergenceTime: 1m
`).spec;
    const c = resolveCluster(spec);
    expect(c).toMatchObject({
      asNumber: 65500,
      nodeToNodeMeshEnabled: false,
      normalPriority: 2000,
      elevatedPriority: 512,
      bgpNormalPriority: 2000,
      liveMigrationRouteConvergenceTime: '1m',
    });
    expect(c.ipPools).toEqual([
      {
        name: 'p',
        cidr: '10.96.0.0/16',
        blockSize: 26,
        disableBGPExport: false,
        ipipMode: 'Never',
        vxlanMode: 'Never',
        natOutgoing: false,
      },
      {
        name: 'q',
        cidr: '10.97.0.0/16',
        blockSize: 26,
        disableBGPExport: false,
        ipipMode: 'CrossSubnet',
        vxlanMode: 'Never',
        natOutgoing: true,
        nodeSelector: "rack == 'a'",
      },
    ]);
    spec.cluster = { ...spec.cluster, bgpNormalRoutePriority: 1024, routePriority: { normal: 2000, elevated: 100 } };
    expect(resolveCluster(spec)).toMatchObject({
      normalPriority: 2000,
      elevatedPriority: 100,
      bgpNormalPriority: 1024,
    });
  });
});

describe('routers and nodes', () => {
  const doc = design(`  racks: [{ name: rack-a, subnet: 10.0.1.0/24 }]
  nodes:
    - { name: n1, rack: rack-a, address: 10.0.1.11, labels: { zone: z1 } }
    - { name: n2, rack: rack-a, address: 10.0.1.12, asNumber: 65102 }
  routers:
    - { name: t, role: tor, rack: rack-a, asNumber: 65001, address: 10.0.1.1, platform: frr, policy: { toNodes: default-only } }
`);

  it('resolvePolicy fills the router policy defaults', () => {
    expect(resolvePolicy(doc.spec.routers[0]!)).toEqual({
      elevatedCommunity: undefined,
      sendCommunity: true,
      multipath: false,
      toNodes: 'default-only',
      addPaths: false,
    });
  });

  it('nodeLabels adds rack and hostname to the user’s labels', () => {
    expect(nodeLabels(doc.spec.nodes[0]!)).toEqual({ zone: 'z1', rack: 'rack-a', 'kubernetes.io/hostname': 'n1' });
    expect(nodeLabels(doc.spec.nodes[1]!)).toEqual({ rack: 'rack-a', 'kubernetes.io/hostname': 'n2' });
  });

  it('nodeAsNumber is the node’s own AS or the cluster’s', () => {
    expect(nodeAsNumber(doc.spec, doc.spec.nodes[0]!)).toBe(64512);
    expect(nodeAsNumber(doc.spec, doc.spec.nodes[1]!)).toBe(65102);
  });

  it('elementNames lists racks, nodes and routers', () => {
    expect([...elementNames(doc)]).toEqual(['rack-a', 'n1', 'n2', 't']);
  });
});

describe('block affinities', () => {
  it('keeps explicit blocks and allocates the lowest free block to the others, in file order', () => {
    const doc = design(`  racks: [{ name: r, subnet: 10.0.1.0/24 }]
  nodes:
    - { name: n1, rack: r, address: 10.0.1.11 }
    - { name: n2, rack: r, address: 10.0.1.12, blocks: [10.244.0.64/26] }
    - { name: n3, rack: r, address: 10.0.1.13 }
    - { name: n4, rack: r, address: 10.0.1.14, blocks: [] }
    - { name: n5, rack: r, address: 10.0.1.15, blocks: [10.244.0.0/26, 10.244.1.0/26] }
`);
    expect(Object.fromEntries(effectiveBlocks(doc.spec))).toEqual({
      n1: ['10.244.0.128/26'],
      n2: ['10.244.0.64/26'],
      n3: ['10.244.0.192/26'],
      n4: ['10.244.1.64/26'],
      n5: ['10.244.0.0/26', '10.244.1.0/26'],
    });
  });

  it('moves on to the next pool when one is full, and gives nothing when all are', () => {
    const doc = design(`  cluster:
    ipPools:
      - { name: a, cidr: 10.244.0.0/25, blockSize: 26 }
      - { name: b, cidr: 10.96.0.0/28, blockSize: 28 }
  racks: [{ name: r, subnet: 10.0.1.0/24 }]
  nodes:
${[1, 2, 3, 4].map((i) => `    - { name: n${i}, rack: r, address: 10.0.1.1${i} }`).join('\n')}
`);
    expect(Object.fromEntries(effectiveBlocks(doc.spec))).toEqual({
      n1: ['10.244.0.0/26'],
      n2: ['10.244.0.64/26'],
      n3: ['10.96.0.0/28'],
      n4: [],
    });
  });

  it('nextFreeBlock skips taken blocks, overlapping ones too, and pools smaller than a block', () => {
    const pools = [
      { name: 'tiny', cidr: '10.1.0.0/30', blockSize: 28, disableBGPExport: false },
      { name: 'p', cidr: '10.244.0.0/24', blockSize: 26, disableBGPExport: false },
    ];
    const taken = [prefix4('10.244.0.0/25')!];
    expect(nextFreeBlock(pools, taken)).toEqual(prefix4('10.244.0.128/26'));
    expect(nextFreeBlock(pools, [prefix4('10.244.0.0/24')!])).toBeUndefined();
  });
});
