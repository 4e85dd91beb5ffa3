/**
 * The file round-trips (DESIGN §4): parse(serialize(x)) = x for every valid design, in YAML and
 * JSON, and serialize is byte-identical on a second round.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues';
import { parseDesign, validateDesign, type Format } from './parse';
import type { Topology } from './schema';
import { serializeDesign } from './serialize';
import { designArb } from './test-arbitrary';

const SEED = 20261121;

/** The built-in scenario files (data, read as text). */
const SCENARIO_FILES = import.meta.glob<string>('../scenarios/*.liveroute.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function roundTrip(doc: Topology, format: Format): void {
  const text = serializeDesign(doc, format);
  const parsed = parseDesign(text);
  if (!parsed.ok)
    throw new Error(`${format} output does not parse:\n${parsed.error.map(formatIssue).join('\n')}\n${text}`);
  expect(parsed.value.format).toBe(format);
  expect(parsed.value.doc).toStrictEqual(doc);
  expect(serializeDesign(parsed.value.doc, format)).toBe(text);
}

describe('round trip of generated designs', () => {
  it('generates valid designs, already in parsed form', () => {
    fc.assert(
      fc.property(designArb, (doc) => {
        const v = validateDesign(doc);
        expect(v.ok ? [] : v.error.map(formatIssue)).toEqual([]);
        expect(v.ok && v.value).toStrictEqual(doc);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('YAML: parse(serialize(x)) = x, and serialize is stable', () => {
    fc.assert(
      fc.property(designArb, (doc) => roundTrip(doc, 'yaml')),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('JSON: parse(serialize(x)) = x, and serialize is stable', () => {
    fc.assert(
      fc.property(designArb, (doc) => roundTrip(doc, 'json')),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('explores varied designs (the generator is not stuck on small ones)', () => {
    const sample = fc.sample(designArb, { seed: SEED, numRuns: 200 });
    expect(sample.some((d) => d.spec.nodes.length >= 4 && d.spec.routers.length >= 3)).toBe(true);
    expect(
      sample.some((d) =>
        d.spec.calicoResources.some((r) => r.kind === 'BGPFilter' && (r.spec.exportV4?.length ?? 0) > 0),
      ),
    ).toBe(true);
    expect(
      sample.some((d) => d.spec.calicoResources.some((r) => r.kind === 'BGPPeer' && r.spec.peerSelector !== undefined)),
    ).toBe(true);
    expect(
      sample.some(
        (d) => d.spec.migration !== undefined && d.spec.layout !== undefined && d.spec.cluster?.ipPools !== undefined,
      ),
    ).toBe(true);
    expect(sample.some((d) => d.spec.nodes.some((n) => n.blocks?.length === 0))).toBe(true);
  });
});

describe('round trip of the built-in scenarios', () => {
  const files = Object.entries(SCENARIO_FILES);

  it('finds the scenario files', () => {
    const names = files.map(([path]) => path.split('/').pop());
    expect(names).toContain('two-racks-ebgp.liveroute.yaml');
    expect(names).toContain('single-rack-mesh.liveroute.yaml');
    expect(names.every((n) => n?.endsWith('.liveroute.yaml'))).toBe(true);
  });

  it.each(files)('%s loads and round-trips in both formats', (_path, text) => {
    const parsed = parseDesign(text);
    if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
    roundTrip(parsed.value.doc, 'yaml');
    roundTrip(parsed.value.doc, 'json');
  });
});
