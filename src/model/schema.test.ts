/**
 * The liveroute/v1 document (DESIGN §4): apiVersion, kind, structure, unknown fields at every
 * level, required fields and wrong types, each with the exact formatted issue (path and line).
 */
import { describe, expect, it } from 'vitest';
import { parseDesign } from './parse';
import { edit, errorsOf, lineOf, mustParse } from './test-support';

// Line numbers matter: each issue below names the line of this template it points at.
const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata:
  name: lab
  title: Lab
spec:
  cluster:
    asNumber: 64512
    nodeToNodeMeshEnabled: false
    ipPools:
      - { name: pool-a, cidr: 10.244.0.0/16, blockSize: 26 }
    routePriority: { normal: 1024, elevated: 512 }
    liveMigrationRouteConvergenceTime: 30s
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
    - { name: rack-b, subnet: 10.0.2.0/24 }
  nodes:
    - name: node-a1
      rack: rack-a
      address: 10.0.1.11
      asNumber: 65101
      labels: { zone: z1 }
      blocks: [10.244.1.0/26]
    - { name: node-b1, rack: rack-b, address: 10.0.2.11 }
  routers:
    - name: tor-a
      role: tor
      rack: rack-a
      asNumber: 65001
      address: 10.0.1.1
      platform: bird1
      policy: { elevatedCommunity: "65000:100", toNodes: all }
    - { name: tor-b, role: tor, rack: rack-b, asNumber: 65002, address: 10.0.2.1, platform: frr }
    - { name: rr-1, role: route-reflector, asNumber: 65000, address: 10.0.0.1, platform: eos, routeReflector: { clusterId: 10.0.0.1 } }
  links:
    - [tor-a, rr-1]
    - [tor-b, rr-1]
  sessions:
    - [tor-a, rr-1]
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: rack-a-tor }
      spec: { nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001 }
  vms:
    - { name: vm-1, ip: 10.244.1.5, node: node-a1 }
  migration: { vm: vm-1, to: node-b1 }
  layout:
    positions: { rack-a: [0, 0], tor-a: [10, 20] }
`;

describe('the template', () => {
  it('is a valid design whose lines are where the tests expect them', () => {
    expect(errorsOf(BASE)).toEqual([]);
    expect(lineOf(BASE, 20)).toBe('      address: 10.0.1.11');
    expect(lineOf(BASE, 34)).toContain('name: rr-1');
    expect(lineOf(BASE, 44)).toContain('nodeSelector');
    expect(lineOf(BASE, 49)).toContain('positions');
  });

  it('keeps what the file says and nothing more', () => {
    const doc = mustParse(BASE);
    expect(doc.metadata).toEqual({ name: 'lab', title: 'Lab' });
    expect(doc.spec.nodes[1]).toEqual({ name: 'node-b1', rack: 'rack-b', address: '10.0.2.11' });
    expect(doc.spec.routers[0]?.policy).toEqual({ elevatedCommunity: '65000:100', toNodes: 'all' });
    expect(doc.spec.layout?.positions).toEqual({ 'rack-a': [0, 0], 'tor-a': [10, 20] });
  });

  it('fills absent lists with [] and leaves absent optional fields out', () => {
    const doc = mustParse('apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: empty }\nspec: {}\n');
    expect(doc).toStrictEqual({
      apiVersion: 'liveroute/v1',
      kind: 'Topology',
      metadata: { name: 'empty' },
      spec: { racks: [], nodes: [], routers: [], links: [], sessions: [], calicoResources: [], vms: [] },
    });
  });
});

describe('apiVersion and kind', () => {
  it.each([
    ['missing', '', 'apiVersion (line 1): is required (this version reads liveroute/v1)'],
    ['a number', 'apiVersion: 1\n', 'apiVersion (line 1): expected a string such as liveroute/v1'],
    [
      'a Calico resource',
      'apiVersion: projectcalico.org/v3\n',
      'apiVersion (line 1): projectcalico.org/v3 is a Calico resource, not a liveroute design: put BGPPeer and BGPFilter objects under spec.calicoResources, or use the Calico import',
    ],
    [
      'a Calico CRD',
      'apiVersion: crd.projectcalico.org/v1\n',
      'apiVersion (line 1): crd.projectcalico.org/v1 is a Calico resource, not a liveroute design: put BGPPeer and BGPFilter objects under spec.calicoResources, or use the Calico import',
    ],
    [
      'an unknown liveroute version',
      'apiVersion: liveroute/v2\n',
      'apiVersion (line 1): liveroute/v2 is not supported by this version of liveroute (it reads liveroute/v1)',
    ],
    [
      'foreign',
      'apiVersion: v1\n',
      'apiVersion (line 1): v1 is not a liveroute design (expected apiVersion liveroute/v1)',
    ],
  ])('refuses an apiVersion that is %s', (_what, line, message) => {
    expect(errorsOf(edit(BASE, 'apiVersion: liveroute/v1\n', line))).toEqual([message]);
  });

  it('refuses another kind, and a missing one', () => {
    expect(errorsOf(edit(BASE, 'kind: Topology', 'kind: Network'))).toEqual([
      'kind (line 2): kind must be Topology, got the string "Network"',
    ]);
    expect(errorsOf(edit(BASE, 'kind: Topology\n', ''))).toEqual(['kind (line 1): is required']);
  });
});

describe('document structure', () => {
  it('needs metadata and spec', () => {
    const noMeta = edit(BASE, 'metadata:\n  name: lab\n  title: Lab\n', '');
    expect(errorsOf(noMeta)).toEqual(['metadata (line 1): is required']);
    expect(errorsOf(BASE.slice(0, BASE.indexOf('spec:')))).toEqual(['spec (line 1): is required']);
    expect(errorsOf(edit(BASE, '  name: lab\n', ''))).toEqual(['metadata.name (line 4): is required']);
  });

  it('refuses wrong types with what was found', () => {
    expect(errorsOf(edit(BASE, '  title: Lab', '  title: [Lab]'))).toEqual([
      'metadata.title (line 5): expected a string, got a list',
    ]);
    expect(errorsOf(edit(BASE, '  title: Lab', '  description: 5'))).toEqual([
      'metadata.description (line 5): expected a string, got number 5',
    ]);
    expect(errorsOf(edit(BASE, 'nodeToNodeMeshEnabled: false', 'nodeToNodeMeshEnabled: yes'))).toEqual([
      'spec.cluster.nodeToNodeMeshEnabled (line 9): expected true or false, got the string "yes"',
    ]);
    expect(errorsOf(edit(BASE, '  racks:\n', '  racks: 3\n  rackz:\n'))).toEqual([
      'spec.racks (line 14): expected a list, got number 3',
      'spec.rackz (line 15): unknown field "rackz"',
    ]);
    expect(errorsOf(edit(BASE, 'migration: { vm: vm-1, to: node-b1 }', 'migration: vm-1'))).toEqual([
      'spec.migration (line 47): expected a mapping, got the string "vm-1"',
    ]);
    expect(errorsOf(edit(BASE, '  title: Lab', `  title: ${'x'.repeat(201)}`))).toEqual([
      'metadata.title (line 5): title is at most 200 characters',
    ]);
    expect(errorsOf(edit(BASE, '  title: Lab', `  title: ${'x'.repeat(200)}`))).toEqual([]);
  });

  it('checks the cluster, its pools and router sub-objects', () => {
    const pools = '    ipPools:\n      - { name: pool-a, cidr: 10.244.0.0/16, blockSize: 26 }';
    expect(errorsOf(edit(BASE, pools, '    ipPools: []'))).toEqual([
      'spec.cluster.ipPools (line 10): ipPools needs at least one pool (omit it for the default 10.244.0.0/16)',
    ]);
    expect(
      errorsOf(edit(BASE, 'cidr: 10.244.0.0/16, blockSize: 26 }', 'blockSize: 26, disableBGPExport: "no" }')),
    ).toEqual([
      'spec.cluster.ipPools[0].cidr (line 11): is required',
      'spec.cluster.ipPools[0].disableBGPExport (line 11): expected true or false, got the string "no"',
    ]);
    expect(errorsOf(edit(BASE, 'blockSize: 26 }', 'blockSize: 26, disableBGPExport: true }'))).toEqual([]);
    expect(errorsOf(edit(BASE, 'routeReflector: { clusterId: 10.0.0.1 }', 'routeReflector: {}'))).toEqual([
      'spec.routers[2].routeReflector.clusterId (line 34): is required',
    ]);
    expect(errorsOf(edit(BASE, 'policy: { elevatedCommunity: "65000:100", toNodes: all }', 'policy: strict'))).toEqual([
      'spec.routers[0].policy (line 32): expected a mapping, got the string "strict"',
    ]);
    expect(
      errorsOf(
        edit(BASE, '  title: Lab', '  title: Lab\n  description: |\n    # Markdown\n\n    *free* text: anything'),
      ),
    ).toEqual([]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(errorsOf('- a\n- b\n')).toEqual([
      '(document) (line 1): a liveroute design is a mapping with apiVersion, kind, metadata and spec',
    ]);
    expect(errorsOf('just text\n')).toEqual([
      '(document) (line 1): a liveroute design is a mapping with apiVersion, kind, metadata and spec',
    ]);
  });

  it('names a missing field at its parent, and every issue of a list item', () => {
    expect(
      errorsOf(edit(BASE, '- { name: node-b1, rack: rack-b, address: 10.0.2.11 }', '- { name: node-b1 }')),
    ).toEqual(['spec.nodes[1].rack (line 24): is required', 'spec.nodes[1].address (line 24): is required']);
    expect(errorsOf(edit(BASE, ', platform: frr }', ' }'))).toEqual([
      'spec.routers[1].platform (line 33): is required',
    ]);
    expect(errorsOf(edit(BASE, 'migration: { vm: vm-1, to: node-b1 }', 'migration: { vm: vm-1 }'))).toEqual([
      'spec.migration.to (line 47): is required',
    ]);
  });
});

describe('pairs and positions', () => {
  it('a link is a pair of names', () => {
    const link = (pair: string) => errorsOf(edit(BASE, '  links:\n    - [tor-a, rr-1]', `  links:\n    - ${pair}`));
    expect(link('[tor-a, rr-1, tor-b]')).toEqual(['spec.links[0] (line 36): expected a pair [a, b] of router names']);
    expect(link('tor-a')).toEqual([
      'spec.links[0] (line 36): expected a pair [a, b] of router names, got the string "tor-a"',
    ]);
    expect(link('[1, rr-1]')).toEqual(['spec.links[0][0] (line 36): expected a string, got number 1']);
  });

  it('a position is [x, y] of finite numbers', () => {
    const pos = (p: string) => errorsOf(edit(BASE, 'tor-a: [10, 20]', `tor-a: ${p}`));
    expect(pos('[-12.5, 3e2]')).toEqual([]);
    expect(pos('[1]')).toEqual(['spec.layout.positions["tor-a"] (line 49): expected a position [x, y]']);
    expect(pos('"1,2"')).toEqual([
      'spec.layout.positions["tor-a"] (line 49): expected a position [x, y], got the string "1,2"',
    ]);
    expect(pos('[.inf, 1]')).toEqual([
      'spec.layout.positions["tor-a"][0] (line 49): expected a number, got number Infinity',
    ]);
  });
});

describe('unknown fields are errors at every level', () => {
  it.each([
    ['top level', 'kind: Topology', 'kind: Topology\nstatus: {}', 'status (line 3): unknown field "status"'],
    ['metadata', '  title: Lab', '  titel: Lab', 'metadata.titel (line 5): unknown field "titel"'],
    ['spec', '  vms:', '  vm:', 'spec.vm (line 45): unknown field "vm"'],
    ['spec.cluster', '    asNumber: 64512', '    asn: 64512', 'spec.cluster.asn (line 8): unknown field "asn"'],
    [
      'an IP pool',
      'blockSize: 26 }',
      'blockSize: 26, encapsulation: Never }',
      'spec.cluster.ipPools[0].encapsulation (line 11): unknown field "encapsulation"',
    ],
    [
      'routePriority',
      'elevated: 512 }',
      'elevated: 512, low: 2000 }',
      'spec.cluster.routePriority.low (line 12): unknown field "low"',
    ],
    [
      'a rack',
      'subnet: 10.0.1.0/24 }',
      'subnet: 10.0.1.0/24, row: 1 }',
      'spec.racks[0].row (line 15): unknown field "row"',
    ],
    ['a node', '      asNumber: 65101', '      asn: 65101', 'spec.nodes[0].asn (line 21): unknown field "asn"'],
    [
      'a router',
      '      platform: bird1',
      '      platform: bird1\n      vendor: x',
      'spec.routers[0].vendor (line 32): unknown field "vendor"',
    ],
    [
      'a router policy',
      'toNodes: all }',
      'toNodes: all, med: 5 }',
      'spec.routers[0].policy.med (line 32): unknown field "med"',
    ],
    [
      'routeReflector',
      'clusterId: 10.0.0.1 }',
      'clusterId: 10.0.0.1, x: 1 }',
      'spec.routers[2].routeReflector.x (line 34): unknown field "x"',
    ],
    ['a VM', 'node: node-a1 }', 'node: node-a1, cpu: 2 }', 'spec.vms[0].cpu (line 46): unknown field "cpu"'],
    ['migration', 'to: node-b1 }', 'to: node-b1, at: 5 }', 'spec.migration.at (line 47): unknown field "at"'],
    ['layout', '    positions:', '    zoom: 2\n    positions:', 'spec.layout.zoom (line 49): unknown field "zoom"'],
    [
      'a Calico resource',
      '      kind: BGPPeer',
      '      kind: BGPPeer\n      status: {}',
      'spec.calicoResources[0].status (line 43): unknown field "status"',
    ],
    [
      'Calico metadata',
      'metadata: { name: rack-a-tor }',
      'metadata: { name: rack-a-tor, uid: abc }',
      'spec.calicoResources[0].metadata.uid (line 43): unknown field "uid"',
    ],
    [
      'a BGPPeer spec',
      'asNumber: 65001 }',
      'asNumber: 65001, peerAS: 1 }',
      'spec.calicoResources[0].spec.peerAS (line 44): unknown field "peerAS"',
    ],
  ])('in %s', (_where, from, to, message) => {
    expect(errorsOf(edit(BASE, from, to))).toEqual([message]);
  });

  it('reports several unknown fields, sorted by line', () => {
    const text = edit(edit(BASE, '  title: Lab', '  titel: Lab'), 'kind: Topology', 'kind: Topology\nextra: 1');
    expect(errorsOf(text)).toEqual([
      'extra (line 3): unknown field "extra"',
      'metadata.titel (line 6): unknown field "titel"',
    ]);
  });
});

describe('YAML text', () => {
  it('refuses an empty file', () => {
    expect(errorsOf('')).toEqual(['(document): the file is empty']);
    expect(errorsOf('  \n\n\t\n')).toEqual(['(document): the file is empty']);
  });

  it('refuses a file without a document, and one with several', () => {
    expect(errorsOf('# nothing here\n')).toEqual([
      '(document): the file holds 0 YAML documents; a liveroute design is exactly one',
    ]);
    expect(errorsOf(`${BASE}---\n${BASE}`)).toEqual([
      '(document): the file holds 2 YAML documents; a liveroute design is exactly one',
    ]);
    expect(errorsOf(`---\n${BASE}`)).toEqual([]);
  });

  it('reports syntax errors with their line', () => {
    expect(
      errorsOf(edit(BASE, '    - { name: rack-b, subnet: 10.0.2.0/24 }', '    - { name: rack-b, subnet: 10.0.2.0/24')),
    ).toEqual([
      '(document) (line 17): YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
    expect(errorsOf(edit(BASE, '    nodeToNodeMeshEnabled: false', '   nodeToNodeMeshEnabled: false'))[0]).toBe(
      '(document) (line 9): YAML syntax: All mapping items must start at the same column',
    );
    expect(errorsOf(edit(BASE, '  title: Lab', '  title: "Lab'))).toContain(
      '(document) (line 5): YAML syntax: Missing closing "quote',
    );
  });

  it('refuses duplicate keys at the line of the second one', () => {
    expect(errorsOf(edit(BASE, '  title: Lab', '  title: Lab\n  title: Lab 2'))).toEqual([
      'metadata.title (line 6): key "title" is given twice in this mapping (first at line 5)',
    ]);
  });

  it('gives the line and column of an issue (the column of its key)', () => {
    const r = parseDesign(edit(BASE, 'address: 10.0.1.11', 'address: 10.0.1.311'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual([
        { path: ['spec', 'nodes', 0, 'address'], message: '10.0.1.311 is not an IPv4 address', line: 20, column: 7 },
      ]);
  });
});

describe('JSON text', () => {
  const json = `${JSON.stringify(mustParse(BASE), null, 2)}\n`;

  it('reads a JSON design as the same document, with format json', () => {
    const r = parseDesign(json);
    expect(r.ok && r.value.format).toBe('json');
    expect(r.ok && r.value.doc).toEqual(mustParse(BASE));
    expect(r.ok && r.value.migratedFrom).toEqual([]);
  });

  it('reports a JSON syntax error with its line', () => {
    // The trailing comma is only wrong once the closing brace on the next line comes.
    const broken = edit(json, '"title": "Lab"', '"title": "Lab",');
    expect(errorsOf(broken)).toEqual(['(document) (line 7): JSON syntax: Expected double-quoted property name']);
    // V8 names no position for an unexpected token: the line comes from liveroute's own scan.
    expect(errorsOf('{\n  "apiVersion": "liveroute/v1",\n  "kind": Topology\n}\n')).toEqual([
      "(document) (line 3): JSON syntax: Unexpected token 'T'",
    ]);
    expect(errorsOf('{\n  "a": [1,\n  ]\n}')).toEqual(["(document) (line 3): JSON syntax: Unexpected token ']'"]);
    expect(errorsOf('{\n  "apiVersion":\n')).toEqual([
      '(document) (line 3): JSON syntax: Unexpected end of JSON input',
    ]);
  });

  it('reports schema issues at their JSON line', () => {
    expect(errorsOf(edit(json, '"address": "10.0.1.11"', '"address": "10.0.1.300"'))).toEqual([
      'spec.nodes[0].address (line 39): 10.0.1.300 is not an IPv4 address',
    ]);
    expect(errorsOf(edit(json, '"title": "Lab"', '"title": "Lab", "owner": "me"'))).toEqual([
      'metadata.owner (line 6): unknown field "owner"',
    ]);
  });
});
