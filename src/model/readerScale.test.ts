/**
 * The reader's limits (yamlRead.ts) leave room for real designs: the 64 × 64 fabric of
 * `liveroute generate --racks 64 --nodes 64` and the largest fabric the generator makes are read
 * and accepted as they are written, in YAML and in JSON. Integration project: parsing megabytes
 * of YAML takes seconds.
 */
import { describe, expect, it } from 'vitest';
import { FABRIC_DEFAULTS, generateFabric } from './edit/generate';
import { parseDesign } from './parse';
import { serializeDesign } from './serialize';
import { DESIGN_YAML_LIMITS, readYaml } from './yamlRead';

describe('room for real designs', () => {
  it('reads the 64 × 64 fabric, YAML and JSON, as generated', () => {
    const doc = generateFabric({ ...FABRIC_DEFAULTS, racks: 64, nodesPerRack: 64 });
    for (const format of ['yaml', 'json'] as const) {
      const parsed = parseDesign(serializeDesign(doc, format));
      expect(parsed.ok && parsed.value.doc).toEqual(doc);
    }
  });

  it('reads the largest fabric the generator makes (200 racks × 200 nodes, 16 spines, 20,000 VMs) with room to spare', () => {
    const doc = generateFabric({ ...FABRIC_DEFAULTS, racks: 200, nodesPerRack: 200, spines: 16, vms: 20_000 });
    const text = serializeDesign(doc, 'json');
    expect(text.length).toBeLessThan(DESIGN_YAML_LIMITS.maxChars / 2);
    // Half the element limit is still more than this fabric needs.
    expect(readYaml(text, { ...DESIGN_YAML_LIMITS, maxElements: DESIGN_YAML_LIMITS.maxElements / 2 }).ok).toBe(true);
    const parsed = parseDesign(text);
    expect(parsed.ok && parsed.value.doc.spec.nodes.length).toBe(40_000);
  });
});
