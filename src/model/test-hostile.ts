/**
 * Hostile inputs for the readers' property tests (not used by the app): valid documents mutated
 * the way an attacker or a careless user would (fields deleted, types swapped, huge numbers,
 * "NaN" strings, control characters, unicode, deep nesting, many keys, shared objects that YAML
 * writes as aliases, cycles), written as YAML or JSON, then mutated again as text (lines
 * duplicated into duplicate keys, deleted, truncated, snippets of YAML trickery inserted).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Issue } from './issues';

type Json = unknown;
type Container = Record<string, unknown> | unknown[];

const nest = (depth: number): unknown => (depth === 0 ? 'deep' : [nest(depth - 1)]);

/** Values that no field expects, or that sit just past what a field takes. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    'NaN',
    'Infinity',
    '-Infinity',
    1e308,
    -1e308,
    -0,
    2 ** 53 + 1,
    4294967296,
    4294967295,
    -1,
    0,
    0.5,
    65536,
    2147483647,
    '',
    ' ',
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\r\n',
    '\u2028',
    '\u0085',
    '\ufeff',
    '😀',
    'é',
    'Ω\u0301',
    '\ud800',
    true,
    false,
    null,
    [],
    {},
    [[]],
    { '': '' },
    { __proto__x: 1 },
    '__proto__',
    'constructor',
    '0x1F',
    '1e5',
    '0b1',
    '017',
    'yes',
    '~',
    'null',
    '.inf',
    '2001-12-14',
    '10.0.0.300',
    '10.0.0.0/33',
    '10.0.0.1/24',
    '::1',
    '999.1.1.1',
    "rack == 'a' &&",
    'all()',
    '65000:99999999999',
    '4294967296:1',
    '1:2:3:4',
    'x"; }\nprotocol static y { route 0.0.0.0/0 blackhole; }\n',
  ),
  fc.integer({ min: 30, max: 90 }).map(nest),
  fc.integer({ min: 100, max: 5000 }).map((n) => `${'('.repeat(n)}all()${')'.repeat(n)}`),
  fc.integer({ min: 100, max: 3000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 50, max: 400 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc
    .integer({ min: 50, max: 400 })
    .map((n) => Array.from({ length: n }, () => ({ name: 'same', subnet: '10.0.0.0/24' }))),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double(),
);

type Op = 'delete' | 'replace' | 'duplicate' | 'unknown-key' | 'swap-type' | 'share';
const opArb = fc.constantFrom<Op>('delete', 'replace', 'replace', 'duplicate', 'unknown-key', 'swap-type', 'share');
const mutationArb = fc.record({ op: opArb, at: fc.nat(), other: fc.nat(), value: hostileValueArb });

/** Every (container, key) pair of a value, depth first; the root is not listed. */
function slots(root: Json): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const stack: Json[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
    for (const [k, item] of entries) {
      out.push([v as Container, k]);
      stack.push(item);
    }
  }
  return out;
}

function swapType(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v.length;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (typeof v === 'object' && v !== null) return Object.values(v);
  return 'null';
}

function mutate(value: Json, m: { op: Op; at: number; other: number; value: unknown }): Json {
  const all = slots(value);
  const slot = all[m.at % Math.max(all.length, 1)];
  if (!slot) return value;
  const [container, key] = slot;
  const get = () => (container as Record<string | number, unknown>)[key];
  const set = (v: unknown) => void ((container as Record<string | number, unknown>)[key] = v);
  switch (m.op) {
    case 'delete':
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
      break;
    case 'replace':
      set(m.value);
      break;
    case 'duplicate':
      // The same object twice: YAML writes it once with an anchor and then an alias.
      if (Array.isArray(container)) container.push(get());
      else container[`${String(key)}-copy`] = get();
      break;
    case 'unknown-key':
      if (!Array.isArray(container)) container[`x-${m.other % 5}`] = m.value;
      break;
    case 'swap-type':
      set(swapType(get()));
      break;
    case 'share': {
      // Another slot takes this slot's value: an alias, or a cycle when it lies inside it.
      const [c2, k2] = all[m.other % all.length] as [Container, string | number];
      (c2 as Record<string | number, unknown>)[k2] = get();
      break;
    }
  }
  return value;
}

/** Pieces of YAML that readers have tripped on, inserted at a line start or appended. */
const SNIPPETS = [
  '? [a]\n: 1\n',
  '? { a: 1 }\n: 1\n',
  'x-a: &a [1, 2]\nx-b: *a\n',
  'x-c: *nope\n',
  '<<: { a: 1 }\n',
  '--- \n',
  '%YAML 1.1\n---\n',
  'x: !!binary aGk=\n',
  `x: ${'- '.repeat(80)}y\n`,
  `x: ${'['.repeat(200)}\n`,
  `x: ${'{a: '.repeat(70)}1${'}'.repeat(70)}\n`,
  'x: "\\u0000\\ud800"\n',
  '\t- tab\n',
  'apiVersion: again\n',
  'x: &s { y: *s }\n',
  "x: 'unterminated\n",
  'x: |\n  block\n text\n',
  '#\u0000 comment\n',
  '\ufeffx: 1\n',
  '...\n',
];
type TextOp = { op: 'dup-line' | 'del-line' | 'truncate' | 'insert' | 'append'; at: number; snippet: string };
const textOpArb: fc.Arbitrary<TextOp> = fc.record({
  op: fc.constantFrom('dup-line', 'del-line', 'truncate', 'insert', 'insert', 'append', 'append'),
  at: fc.nat(),
  snippet: fc.constantFrom(...SNIPPETS),
});

function mutateText(text: string, m: TextOp): string {
  const lines = text.split('\n');
  const i = m.at % Math.max(lines.length, 1);
  switch (m.op) {
    case 'dup-line':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'del-line':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, m.at % Math.max(text.length, 1));
    case 'insert':
      lines.splice(i, 0, m.snippet.replace(/\n$/, ''));
      return lines.join('\n');
    case 'append':
      // At the end of a YAML document, the snippet's keys are top-level keys.
      return `${text.replace(/\n*$/, '\n')}${m.snippet}`;
  }
}

function write(value: Json, format: 'yaml' | 'json'): string {
  if (format === 'json') {
    try {
      return JSON.stringify(value, null, 1);
    } catch {
      // A cycle: only YAML can write it (as an anchor and an alias).
    }
  }
  return stringify(value, { aliasDuplicateObjects: true });
}

/** A valid value of `base`, mutated, written as YAML or JSON, and mutated as text. */
export function hostileTextArb(base: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  return fc
    .tuple(
      base,
      fc.array(mutationArb, { maxLength: 4 }),
      fc.constantFrom<'yaml' | 'json'>('yaml', 'json'),
      fc.array(textOpArb, { maxLength: 2 }),
    )
    .map(([value, mutations, format, textOps]) => {
      const v = structuredClone(value);
      const mutated = mutations.reduce(mutate, v);
      return textOps.reduce(mutateText, write(mutated, format));
    });
}

/** Sentences about the whole text, which name no field and no line. */
const WHOLE_TEXT = [
  /^the file is empty$/,
  /^the file holds \d+ YAML documents/,
  /^the text has [\d,]+ characters/,
  /^a liveroute design is a mapping/,
  /^… and [\d,]+ more /,
];

/** The property every refusal has: each problem names a field path or a line, or is about the whole text. */
export function unlocated(issues: readonly Issue[]): Issue[] {
  return issues.filter(
    (i) => i.path.length === 0 && i.line === undefined && !WHOLE_TEXT.some((re) => re.test(i.message)),
  );
}
