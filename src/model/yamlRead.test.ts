/**
 * The bounded YAML reader (yamlRead.ts) through the design reader: YAML bombs (issue 15, finding
 * 12) are refused with a sentence that names the limit and the line, keys that are lists or
 * mappings are refused without the yaml package's console warning (finding 7), duplicate keys
 * are found in linear time. (readerScale.test.ts: the limits leave room for every generated fabric.)
 */
import { describe, expect, it } from 'vitest';
import { recordPrinted } from '../lib/test-printed';
import { formatIssue } from './issues';
import { DESIGN_YAML_LIMITS, readYaml } from './yamlRead';
import { errorsOf } from './test-support';

const HEAD = 'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: m }\n';
const errors = (r: ReturnType<typeof readYaml>) => (r.ok ? [] : r.error.map(formatIssue));
const TOO_DEEP = 'lists and mappings nested more than 64 deep (aliases expanded): the most a design file may have';

describe('YAML bombs', () => {
  it('refuses a billion laughs at the alias that crosses 2,000,000 elements', () => {
    const levels = [`${HEAD}spec: {}`, 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++)
      levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    expect(errorsOf(levels.join('\n'))).toEqual([
      'l6[0] (line 11): more than 2,000,000 elements (values, lists, mappings, aliases expanded): the most a design file may have',
    ]);
  });

  it('refuses deep flow nesting, in YAML and in JSON, at the line where it goes too deep', () => {
    expect(errorsOf(`${HEAD}spec: {racks: ${'['.repeat(5000)}${']'.repeat(5000)}}\n`)).toEqual([
      `(document) (line 4): ${TOO_DEEP}`,
    ]);
    const json = `{"apiVersion": "liveroute/v1", "kind": "Topology", "metadata": {"name": "m"},\n"spec": {"racks": ${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    expect(errorsOf(json)).toEqual([`(document) (line 2): ${TOO_DEEP}`]);
  });

  it('refuses deep block nesting (`- - - - x`)', () => {
    expect(errorsOf(`${HEAD}spec:\n  racks:\n    ${'- '.repeat(5000)}x\n`)).toEqual([
      `(document) (line 6): ${TOO_DEEP}`,
    ]);
  });

  it('takes 64 levels and refuses 65, aliases counted as what they expand to', () => {
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    // spec (1) + racks (1) + 62 = 64 levels: read, then refused by the schema, not by the reader.
    expect(errorsOf(`${HEAD}spec: {racks: ${nest(62)}}\n`)[0]).toBe(
      'spec.racks[0] (line 4): expected a mapping, got a list',
    );
    expect(errorsOf(`${HEAD}spec: {racks: ${nest(63)}}\n`)).toEqual([`(document) (line 4): ${TOO_DEEP}`]);
    // 40 levels under an anchor, used 40 levels down: 80 once expanded.
    expect(errorsOf(`${HEAD}x: &deep ${nest(40)}\nspec: {racks: ${'['.repeat(40)}*deep${']'.repeat(40)}}\n`)).toEqual([
      `spec.racks${'[0]'.repeat(40)} (line 5): ${TOO_DEEP}`,
    ]);
  });

  it('refuses a text longer than 32,000,000 characters before reading it', () => {
    const text = `${HEAD}spec: {}\n#${'x'.repeat(DESIGN_YAML_LIMITS.maxChars)}\n`;
    expect(errorsOf(text)).toEqual([
      `(document): the text has ${text.length.toLocaleString('en-US')} characters: more than the 32,000,000 a design file may have`,
    ]);
  });

  it('counts elements over the whole text: while reading the values, then exactly in the tree', () => {
    const limits = { ...DESIGN_YAML_LIMITS, maxElements: 1000 };
    const refusal =
      '(document) (line 1): more than 1,000 elements (values, lists, mappings, aliases expanded): the most a design file may have';
    // 1,001 values: refused while they are read, before their tree is built.
    expect(errors(readYaml(`[${'1, '.repeat(1000)}1]\n`, limits))).toEqual([refusal]);
    // 999 values, a list and a mapping, and the key: 1,002 elements, counted in the tree.
    expect(errors(readYaml(`a: [${'1, '.repeat(998)}1]\n`, limits))).toEqual([refusal]);
    expect(readYaml(`a: [${'1, '.repeat(996)}1]\n`, limits).ok).toBe(true);
    // Over several documents together.
    expect(readYaml(`[${'1, '.repeat(400)}1]\n---\n`.repeat(2), limits).ok).toBe(true);
    expect(errors(readYaml(`[${'1, '.repeat(400)}1]\n---\n`.repeat(3), limits))).toEqual([
      refusal.replace('line 1', 'line 5'),
    ]);
  });

  it('refuses an alias to a list that contains it (it would never end when expanded)', () => {
    expect(errorsOf(`${HEAD}spec: &s { racks: [*s] }\n`)).toEqual([
      'spec.racks[0] (line 4): alias *s refers to a list or mapping that contains it',
    ]);
  });

  it('keeps anchors to their own document', () => {
    const r = readYaml('a: &x 1\n---\nb: *x\n', DESIGN_YAML_LIMITS);
    expect(r.ok ? [] : r.error).toEqual([
      {
        document: 1,
        path: ['b'],
        message: 'alias *x refers to no anchor: an anchor &x must come before it',
        line: 3,
        column: 4,
      },
    ]);
  });
});

describe('keys', () => {
  const warnings = recordPrinted();

  it('refuses a key that is a list or a mapping, with its own message only (no console warning)', () => {
    expect(errorsOf(`${HEAD}spec: {}\n? [a]\n: 1\n`)).toEqual([
      '(document) (line 5): a key is a list: keys are plain text',
    ]);
    expect(errorsOf(`${HEAD}spec:\n  racks:\n    - ? { a: 1 }\n      : 1\n`)).toEqual([
      'spec.racks[0] (line 6): a key is a mapping: keys are plain text',
    ]);
    expect(errorsOf(`${HEAD}x: &k [a]\nspec: { *k : 1 }\n`)).toEqual([
      'spec (line 5): a key is a list: keys are plain text',
    ]);
    expect(warnings()).toEqual([]);
  });

  it('refuses keys that become one key in the document (1 and "1", null and "")', () => {
    expect(errorsOf(`${HEAD}spec:\n  layout:\n    positions: { 1: [0, 0], "1": [1, 1] }\n`)).toEqual([
      'spec.layout.positions["1"] (line 6): key "1" is given twice in this mapping (first at line 6)',
    ]);
    expect(errorsOf(`${HEAD}spec: { ~: 1, "": 2 }\n`)).toEqual([
      'spec[""] (line 4): key "" is given twice in this mapping (first at line 4)',
    ]);
    expect(warnings()).toEqual([]);
  });

  it('finds a duplicate among 20,000 keys of one mapping', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: 1\n`).join('');
    const r = readYaml(`m:\n${keys}  k7: 2\n`, DESIGN_YAML_LIMITS);
    expect(r.ok ? [] : r.error.map(formatIssue)).toEqual([
      'm.k7 (line 20002): key "k7" is given twice in this mapping (first at line 9)',
    ]);
  });
});
