/** The shared parse caches and filter runners across designs, as the app's worker builds them one after another. */
import { describe, expect, it } from 'vitest';
import { cachedEntries } from '../bird/lang/generations';
import { generateFabric } from '../model/edit/generate';
import { buildNetwork } from './network';
import { toReport } from './report';
import { MigrationRun } from './simulate';
import { speakerTable } from './table';

const designA = generateFabric({ racks: 3, nodesPerRack: 3, spines: 2, torsPerRack: 2, vms: 9 });
const designB = generateFabric({
  racks: 2,
  nodesPerRack: 4,
  spines: 1,
  torsPerRack: 1,
  vms: 8,
  liveMigrationFilter: false,
});

function outputs(doc: typeof designA): string {
  const net = buildNetwork(doc);
  const report = toReport(new MigrationRun(doc, { net }).result(), []);
  return JSON.stringify([report, speakerTable(net, 'tor-01-1')]);
}

describe('cache generations', () => {
  it('a design gives byte-identical output after another design dropped its cache entries', () => {
    const first = outputs(designA);
    outputs(designB);
    outputs(designB);
    expect(outputs(designA)).toBe(first);
  });

  it("drops the previous design's entries once a build no longer uses them, and stays bounded by one design's", () => {
    outputs(designA);
    outputs(designB);
    const afterAB = cachedEntries();
    outputs(designB);
    outputs(designB);
    const steady = cachedEntries();
    outputs(designB);
    // A's own items and runners left (and what B's cached protocols no longer need); B again adds nothing.
    expect(steady).toBeGreaterThan(0);
    expect(steady).toBeLessThan(afterAB);
    expect(cachedEntries()).toBe(steady);
  });
});
