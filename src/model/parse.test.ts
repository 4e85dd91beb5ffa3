/**
 * parseDesign / validateDesign (src/model/parse.ts): format detection, in-memory validation,
 * YAML features (anchors, alias bombs, merge keys), issue limits and ordering, and the JSON
 * error locator.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath, ISSUES_PER_KIND } from './issues';
import { detectFormat, jsonErrorOffset, MAX_REPORTED_ISSUES, parseDesign, validateDesign } from './parse';
import { errorsOf, mustParse, validationErrors } from './test-support';

const MINIMAL = 'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: m }\nspec: {}\n';

describe('detectFormat', () => {
  it('sees JSON by its first non-blank character', () => {
    expect(detectFormat('{"a": 1}')).toBe('json');
    expect(detectFormat('\n  [1]')).toBe('json');
    expect(detectFormat('apiVersion: liveroute/v1')).toBe('yaml');
    expect(detectFormat('# {comment}\n{}')).toBe('yaml');
    expect(detectFormat('')).toBe('yaml');
  });

  it('can be overridden: JSON text read as YAML is still a design', () => {
    const json = JSON.stringify(mustParse(MINIMAL));
    const r = parseDesign(json, 'yaml');
    expect(r.ok && r.value.format).toBe('yaml');
    expect(r.ok && r.value.doc.metadata.name).toBe('m');
  });
});

describe('validateDesign (in memory)', () => {
  it('returns the parsed document with defaults, and does not touch its input', () => {
    const input = {
      apiVersion: 'liveroute/v1',
      kind: 'Topology',
      metadata: { name: 'm' },
      spec: { racks: [{ name: 'r', subnet: '10.0.1.0/24' }] },
    };
    const before = structuredClone(input);
    const r = validateDesign(input);
    expect(r.ok && r.value.spec).toEqual({
      racks: [{ name: 'r', subnet: '10.0.1.0/24' }],
      nodes: [],
      routers: [],
      links: [],
      sessions: [],
      calicoResources: [],
      vms: [],
    });
    expect(input).toEqual(before);
  });

  it('refuses what is not a mapping', () => {
    const message = '(document): a liveroute design is a mapping with apiVersion, kind, metadata and spec';
    for (const v of [null, undefined, 42, 'text', [], [{ apiVersion: 'liveroute/v1' }]])
      expect(validationErrors(v)).toEqual([message]);
  });

  it('gives paths without lines', () => {
    const r = validateDesign({ apiVersion: 'liveroute/v1', kind: 'Topology', metadata: { name: 'M' }, spec: {} });
    expect(r.ok ? [] : r.error).toEqual([
      {
        path: ['metadata', 'name'],
        message: `"M" is not a valid name: use lowercase letters, digits and '-', start and end with a letter or digit, at most 63 characters`,
      },
    ]);
  });

  it('runs the semantic checks too', () => {
    const doc = mustParse(MINIMAL);
    doc.spec.vms.push({ name: 'v', ip: '10.244.0.5', node: 'n' });
    expect(validationErrors(doc)).toEqual(['spec.vms[0].node: unknown node "n" (there is no node yet)']);
  });
});

describe('YAML features', () => {
  it('expands anchors and aliases', () => {
    const text = `${MINIMAL.replace('spec: {}\n', '')}spec:
  routers:
    - { name: s1, role: spine, asNumber: 65000, address: 10.0.0.1, platform: frr, policy: &p { multipath: true } }
    - { name: s2, role: spine, asNumber: 65000, address: 10.0.0.2, platform: frr, policy: *p }
`;
    expect(mustParse(text).spec.routers.map((r) => r.policy)).toEqual([{ multipath: true }, { multipath: true }]);
  });

  it('refuses an alias bomb by what it expands to, at the alias that crosses the limit', () => {
    // Ten levels of ten aliases each: 10^10 elements once expanded, from 11 short lines.
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 10; i++)
      levels.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    expect(errorsOf(levels.join('\n'))).toEqual([
      'a6[0] (line 7): more than 2,000,000 elements (values, lists, mappings, aliases expanded): the most a design file may have',
    ]);
  });

  it('takes aliases that stay within the limits, however many', () => {
    const routers = Array.from(
      { length: 1500 },
      (_, i) =>
        `    - { name: s${i}, role: spine, asNumber: 65000, address: 10.1.${i >> 8}.${i & 255}, platform: frr, policy: *p }`,
    );
    const text = `${MINIMAL.replace('spec: {}\n', '')}x-policy: &p { multipath: true }\nspec:\n  routers:\n${routers.join('\n')}\n`;
    // The yaml package's own heuristic (maxAliasCount) refused this; only the unknown field remains.
    expect(errorsOf(text)).toEqual(['["x-policy"] (line 4): unknown field "x-policy"']);
  });

  it('refuses an alias without anchor, and one that contains itself', () => {
    expect(errorsOf(`${MINIMAL}extra: *nope\n`)).toEqual([
      'extra (line 5): alias *nope refers to no anchor: an anchor &nope must come before it',
    ]);
    expect(errorsOf(`${MINIMAL}extra: &loop { a: [1, *loop] }\n`)).toEqual([
      'extra.a[1] (line 5): alias *loop refers to a list or mapping that contains it',
    ]);
  });

  it('does not merge << keys (YAML 1.2): they are unknown fields', () => {
    const text = `${MINIMAL.replace('spec: {}\n', '')}spec:
  routers:
    - &r { name: s1, role: spine, asNumber: 1, address: 10.0.0.1, platform: frr }
    - { <<: *r, name: s2, address: 10.0.0.2 }
`;
    expect(errorsOf(text)).toEqual([
      'spec.routers[1].role (line 7): is required',
      'spec.routers[1].asNumber (line 7): is required',
      'spec.routers[1].platform (line 7): is required',
      'spec.routers[1]["<<"] (line 7): unknown field "<<"',
    ]);
  });
});

describe('issue reporting', () => {
  it('sorts issues by line, whatever order the checks ran in', () => {
    const text = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: m }
spec:
  vms:
    - { name: v, ip: 10.244.0.5, node: n }
  racks:
    - { name: r, subnet: 10.0.1.0/24 }
  nodes:
    - { name: r, rack: r, address: 10.0.1.11 }
`;
    expect(errorsOf(text)).toEqual([
      'spec.vms[0].node (line 6): unknown node "n" (known: r)',
      'spec.nodes[0].name (line 10): "r" is already the name of a rack (spec.racks[0])',
    ]);
  });

  it('locates issues under keys YAML reads as numbers (123:) at their own line', () => {
    const text = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: m }
spec:
  racks: [{ name: r, subnet: 10.0.1.0/24 }]
  nodes:
    - name: n
      rack: r
      address: 10.0.1.11
      labels:
        zone: z
        123: "a b"
`;
    expect(errorsOf(text)).toEqual(['spec.nodes[0].labels["123"] (line 12): "a b" is not a valid label value']);
  });

  it(`lists ${ISSUES_PER_KIND} problems of a kind and counts the others`, () => {
    const extras = Array.from({ length: 250 }, (_, i) => `x${i}: 1`).join('\n');
    const r = parseDesign(`${MINIMAL}${extras}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toHaveLength(ISSUES_PER_KIND + 1);
      expect(formatIssue(r.error[0]!)).toBe('x0 (line 5): unknown field "x0"');
      expect(formatIssue(r.error[ISSUES_PER_KIND]!)).toBe(
        '(document) (line 1): … and 230 more unknown top-level fields',
      );
      expect(r.error[ISSUES_PER_KIND]?.omitted).toBe(230);
    }
  });

  it(`lists at most ${MAX_REPORTED_ISSUES} problems in all, and counts the rest`, () => {
    // 300 kinds of one problem each: a bad label key is a problem of its own field.
    const nodes = Array.from(
      { length: 300 },
      (_, i) => `    - { name: n${i}, rack: r, address: 10.0.${i >> 8}.${i & 255}, labels: { "bad key ${i}": x } }`,
    );
    const r = parseDesign(`${MINIMAL.replace('spec: {}\n', '')}spec:\n  nodes:\n${nodes.join('\n')}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toHaveLength(MAX_REPORTED_ISSUES + 1);
      expect(formatIssue(r.error[MAX_REPORTED_ISSUES - 1]!)).toBe(
        'spec.nodes[199].labels["bad key 199"] (line 205): "bad key 199" is not a valid label key',
      );
      expect(formatIssue(r.error[MAX_REPORTED_ISSUES]!)).toBe('(document): … and 100 more problems of other kinds');
    }
  });

  it('formats paths with indexes and quoted keys', () => {
    expect(formatPath([])).toBe('(document)');
    expect(formatPath(['spec', 'nodes', 3, 'labels', 'kubernetes.io/hostname'])).toBe(
      'spec.nodes[3].labels["kubernetes.io/hostname"]',
    );
    expect(formatPath([0, 'a_b', '$x', '1a'])).toBe('[0].a_b.$x["1a"]');
  });

  it('formats an issue with and without a line', () => {
    expect(
      formatIssue({ path: ['spec', 'nodes', 3, 'address'], message: '10.0.2.300 is not an IPv4 address', line: 41 }),
    ).toBe('spec.nodes[3].address (line 41): 10.0.2.300 is not an IPv4 address');
    expect(formatIssue({ path: ['kind'], message: 'is required' })).toBe('kind: is required');
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": tru}', 6],
    ['{"a": 1', 7],
    ['{"a" 1}', 5],
    ['[1,]', 3],
    ['{"a": "\\q"}', 8],
    ['{"a": "\\u12G4"}', 8],
    ['{"a": 01}', 7],
    ['{"a": "x\ny"}', 8],
    ['{}x', 2],
    ['nul', 0],
    ['', 0],
    ['{"a": [1, 2, {"b": Topology}]}', 19],
    ['{"a": -}', 6],
    ['{"a": 1.}', 7],
    ['{,}', 1],
  ])('%j stops at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('survives nesting deeper than the stack', () => {
    const deep = `${'['.repeat(200000)}x`;
    expect(jsonErrorOffset(deep)).toBeGreaterThan(0);
    expect(errorsOf(deep)[0]).toMatch(/^\(document\) \(line 1\): JSON syntax: /);
  });

  it('returns the length for valid JSON', () => {
    const text = '{"a": true, "b": null, "c": [1e5, -0.5E-3, "x\\n\\u00e9"], "d": {}}';
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
