/**
 * Control flow of BIRD 1.x filters (domain §5.1): if/then/else, blocks, accept/reject ending the
 * whole filter (also from a function), return leaving only the function, parameters, defined(),
 * falling off the end, `where`, `all`/`none`, and what the decision says.
 */
import { describe, expect, it } from 'vitest';
import { runFilter } from './interpreter';
import { config, filterOf, protocolFilter, route, run } from './test-support';

describe('if / then / else', () => {
  it("takes BIRD 1.x's `then stmt; else stmt;` form", () => {
    const f = filterOf('filter f { if bgp_local_pref > 200 then bgp_med = 1; else bgp_med = 2; accept; }');
    expect(f({ bgp_local_pref: 300 }).route.bgp_med).toBe(1);
    expect(f({ bgp_local_pref: 100 }).route.bgp_med).toBe(2);
  });

  it('binds else to the nearest if', () => {
    const f = filterOf(
      'filter f { if bgp_local_pref > 50 then if bgp_local_pref > 200 then bgp_med = 1; else bgp_med = 2; accept; }',
    );
    expect(f({ bgp_local_pref: 300 }).route.bgp_med).toBe(1);
    expect(f({ bgp_local_pref: 100 }).route.bgp_med).toBe(2);
    expect(f({ bgp_local_pref: 10 }).route.bgp_med).toBeUndefined();
  });

  it('runs a block as one statement, in order, and skips empty statements', () => {
    const f = filterOf(
      'filter f { ; if net ~ 10.244.0.0/16 then { bgp_med = 1; bgp_med = bgp_med + 1; ; bgp_origin = 2; } else { bgp_med = 9; } accept; }',
    );
    expect(f().route).toMatchObject({ bgp_med: 2, bgp_origin: 2 });
    expect(f({ net: { addr: 0x0a000000, len: 8 } }).route.bgp_med).toBe(9);
  });

  it('needs a bool: an int condition is a runtime error', () => {
    expect(run('filter f { if bgp_local_pref then accept; accept; }', { bgp_local_pref: 1 }).decision).toMatchObject({
      kind: 'error',
      message: 'runtime error: if needs a bool, not int',
      at: { text: 'if bgp_local_pref then accept;' },
    });
  });
});

describe('accept, reject, return', () => {
  it('accept ends the filter: later statements do not run', () => {
    const o = run('filter f { bgp_med = 1; accept; bgp_med = 2; reject; }');
    expect(o.verdict).toBe('accept');
    expect(o.route.bgp_med).toBe(1);
    expect(o.decision).toMatchObject({ kind: 'statement', at: { text: 'accept;', line: 1, col: 25 }, functions: [] });
  });

  it('reject inside a function ends the whole filter, with the changes made so far', () => {
    const o = run('function g() { bgp_med = 1; reject; bgp_med = 2; }\nfilter f { g(); bgp_med = 3; accept; }');
    expect(o.verdict).toBe('reject');
    expect(o.route.bgp_med).toBe(1);
    expect(o.decision).toMatchObject({
      kind: 'statement',
      at: { text: 'reject;', line: 1, col: 29 },
      functions: ['g'],
    });
  });

  it('accept two functions deep ends the filter and keeps the call stack, outermost first', () => {
    const o = run('function h() { accept; } function g() { h(); reject; } filter f { g(); reject; }');
    expect(o.verdict).toBe('accept');
    expect(o.decision.functions).toEqual(['g', 'h']);
  });

  it('return leaves only the function', () => {
    const f = filterOf(
      'function g() { if net ~ 10.244.0.0/16 then return; bgp_med = 9; }\nfilter f { g(); bgp_local_pref = 5; accept; }',
    );
    expect(f().route).toMatchObject({ bgp_local_pref: 5 });
    expect(f().route.bgp_med).toBeUndefined();
    expect(f({ net: { addr: 0xc0a80000, len: 24 } }).route).toMatchObject({ bgp_local_pref: 5, bgp_med: 9 });
    expect(f().decision).toMatchObject({ at: { text: 'accept;' }, functions: [] });
  });

  it('a function returns a value', () => {
    const f = filterOf(
      'function elevated() { return bgp_local_pref > 2147482623; }\nfilter f { if elevated() then accept; reject; }',
    );
    expect(f({ bgp_local_pref: 2147483135 }).verdict).toBe('accept');
    expect(f({ bgp_local_pref: 2147482623 }).verdict).toBe('reject');
  });

  it('return outside a function is an error', () => {
    expect(run('filter f { return; }').decision).toMatchObject({ kind: 'error', message: 'return outside a function' });
  });
});

describe('function parameters', () => {
  const text = `function 'bgp_lm_exportFilterV4'(bool is_same_as) {
  if (!is_same_as) then { if ((defined(bgp_local_pref)&&(bgp_local_pref = 2147483135))) then { bgp_community.add((65000, 100)); accept; } }
}
filter ebgp { 'bgp_lm_exportFilterV4'(false); reject; }
filter ibgp { 'bgp_lm_exportFilterV4'(true); reject; }
filter wrong { 'bgp_lm_exportFilterV4'(); reject; }`;

  it('a peerType eBGP rule applies when is_same_as is false', () => {
    const o = run(text, { bgp_local_pref: 2147483135 }, 'ebgp');
    expect(o.verdict).toBe('accept');
    expect(o.route.bgp_community).toEqual(['65000:100']);
    expect(o.decision.functions).toEqual(['bgp_lm_exportFilterV4']);
  });

  it('and not when it is true: the function returns and the filter goes on', () => {
    const o = run(text, { bgp_local_pref: 2147483135 }, 'ibgp');
    expect(o.verdict).toBe('reject');
    expect(o.route.bgp_community).toBeUndefined();
    expect(o.decision).toMatchObject({ kind: 'statement', at: { text: 'reject;', line: 5 }, functions: [] });
  });

  it('a call with the wrong number of arguments is a runtime error', () => {
    expect(run(text, {}, 'wrong').decision).toMatchObject({
      kind: 'error',
      message: 'runtime error: bgp_lm_exportFilterV4 takes 1 arguments, not 0',
    });
  });
});

describe('defined()', () => {
  it('is false for an unset attribute, true once set, always true for built-in ones', () => {
    const f = filterOf(`filter f {
      if defined(bgp_local_pref) || defined(bgp_community) || defined(krt_metric) then reject;
      if !(defined(source) && defined(net) && defined(ifname)) then reject;
      bgp_local_pref = 7;
      if defined(bgp_local_pref) then accept;
      reject;
    }`);
    expect(f().verdict).toBe('accept');
    expect(f({ krt_metric: 1024 }).verdict).toBe('reject');
    expect(f({ bgp_community: [] }).verdict).toBe('reject');
  });
});

describe('the end of a filter, where, all, none', () => {
  it('a filter that ends without accept or reject rejects the route', () => {
    const o = run('filter f { bgp_med = 5; }');
    expect(o.verdict).toBe('reject');
    expect(o.decision).toEqual({
      kind: 'end',
      functions: [],
      message: 'the filter ended without accept or reject: the route is rejected',
      changes: [
        {
          attribute: 'bgp_med',
          at: { file: 'test.conf', line: 1, col: 12, text: 'bgp_med = 5;' },
          functions: [],
          rule: 1,
        },
      ],
    });
  });

  const cfg = config(`protocol bgp p {
  local as 65001;
  neighbor 10.0.0.2 as 65002;
  import where bgp_local_pref > 100 && net ~ 10.244.0.0/16;
  export where bgp_med;
}
protocol bgp q {
  local as 65001;
  neighbor 10.0.0.3 as 65002;
  import all;
  export none;
}`);

  it('`where expr` accepts exactly the routes for which expr holds', () => {
    const ref = protocolFilter(cfg, 'p', 'import');
    expect(runFilter(cfg, ref, route({ bgp_local_pref: 200 })).decision).toEqual({
      kind: 'where',
      functions: [],
      at: { file: 'test.conf', line: 4, col: 3, text: 'import where bgp_local_pref > 100 && net ~ 10.244.0.0/16' },
    });
    expect(runFilter(cfg, ref, route({ bgp_local_pref: 200 })).verdict).toBe('accept');
    expect(runFilter(cfg, ref, route({ bgp_local_pref: 100 })).verdict).toBe('reject');
    expect(runFilter(cfg, ref, route({ bgp_local_pref: 200, net: { addr: 0xc0a80000, len: 24 } })).verdict).toBe(
      'reject',
    );
  });

  it('`where` with a non-bool is a runtime error', () => {
    const o = runFilter(cfg, protocolFilter(cfg, 'p', 'export'), route({ bgp_med: 1 }));
    expect(o).toMatchObject({
      verdict: 'reject',
      decision: { kind: 'error', message: 'runtime error: where needs a bool' },
    });
  });

  it('`all` accepts and `none` rejects, unchanged', () => {
    const r = route({ bgp_med: 3 });
    expect(runFilter(cfg, protocolFilter(cfg, 'q', 'import'), r)).toEqual({
      verdict: 'accept',
      route: r,
      decision: { kind: 'all', functions: [] },
    });
    expect(runFilter(cfg, protocolFilter(cfg, 'q', 'export'), r)).toEqual({
      verdict: 'reject',
      route: r,
      decision: { kind: 'none', functions: [] },
    });
  });

  it('a named filter that does not exist rejects', () => {
    const o = runFilter(
      cfg,
      { k: 'named', name: 'nope', at: { file: 'x', line: 1, col: 1, text: 'export filter nope' } },
      route(),
    );
    expect(o.decision).toMatchObject({ kind: 'error', message: 'filter nope not found' });
  });
});

describe('the decision', () => {
  it('names the statement, the innermost enclosing if and the function stack', () => {
    const o = run(
      `function inner() {
  if net ~ 10.244.0.0/16 then {
    if bgp_local_pref > 1000 then { bgp_med = 1; accept; }
  }
}
function outer() { inner(); }
filter f { outer(); reject; }`,
      { bgp_local_pref: 2000 },
    );
    expect(o.verdict).toBe('accept');
    expect(o.decision).toEqual({
      kind: 'statement',
      at: { file: 'test.conf', line: 3, col: 50, text: 'accept;' },
      condition: { file: 'test.conf', line: 3, col: 5, text: 'if bgp_local_pref > 1000 then { bgp_med = 1; accept; }' },
      functions: ['outer', 'inner'],
      rule: 1,
      changes: [
        {
          attribute: 'bgp_med',
          at: { file: 'test.conf', line: 3, col: 37, text: 'bgp_med = 1;' },
          condition: {
            file: 'test.conf',
            line: 3,
            col: 5,
            text: 'if bgp_local_pref > 1000 then { bgp_med = 1; accept; }',
          },
          functions: ['outer', 'inner'],
          rule: 1,
        },
      ],
    });
  });

  it('lists every attribute the filter set, with its statement, condition and function, in order', () => {
    const o = run(
      `function tag() { bgp_community.add((65000, 100)); }
filter f { if bgp_local_pref > 1000 then preference = 200; tag(); bgp_path.prepend(65001); accept; }`,
      { bgp_local_pref: 2000, bgp_path: [] },
    );
    expect(
      o.decision.changes?.map((c) => [
        c.attribute,
        c.at.text,
        c.condition?.text ?? '-',
        c.functions.join('/') || '-',
        c.rule,
      ]),
    ).toEqual([
      ['preference', 'preference = 200;', 'if bgp_local_pref > 1000 then preference = 200;', '-', 1],
      ['bgp_community', 'bgp_community.add((65000, 100));', '-', 'tag', 1],
      ['bgp_path', 'bgp_path.prepend(65001);', '-', '-', 3],
    ]);
    expect(o.decision.rule).toBe(4);
  });

  it('an else branch names its if statement', () => {
    const o = run('filter f { if bgp_med = 1 then accept; else reject; }', { bgp_med: 2 });
    expect(o.decision.condition?.text).toBe('if bgp_med = 1 then accept; else reject;');
    expect(o.decision.at?.text).toBe('reject;');
  });

  it('a condition that did not lead to the decision is not named', () => {
    const o = run('filter f { if bgp_med = 1 then bgp_med = 2; accept; }', { bgp_med: 1 });
    expect(o.decision.condition).toBeUndefined();
  });

  it('a runtime error names the failing expression and the functions it happened in', () => {
    const o = run('function g() { krt_metric = 2147483647 - bgp_local_pref; }\nfilter f { g(); accept; }');
    expect(o.verdict).toBe('reject');
    expect(o.decision).toEqual({
      kind: 'error',
      message: 'runtime error: - needs ints, not int and void',
      at: { file: 'test.conf', line: 1, col: 29, text: '2147483647 - bgp_local_pref' },
      functions: ['g'],
    });
  });
});
