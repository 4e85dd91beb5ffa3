/**
 * The Calico YAML reader and the import behind `liveroute import` and File → Open, against hostile
 * text (issue 15): the Calico objects of valid designs, as calicoctl prints them (one sequence or
 * a `List`), mutated as values and as text (../model/test-hostile.ts), in YAML and JSON. Whatever
 * comes in, readCalicoResources and importCalicoResources return (never throw) and print nothing, problems name a
 * field path or a line, and a design the import accepts round-trips. Seeded and reproducible.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { recordPrinted } from '../lib/test-printed';
import { emptyDesign } from '../model/empty';
import { formatIssue } from '../model/issues';
import { parseDesign } from '../model/parse';
import { serializeDesign } from '../model/serialize';
import { designArb } from '../model/test-arbitrary';
import { hostileTextArb, unlocated } from '../model/test-hostile';
import { calicoResourcesFromDesign } from './fromDesign';
import { readCalicoResources } from './read';
import { importCalicoResources } from './toDesign';

const SEED = 15_12_2027;

/** A cluster's objects as calicoctl prints them: one sequence, or a v1 List. */
const dumpArb = fc.tuple(designArb, fc.boolean()).map(([doc, asList]) => {
  const s = calicoResourcesFromDesign(doc);
  const objects = [
    s.bgpConfiguration,
    s.felixConfiguration,
    ...s.ipPools,
    ...s.nodes,
    ...s.blockAffinities,
    ...s.bgpFilters,
    ...s.bgpPeers,
  ].filter((o) => o !== undefined);
  return asList ? { apiVersion: 'v1', kind: 'List', items: objects } : objects;
});

describe('the Calico reader on hostile text', () => {
  // A reader prints nothing of its own accord: no warning from the YAML package on the console.
  const printed = recordPrinted();
  afterEach(() => expect(printed()).toEqual([]));

  it('answers every text with resources or located problems; the import never throws and what it accepts round-trips', () => {
    fc.assert(
      fc.property(hostileTextArb(dumpArb), (text) => {
        const read = readCalicoResources(text);
        if (!read.ok) {
          expect(read.error.length).toBeGreaterThan(0);
          expect(unlocated(read.error).map(formatIssue)).toEqual([]);
          return;
        }
        const imported = importCalicoResources(emptyDesign(), read.value);
        if (!imported.ok) {
          expect(unlocated(imported.error).map(formatIssue)).toEqual([]);
          return;
        }
        const again = parseDesign(serializeDesign(imported.value.doc, 'yaml'));
        expect(again.ok ? again.value.doc : again.error.map(formatIssue)).toStrictEqual(imported.value.doc);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('is exercised: some mutated dumps are still read and imported, most are refused', () => {
    const texts = fc.sample(hostileTextArb(dumpArb), { seed: SEED, numRuns: 150 });
    const reads = texts.map((t) => readCalicoResources(t));
    const imported = reads.filter((r) => r.ok && importCalicoResources(emptyDesign(), r.value).ok).length;
    expect(reads.filter((r) => r.ok).length).toBeGreaterThan(10);
    expect(imported).toBeGreaterThan(5);
    expect(reads.filter((r) => !r.ok).length).toBeGreaterThan(50);
  });
});
