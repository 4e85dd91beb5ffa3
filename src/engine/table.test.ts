/**
 * One speaker's whole table ("All prefixes"): the incremental run that simulates only the
 * speakers the table depends on gives exactly the rows the whole-network run gives for that
 * speaker, step by step with its progress, and the same bytes every time.
 */
import { describe, expect, it } from 'vitest';
import { generateFabric } from '../model/edit/generate';
import { ribEntries, tableFibEntries } from './entries';
import { buildNetwork, type Network } from './network';
import { Relevance } from './relevance';
import { convergeTable, SpeakerTableRun, speakerTable } from './table';

const net8 = buildNetwork(generateFabric({ racks: 8, nodesPerRack: 8, spines: 4, torsPerRack: 2, vms: 64 }));
const whole = convergeTable(net8, undefined, true);

/** The table as the whole-network run gives it (every speaker converged, this one's rows kept). */
function fromWholeNetwork(net: Network, speaker: string) {
  const routes = [];
  const fib = [];
  for (const sim of whole.sims) {
    const st = sim.states.get(speaker);
    if (!st) continue;
    if (st.ranked.length > 0) routes.push(...ribEntries(net, speaker, [{ prefix: sim.prefix, ranked: st.ranked }]));
    fib.push(...tableFibEntries(st.fib));
  }
  return { speaker, prefixes: whole.prefixes, routes, fib };
}

describe("one speaker's whole table", () => {
  it.each(['tor-01-1', 'tor-05-2', 'spine-3', 'border-1', 'node-03-2'])(
    '%s: the same rows as converging every speaker',
    (speaker) => {
      const table = speakerTable(net8, speaker);
      expect(table.prefixes).toBe(128);
      expect(table.routes.length).toBeGreaterThan(0);
      expect(JSON.stringify(table)).toBe(JSON.stringify(fromWholeNetwork(net8, speaker)));
    },
  );

  it("tor-01-1 holds a remote block (node-03-1's) once per spine, best first, and its own nodes' blocks directly", () => {
    const table = speakerTable(net8, 'tor-01-1');
    const remote = table.routes.filter((r) => r.prefix === '10.244.4.0/26');
    expect(remote.map((r) => r.learnedFrom)).toEqual(['spine-1', 'spine-2', 'spine-3', 'spine-4']);
    expect(remote.map((r) => r.selected)).toEqual([true, false, false, false]);
    expect(remote[0]?.asPath).toEqual([65000, 65003, 4200003001]);
    const own = table.routes.filter((r) => r.prefix === '10.244.0.0/26');
    expect(own.map((r) => [r.learnedFrom, r.asPath])).toEqual([['node-01-1', [4200001001]]]);
  });

  it('steps through the prefixes with its progress, and stops where the caller stops', () => {
    const run = new SpeakerTableRun(net8, 'spine-1');
    expect(run.progress).toEqual({ done: 0, total: 128 });
    expect(run.step(50)).toEqual({ done: 50, total: 128 });
    expect(run.step(50)).toEqual({ done: 100, total: 128 });
    expect(run.step(50)).toEqual({ done: 128, total: 128 });
    expect(run.step(50)).toEqual({ done: 128, total: 128 });
    expect(JSON.stringify(run.result())).toBe(JSON.stringify(speakerTable(net8, 'spine-1')));
    // A caller that stops early keeps a consistent partial run (nothing runs in the background).
    const partial = new SpeakerTableRun(net8, 'spine-1');
    partial.step(3);
    expect(partial.progress).toEqual({ done: 3, total: 128 });
  });

  it('is byte-identical from one run to the next, and for a network built again', () => {
    const again = buildNetwork(generateFabric({ racks: 8, nodesPerRack: 8, spines: 4, torsPerRack: 2, vms: 64 }));
    expect(JSON.stringify(speakerTable(again, 'tor-02-1'))).toBe(JSON.stringify(speakerTable(net8, 'tor-02-1')));
  });
});

describe('the speakers a table depends on', () => {
  const net = buildNetwork(generateFabric({ racks: 3, nodesPerRack: 3, spines: 2, torsPerRack: 2, vms: 9 }));

  it("a ToR's table needs the spines and the ToRs, not the Calico nodes (they hand back only refused routes)", () => {
    const r = new Relevance(net, 'tor-01-1');
    expect([...r.base].sort()).toEqual([
      'spine-1',
      'spine-2',
      'tor-01-1',
      'tor-01-2',
      'tor-02-1',
      'tor-02-2',
      'tor-03-1',
      'tor-03-2',
    ]);
    // A node that originates the prefix counts, with nothing else added.
    expect([...r.speakersFor(new Set(['node-02-3']))].sort()).toEqual([...r.base, 'node-02-3'].sort());
    // The border learns only from the spines (their AS): it sends the spines nothing they keep.
    expect(r.base.has('border-1')).toBe(false);
  });

  it('counts every speaker when some BIRD config may rewrite a path', () => {
    const rewriting: Network = {
      ...net,
      birdText: new Map([...net.birdText, ['tor-02-1', 'filter x { bgp_path = prepend(bgp_path, 1); accept; }']]),
    };
    const r = new Relevance(rewriting, 'tor-01-1');
    expect(r.base.size).toBe(net.speakers.size);
  });
});
