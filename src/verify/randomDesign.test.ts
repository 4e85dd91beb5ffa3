import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign } from '../model';
import { unsupported } from '../lab/plan';
import { simulate } from '../engine/simulate';
import { AS_SCHEMES, FILTER_VARIANTS, randomDesign } from './randomDesign';

const SEEDS = Array.from({ length: 120 }, (_, i) => i);

describe('random lab designs', () => {
  it('are the same text for the same seed, and differ between seeds', () => {
    expect(randomDesign(7).text).toBe(randomDesign(7).text);
    expect(new Set(SEEDS.slice(0, 20).map((s) => randomDesign(s).text)).size).toBe(20);
    expect(randomDesign(7).text).toMatch(/^apiVersion: liveroute\/v1\nkind: Topology\nmetadata:\n {2}name: random-7\n/);
  });

  it('are valid designs the lab can run, with a VM that moves to another node', () => {
    for (const seed of SEEDS) {
      const r = parseDesign(randomDesign(seed).text);
      if (!r.ok) throw new Error(`seed ${seed}:\n${r.error.map(formatIssue).join('\n')}`);
      const { spec } = r.value.doc;
      expect(unsupported(r.value.doc), `seed ${seed}`).toBeUndefined();
      const vm = spec.vms.find((v) => v.name === spec.migration?.vm);
      expect(vm, `seed ${seed}`).toBeDefined();
      expect(spec.migration?.to, `seed ${seed}`).not.toBe(vm?.node);
      expect(
        spec.nodes.map((n) => n.name),
        `seed ${seed}`,
      ).toContain(spec.migration?.to);
    }
  });

  it('cover every AS scheme and filter variant within the first seeds', () => {
    const designs = SEEDS.map(randomDesign);
    expect(new Set(designs.map((d) => d.scheme))).toEqual(new Set(AS_SCHEMES));
    expect(new Set(designs.map((d) => d.filter))).toEqual(new Set(FILTER_VARIANTS));
    const texts = designs.map((d) => d.text);
    for (const feature of [
      'routeReflectorClusterID: 224.0.0.1',
      'routeReflectorClusterID: 224.0.0.2',
      'numAllowedLocalASNumbers: 1',
      'elevated: 256',
      'priority: 256',
      '- - spine-1\n      - spine-2',
      '- - tor-a\n      - border-1',
      'routeReflector:',
      'toNodes: default-only',
      'toNodes: default-plus-host-routes',
      'multipath: true',
      'addPaths: true',
      'sendCommunity: false',
      'tor-a2',
      'spine-2',
      'border-1',
    ])
      expect(
        texts.some((t) => t.includes(feature)),
        feature,
      ).toBe(true);
  });

  it('simulate to a settled result in every phase', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const r = parseDesign(randomDesign(seed).text);
      if (!r.ok) throw new Error(`seed ${seed}`);
      const sim = simulate(r.value.doc);
      expect(
        sim.phases.map((p) => p.name),
        `seed ${seed}`,
      ).toEqual(['base', 'target', 'live', 'source-deleted', 'settled']);
      for (const p of sim.phases) expect(p.oscillating, `seed ${seed} ${p.name}`).toEqual([]);
    }
  });
});
