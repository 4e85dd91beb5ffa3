/**
 * Writing designs (src/model/serialize.ts): stable key order, empty lists, flow and block style,
 * quoting of strings a YAML 1.1 reader would misread, JSON layout.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { canonicalize, serializeDesign, toYaml } from './serialize';
import { topologySchema, type Topology } from './schema';
import { mustParse } from './test-support';

const TEXT = `apiVersion: liveroute/v1
kind: Topology
metadata:
  name: s
  description: |-
    Line one.
    Line two.
spec:
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
  nodes:
    - { name: node-a1, rack: rack-a, address: 10.0.1.11, labels: { zone: z1, app: x }, blocks: [] }
  routers:
    - name: tor-a
      role: tor
      rack: rack-a
      asNumber: 65001
      address: 10.0.1.1
      platform: bird1
      policy: { elevatedCommunity: "65000:100" }
`;

describe('YAML output', () => {
  const doc = mustParse(TEXT);
  const out = serializeDesign(doc);

  it('writes exactly the expected text (a map holding a map is not a flow map)', () => {
    expect(out).toBe(`apiVersion: liveroute/v1
kind: Topology
metadata:
  name: s
  description: |-
    Line one.
    Line two.
spec:
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
  nodes:
    - name: node-a1
      rack: rack-a
      address: 10.0.1.11
      labels: { app: x, zone: z1 }
      blocks: []
  routers:
    - name: tor-a
      role: tor
      rack: rack-a
      asNumber: 65001
      address: 10.0.1.1
      platform: bird1
      policy: { elevatedCommunity: "65000:100" }
`);
  });

  it('is a pure function of the document, whatever order its keys come in', () => {
    const reversed = reverseKeys(doc) as Topology;
    expect(Object.keys(reversed)).toEqual(['spec', 'metadata', 'kind', 'apiVersion']);
    expect(serializeDesign(reversed)).toBe(out);
    expect(serializeDesign(doc)).toBe(out);
  });

  it('leaves out empty default lists but keeps empty optional ones', () => {
    expect(out).not.toContain('links');
    expect(out).not.toContain('vms');
    expect(out).toContain('blocks: []');
    expect(mustParse(out)).toStrictEqual(doc);
  });

  it('does not change the document it writes', () => {
    const before = structuredClone(doc);
    serializeDesign(doc, 'yaml');
    serializeDesign(doc, 'json');
    expect(doc).toStrictEqual(before);
  });
});

/** YAML of `{ a: { b: 1 }, ...value }`: the nested map keeps the root in block style. */
const yamlOf = (value: Record<string, unknown>) => toYaml({ a: { b: 1 }, ...value }).replace('a: { b: 1 }\n', '');

describe('style', () => {
  it('writes lists of up to 6 scalars in flow style, longer ones in block style', () => {
    expect(yamlOf({ l: [1, 2, 3, 4, 5, 6] })).toBe('l: [ 1, 2, 3, 4, 5, 6 ]\n');
    expect(yamlOf({ l: [1, 2, 3, 4, 5, 6, 7] })).toBe('l:\n  - 1\n  - 2\n  - 3\n  - 4\n  - 5\n  - 6\n  - 7\n');
  });

  it('writes maps of scalars on one line up to 90 characters', () => {
    expect(toYaml({ m: { a: 'x'.repeat(80) } })).toBe(`m: { a: ${'x'.repeat(80)} }\n`);
    expect(toYaml({ m: { a: 'x'.repeat(90) } })).toBe(`m:\n  a: ${'x'.repeat(90)}\n`);
    expect(toYaml({ m: { a: { b: 1 } } })).toBe('m:\n  a: { b: 1 }\n');
    expect(toYaml({ m: { a: 'two\nlines' } })).toBe('m:\n  a: |-\n    two\n    lines\n');
  });

  it('never folds long lines', () => {
    const long = 'word '.repeat(40).trim();
    expect(yamlOf({ title: long })).toBe(`title: ${long}\n`);
  });
});

describe('quoting', () => {
  // What YAML 1.1 readers (kubectl's go-yaml, PyYAML) read as something else than a string.
  const LOOK_ALIKES = [
    'yes',
    'No',
    'ON',
    'off',
    'y',
    'N',
    'true',
    'False',
    'null',
    '~',
    '',
    '1:30',
    '190:20:30',
    '65000:100',
    '017',
    '0o17',
    '0x1f',
    '-0x1f',
    '0b101',
    '+0b1',
    '1e5',
    '1_000',
    '.5',
    '+12',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 -5',
  ];

  it.each(LOOK_ALIKES)('double-quotes %j and reads it back as that string, in YAML 1.2 and 1.1', (value) => {
    const out = yamlOf({ v: value });
    expect(out).toBe(`v: ${JSON.stringify(value)}\n`);
    expect(parseYaml(out)).toEqual({ v: value });
    expect(parseYaml(out, { version: '1.1' })).toEqual({ v: value });
    expect(toYaml({ v: value })).toBe(`{ v: ${JSON.stringify(value)} }\n`);
  });

  it('quotes map keys that look like something else', () => {
    expect(yamlOf({ labels: { yes: 'no', '0b1': 'x' } })).toBe('labels: { "yes": "no", "0b1": x }\n');
  });

  it('leaves ordinary strings plain', () => {
    for (const v of ['rack-a', '10.0.1.1', '10.244.0.0/16', 'node-a1', '30s', 'e1x', 'Topology'])
      expect(yamlOf({ v })).toBe(`v: ${v}\n`);
  });

  it('double-quotes multi-line strings made only of blanks (yaml would lose the spaces)', () => {
    expect(yamlOf({ v: ' \n' })).toBe('v: "\\ \\n"\n');
    expect(parseYaml(yamlOf({ v: ' \n' }))).toEqual({ v: ' \n' });
    expect(parseYaml(yamlOf({ v: '  \n\n' }))).toEqual({ v: '  \n\n' });
    expect(yamlOf({ v: '  \n\n' }).startsWith('v: "')).toBe(true);
    expect(parseYaml(toYaml({ v: ' \n \n' }))).toEqual({ v: ' \n \n' });
    expect(yamlOf({ v: 'a\n b' })).toBe('v: |-\n  a\n   b\n');
  });
});

describe('JSON output', () => {
  it('uses the schema key order, 2-space indentation and a final newline', () => {
    const doc = mustParse(TEXT);
    expect(serializeDesign(reverseKeys(doc) as Topology, 'json')).toBe(
      `${JSON.stringify(canonicalize(topologySchema, doc), null, 2)}\n`,
    );
    const json = serializeDesign(doc, 'json');
    expect(
      json.startsWith('{\n  "apiVersion": "liveroute/v1",\n  "kind": "Topology",\n  "metadata": {\n    "name": "s",'),
    ).toBe(true);
    expect(json).toContain('"labels": {\n          "app": "x",\n          "zone": "z1"\n        }');
    expect(json.endsWith('}\n')).toBe(true);
  });
});

describe('canonicalize', () => {
  it('orders keys as the schema declares them and sorts maps', () => {
    const c = canonicalize(topologySchema, reverseKeys(mustParse(TEXT))) as Topology;
    expect(Object.keys(c)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(c.spec)).toEqual(['racks', 'nodes', 'routers']);
    expect(Object.keys(c.spec.routers[0] ?? {})).toEqual([
      'name',
      'role',
      'rack',
      'asNumber',
      'address',
      'platform',
      'policy',
    ]);
    expect(Object.keys(c.spec.nodes[0]?.labels ?? {})).toEqual(['app', 'zone']);
  });

  it('orders the keys of embedded Calico objects', () => {
    const peer = {
      spec: { asNumber: 1, peerIP: '10.0.0.1' },
      metadata: { name: 'p' },
      kind: 'BGPPeer',
      apiVersion: 'projectcalico.org/v3',
    };
    const doc = { ...mustParse('apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: c }\nspec: {}\n') };
    doc.spec.calicoResources = [peer as never];
    const c = canonicalize(topologySchema, doc) as Topology;
    expect(Object.keys(c.spec.calicoResources[0] ?? {})).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(c.spec.calicoResources[0]?.spec ?? {})).toEqual(['peerIP', 'asNumber']);
  });
});

/** A deep copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}
