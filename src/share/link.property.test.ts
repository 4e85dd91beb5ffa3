/**
 * Share links under hostile input (issue 15): random bytes, cut and mutated links, wrong format
 * versions, characters outside base64url, DEFLATE streams that declare more than they hold, and
 * decompression bombs. Whatever the fragment, decoding returns a valid design or a refusal in one
 * sentence, never throws, and never inflates much past the size limit (the inflater is counted).
 * Seeded and bounded; fast-check prints the seed and path of any failure.
 */
import fc from 'fast-check';
import type * as fflate from 'fflate';
import { deflateSync, strToU8, type FlateStreamHandler } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { parseDesign, validateDesign, type Topology } from '../model';
import { designArb } from '../model/test-arbitrary';
import { decodeBase64url, encodeBase64url } from './base64url';
import { isShareFragment } from './fragment';
import { jsonDepth, jsonLineFinder } from './jsonLines';
import { decodeShare, encodeShare, MAX_DESIGN_BYTES, MAX_DESIGN_DEPTH, MAX_FRAGMENT_CHARS } from './link';

/** Bytes the inflater handed out during the current decode (fflate's Inflate, counted). */
const meter = vi.hoisted(() => ({ inflated: 0 }));
vi.mock('fflate', async (importOriginal) => {
  const real = await importOriginal<typeof fflate>();
  class CountedInflate extends real.Inflate {
    constructor(cb?: FlateStreamHandler) {
      super(cb);
      const deliver = this.ondata;
      this.ondata = (chunk, final) => {
        meter.inflated += chunk.length;
        deliver(chunk, final);
      };
    }
  }
  return { ...real, Inflate: CountedInflate };
});

const SEED = 20261215;
const RUNS = 120;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** What one push of the decoder's 1 KiB input chunks can add past the limit: DEFLATE expands at most 1032:1. */
const ONE_PUSH = 1032 * 1024;
const REFUSAL =
  /^(The share link|This is not a liveroute share link|This share link has format|The shared design is invalid|The shared design could not be read)/;

const SCENARIO_FILES = import.meta.glob<string>('../scenarios/*.liveroute.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const designs: Topology[] = [
  ...Object.values(SCENARIO_FILES).map((text) => {
    const parsed = parseDesign(text);
    if (!parsed.ok) throw new Error('a built-in scenario does not parse');
    return parsed.value.doc;
  }),
  ...fc.sample(designArb, { seed: SEED, numRuns: 6 }),
];
const LINKS = designs.map((d, i) => encodeShare(d, i % 3 === 0 ? { step: i } : {}));

const fragmentOf = (bytes: Uint8Array) => `#lr1=${encodeBase64url(bytes)}`;
const deflated = (text: string) => fragmentOf(deflateSync(strToU8(text), { level: 9 }));

/**
 * Decodes and checks the contract: a design that validates, or a one-sentence refusal; no throw;
 * the inflater stopped within one push of the size limit.
 */
function decision(fragment: string): { ok: true } | { ok: false; message: string } {
  meter.inflated = 0;
  const r = decodeShare(fragment);
  expect(meter.inflated).toBeLessThanOrEqual(MAX_DESIGN_BYTES + ONE_PUSH);
  if (r.ok) {
    expect(validateDesign(r.doc).ok).toBe(true);
    expect(isShareFragment(fragment.startsWith('#') ? fragment : `#${fragment}`)).toBe(true);
    return { ok: true };
  }
  expect(r.message).toMatch(REFUSAL);
  expect(r.message.endsWith('.')).toBe(true);
  expect(r.message).not.toContain('\n');
  expect(r.message.length).toBeLessThan(2500);
  return { ok: false, message: r.message };
}

const linkArb = fc.constantFrom(...LINKS);
const payloadOf = (link: string) => /^#lr1=([^&]*)/.exec(link)?.[1] ?? '';

/** Any UTF-16 units, lone surrogates and NUL included (fast-check's 'binary' unit is far slower to generate). */
const utf16Arb = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 })
  .map((units) => String.fromCharCode(...units));
const hostileChar = fc.constantFrom(
  '+',
  '/',
  '=',
  '%',
  '%20',
  ' ',
  '\n',
  '\t',
  '\u0000',
  'é',
  '😀',
  '\ud800',
  '#',
  '&',
  '?',
  '.',
  '~',
  '*',
);

describe('share links: hostile fragments', () => {
  it('random bytes, raw or deflated, behind #lr1=', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), (bytes, deflate) => {
        decision(fragmentOf(deflate ? deflateSync(bytes) : bytes));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('any text at all as the fragment, with or without the #lr1= prefix', () => {
    fc.assert(
      fc.property(
        fc.oneof(utf16Arb, fc.string({ maxLength: 400 })),
        fc.constantFrom('', '#', '#lr1=', 'lr1='),
        (text, prefix) => {
          decision(prefix + text);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('valid links cut short anywhere', () => {
    fc.assert(
      fc.property(linkArb, fc.nat(), (link, at) => {
        const cut = link.slice(0, at % link.length);
        const r = decision(cut);
        // A link cut inside its data is refused (cutting only the step off leaves a valid link).
        if (cut.length < link.indexOf('&') || !link.includes('&')) expect(r.ok).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('valid links with characters replaced, inserted or deleted', () => {
    const edit = fc.tuple(
      fc.constantFrom('replace', 'insert', 'delete'),
      fc.nat(),
      fc.oneof(fc.constantFrom(...ALPHABET), hostileChar),
    );
    fc.assert(
      fc.property(linkArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (link, edits) => {
        let text = link;
        for (const [kind, at, c] of edits) {
          // Past the `#lr1=`: mutations of the prefix have their own property.
          const i = 5 + (at % Math.max(1, text.length - 5));
          text =
            kind === 'insert'
              ? text.slice(0, i) + c + text.slice(i)
              : text.slice(0, i) + (kind === 'replace' ? c : '') + text.slice(i + 1);
        }
        decision(text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('valid links with bits flipped in their compressed data', () => {
    fc.assert(
      fc.property(
        linkArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
        (link, flips) => {
          const decoded = decodeBase64url(payloadOf(link));
          if (!decoded.ok) throw new Error('a valid link does not decode');
          const bytes = decoded.bytes.slice();
          for (const [at, bit] of flips) bytes[at % bytes.length] = (bytes[at % bytes.length] as number) ^ (1 << bit);
          decision(fragmentOf(bytes));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('wrong format versions and prefixes are refused, saying which format it is', () => {
    const version = fc.constantFrom(
      'lr0',
      'lr2',
      'lr01',
      'lr99999999999999999999',
      'LR1',
      'lr',
      'lr1.5',
      'lr-1',
      'xlr1',
      ' lr1',
      'lr１',
    );
    fc.assert(
      fc.property(
        fc.constantFrom('', '#'),
        version,
        fc.constantFrom('=', ':', '', '=='),
        linkArb,
        (hash, v, sep, link) => {
          const r = decision(`${hash}${v}${sep}${payloadOf(link)}`);
          expect(r.ok).toBe(false);
          if (!r.ok && /^lr\d+$/.test(v) && sep.startsWith('=')) {
            expect(r.message).toBe(
              `This share link has format ${v}, which this version of liveroute cannot read (it reads lr1).`,
            );
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('characters outside base64url are refused with their position', () => {
    fc.assert(
      fc.property(
        linkArb,
        fc.nat(),
        fc.constantFrom('+', '/', '%', ' ', '\n', '\u0000', 'é', '😀', '.', '~', '*', '!'),
        (link, at, c) => {
          const payload = payloadOf(link);
          const i = at % payload.length;
          const r = decision(`#lr1=${payload.slice(0, i)}${c}${payload.slice(i)}`);
          expect(r.ok || r.message).toBe(
            `The share link is damaged: its data is not base64url (unexpected ${JSON.stringify(c[0])} at character ${i + 1}).`,
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('DEFLATE blocks that declare more data than the link holds', () => {
    // A stored block (BFINAL, BTYPE 00) says how many bytes follow (LEN, then its complement NLEN).
    const stored = fc
      .tuple(
        fc.integer({ min: 0, max: 65535 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
      )
      .map(([len, data, honestNlen, repeat]) => {
        const nlen = honestNlen ? ~len & 0xffff : len;
        const block = [0x00, len & 255, len >> 8, nlen & 255, nlen >> 8, ...data];
        return new Uint8Array([...Array.from({ length: repeat - 1 }, () => block).flat(), 0x01, ...block.slice(1)]);
      });
    fc.assert(
      fc.property(stored, (bytes) => {
        decision(fragmentOf(bytes));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('lesson steps of any size and parameters up to the length limit', () => {
    fc.assert(
      fc.property(linkArb, fc.string({ maxLength: 30 }), fc.integer({ min: 0, max: 20_000 }), (link, step, extra) => {
        const base = link.replace(/&step=\d+$/, '');
        const r = decision(`${base}&step=${step}${'&x=1'.repeat(extra)}`);
        if (`${base}&step=${step}`.length + 4 * extra > MAX_FRAGMENT_CHARS + 1) expect(r.ok).toBe(false);
        else if (!/^\d{1,4}$/.test(step) && !step.includes('&'))
          expect(r.ok || r.message).toBe(`The share link's lesson step ${JSON.stringify(step)} is not a whole number.`);
      }),
      // Most of these decode a whole design: fewer runs.
      { seed: SEED, numRuns: 40 },
    );
  });
});

describe('share links: bombs and oversized data', () => {
  const bomb = (text: string) => decision(deflated(text));

  it('refuses what inflates past the limit, however small the link', () => {
    const over = `The share link expands to more than ${MAX_DESIGN_BYTES.toLocaleString('en-US')} bytes; liveroute opens designs that large only from a file.`;
    // 6 MiB of zeros, and a design whose description is 3 MiB of one letter: links of a few kilobytes.
    const zeros = fragmentOf(deflateSync(new Uint8Array(6 * 1024 * 1024), { level: 9 }));
    expect(zeros.length).toBeLessThan(10_000);
    expect(decision(zeros)).toEqual({ ok: false, message: over });
    // The inflater did run past the limit (the meter counts it), and stopped within one push.
    expect(meter.inflated).toBeGreaterThan(MAX_DESIGN_BYTES);
    const description = `{"apiVersion":"liveroute/v1","kind":"Topology","metadata":{"name":"a","description":"${'x'.repeat(3 * 1024 * 1024)}"},"spec":{}}`;
    expect(bomb(description)).toEqual({ ok: false, message: over });
    expect(meter.inflated).toBeGreaterThan(MAX_DESIGN_BYTES);
  });

  it('refuses JSON nested deeper than any design before parsing it', () => {
    const deep = `The share link is damaged: its data nests more than ${MAX_DESIGN_DEPTH} levels deep, which no design does.`;
    expect(bomb(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toEqual({ ok: false, message: deep });
    expect(bomb(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`)).toEqual({ ok: false, message: deep });
    // Nesting that would grow 60-fold if printed with indentation (every line carries its depth) is refused in the same words.
    expect(
      bomb(`${'['.repeat(MAX_DESIGN_DEPTH + 1)}${'0,'.repeat(500_000)}0${']'.repeat(MAX_DESIGN_DEPTH + 1)}`),
    ).toEqual({ ok: false, message: deep });
  });

  it('refuses within-limit bombs of JSON that is no design, naming the first problems', () => {
    const wide = `[${'0,'.repeat(900_000)}0]`;
    expect(bomb(wide)).toEqual({
      ok: false,
      message:
        'The shared design is invalid: (document) (line 1): a liveroute design is a mapping with apiVersion, kind, metadata and spec.',
    });
    // Deep but within the limit, wide at the bottom: the issues are located without printing it.
    const nested = `{"apiVersion":"liveroute/v1","kind":"Topology","metadata":{"name":"a"},"spec":{},"x":${'['.repeat(MAX_DESIGN_DEPTH - 2)}${'0,'.repeat(200_000)}0${']'.repeat(MAX_DESIGN_DEPTH - 2)}}`;
    expect(bomb(nested)).toEqual({
      ok: false,
      message: 'The shared design is invalid: x (line 8): unknown field "x".',
    });
  });

  it('clips an issue that quotes a huge key', () => {
    const r = bomb(
      `{"apiVersion":"liveroute/v1","kind":"Topology","metadata":{"name":"a"},"spec":{},"${'k'.repeat(500_000)}":1}`,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^The shared design is invalid: k{50,}…\.$/);
  });
});

describe('the helpers under the decoder', () => {
  it('base64url: bytes round-trip, and any text is decoded or refused, never thrown on', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeBase64url(encodeBase64url(bytes));
        expect(r.ok && [...r.bytes]).toEqual([...bytes]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...ALPHABET), hostileChar), maxLength: 60 }), (text) => {
        const r = decodeBase64url(text);
        const body = text.replace(/={1,2}$/, '');
        const valid = [...body].every((c) => ALPHABET.includes(c)) && body.length % 4 !== 1;
        expect(r.ok).toBe(valid);
        if (r.ok) expect(r.bytes.length).toBe(Math.floor((body.length * 3) / 4));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a line found in a value is the line where `JSON.stringify(v, null, 2)` prints it', () => {
    const MARK = '\u0000mark\u0000';
    const pathsOf = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
      typeof v === 'object' && v !== null
        ? [prefix, ...Object.entries(v).flatMap(([k, c]) => pathsOf(c, [...prefix, Array.isArray(v) ? Number(k) : k]))]
        : [prefix];
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat(), (value, pick) => {
        const paths = pathsOf(value);
        const path = paths[pick % paths.length] as (string | number)[];
        // Put a mark where the path points: the line it is printed on is where that element starts.
        const marked = path.length === 0 ? MARK : structuredClone(value);
        if (path.length > 0) {
          let parent = marked as Record<string | number, unknown>;
          for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
          parent[path[path.length - 1] as string | number] = MARK;
        }
        const printed = JSON.stringify(marked, null, 2).split('\n');
        expect(jsonLineFinder(value)(path)).toBe(printed.findIndex((l) => l.includes(JSON.stringify(MARK))) + 1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the depth counted in JSON text is the depth of the value it holds', () => {
    const depthOf = (v: unknown): number =>
      typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        expect(jsonDepth(text, 100)).toBe(depthOf(value));
        expect(jsonDepth(text, 2)).toBe(Math.min(depthOf(value), 3));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
