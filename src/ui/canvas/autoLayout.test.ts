import { describe, expect, it } from 'vitest';
import { generateFabric } from '../../model/edit/generate';
import { autoLayout } from './autoLayout';

/** The racks' names from left to right, row by row. */
function rackOrder(doc: ReturnType<typeof generateFabric>, positions: Record<string, [number, number]>): string[] {
  return doc.spec.racks
    .map((r) => ({ name: r.name, at: positions[r.name] as [number, number] }))
    .sort((a, b) => a.at[1] - b.at[1] || a.at[0] - b.at[0])
    .map((r) => r.name);
}

describe('autoLayout', () => {
  it('places the racks of a fabric in the order of their names', async () => {
    const doc = generateFabric({ racks: 6, nodesPerRack: 2, spines: 2, torsPerRack: 1, vms: 1 });
    const names = doc.spec.racks.map((r) => r.name);
    expect(names).toEqual(['rack-01', 'rack-02', 'rack-03', 'rack-04', 'rack-05', 'rack-06']);
    expect(rackOrder(doc, await autoLayout(doc))).toEqual(names);
  });

  it('orders by name, not by the order of the file', async () => {
    const doc = generateFabric({ racks: 3, nodesPerRack: 1, spines: 1, torsPerRack: 1, vms: 0 });
    const renamed = structuredClone(doc);
    renamed.spec.racks = [...renamed.spec.racks].reverse();
    const positions = await autoLayout(renamed);
    expect(rackOrder(renamed, positions)).toEqual(['rack-01', 'rack-02', 'rack-03']);
  });
});

describe('autoLayout of a large fabric', () => {
  it('wraps the racks into rows, in name order, with the spines over their middle', async () => {
    const doc = generateFabric({ racks: 12, nodesPerRack: 2, spines: 2, torsPerRack: 1, vms: 1 });
    const positions = await autoLayout(doc);
    const rows = [...new Set(doc.spec.racks.map((r) => positions[r.name]?.[1]))];
    expect(rows.length).toBeGreaterThan(1);
    expect(rackOrder(doc, positions)).toEqual(doc.spec.racks.map((r) => r.name));
    const xs = doc.spec.racks.map((r) => positions[r.name]?.[0] as number);
    const spines = doc.spec.routers.filter((r) => r.role === 'spine').map((r) => positions[r.name] as [number, number]);
    const racksTop = Math.min(...doc.spec.racks.map((r) => positions[r.name]?.[1] as number));
    for (const [x, y] of spines) {
      expect(y).toBeLessThan(racksTop);
      expect(x).toBeGreaterThan(Math.min(...xs));
      expect(x).toBeLessThan(Math.max(...xs));
    }
  });
});
