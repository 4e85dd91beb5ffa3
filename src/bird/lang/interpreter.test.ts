import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prefix4 } from '../../lib/ip';
import { parseBirdConfig } from './configParser';
import { runFilter } from './interpreter';
import type { Route } from './route';
import type { FilterRef } from './ast';

const p = (s: string) => {
  const v = prefix4(s);
  if (!v) throw new Error(s);
  return v;
};

function cfg(text: string) {
  return parseBirdConfig({ name: 'test.conf', text });
}

function filter(text: string, name = 'f'): { run: (r: Partial<Route>) => ReturnType<typeof runFilter> } {
  const c = cfg(text);
  const ref: FilterRef = { k: 'named', name, at: { file: 'x', line: 0, col: 0, text: '' } };
  return {
    run: (r) =>
      runFilter(c, ref, {
        net: p('10.244.1.5/32'),
        source: 'RTS_BGP',
        dest: 'RTD_ROUTER',
        preference: 100,
        ifname: 'eth0',
        ...r,
      }),
  };
}

describe('BIRD filter interpreter', () => {
  it('accept inside a function ends the whole filter', () => {
    const f = filter(`function g() { if (net ~ 10.244.0.0/16) then { bgp_local_pref = 7; accept; } }
      filter f { g(); bgp_local_pref = 9; reject; }`);
    const o = f.run({ bgp_local_pref: 100 });
    expect(o.verdict).toBe('accept');
    expect(o.route.bgp_local_pref).toBe(7);
    expect(o.decision.functions).toEqual(['g']);
    expect(o.decision.at?.text).toBe('accept;');
    expect(o.decision.condition?.text).toBe('if (net ~ 10.244.0.0/16) then { bgp_local_pref = 7; accept; }');
    expect(f.run({ net: p('192.168.0.0/24'), bgp_local_pref: 100 }).verdict).toBe('reject');
  });

  it('an undefined attribute reads as void: arithmetic on it is a runtime error, the route is rejected', () => {
    const f = filter('filter f { krt_metric = 2147483647 - bgp_local_pref; accept; }');
    const o = f.run({});
    expect(o.verdict).toBe('reject');
    expect(o.decision).toMatchObject({ kind: 'error', message: 'runtime error: - needs ints, not int and void' });
    expect(f.run({ bgp_local_pref: 100 }).route.krt_metric).toBe(2147483547);
    // BIRD 1.6.8 orders void below any value: `krt_metric < 1024` holds when krt_metric is undefined.
    expect(filter('filter f { if krt_metric < 1024 then accept; reject; }').run({}).verdict).toBe('accept');
  });

  it('Equal with a prefix set is always false, NotEqual always true (different types)', () => {
    const eq = filter('filter f { if (net = [ 10.244.0.0/16{16,32} ]) then accept; reject; }');
    expect(eq.run({}).verdict).toBe('reject');
    const ne = filter('filter f { if (net != [ 10.244.0.0/16{16,32} ]) then accept; reject; }');
    expect(ne.run({}).verdict).toBe('accept');
  });

  it('falls off the end: rejected as BIRD does', () => {
    expect(filter('filter f { bgp_local_pref = 5; }').run({ bgp_local_pref: 1 }).decision.kind).toBe('end');
  });

  it("runs Calico's golden kubevirt export filter", () => {
    const dir = fileURLToPath(
      new URL('../../../third_party/calico/confd/bgpfilter/kubevirt_live_migration', import.meta.url),
    );
    const c = parseBirdConfig(
      { name: 'bird.cfg', text: readFileSync(`${dir}/bird.cfg`, 'utf8') },
      new Map(['bird_aggr.cfg', 'bird_ipam.cfg'].map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')])),
    );
    const peer = c.protocols.find((x) => x.name === 'Node_10_192_0_3');
    const exp = peer?.options.find((o) => o.words[0] === 'export')?.filter;
    if (!exp) throw new Error('no export filter');
    const o = runFilter(c, exp, {
      net: p('10.244.1.5/32'),
      source: 'RTS_INHERIT',
      dest: 'RTD_DEVICE',
      preference: 10,
      ifname: 'cali1',
      krt_metric: 100,
    });
    expect(o.verdict).toBe('accept');
    expect(o.route.bgp_community).toEqual(['65000:100']);
    expect(o.route.bgp_local_pref).toBe(2147483547);
  });
});
