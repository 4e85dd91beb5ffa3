import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDesign, serializeDesign, type Topology } from '../model';
import { generateFabric } from '../model/edit/generate';
import { decodeBase64url, encodeBase64url } from './base64url';
import { buildShare, decodeShare, encodeShare, isShareFragment, MAX_DESIGN_BYTES, MAX_FRAGMENT_CHARS } from './link';

// The built-in scenarios (src/scenarios SCENARIOS), read as files: src/share may not import src/scenarios.
const SCENARIO_FILES = import.meta.glob<string>('../scenarios/*.liveroute.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function load(text: string): Topology {
  const parsed = parseDesign(text);
  if (!parsed.ok) throw new Error(parsed.error.map((i) => i.message).join('\n'));
  return parsed.value.doc;
}

const DEFAULT = load(SCENARIO_FILES['../scenarios/two-racks-ebgp.liveroute.yaml'] as string);

/** A `#lr1=` fragment around arbitrary bytes, as a hand-made (or damaged) link would hold. */
const fragmentOf = (bytes: Uint8Array) => `#lr1=${encodeBase64url(bytes)}`;
const refusal = (fragment: string) => {
  const r = decodeShare(fragment);
  return r.ok ? 'accepted' : r.message;
};

describe('base64url', () => {
  it('encodes without padding in the URL-safe alphabet and decodes back', () => {
    expect(encodeBase64url(strToU8('liveroute'))).toBe('bGl2ZXJvdXRl');
    expect(encodeBase64url(new Uint8Array([251, 255]))).toBe('-_8');
    expect(encodeBase64url(new Uint8Array([0]))).toBe('AA');
    const all = new Uint8Array(256).map((_, i) => i);
    for (const n of [0, 1, 2, 3, 4, 255, 256]) {
      const r = decodeBase64url(encodeBase64url(all.subarray(0, n)));
      expect(r.ok && [...r.bytes]).toEqual([...all.subarray(0, n)]);
    }
  });

  it('accepts trailing padding that other tools add', () => {
    const r = decodeBase64url('AA==');
    expect(r.ok && [...r.bytes]).toEqual([0]);
  });
});

describe('share links', () => {
  it.each(Object.entries(SCENARIO_FILES))('round-trips %s to the identical serialized design', (_path, text) => {
    const doc = load(text);
    const fragment = encodeShare(doc);
    expect(fragment.startsWith('#lr1=')).toBe(true);
    expect(fragment).toMatch(/^#lr1=[A-Za-z0-9_-]+$/);
    const decoded = decodeShare(fragment);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(serializeDesign(decoded.doc, 'yaml')).toBe(serializeDesign(doc, 'yaml'));
    expect(decoded.step).toBeUndefined();
  });

  it('carries the lesson step', () => {
    const fragment = encodeShare(DEFAULT, { step: 3 });
    expect(fragment.endsWith('&step=3')).toBe(true);
    const decoded = decodeShare(fragment);
    expect(decoded.ok && decoded.step).toBe(3);
    // Parameters a later version may add are ignored; the `#` is optional.
    const later = decodeShare(`${fragment.slice(1)}&presenter=1`);
    expect(later.ok && later.step).toBe(3);
  });

  it('gives the same link for the same design, whatever the key order in memory', () => {
    // Every object's keys in reverse order: the file's key order is restored before encoding.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const shuffled = reversed(DEFAULT) as Topology;
    expect(Object.keys(shuffled)[0]).not.toBe('apiVersion');
    expect(encodeShare(shuffled)).toBe(encodeShare(DEFAULT));
    expect(encodeShare(structuredClone(DEFAULT), { step: 1 })).toBe(encodeShare(DEFAULT, { step: 1 }));
  });

  it('knows its own fragments from other fragments', () => {
    expect(isShareFragment(encodeShare(DEFAULT))).toBe(true);
    expect(isShareFragment('lr2=abc')).toBe(true);
    expect(isShareFragment('#section-2')).toBe(false);
    expect(isShareFragment('')).toBe(false);
  });

  it('measures the default design and the 32 × 32 benchmark fabric within the limits', () => {
    const small = buildShare(DEFAULT);
    expect(small.problem).toBeUndefined();
    // Bytes of UTF-8, not characters: titles and lessons hold “quotes” and arrows.
    expect(small.designBytes).toBe(
      new TextEncoder().encode(JSON.stringify(JSON.parse(serializeDesign(DEFAULT, 'json')))).length,
    );
    const fabric = buildShare(generateFabric({ racks: 32, nodesPerRack: 32, spines: 4, torsPerRack: 2, vms: 1024 }));
    expect(fabric.problem).toBeUndefined();
    expect(fabric.fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
  });

  it('says when a design is too big for a link', () => {
    const big = buildShare(generateFabric({ racks: 80, nodesPerRack: 40, spines: 4, torsPerRack: 2, vms: 3200 }));
    expect(big.problem).toBe(
      `its link would be ${big.fragment.length.toLocaleString('en-US')} characters; a share link is at most 65,536`,
    );
  });
});

describe('refused share links', () => {
  it('refuses a link over the length limit before reading it', () => {
    expect(refusal(`#lr1=${'A'.repeat(MAX_FRAGMENT_CHARS)}`)).toBe(
      'The share link is too long (65,540 characters; at most 65,536).',
    );
  });

  it('refuses fragments that are no share link, or of a newer format', () => {
    expect(refusal('#intro')).toBe('This is not a liveroute share link (it does not start with #lr1=).');
    expect(refusal('#lr2=AAAA')).toBe(
      'This share link has format lr2, which this version of liveroute cannot read (it reads lr1).',
    );
    expect(refusal('#lr1=')).toBe('The share link is empty: nothing follows #lr1=.');
    expect(refusal('#lr1=AAAA&step=two')).toBe('The share link\'s lesson step "two" is not a whole number.');
  });

  it('refuses corrupt base64url', () => {
    expect(refusal('#lr1=ab!cd')).toBe(
      'The share link is damaged: its data is not base64url (unexpected "!" at character 3).',
    );
    expect(refusal('#lr1=abcde')).toBe(
      'The share link is damaged: its data is not base64url (5 characters is not a possible length; the link was probably cut short).',
    );
  });

  it('refuses corrupt or truncated DEFLATE data', () => {
    expect(refusal(fragmentOf(new Uint8Array([0xff, 0xff, 0xff])))).toBe(
      'The share link is damaged: its data cannot be decompressed (invalid block type).',
    );
    const whole = encodeShare(DEFAULT);
    expect(refusal(whole.slice(0, 200))).toBe(
      'The share link is damaged: its data cannot be decompressed (unexpected EOF).',
    );
    expect(refusal('#lr1=garbage')).toBe(
      'The share link is damaged: its data cannot be decompressed (unexpected EOF).',
    );
  });

  it('refuses a link that expands past the size limit (a zip bomb) without expanding it all', () => {
    const bomb = deflateSync(new Uint8Array(MAX_DESIGN_BYTES * 8), { level: 9 });
    const fragment = fragmentOf(bomb);
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(refusal(fragment)).toBe(
      'The share link expands to more than 2,097,152 bytes; liveroute opens designs that large only from a file.',
    );
  });

  it('refuses data that is not JSON, naming where it stops being JSON', () => {
    expect(refusal(fragmentOf(deflateSync(strToU8('{"apiVersion": liveroute}'))))).toBe(
      'The share link is damaged: its design is not valid JSON (at character 16 of 25).',
    );
  });

  it('refuses an invalid design with its issues, path and line as in the saved JSON', () => {
    const bad = structuredClone(DEFAULT) as unknown as { spec: { nodes: { address: string }[] }; extra?: number };
    (bad.spec.nodes[0] as { address: string }).address = '10.0.1.300';
    bad.extra = 1;
    const message = refusal(fragmentOf(deflateSync(strToU8(JSON.stringify(bad)))));
    const lines = JSON.stringify(bad, null, 2).split('\n');
    const addressLine = lines.findIndex((l) => l.includes('10.0.1.300')) + 1;
    const extraLine = lines.findIndex((l) => l.includes('"extra"')) + 1;
    expect(message).toBe(
      `The shared design is invalid: spec.nodes[0].address (line ${addressLine}): 10.0.1.300 is not an IPv4 address; extra (line ${extraLine}): unknown field "extra".`,
    );
  });

  it('lists at most five issues and counts the rest', () => {
    const bad = structuredClone(DEFAULT) as unknown as Record<string, unknown>;
    for (let i = 0; i < 7; i++) bad[`x${i}`] = i;
    const message = refusal(fragmentOf(deflateSync(strToU8(JSON.stringify(bad)))));
    expect(message.match(/unknown field/g)).toHaveLength(5);
    expect(message.endsWith('; and 2 more.')).toBe(true);
  });
});
