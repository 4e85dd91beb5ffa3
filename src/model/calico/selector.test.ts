/** Calico label selectors: parsing (with positioned errors) and evaluation against node labels. */
import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector, rackOfSelector, rackSelector, type Selector } from './selector';

function sel(src: string): Selector {
  const r = parseSelector(src);
  if (!r.ok) throw new Error(`selector ${src}: ${r.error}`);
  return r.value;
}
const errorOf = (src: string) => {
  const r = parseSelector(src);
  return r.ok ? undefined : r.error;
};
const matches = (src: string, labels: Record<string, string>) => matchesSelector(sel(src), labels);

const NODE = { rack: 'rack-a', zone: 'z1', 'kubernetes.io/hostname': 'node-a1', role: 'worker-gpu' };

describe('parsing', () => {
  it('reads every operator into its node', () => {
    expect(sel('all()')).toEqual({ op: 'all' });
    expect(sel('global()')).toEqual({ op: 'all' });
    expect(sel('has(rack)')).toEqual({ op: 'has', key: 'rack' });
    expect(sel("rack == 'rack-a'")).toEqual({ op: 'eq', key: 'rack', value: 'rack-a' });
    expect(sel('rack != "rack-a"')).toEqual({ op: 'ne', key: 'rack', value: 'rack-a' });
    expect(sel("zone in {'z1', 'z2'}")).toEqual({ op: 'in', key: 'zone', values: ['z1', 'z2'] });
    expect(sel("zone not in {'z1'}")).toEqual({ op: 'notin', key: 'zone', values: ['z1'] });
    expect(sel('zone in {}')).toEqual({ op: 'in', key: 'zone', values: [] });
    expect(sel("role contains 'gpu'")).toEqual({ op: 'contains', key: 'role', value: 'gpu' });
    expect(sel("role starts with 'worker'")).toEqual({ op: 'starts', key: 'role', value: 'worker' });
    expect(sel("role ends with 'gpu'")).toEqual({ op: 'ends', key: 'role', value: 'gpu' });
    expect(sel('!has(rack)')).toEqual({ op: 'not', expr: { op: 'has', key: 'rack' } });
  });

  it('reads label keys with prefixes, dots and underscores, and ignores spacing', () => {
    expect(sel("kubernetes.io/hostname=='node-a1'")).toEqual({
      op: 'eq',
      key: 'kubernetes.io/hostname',
      value: 'node-a1',
    });
    expect(sel("  my_key.v2   ==   'x y'  ")).toEqual({ op: 'eq', key: 'my_key.v2', value: 'x y' });
    expect(sel('a == "it\'s"')).toEqual({ op: 'eq', key: 'a', value: "it's" });
    expect(sel("in == 'x'")).toEqual({ op: 'eq', key: 'in', value: 'x' });
  });

  it('binds && tighter than ||, left to right', () => {
    const a = { op: 'has', key: 'a' } as const;
    const b = { op: 'has', key: 'b' } as const;
    const c = { op: 'has', key: 'c' } as const;
    expect(sel('has(a) && has(b) || has(c)')).toEqual({ op: 'or', left: { op: 'and', left: a, right: b }, right: c });
    expect(sel('has(a) || has(b) && has(c)')).toEqual({ op: 'or', left: a, right: { op: 'and', left: b, right: c } });
    expect(sel('(has(a) || has(b)) && has(c)')).toEqual({ op: 'and', left: { op: 'or', left: a, right: b }, right: c });
    expect(sel('has(a) && has(b) && has(c)')).toEqual({ op: 'and', left: { op: 'and', left: a, right: b }, right: c });
    expect(sel('!has(a) && has(b)')).toEqual({ op: 'and', left: { op: 'not', expr: a }, right: b });
    expect(sel('!(has(a) && has(b))')).toEqual({ op: 'not', expr: { op: 'and', left: a, right: b } });
    expect(sel('!!has(a)')).toEqual({ op: 'not', expr: { op: 'not', expr: a } });
  });
});

describe('errors name the character position', () => {
  it.each([
    ['', 'expected a label name, all(), has(...), ! or ( at character 1, found the end'],
    ["rack == 'a' &&", 'expected a label name, all(), has(...), ! or ( at character 15, found the end'],
    [
      "rack 'a'",
      `expected '==', '!=', 'in', 'not in', 'contains', 'starts with' or 'ends with' at character 6, found "a"`,
    ],
    [
      "rack starts 'a'",
      `expected '==', '!=', 'in', 'not in', 'contains', 'starts with' or 'ends with' at character 6, found "starts"`,
    ],
    ["rack = 'a'", 'unexpected character "=" at character 6'],
    ["rack == 'a' & has(x)", 'unexpected character "&" at character 13'],
    ['has(a) ||| has(b)', 'unexpected character "|" at character 10'],
    ["rack == 'a", 'unterminated string starting at character 9'],
    ['rack == a', 'expected a quoted string at character 9, found "a"'],
    ["(rack == 'a'", "expected ')' at character 13, found the end"],
    ["rack == 'a')", `expected '&&', '||' or the end of the selector at character 12, found ")"`],
    ["rack == 'a' has(b)", `expected '&&', '||' or the end of the selector at character 13, found "has"`],
    ["rack in ('a')", `expected '{' at character 9, found "("`],
    ["rack in {'a' 'b'}", `expected '}' at character 14, found "b"`],
    ["rack in {'a',}", 'expected a quoted string at character 14, found "}"'],
    ['rack in {a}', 'expected a quoted string at character 10, found "a"'],
    ["has('rack')", 'expected a label name at character 5, found "rack"'],
    ['has(rack', "expected ')' at character 9, found the end"],
    ['all(', "expected ')' at character 5, found the end"],
    ['&& has(a)', 'expected a label name, all(), has(...), ! or ( at character 1, found "&&"'],
  ])('%j', (src, message) => {
    expect(errorOf(src)).toBe(message);
  });
});

describe('evaluation', () => {
  it('all() matches everything, has() needs the key', () => {
    expect(matches('all()', {})).toBe(true);
    expect(matches('has(zone)', NODE)).toBe(true);
    expect(matches('has(row)', NODE)).toBe(false);
    expect(matches('has(zone)', { zone: '' })).toBe(true);
  });

  it('== and != (a missing label is != anything)', () => {
    expect(matches("rack == 'rack-a'", NODE)).toBe(true);
    expect(matches("rack == 'rack-b'", NODE)).toBe(false);
    expect(matches("row == ''", NODE)).toBe(false);
    expect(matches("rack != 'rack-b'", NODE)).toBe(true);
    expect(matches("rack != 'rack-a'", NODE)).toBe(false);
    expect(matches("row != 'x'", NODE)).toBe(true);
  });

  it('in and not in (a missing label is in no set)', () => {
    expect(matches("zone in {'z1', 'z2'}", NODE)).toBe(true);
    expect(matches("zone in {'z2'}", NODE)).toBe(false);
    expect(matches('zone in {}', NODE)).toBe(false);
    expect(matches("row in {'x'}", NODE)).toBe(false);
    expect(matches("zone not in {'z2'}", NODE)).toBe(true);
    expect(matches("zone not in {'z1'}", NODE)).toBe(false);
    expect(matches("row not in {'x'}", NODE)).toBe(true);
  });

  it('contains, starts with, ends with (false on a missing label)', () => {
    expect(matches("role contains 'er-g'", NODE)).toBe(true);
    expect(matches("role contains 'cpu'", NODE)).toBe(false);
    expect(matches("role starts with 'worker'", NODE)).toBe(true);
    expect(matches("role starts with 'gpu'", NODE)).toBe(false);
    expect(matches("role ends with 'gpu'", NODE)).toBe(true);
    expect(matches("role ends with 'worker'", NODE)).toBe(false);
    expect(matches("row contains ''", NODE)).toBe(false);
    expect(matches("row starts with ''", NODE)).toBe(false);
  });

  it('!, &&, || and parentheses', () => {
    expect(matches('!has(row)', NODE)).toBe(true);
    expect(matches("rack == 'rack-a' && zone == 'z2'", NODE)).toBe(false);
    expect(matches("rack == 'rack-b' || zone == 'z1'", NODE)).toBe(true);
    // && first: false || (true && false) = false; with parentheses: (false || true) && false = false, (… || true) && true = true
    expect(matches("rack == 'rack-b' || has(zone) && has(row)", NODE)).toBe(false);
    expect(matches('has(row) && has(x) || has(zone)', NODE)).toBe(true);
    expect(matches('has(row) && (has(x) || has(zone))', NODE)).toBe(false);
    expect(matches("!(rack == 'rack-a' && zone == 'z1')", NODE)).toBe(false);
  });

  it('reads only the labels themselves, never Object.prototype', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(matches(`${key} contains 'x'`, {})).toBe(false);
      expect(matches(`${key} starts with 'f'`, {})).toBe(false);
      expect(matches(`${key} ends with ''`, {})).toBe(false);
      expect(matches(`has(${key})`, {})).toBe(false);
      expect(matches(`${key} != 'x'`, {})).toBe(true);
      expect(matches(`${key} in {'x'}`, {})).toBe(false);
    }
    expect(matches("constructor == 'x'", { constructor: 'x' })).toBe(true);
  });
});

describe('rack selectors', () => {
  it('writes and recognises rack == <name>', () => {
    expect(rackSelector('rack-a')).toBe("rack == 'rack-a'");
    expect(rackOfSelector(rackSelector('rack-b'))).toBe('rack-b');
    expect(rackOfSelector('rack=="rack-c"')).toBe('rack-c');
    expect(matches(rackSelector('rack-a'), NODE)).toBe(true);
  });

  it('recognises nothing else', () => {
    expect(rackOfSelector("rack != 'rack-a'")).toBeUndefined();
    expect(rackOfSelector("zone == 'rack-a'")).toBeUndefined();
    expect(rackOfSelector("rack == 'rack-a' && zone == 'z1'")).toBeUndefined();
    expect(rackOfSelector("rack in {'rack-a'}")).toBeUndefined();
    expect(rackOfSelector('rack ==')).toBeUndefined();
  });
});

describe('hostile selectors (issue 15)', () => {
  it('refuses nesting past 128 levels instead of exhausting the stack', () => {
    expect(parseSelector(`${'('.repeat(128)}all()${')'.repeat(128)}`).ok).toBe(true);
    expect(parseSelector(`${'('.repeat(200_000)}all()${')'.repeat(200_000)}`)).toEqual({
      ok: false,
      error: "more than 128 levels of '!' and '(' at character 129",
    });
    expect(parseSelector(`${'!'.repeat(200_000)}has(a)`)).toEqual({
      ok: false,
      error: "more than 128 levels of '!' and '(' at character 129",
    });
  });

  it('refuses a chain of && or || deeper than 128 once parsed (it is evaluated by recursion)', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `k${i} == 'v'`).join(' && ');
    expect(parseSelector(chain(128)).ok).toBe(true);
    expect(parseSelector(chain(50_000))).toEqual({
      ok: false,
      error: 'more than 128 levels deep once parsed (each && and || of a chain is one)',
    });
  });

  it('refuses a BGPPeer selector past 1024 characters without parsing it', async () => {
    const { parseDesign } = await import('../parse');
    const sel = `${'('.repeat(100_000)}all()${')'.repeat(100_000)}`;
    const peer = parseDesign(
      `apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: m }\nspec:\n  calicoResources:\n    - apiVersion: projectcalico.org/v3\n      kind: BGPPeer\n      metadata: { name: p }\n      spec: { peerIP: 10.0.0.1, asNumber: 65000, nodeSelector: "${sel}" }\n`,
    );
    expect(peer.ok ? [] : peer.error.map((i) => i.message)).toEqual(['a selector is at most 1024 characters']);
  });
});
