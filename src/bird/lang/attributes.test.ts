/**
 * Route attributes in BIRD 1.x filters: assignment and arithmetic (Calico's priority ↔
 * LOCAL_PREF formula, domain §1), preference bounds, and undefined attributes, which BIRD 1.6
 * reads as void (community lists as empty): using void where a value is needed is a runtime
 * error and the route is rejected. Messages checked against bird 1.6.8 are quoted in comments.
 */
import { describe, expect, it } from 'vitest';
import { filterOf, run } from './test-support';

/** The priority normalisation of every calico-node export filter (domain §4.5), verbatim. */
const NORMALIZE = `filter f {
    if (defined(source) && source = RTS_BGP && defined(bgp_local_pref)) then {
      krt_metric = 2147483647 - bgp_local_pref;
    } else {
      if (!defined(krt_metric)) then { krt_metric = 1024; }
      bgp_local_pref = 2147483647 - krt_metric;
    }
    accept;
}`;

describe('bgp_local_pref, krt_metric, preference', () => {
  const normalize = filterOf(NORMALIZE);

  it('a BGP route keeps its LOCAL_PREF and gets krt_metric = 2147483647 - LOCAL_PREF', () => {
    expect(normalize({ bgp_local_pref: 2147483135 }).route).toMatchObject({
      bgp_local_pref: 2147483135,
      krt_metric: 512,
    });
    expect(normalize({ bgp_local_pref: 100 }).route).toMatchObject({ bgp_local_pref: 100, krt_metric: 2147483547 });
  });

  it('a kernel route gets LOCAL_PREF = 2147483647 - krt_metric', () => {
    expect(normalize({ source: 'RTS_INHERIT', krt_metric: 512 }).route).toMatchObject({
      bgp_local_pref: 2147483135,
      krt_metric: 512,
    });
    expect(normalize({ source: 'RTS_INHERIT', krt_metric: 1024 }).route).toMatchObject({
      bgp_local_pref: 2147482623,
      krt_metric: 1024,
    });
  });

  it('a route without a metric (a static blackhole) gets the normal priority', () => {
    expect(normalize({ source: 'RTS_STATIC', dest: 'RTD_BLACKHOLE', ifname: '' }).route).toMatchObject({
      bgp_local_pref: 2147482623,
      krt_metric: 1024,
    });
  });

  it('arithmetic: + - * / on ints, / by zero is an error', () => {
    const o = run('filter f { bgp_med = 7 * 6; bgp_local_pref = bgp_med / 4 + 1 - 2; accept; }');
    expect(o.route).toMatchObject({ bgp_med: 42, bgp_local_pref: 9 });
    expect(run('filter f { bgp_med = 1 / 0; accept; }').decision.message).toBe('runtime error: division by zero');
  });

  it('preference can be read and set within 0..65535', () => {
    const o = run('filter f { if preference = 100 then preference = 200; accept; }');
    expect(o.route.preference).toBe(200);
    expect(run('filter f { preference = 65535; accept; }').route.preference).toBe(65535);
    expect(run('filter f { preference = 0; accept; }').route.preference).toBe(0);
  });

  it('preference out of range is a runtime error (bird: "Setting preference value out of bounds")', () => {
    const o = run('filter f { preference = 70000; accept; }');
    expect(o.verdict).toBe('reject');
    expect(o.decision).toMatchObject({
      kind: 'error',
      message: 'runtime error: preference 70000 out of range',
      at: { text: 'preference = 70000;' },
    });
    expect(run('filter f { preference = -1; accept; }').decision.message).toBe(
      'runtime error: preference -1 out of range',
    );
  });

  it('an attribute takes a value of its type only', () => {
    expect(run('filter f { bgp_local_pref = true; accept; }').decision.message).toBe(
      'runtime error: bgp_local_pref takes an int, not bool',
    );
    expect(run('filter f { bgp_next_hop = 5; accept; }').decision.message).toBe(
      'runtime error: bgp_next_hop takes an ip',
    );
    expect(run('filter f { bgp_next_hop = 10.0.0.1; accept; }').route.bgp_next_hop).toBe(0x0a000001);
  });

  it('a read-only attribute cannot be set', () => {
    expect(run('filter f { net = 10.0.0.0/8; accept; }').decision.message).toBe(
      'runtime error: attribute net cannot be set',
    );
  });

  it('an unknown symbol is an error', () => {
    expect(run('filter f { if foo = 1 then accept; reject; }').decision.message).toBe(
      'runtime error: foo: unknown symbol',
    );
  });

  it('define makes a constant', () => {
    expect(
      run('define ELEVATED = 2147483135;\nfilter f { if bgp_local_pref = ELEVATED then accept; reject; }', {
        bgp_local_pref: 2147483135,
      }).verdict,
    ).toBe('accept');
  });
});

describe('undefined attributes', () => {
  it('arithmetic on one is a runtime error: rejected, with the message (bird: "Can\'t operate with values of incompatible types")', () => {
    const o = run('filter f { krt_metric = 2147483647 - bgp_local_pref; accept; }');
    expect(o.verdict).toBe('reject');
    expect(o.decision).toMatchObject({
      kind: 'error',
      message: 'runtime error: - needs ints, not int and void',
      at: { text: '2147483647 - bgp_local_pref' },
    });
  });

  it('~ on one is a runtime error (bird: "~ applied on unknown type pair")', () => {
    const o = run('filter f { if bgp_path ~ [= * =] then accept; reject; }');
    expect(o.decision).toMatchObject({
      kind: 'error',
      message: 'runtime error: ~ applied to an undefined value: void ~ pathMask',
    });
    expect(run('filter f { if bgp_next_hop ~ 10.0.0.0/8 then accept; reject; }').decision.message).toBe(
      'runtime error: ~ applied to an undefined value: void ~ prefix',
    );
  });

  it('if on one is a runtime error (bird: "If requires boolean expression")', () => {
    expect(run('filter f { if krt_metric then accept; reject; }').decision.message).toBe(
      'runtime error: if needs a bool, not void',
    );
  });

  it('prepending to an undefined path is a runtime error (bird: "Can\'t prepend to non-path")', () => {
    expect(run('filter f { bgp_path.prepend(65000); accept; }').decision.message).toBe(
      "runtime error: Can't prepend to non-path (bgp_path is undefined)",
    );
  });

  it('defined() guards it, as Calico does', () => {
    const f = filterOf('filter f { if (defined(bgp_local_pref)&&(bgp_local_pref > 2147482623)) then accept; reject; }');
    expect(f().decision).toMatchObject({ kind: 'statement', at: { text: 'reject;' } });
    expect(f({ bgp_local_pref: 2147483135 }).verdict).toBe('accept');
  });

  it('community lists read as empty', () => {
    const o = run(
      'filter f { if bgp_community.len = 0 && bgp_large_community.len = 0 && !((1, 2) ~ bgp_community) then { bgp_community.add((65000, 100)); accept; } reject; }',
    );
    expect(o.verdict).toBe('accept');
    expect(o.route.bgp_community).toEqual(['65000:100']);
    expect(run('filter f { bgp_community.delete([(*,*)]); accept; }').route.bgp_community).toEqual([]);
  });
});
