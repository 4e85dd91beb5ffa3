/**
 * The filters calico-node runs, executed by the BIRD interpreter on hand-made routes: the
 * bird.cfg rendered for node-a1 of the built-in designs, with the outcomes the domain spec
 * predicts (§4.4–§4.8, §6.2–§6.3). node-a1: AS 65101, block 10.244.1.0/26, pool 10.244.0.0/16.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBirdConfig } from '../../bird/lang/configParser';
import { runFilter } from '../../bird/lang/interpreter';
import type { Route } from '../../bird/lang/route';
import { net, protocolFilter } from '../../bird/lang/test-support';
import { parseDesign } from '../../model';
import { calicoResourcesFromDesign } from '../fromDesign';
import { renderCalicoNode } from './index';

function nodeConfig(design: string, node: string) {
  const parsed = parseDesign(
    readFileSync(new URL(`../../scenarios/${design}.liveroute.yaml`, import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(`${design} does not parse`);
  const files = renderCalicoNode(calicoResourcesFromDesign(parsed.value.doc), node);
  return parseBirdConfig(
    { name: 'bird.cfg', text: files.birdCfg },
    new Map([
      ['bird_aggr.cfg', files.birdAggrCfg],
      ['bird_ipam.cfg', files.birdIpamCfg],
    ]),
  );
}

/** Felix's workload route as BIRD's kernel protocol learns it (preference 10). */
const felix = (ip: string, metric: number): Route => ({
  net: net(`${ip}/32`),
  source: 'RTS_INHERIT',
  dest: 'RTD_DEVICE',
  preference: 10,
  ifname: 'calia1b2c3d4e5f',
  krt_metric: metric,
});
const blockBlackhole: Route = {
  net: net('10.244.1.0/26'),
  source: 'RTS_STATIC',
  dest: 'RTD_BLACKHOLE',
  preference: 200,
  ifname: '',
};
/** A BGP route as it arrives (LOCAL_PREF 100 on eBGP unless stated). */
const bgp = (prefix: string, attrs: Partial<Route> = {}): Route => ({
  net: net(prefix),
  source: 'RTS_BGP',
  dest: 'RTD_ROUTER',
  preference: 100,
  ifname: 'eth0',
  bgp_origin: 0,
  bgp_path: [65001, 65000, 65002, 65201],
  bgp_next_hop: 0x0a000101,
  bgp_local_pref: 100,
  ...attrs,
});
/** What BIRD adds before the export filter of an eBGP session (domain §5.4). */
const towardsEbgp = (r: Route): Route => ({
  ...r,
  bgp_origin: 0,
  bgp_path: [65101],
  bgp_next_hop: 0x0a00010b,
  bgp_local_pref: 100,
});

const EXPORT_FN = 'bgp_kubevirt-live-migration_exportFilterV4';
const IMPORT_FN = 'bgp_kubevirt-live-migration_importFilterV4';

describe('two-racks-ebgp, node-a1: export filter towards tor-a (eBGP, with the live-migration BGPFilter)', () => {
  const cfg = nodeConfig('two-racks-ebgp', 'node-a1');
  const exp = (r: Route) => runFilter(cfg, protocolFilter(cfg, 'Node_10_0_1_1', 'export'), towardsEbgp(r));

  it('an elevated /32 of its own block: LOCAL_PREF 2147483135 and community 65000:100, by the BGPFilter rule', () => {
    const o = exp(felix('10.244.1.5', 512));
    expect(o.verdict).toBe('accept');
    expect(o.route).toMatchObject({
      bgp_local_pref: 2147483135,
      krt_metric: 512,
      bgp_community: ['65000:100'],
      bgp_path: [65101],
    });
    expect(o.decision).toMatchObject({
      kind: 'statement',
      at: { text: 'accept;' },
      condition: {
        text: 'if ((defined(bgp_local_pref)&&(bgp_local_pref = 2147483135))) then { bgp_community.add((65000, 100)); accept; }',
      },
      functions: [EXPORT_FN],
    });
  });

  it('a normal /32 of its own block is aggregated away by calico_aggr', () => {
    const o = exp(felix('10.244.1.5', 1024));
    expect(o.verdict).toBe('reject');
    expect(o.route.bgp_local_pref).toBe(2147482623);
    expect(o.route.bgp_community).toBeUndefined();
    expect(o.decision).toMatchObject({
      at: { file: 'bird_aggr.cfg', text: 'reject;' },
      condition: { text: 'if ( net ~ 10.244.1.0/26 ) then { reject; }' },
      functions: ['calico_export_to_bgp_peers', 'calico_aggr'],
    });
  });

  it("the block's blackhole is exported at the normal priority, without community", () => {
    const o = exp(blockBlackhole);
    expect(o.verdict).toBe('accept');
    expect(o.route).toMatchObject({ bgp_local_pref: 2147482623, krt_metric: 1024 });
    expect(o.route.bgp_community).toBeUndefined();
    expect(o.decision.condition?.text).toBe('if ( net = 10.244.1.0/26 ) then { accept; }');
  });

  it("a borrowed /32 (in node-b1's block) passes the pool accept at its priority", () => {
    const normal = exp(felix('10.244.2.5', 1024));
    expect(normal.verdict).toBe('accept');
    expect(normal.route.bgp_local_pref).toBe(2147482623);
    expect(normal.decision).toMatchObject({
      condition: { file: 'bird_ipam.cfg', text: 'if (net ~ 10.244.0.0/16) then { accept; }' },
      functions: ['calico_export_to_bgp_peers'],
    });
    const elevated = exp(felix('10.244.2.5', 512));
    expect(elevated.route.bgp_community).toEqual(['65000:100']);
    expect(elevated.decision.functions).toEqual([EXPORT_FN]);
  });

  it('a BGP route keeps its LOCAL_PREF: krt_metric follows it, and an elevated one is tagged', () => {
    const o = runFilter(
      cfg,
      protocolFilter(cfg, 'Node_10_0_1_1', 'export'),
      bgp('10.244.2.5/32', { bgp_local_pref: 2147483135, bgp_path: [65101, 65001, 65000] }),
    );
    expect(o.verdict).toBe('accept');
    expect(o.route).toMatchObject({ krt_metric: 512, bgp_local_pref: 2147483135, bgp_community: ['65000:100'] });
  });

  it('a route outside the pool falls off calico_export_to_bgp_peers onto the final reject', () => {
    const o = exp({
      net: net('10.0.1.0/24'),
      source: 'RTS_DEVICE',
      dest: 'RTD_DEVICE',
      preference: 240,
      ifname: 'eth0',
    });
    expect(o.verdict).toBe('reject');
    expect(o.decision).toMatchObject({ kind: 'statement', at: { file: 'bird.cfg', text: 'reject;' }, functions: [] });
    expect(o.decision.condition).toBeUndefined();
  });
});

describe('two-racks-ebgp, node-a1: import filter from tor-a', () => {
  const cfg = nodeConfig('two-racks-ebgp', 'node-a1');
  const imp = (r: Route) => runFilter(cfg, protocolFilter(cfg, 'Node_10_0_1_1', 'import'), r);

  it('a route with community 65000:100 gets priority 512 from the BGPFilter, which ends the filter before preference 200', () => {
    const o = imp(bgp('10.244.2.5/32', { bgp_community: ['65000:100'] }));
    expect(o.verdict).toBe('accept');
    expect(o.route).toMatchObject({ bgp_local_pref: 2147483135, preference: 100 });
    expect(o.decision).toMatchObject({
      condition: { text: 'if (((65000, 100) ~ bgp_community)) then { bgp_local_pref = 2147483135; accept; }' },
      functions: [IMPORT_FN],
    });
  });

  it('a route with LOCAL_PREF 2147483135 and no community gets preference 200', () => {
    const o = imp(bgp('10.244.2.5/32', { bgp_local_pref: 2147483135 }));
    expect(o.verdict).toBe('accept');
    expect(o.route).toMatchObject({ bgp_local_pref: 2147483135, preference: 200 });
    expect(o.decision).toMatchObject({ at: { file: 'bird.cfg', text: 'accept;' }, functions: [] });
  });

  it('a route at LOCAL_PREF 100 (eBGP) or at the normal 2147482623 keeps preference 100', () => {
    expect(imp(bgp('10.244.2.5/32')).route.preference).toBe(100);
    expect(imp(bgp('10.244.2.5/32', { bgp_local_pref: 2147482623 })).route.preference).toBe(100);
  });
});

describe('two-racks-ebgp, node-a1: calico_kernel_programming', () => {
  const cfg = nodeConfig('two-racks-ebgp', 'node-a1');
  const kernel = (r: Route) =>
    runFilter(cfg, { k: 'named', name: 'calico_kernel_programming', at: { file: 't', line: 1, col: 1, text: '' } }, r);

  it('krt_metric = 2147483647 - LOCAL_PREF for BGP routes; elevated ones get preference 200', () => {
    const elevated = kernel(bgp('10.244.2.5/32', { bgp_local_pref: 2147483135 }));
    expect(elevated.verdict).toBe('accept');
    expect(elevated.route).toMatchObject({ krt_metric: 512, preference: 200 });
    expect(elevated.decision.condition?.text).toBe('if (net ~ 10.244.0.0/16) then { accept; }');
    expect(kernel(bgp('10.244.2.5/32', { bgp_local_pref: 2147482623 })).route).toMatchObject({
      krt_metric: 1024,
      preference: 100,
    });
  });

  it('an eBGP route without SetPriority (LOCAL_PREF 100) is installed at metric 2147483547 (domain §11.4)', () => {
    expect(kernel(bgp('10.244.2.0/26')).route).toMatchObject({ krt_metric: 2147483547, preference: 100 });
  });

  it('a BGP route that already has a krt_metric, and a static route, are installed unchanged', () => {
    expect(kernel(bgp('10.244.2.5/32', { krt_metric: 7 })).route.krt_metric).toBe(7);
    const o = kernel(blockBlackhole);
    expect(o.verdict).toBe('accept');
    expect(o.route.krt_metric).toBeUndefined();
  });
});

describe('single-rack-mesh, node-a1: iBGP mesh without any BGPFilter (§6.2)', () => {
  const cfg = nodeConfig('single-rack-mesh', 'node-a1');
  const towardsIbgp = (r: Route): Route => ({
    ...r,
    bgp_origin: 0,
    bgp_path: [],
    bgp_next_hop: 0x0a00010b,
    bgp_local_pref: 100,
  });
  const exp = (r: Route) => runFilter(cfg, protocolFilter(cfg, 'Mesh_10_0_1_12', 'export'), towardsIbgp(r));
  const imp = (r: Route) => runFilter(cfg, protocolFilter(cfg, 'Mesh_10_0_1_12', 'import'), r);

  it('the elevated /32 escapes aggregation with LOCAL_PREF 2147483135; the normal one does not', () => {
    const elevated = exp(felix('10.244.1.5', 512));
    expect(elevated.verdict).toBe('accept');
    expect(elevated.route.bgp_local_pref).toBe(2147483135);
    expect(elevated.decision.condition?.text).toBe('if ( net ~ 10.244.1.0/26 && krt_metric < 1024 ) then { accept; }');
    expect(exp(felix('10.244.1.5', 1024)).verdict).toBe('reject');
  });

  it('routes through *.cali / *.calico / tunl0 are not exported to iBGP peers', () => {
    for (const ifname of ['vxlan.calico', 'wg.cali', 'tunl0']) {
      const o = exp({ ...felix('10.244.1.5', 512), ifname });
      expect(o.verdict).toBe('reject');
      expect(o.decision.functions).toEqual(['calico_export_to_bgp_peers']);
    }
  });

  it('a BGP-learned route keeps its LOCAL_PREF when re-exported, as on a Calico route reflector (fix #12553)', () => {
    const o = runFilter(
      cfg,
      protocolFilter(cfg, 'Mesh_10_0_1_12', 'export'),
      bgp('10.244.1.5/32', { bgp_path: [], bgp_local_pref: 2147483135 }),
    );
    expect(o.route).toMatchObject({ bgp_local_pref: 2147483135, krt_metric: 512 });
  });

  it('import: preference 200 above the normal LOCAL_PREF, 100 otherwise', () => {
    expect(imp(bgp('10.244.1.5/32', { bgp_path: [], bgp_local_pref: 2147483135 })).route.preference).toBe(200);
    expect(imp(bgp('10.244.1.5/32', { bgp_path: [], bgp_local_pref: 2147482623 })).route.preference).toBe(100);
  });
});
