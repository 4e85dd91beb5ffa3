/**
 * Each distinct piece of config text is parsed once and shared: a config parsed after others that
 * share its items gives exactly what a parser that has seen nothing gives, and speakers share a
 * filter runner (and its memo) only where the filter and what it reaches are the same.
 */
import { describe, expect, it, vi } from 'vitest';
import { calicoResourcesFromDesign, renderCalicoNode } from '../../calico';
import { generateFabric } from '../../model/edit/generate';
import { buildNetwork } from '../network';
import type { Route } from '../../bird/lang/route';
import { memoFilter, routeHash, sameRoute } from './memo';

const doc = generateFabric({ racks: 2, nodesPerRack: 3, spines: 2, torsPerRack: 2, vms: 6 });
const set = calicoResourcesFromDesign(doc);
const files = (node: string) => {
  const cfg = renderCalicoNode(set, node);
  return {
    main: { name: 'bird.cfg', text: cfg.birdCfg },
    includes: new Map([
      ['bird_aggr.cfg', cfg.birdAggrCfg],
      ['bird_ipam.cfg', cfg.birdIpamCfg],
    ]),
  };
};

/** A parser module with empty caches. */
async function freshParser() {
  vi.resetModules();
  return (await import('../../bird/lang/configParser')).parseBirdConfig;
}

describe('parsing shared config text once', () => {
  it('a node parsed after its rack mates gives what a fresh parser gives (spans and their text included)', async () => {
    const warm = await freshParser();
    for (const n of ['node-01-1', 'node-01-2', 'node-02-1']) warm(files(n).main, files(n).includes);
    const shared = warm(files('node-01-3').main, files('node-01-3').includes);
    const alone = (await freshParser())(files('node-01-3').main, files('node-01-3').includes);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(alone));
    expect(shared.protocols.map((p) => p.at.line)).toEqual(alone.protocols.map((p) => p.at.line));
    // The items that are word for word the same are the same objects as the rack mate's.
    const mate = warm(files('node-01-1').main, files('node-01-1').includes);
    expect(shared.functions.get('calico_export_to_bgp_peers')).toBe(mate.functions.get('calico_export_to_bgp_peers'));
    expect(shared.filters.get('calico_kernel_programming')).toBe(mate.filters.get('calico_kernel_programming'));
    // bird_aggr.cfg differs per node (its block): its function is not shared.
    expect(shared.functions.get('calico_aggr')).not.toBe(mate.functions.get('calico_aggr'));
  });

  it('rack mates share their import filter runner; export filters (which reach the per-node calico_aggr) are their own', () => {
    const net = buildNetwork(doc);
    const ends = (n: string) => net.speakers.get(n)?.ends ?? [];
    const [a1, a2] = ends('node-01-1');
    const [b1] = ends('node-01-2');
    expect(a1?.peer).toBe('tor-01-1');
    expect(b1?.peer).toBe('tor-01-1');
    expect(a1?.importFilter).toBe(b1?.importFilter);
    expect(a1?.exportFilter).not.toBe(b1?.exportFilter);
    // The second session's inline filter sits elsewhere in the text: its own runner.
    expect(a2?.importFilter).not.toBe(a1?.importFilter);
    expect(net.speakers.get('node-01-1')?.kernelExport).toBe(net.speakers.get('node-02-2')?.kernelExport);
  });
});

describe('the filter memo', () => {
  const route: Route = {
    net: { addr: 0x0af40000, len: 26 },
    source: 'RTS_BGP',
    dest: 'RTD_ROUTER',
    preference: 100,
    ifname: 'eth0',
    bgp_path: [65001, 4200001001],
    bgp_next_hop: 0x0a000101,
    bgp_community: ['65000:100'],
  };

  it('finds equal attributes in another object, and tells a missing list from an empty one', () => {
    expect(routeHash({ ...route, bgp_path: [65001, 4200001001] })).toBe(routeHash(route));
    expect(sameRoute({ ...route }, route)).toBe(true);
    expect(sameRoute({ ...route, bgp_community: [] }, { ...route, bgp_community: undefined })).toBe(false);
    expect(sameRoute({ ...route, bgp_path: [65001] }, route)).toBe(false);
    expect(sameRoute({ ...route, bgp_large_community: ['1:2:3'] }, route)).toBe(false);
  });

  it('runs the filter once per distinct route', () => {
    const seen: Route[] = [];
    const run = memoFilter('test', (r) => {
      seen.push(r);
      return { verdict: 'accept', route: r, decision: { kind: 'end', functions: [] } };
    });
    const first = run(route);
    expect(run({ ...route })).toBe(first);
    run({ ...route, bgp_community: ['65000:200'] });
    run({ ...route, krt_metric: 1024 });
    expect(seen.map((r) => [r.bgp_community, r.krt_metric])).toEqual([
      [['65000:100'], undefined],
      [['65000:200'], undefined],
      [['65000:100'], 1024],
    ]);
  });
});
