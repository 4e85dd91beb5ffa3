/**
 * The config editor's BGPPeer and BGPFilter buffers under hostile typing and pasting (issue 15):
 * valid buffers mutated character by character and line by line, random text, alias bombs, deep
 * nesting, keys that are collections, thousands of documents. The buffer either becomes a valid
 * design (which prints back to a buffer that applies to itself) or is refused with located
 * issues; nothing throws and nothing is printed. The wording of a refusal is the reader's
 * (src/model, tested there); what is checked here is that the editor's path gets one.
 * Seeded and bounded.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordPrinted } from '../../lib/test-printed';
import { formatIssue } from '../issues';
import { parseDesign, validateDesign } from '../parse';
import type { Topology } from '../schema';
import { applyResourcesYaml, resourcesYaml, type EditableKind } from './yamlText';

const SEED = 20261215;
const RUNS = 100;
/** Lists and mappings inside each other that no Calico object comes near (a BGPFilter rule is about eight levels down). */
const DEEPER_THAN_ANY_OBJECT = 100;

function scenario(name: string): Topology {
  const parsed = parseDesign(readFileSync(new URL(`../../scenarios/${name}.liveroute.yaml`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.value.doc;
}
const DESIGNS = ['two-racks-ebgp', 'spine-route-reflectors', 'as-path-prepend'].map(scenario);
const KINDS: readonly EditableKind[] = ['BGPPeer', 'BGPFilter'];
const BUFFERS = DESIGNS.flatMap((doc) => KINDS.map((kind) => ({ doc, kind, text: resourcesYaml(doc, kind) })));

const printed = recordPrinted();

/** Applies and checks the contract; returns the issues, or [] when the buffer was applied. */
function apply(doc: Topology, kind: EditableKind, text: string): string[] {
  const r = applyResourcesYaml(doc, kind, text);
  expect(printed()).toEqual([]);
  if (r.ok) {
    expect(validateDesign(r.value).ok).toBe(true);
    // The other kind's objects are untouched.
    const others = (d: Topology) => d.spec.calicoResources.filter((o) => o.kind !== kind);
    expect(others(r.value)).toEqual(others(doc));
    // What was applied prints back to a buffer that applies to itself.
    const again = applyResourcesYaml(r.value, kind, resourcesYaml(r.value, kind));
    expect(again.ok && again.value).toEqual(r.value);
    return [];
  }
  expect(r.error.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const i of r.error) {
    expect(i.message.length).toBeGreaterThan(0);
    if (i.line !== undefined) {
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.line).toBeLessThanOrEqual(lines + 1);
    }
  }
  return r.error.map(formatIssue);
}

const bufferArb = fc.constantFrom(...BUFFERS);
const YAML_CHARS = [
  ':',
  ': ',
  '-',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!',
  '!!str ',
  '|',
  '>',
  "'",
  '"',
  '#',
  '%',
  '@',
  '`',
  '?',
  '? ',
  '\t',
  '\n',
  '\n---\n',
  '\n...\n',
  '\u0000',
  '\ufeff',
  '😀',
  ' ',
  '  ',
  '<<: ',
  '0x1',
  '~',
  'null',
  'yes',
  '1e999',
];
const charArb = fc.oneof(fc.constantFrom(...YAML_CHARS), fc.string({ minLength: 1, maxLength: 3 }));

describe('the config editor buffer under hostile edits', () => {
  it('valid buffers with characters replaced, inserted or deleted', () => {
    const edit = fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), charArb);
    fc.assert(
      fc.property(bufferArb, fc.array(edit, { minLength: 1, maxLength: 5 }), ({ doc, kind, text }, edits) => {
        let t = text;
        for (const [op, at, c] of edits) {
          const i = at % (t.length + 1);
          t =
            op === 'insert'
              ? t.slice(0, i) + c + t.slice(i)
              : t.slice(0, i) + (op === 'replace' ? c : '') + t.slice(i + 1);
        }
        apply(doc, kind, t);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('valid buffers with lines duplicated, dropped, swapped or re-indented', () => {
    const edit = fc.tuple(fc.constantFrom('duplicate', 'drop', 'swap', 'indent', 'dedent'), fc.nat(), fc.nat());
    fc.assert(
      fc.property(bufferArb, fc.array(edit, { minLength: 1, maxLength: 4 }), ({ doc, kind, text }, edits) => {
        const lines = text.split('\n');
        for (const [op, a, b] of edits) {
          const i = a % lines.length;
          const j = b % lines.length;
          const line = lines[i] as string;
          if (op === 'duplicate') lines.splice(i, 0, line);
          else if (op === 'drop') lines.splice(i, 1);
          else if (op === 'swap') [lines[i], lines[j]] = [lines[j] as string, line];
          else lines[i] = op === 'indent' ? `  ${line}` : line.replace(/^ {1,2}/, '');
          if (lines.length === 0) lines.push('');
        }
        apply(doc, kind, lines.join('\n'));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('any text at all', () => {
    const utf16 = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
      .map((u) => String.fromCharCode(...u));
    fc.assert(
      fc.property(
        bufferArb,
        fc.oneof(
          utf16,
          fc.string({ unit: fc.constantFrom(...YAML_CHARS, 'a', 'kind', 'BGPPeer', 'spec'), maxLength: 60 }),
        ),
        ({ doc, kind }, text) => {
          apply(doc, kind, text);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('alias bombs of any fan-out and depth are refused, not expanded', () => {
    fc.assert(
      fc.property(
        bufferArb,
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 2, max: 12 }),
        ({ doc, kind }, fanOut, levels) => {
          const lines = [`l0: &l0 [${Array(fanOut).fill('x').join(', ')}]`];
          for (let l = 1; l <= levels; l++)
            lines.push(
              `l${l}: &l${l} [${Array(fanOut)
                .fill(`*l${l - 1}`)
                .join(', ')}]`,
            );
          // Up to 12^13 values once expanded: this returns only if the reader refuses before expanding.
          expect(apply(doc, kind, `${lines.join('\n')}\n`).length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('nesting of any depth, in flow or block style, is read or refused in words at a line', () => {
    fc.assert(
      fc.property(
        bufferArb,
        fc.integer({ min: 1, max: 1500 }),
        fc.constantFrom('flow-seq', 'flow-map', 'block'),
        ({ doc, kind }, depth, style) => {
          const text =
            style === 'flow-seq'
              ? `${'['.repeat(depth)}${']'.repeat(depth)}\n`
              : style === 'flow-map'
                ? `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`
                : `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;
          const issues = apply(doc, kind, text);
          expect(issues.length).toBeGreaterThan(0);
          // Past any real object's depth: one refusal for the nesting, not one per level (nor the parser's stack overflow).
          if (depth > DEEPER_THAN_ANY_OBJECT) {
            expect(issues).toHaveLength(1);
            expect(issues[0]).toMatch(/\(line \d+\): /);
            expect(issues[0]).not.toMatch(/call stack/i);
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('a key that is a mapping or a list is refused at its line, and nothing is printed', () => {
    fc.assert(
      fc.property(
        bufferArb,
        fc.constantFrom('? [a]\n: 1', '? { a: 1 }\n: 1', '[a]: 1', '{ a: 1 }: 2', '? - a\n  - b\n: 1'),
        ({ doc, kind, text }, key) => {
          // After the buffer's first document: its own key at the top level.
          const first = text.split('---\n')[0] as string;
          const keyLine = first.split('\n').length;
          const issues = apply(doc, kind, `${first.trimEnd()}\n${key}\n`);
          expect(issues.some((i) => i.includes(`(line ${keyLine}): `))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('thousands of documents, empty or repeated, are read or refused', () => {
    const { doc, kind, text } = BUFFERS.find((b) => b.kind === 'BGPPeer') as (typeof BUFFERS)[number];
    expect(apply(doc, kind, '---\n'.repeat(5000))).toEqual([]);
    const first = text.split('---\n')[0] as string;
    const issues = apply(doc, kind, Array(500).fill(first).join('---\n'));
    // The second document's name, on its metadata line: after the first document and its `---`.
    expect(issues[0]?.startsWith(`[1].metadata.name (line ${first.split('\n').length + 3}): `)).toBe(true);
    expect(issues[0]).toContain('rack-a-tor');
  });
});
