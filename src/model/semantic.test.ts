/**
 * Whole-document checks (src/model/semantic.ts): names, references, addresses, racks and ToRs,
 * links and sessions, pools and blocks, VMs, the migration and layout keys. Each case edits one
 * line of a valid design and expects the exact issues.
 */
import { describe, expect, it } from 'vitest';
import { checkSemantics } from './semantic';
import { edit, errorsOf, lineOf, mustParse } from './test-support';

const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: sem }
spec:
  cluster:
    ipPools:
      - { name: pool-a, cidr: 10.244.0.0/16, blockSize: 26 }
      - { name: pool-b, cidr: 10.96.0.0/16, blockSize: 24 }
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
    - { name: rack-b, subnet: 10.0.2.0/24 }
  nodes:
    - { name: node-a1, rack: rack-a, address: 10.0.1.11, blocks: [10.244.1.0/26] }
    - { name: node-a2, rack: rack-a, address: 10.0.1.12, labels: { zone: z1 } }
    - { name: node-b1, rack: rack-b, address: 10.0.2.11, blocks: [10.244.2.0/26] }
  routers:
    - { name: tor-a, role: tor, rack: rack-a, asNumber: 65001, address: 10.0.1.1, platform: bird1 }
    - { name: tor-a2, role: tor, rack: rack-a, asNumber: 65001, address: 10.0.1.2, platform: bird1 }
    - { name: tor-b, role: tor, rack: rack-b, asNumber: 65002, address: 10.0.2.1, platform: bird1 }
    - { name: spine-1, role: spine, asNumber: 65000, address: 10.0.0.1, platform: bird1 }
    - { name: spine-2, role: spine, asNumber: 65000, address: 10.0.0.2, platform: bird1 }
  links:
    - [tor-a, spine-1]
    - [tor-b, spine-1]
  sessions:
    - [tor-a, spine-1]
    - [tor-b, spine-1]
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: a-tor }
      spec: { nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001, filters: [lm] }
    - apiVersion: projectcalico.org/v3
      kind: BGPFilter
      metadata: { name: lm }
      spec: {}
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: b1-tor }
      spec: { node: node-b1, peerIP: 10.0.2.1, asNumber: 65002 }
  vms:
    - { name: vm-1, ip: 10.244.1.5, node: node-a1 }
    - { name: vm-2, ip: 10.244.2.9, node: node-b1 }
  migration: { vm: vm-1, to: node-b1 }
  layout:
    positions: { rack-a: [0, 0], node-a1: [10, 10], tor-b: [100, 0] }
`;

type Case = readonly [what: string, from: string, to: string, issues: readonly string[]];

function cases(list: readonly Case[]) {
  it.each(list)('%s', (_what, from, to, issues) => {
    expect(errorsOf(edit(BASE, from, to))).toEqual(issues);
  });
}

const ROUTERS = 'known: tor-a, tor-a2, tor-b, spine-1, spine-2';
const NODES = 'known: node-a1, node-a2, node-b1';

it('the template is valid and laid out as the cases expect', () => {
  expect(errorsOf(BASE)).toEqual([]);
  expect(lineOf(BASE, 14)).toContain('name: node-a2');
  expect(lineOf(BASE, 21)).toContain('name: spine-2');
  expect(lineOf(BASE, 43)).toContain('name: vm-2');
  expect(lineOf(BASE, 46)).toContain('positions');
});

describe('names', () => {
  cases([
    [
      'a node named like a rack',
      'name: node-a2',
      'name: rack-a',
      ['spec.nodes[1].name (line 14): "rack-a" is already the name of a rack (spec.racks[0])'],
    ],
    [
      'a router named like a node',
      'name: spine-2',
      'name: node-a1',
      ['spec.routers[4].name (line 21): "node-a1" is already the name of a node (spec.nodes[0])'],
    ],
    [
      'a router named like a rack',
      'name: spine-2',
      'name: rack-b',
      ['spec.routers[4].name (line 21): "rack-b" is already the name of a rack (spec.racks[1])'],
    ],
    [
      'two routers with one name',
      'name: spine-2',
      'name: spine-1',
      ['spec.routers[4].name (line 21): "spine-1" is already the name of a router (spec.routers[3])'],
    ],
    [
      'two VMs with one name',
      'name: vm-2',
      'name: vm-1',
      ['spec.vms[1].name (line 43): VM name "vm-1" is already used by spec.vms[0]'],
    ],
    ['a VM named like a node (VMs have their own names)', 'name: vm-2', 'name: node-a2', []],
    [
      'two pools with one name',
      'name: pool-b',
      'name: pool-a',
      ['spec.cluster.ipPools[1].name (line 8): pool name is already used by spec.cluster.ipPools[0]'],
    ],
    [
      'two BGPPeers with one name',
      'name: b1-tor',
      'name: a-tor',
      [
        'spec.calicoResources[2].metadata.name (line 39): BGPPeer "a-tor" is already defined at spec.calicoResources[0]',
      ],
    ],
    [
      'a BGPFilter named like a BGPPeer (names are per kind)',
      'metadata: { name: lm }',
      'metadata: { name: a-tor }',
      [],
    ],
  ]);
});

describe('references', () => {
  cases([
    [
      'node.rack',
      'node-a2, rack: rack-a',
      'node-a2, rack: rack-c',
      ['spec.nodes[1].rack (line 14): unknown rack "rack-c" (known: rack-a, rack-b)'],
    ],
    [
      'a ToR’s rack',
      'tor-b, role: tor, rack: rack-b',
      'tor-b, role: tor, rack: rack-z',
      ['spec.routers[2].rack (line 19): unknown rack "rack-z" (known: rack-a, rack-b)'],
    ],
    [
      'a link end',
      '  links:\n    - [tor-a, spine-1]',
      '  links:\n    - [tor-a, spine-9]',
      [`spec.links[0][1] (line 23): unknown router "spine-9" (${ROUTERS})`],
    ],
    [
      'a node named in a link',
      '  links:\n    - [tor-a, spine-1]',
      '  links:\n    - [node-a1, spine-1]',
      [
        `spec.links[0][0] (line 23): unknown router "node-a1" (${ROUTERS}) (node-a1 is a node: nodes peer through BGPPeer resources and link to their rack's ToRs)`,
      ],
    ],
    [
      'both ends of a session',
      '  sessions:\n    - [tor-a, spine-1]',
      '  sessions:\n    - [x, y]',
      [
        `spec.sessions[0][0] (line 26): unknown router "x" (${ROUTERS})`,
        `spec.sessions[0][1] (line 26): unknown router "y" (${ROUTERS})`,
      ],
    ],
    [
      'a VM’s node',
      'node: node-a1 }',
      'node: node-z }',
      [`spec.vms[0].node (line 42): unknown node "node-z" (${NODES})`],
    ],
    [
      'a VM on a router',
      'node: node-a1 }',
      'node: tor-a }',
      [`spec.vms[0].node (line 42): unknown node "tor-a" (${NODES}) (tor-a is a router; VMs run on nodes)`],
    ],
    [
      'migration.vm',
      '{ vm: vm-1, to: node-b1 }',
      '{ vm: vm-9, to: node-b1 }',
      ['spec.migration.vm (line 44): unknown VM "vm-9" (known: vm-1, vm-2)'],
    ],
    [
      'migration.to',
      '{ vm: vm-1, to: node-b1 }',
      '{ vm: vm-1, to: node-q }',
      [`spec.migration.to (line 44): unknown node "node-q" (${NODES})`],
    ],
    [
      'a BGPPeer’s node',
      'spec: { node: node-b1,',
      'spec: { node: node-x,',
      [`spec.calicoResources[2].spec.node (line 40): unknown node "node-x" (${NODES})`],
    ],
    [
      'a layout key',
      'tor-b: [100, 0]',
      'vm-1: [100, 0]',
      ['spec.layout.positions["vm-1"] (line 46): "vm-1" is not a rack, node or router of this design'],
    ],
  ]);

  it('says when there is nothing to refer to, and shortens long lists', () => {
    const empty =
      'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: e }\nspec:\n  vms:\n    - { name: vm-1, ip: 10.244.0.9, node: n1 }\n';
    expect(errorsOf(empty)).toEqual(['spec.vms[0].node (line 6): unknown node "n1" (there is no node yet)']);
    const many = Array.from(
      { length: 9 },
      (_, i) => `    - { name: r${i}, role: spine, asNumber: 1, address: 10.0.0.${i + 1}, platform: frr }`,
    ).join('\n');
    const text = `apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: e }\nspec:\n  routers:\n${many}\n  links:\n    - [r0, r9]\n`;
    expect(errorsOf(text)).toEqual([
      'spec.links[0][1] (line 16): unknown router "r9" (known: r0, r1, r2, r3, r4, r5, r6, r7, …)',
    ]);
  });
});

describe('addresses and racks', () => {
  cases([
    [
      'a node outside its rack',
      'address: 10.0.1.12',
      'address: 10.0.2.12',
      ["spec.nodes[1].address (line 14): 10.0.2.12 is outside rack rack-a's subnet 10.0.1.0/24"],
    ],
    [
      'a ToR outside its rack',
      'address: 10.0.2.1, platform',
      'address: 10.0.1.3, platform',
      ["spec.routers[2].address (line 19): 10.0.1.3 is outside rack rack-b's subnet 10.0.2.0/24"],
    ],
    [
      'a network address',
      'address: 10.0.1.12',
      'address: 10.0.1.0',
      ['spec.nodes[1].address (line 14): 10.0.1.0 is the network address of 10.0.1.0/24'],
    ],
    [
      'a broadcast address',
      'address: 10.0.1.2,',
      'address: 10.0.1.255,',
      ['spec.routers[1].address (line 18): 10.0.1.255 is the broadcast address of 10.0.1.0/24'],
    ],
    [
      'two nodes with one address',
      'address: 10.0.1.12',
      'address: 10.0.1.11',
      ['spec.nodes[1].address (line 14): 10.0.1.11 is already the address of node node-a1'],
    ],
    [
      'a router with a node’s address',
      'address: 10.0.1.2,',
      'address: 10.0.1.12,',
      ['spec.routers[1].address (line 18): 10.0.1.12 is already the address of node node-a2'],
    ],
    [
      'two spines with one loopback',
      'address: 10.0.0.2',
      'address: 10.0.0.1',
      ['spec.routers[4].address (line 21): 10.0.0.1 is already the address of router spine-1'],
    ],
    [
      'overlapping rack subnets',
      'subnet: 10.0.1.0/24',
      'subnet: 10.0.0.0/22',
      ['spec.racks[1].subnet (line 11): 10.0.2.0/24 overlaps rack rack-a (10.0.0.0/22)'],
    ],
    [
      'a ToR without a rack',
      'tor-b, role: tor, rack: rack-b,',
      'tor-b, role: tor,',
      ['spec.routers[2].rack (line 19): a tor router needs the rack it serves'],
    ],
    [
      'a spine in a rack',
      'spine-2, role: spine,',
      'spine-2, role: spine, rack: rack-a,',
      ['spec.routers[4].rack (line 21): only a tor belongs to a rack; a spine does not'],
    ],
    [
      'a third ToR',
      'rack: rack-b, asNumber: 65002, address: 10.0.2.1',
      'rack: rack-a, asNumber: 65002, address: 10.0.1.3',
      ['spec.routers[2].rack (line 19): rack rack-a already has two ToRs'],
    ],
  ]);

  it('has no network or broadcast address in /31 and /32 subnets', () => {
    // rack-b as a /31: tor-b keeps 10.0.2.1, node-b1 takes 10.0.2.0.
    const text = edit(
      edit(BASE, 'subnet: 10.0.2.0/24', 'subnet: 10.0.2.0/31'),
      'address: 10.0.2.11',
      'address: 10.0.2.0',
    );
    expect(errorsOf(text)).toEqual([]);
    expect(errorsOf(edit(text, 'address: 10.0.2.0', 'address: 10.0.2.2'))).toEqual([
      "spec.nodes[2].address (line 15): 10.0.2.2 is outside rack rack-b's subnet 10.0.2.0/31",
    ]);
  });
});

describe('links and sessions', () => {
  cases([
    [
      'a self link',
      '  links:\n    - [tor-a, spine-1]',
      '  links:\n    - [tor-a, tor-a]',
      ['spec.links[0] (line 23): a link joins two different routers, not tor-a with itself'],
    ],
    [
      'a self session',
      '  sessions:\n    - [tor-a, spine-1]',
      '  sessions:\n    - [spine-2, spine-2]',
      ['spec.sessions[0] (line 26): a session joins two different routers, not spine-2 with itself'],
    ],
    [
      'a duplicate link, either order',
      '- [tor-b, spine-1]\n  sessions',
      '- [spine-1, tor-a]\n  sessions',
      ['spec.links[1] (line 24): spine-1–tor-a is already listed at spec.links[0]'],
    ],
    [
      'a duplicate session',
      '- [tor-b, spine-1]\n  calico',
      '- [tor-a, spine-1]\n  calico',
      ['spec.sessions[1] (line 27): tor-a–spine-1 is already listed at spec.sessions[0]'],
    ],
  ]);
});

describe('pools, blocks and VMs', () => {
  const POOLS = '(10.244.0.0/16, 10.96.0.0/16)';
  cases([
    [
      'overlapping pools',
      'cidr: 10.96.0.0/16',
      'cidr: 10.244.128.0/17',
      ['spec.cluster.ipPools[1].cidr (line 8): 10.244.128.0/17 overlaps pool pool-a (10.244.0.0/16)'],
    ],
    [
      'a pool smaller than a block',
      'cidr: 10.96.0.0/16',
      'cidr: 10.96.0.0/25',
      ['spec.cluster.ipPools[1].blockSize (line 8): pool 10.96.0.0/25 is smaller than one /24 block'],
    ],
    [
      'a pool smaller than the default block',
      'cidr: 10.96.0.0/16, blockSize: 24',
      'cidr: 10.96.0.0/27',
      ['spec.cluster.ipPools[1].blockSize (line 8): pool 10.96.0.0/27 is smaller than one /26 block'],
    ],
    [
      'a block outside every pool',
      'blocks: [10.244.2.0/26]',
      'blocks: [10.245.0.0/26]',
      [`spec.nodes[2].blocks[0] (line 15): block 10.245.0.0/26 is outside every IP pool ${POOLS}`],
    ],
    [
      'a block of the wrong size',
      'blocks: [10.244.2.0/26]',
      'blocks: [10.244.2.0/25]',
      ['spec.nodes[2].blocks[0] (line 15): block 10.244.2.0/25 is not a /26, the block size of pool pool-a'],
    ],
    ['a block of the second pool', 'blocks: [10.244.2.0/26]', 'blocks: [10.244.2.0/26, 10.96.1.0/24]', []],
    [
      'a block of another pool’s size',
      'blocks: [10.244.2.0/26]',
      'blocks: [10.244.2.0/26, 10.96.1.0/26]',
      ['spec.nodes[2].blocks[1] (line 15): block 10.96.1.0/26 is not a /24, the block size of pool pool-b'],
    ],
    [
      'a block of another node',
      'blocks: [10.244.2.0/26]',
      'blocks: [10.244.1.0/26]',
      ['spec.nodes[2].blocks[0] (line 15): block 10.244.1.0/26 overlaps 10.244.1.0/26 of node node-a1'],
    ],
    [
      'a block listed twice',
      'blocks: [10.244.2.0/26]',
      'blocks: [10.244.2.0/26, 10.244.2.0/26]',
      ['spec.nodes[2].blocks[1] (line 15): block 10.244.2.0/26 overlaps 10.244.2.0/26 of node node-b1'],
    ],
    [
      'a VM outside every pool',
      'ip: 10.244.2.9',
      'ip: 10.1.0.5',
      [`spec.vms[1].ip (line 43): 10.1.0.5 is outside every IP pool ${POOLS}`],
    ],
    [
      'two VMs with one IP',
      'ip: 10.244.2.9',
      'ip: 10.244.1.5',
      ['spec.vms[1].ip (line 43): 10.244.1.5 is already the IP of VM vm-1'],
    ],
    [
      'a VM with a node’s address',
      'ip: 10.244.2.9',
      'ip: 10.0.1.12',
      [
        `spec.vms[1].ip (line 43): 10.0.1.12 is outside every IP pool ${POOLS}`,
        'spec.vms[1].ip (line 43): 10.0.1.12 is the address of node node-a2',
      ],
    ],
    [
      'a migration to the VM’s own node',
      '{ vm: vm-1, to: node-b1 }',
      '{ vm: vm-1, to: node-a1 }',
      ['spec.migration.to (line 44): vm-1 already runs on node-a1; migrate it to another node'],
    ],
  ]);

  it('checks VM IPs against the default pool when the file names none', () => {
    const text =
      'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: d }\nspec:\n  racks:\n    - { name: r, subnet: 10.0.1.0/24 }\n  nodes:\n    - { name: n, rack: r, address: 10.0.1.11 }\n  vms:\n    - { name: v, ip: 10.96.0.1, node: n }\n';
    expect(errorsOf(text)).toEqual(['spec.vms[0].ip (line 10): 10.96.0.1 is outside every IP pool (10.244.0.0/16)']);
    expect(errorsOf(text.replace('10.96.0.1', '10.244.200.1'))).toEqual([]);
  });
});

describe('implicit labels', () => {
  cases([
    [
      'rack',
      'labels: { zone: z1 }',
      'labels: { rack: rack-a }',
      ["spec.nodes[1].labels.rack (line 14): label rack is set by liveroute itself (to the node's rack); remove it"],
    ],
    [
      'kubernetes.io/hostname',
      'labels: { zone: z1 }',
      'labels: { kubernetes.io/hostname: node-a2 }',
      [
        `spec.nodes[1].labels["kubernetes.io/hostname"] (line 14): label kubernetes.io/hostname is set by liveroute itself (to the node's name); remove it`,
      ],
    ],
  ]);
});

describe('checkSemantics', () => {
  it('returns issues with paths (no lines) for an in-memory document, in check order', () => {
    const doc = mustParse(BASE);
    doc.spec.nodes[1] = { ...doc.spec.nodes[1]!, name: 'rack-a', address: '10.0.1.11' };
    expect(checkSemantics(doc)).toEqual([
      { path: ['spec', 'nodes', 1, 'name'], message: '"rack-a" is already the name of a rack (spec.racks[0])' },
      { path: ['spec', 'nodes', 1, 'address'], message: '10.0.1.11 is already the address of node node-a1' },
    ]);
  });

  it('is not run while the schema fails', () => {
    expect(
      errorsOf(
        edit(
          edit(BASE, 'name: node-a2', 'name: rack-a'),
          'asNumber: 65000, address: 10.0.0.2',
          'asNumber: 0, address: 10.0.0.2',
        ),
      ),
    ).toEqual(['spec.routers[4].asNumber (line 21): an AS number is from 1 to 4294967295']);
  });
});
