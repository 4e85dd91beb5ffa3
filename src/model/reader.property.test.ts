/**
 * The design reader against hostile text (issue 15): valid designs mutated as values and as text
 * (test-hostile.ts), in YAML and JSON. Whatever comes in, parseDesign returns (it never throws),
 * either a design or problems that each name a field path or a line, prints nothing, and a design it accepts
 * round-trips: written again, it reads back the same. Seeded: a failure prints the seed and the
 * shrunk counterexample, and the same seed reproduces it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { recordPrinted } from '../lib/test-printed';
import { formatIssue } from './issues';
import { parseDesign } from './parse';
import { serializeDesign } from './serialize';
import { designArb } from './test-arbitrary';
import { hostileTextArb, unlocated } from './test-hostile';

const SEED = 15_12_2026;

describe('the design reader on hostile text', () => {
  // A reader prints nothing of its own accord: no warning from the YAML package on the console.
  const printed = recordPrinted();
  afterEach(() => expect(printed()).toEqual([]));

  it('answers every text with a design or located problems, and accepted designs round-trip', () => {
    fc.assert(
      fc.property(hostileTextArb(designArb), (text) => {
        const r = parseDesign(text);
        if (!r.ok) {
          expect(r.error.length).toBeGreaterThan(0);
          expect(unlocated(r.error).map(formatIssue)).toEqual([]);
          return;
        }
        for (const format of ['yaml', 'json'] as const) {
          const again = parseDesign(serializeDesign(r.value.doc, format));
          expect(again.ok ? again.value.doc : again.error.map(formatIssue)).toStrictEqual(r.value.doc);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('is exercised: some mutated designs are still accepted, most are refused for many reasons', () => {
    const results = fc.sample(hostileTextArb(designArb), { seed: SEED, numRuns: 150 }).map((t) => parseDesign(t));
    const accepted = results.filter((r) => r.ok).length;
    const messages = new Set(
      results.flatMap((r) => (r.ok ? [] : r.error.map((i) => i.message.replace(/[\d"].*$/, '')))),
    );
    expect(accepted).toBeGreaterThan(5);
    expect(accepted).toBeLessThan(140);
    expect(messages.size).toBeGreaterThan(20);
  });
});
