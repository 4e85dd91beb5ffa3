/**
 * The configuration parser: includes, the structure it returns, and syntax errors named by
 * file:line:col like `bird -p` (positions checked against bird 1.6.8 where noted).
 */
import { describe, expect, it } from 'vitest';
import { parseBirdConfig } from './configParser';
import { runFilter } from './interpreter';
import { BirdSyntaxError } from './lexer';
import { protocolFilter, route } from './test-support';

function parseError(text: string, includes: ReadonlyMap<string, string> = new Map()): string {
  try {
    parseBirdConfig({ name: 'bird.cfg', text }, includes);
  } catch (e) {
    if (e instanceof BirdSyntaxError) return e.message;
    throw e;
  }
  throw new Error('parsed without error');
}

describe('include', () => {
  const main = `router id 10.0.1.11;
include "bird_aggr.cfg";
protocol bgp peer {
  local as 65101;
  neighbor 10.0.1.1 as 65001;
  export filter { calico_aggr(); reject; };
}`;
  const aggr = `function calico_aggr ()
{
      if ( net = 10.244.1.0/26 ) then { accept; }
      if ( net ~ 10.244.1.0/26 ) then { reject; }
}`;

  it('inlines the included file where the statement stands', () => {
    const cfg = parseBirdConfig({ name: 'bird.cfg', text: main }, new Map([['bird_aggr.cfg', aggr]]));
    expect([...cfg.functions.keys()]).toEqual(['calico_aggr']);
    expect(cfg.protocols.map((p) => p.name)).toEqual(['peer']);
    expect(cfg.globals.map((g) => g.words.join(' '))).toEqual(['router id 10.0.1.11']);
    const o = runFilter(cfg, protocolFilter(cfg, 'peer', 'export'), route({ net: { addr: 0x0af40100, len: 26 } }));
    expect(o.verdict).toBe('accept');
    // Positions inside the included file name that file.
    expect(o.decision).toMatchObject({
      at: { file: 'bird_aggr.cfg', line: 3, col: 41, text: 'accept;' },
      functions: ['calico_aggr'],
    });
  });

  it('a missing file is an error at the file name', () => {
    expect(parseError('router id 10.0.1.11;\ninclude "nope.cfg";\n')).toBe(
      'bird.cfg:2:9: Unable to open included file nope.cfg',
    );
  });

  it('an include loop stops at the depth limit', () => {
    expect(parseError('include "self.cfg";', new Map([['self.cfg', 'include "self.cfg";']]))).toBe(
      'self.cfg:1:9: include nested too deeply',
    );
  });

  it('an error inside an included file names that file (bird: "./inc.conf:2:33 ...")', () => {
    const inc = 'filter f {\n  if net ~ [ 10.244.1.0/24{24,16} ] then accept;\n  reject;\n}\n';
    expect(parseError('router id 1.1.1.1;\ninclude "inc.conf";\n', new Map([['inc.conf', inc]]))).toBe(
      'inc.conf:2:33: Invalid prefix pattern range: {24, 16}.',
    );
  });
});

describe('what the parser returns', () => {
  it('templates, protocols with their options, nested blocks, defines', () => {
    const cfg = parseBirdConfig({
      name: 'bird.cfg',
      text: `define LP = 100;
template bgp base { local as 65001; debug { states, routes }; }
protocol bgp peer from base {
  neighbor 10.0.0.2 as 65002;
  ipv4 { import all; export filter lr_export; next hop self; };
}
filter lr_export { accept; }`,
    });
    expect([...cfg.defines.keys()]).toEqual(['LP']);
    expect(cfg.templates.get('base')?.options.map((o) => o.words)).toEqual([['local', 'as', '65001'], ['debug']]);
    const peer = cfg.protocols[0];
    expect(peer).toMatchObject({ kind: 'protocol', type: 'bgp', name: 'peer', from: 'base' });
    expect(peer?.options[0]?.words).toEqual(['neighbor', '10.0.0.2', 'as', '65002']);
    expect(peer?.options[1]?.block?.map((o) => [o.words, o.filter?.k])).toEqual([
      [['import'], 'all'],
      [['export'], 'named'],
      [['next', 'hop', 'self'], undefined],
    ]);
    expect([...cfg.filters.keys()]).toEqual(['lr_export']);
  });

  it('local variables between a function head and its body are skipped', () => {
    const cfg = parseBirdConfig({ name: 'bird.cfg', text: 'function g(int a; int b)\nint x;\n{ return a; }' });
    expect(cfg.functions.get('g')?.params).toEqual([
      { type: 'int', name: 'a' },
      { type: 'int', name: 'b' },
    ]);
  });
});

describe('syntax errors: file:line:col and what was expected', () => {
  it('Invalid prefix pattern range for {24,16}, at the closing brace (bird -p: "bad.conf:2:33")', () => {
    expect(parseError('filter f {\n  if net ~ [ 10.244.1.0/24{24,16} ] then accept;\n  reject;\n}\n')).toBe(
      'bird.cfg:2:33: Invalid prefix pattern range: {24, 16}.',
    );
    expect(parseError('filter f {\n  if net ~ [ 10.244.1.0/24{24,33} ] then accept;\n  reject;\n}\n')).toBe(
      'bird.cfg:2:33: Invalid prefix pattern range: {24, 33}.',
    );
  });

  it('a calico-node BGPFilter with a min above max after clamping is refused', () => {
    const text = "function 'bgp_f_importFilterV4'() {\n  if ((net ~ [ 10.244.0.0/24{24,16} ])) then { accept; }\n}\n";
    expect(parseError(text)).toBe('bird.cfg:2:35: Invalid prefix pattern range: {24, 16}.');
  });

  it('a missing semicolon', () => {
    expect(parseError('filter f {\n  accept\n}')).toBe("bird.cfg:3:1: expected ';', found '}'");
  });

  it('a missing closing brace', () => {
    expect(parseError('filter f {\n  accept;\n')).toBe("bird.cfg:3:1: expected '}', found the end of the file");
  });

  it('a statement that is none', () => {
    expect(parseError('filter f { 42; }')).toBe("bird.cfg:1:12: expected a statement, found '42'");
    expect(parseError('filter f { bgp_med 1; }')).toBe(
      "bird.cfg:1:20: expected '=', '.' or '(' after 'bgp_med', found '1'",
    );
  });

  it('a symbol defined twice', () => {
    expect(parseError('filter f { accept; }\nfunction f() { }')).toBe('bird.cfg:2:10: f: this symbol already exists');
  });

  it('a protocol from a template that does not exist', () => {
    expect(parseError('protocol bgp p from nope { }')).toBe('bird.cfg:1:1: nope: template not found');
  });

  it('lexical errors: unterminated string and comment, stray character', () => {
    expect(parseError('filter f {\n  if ifname ~ "eth* then accept;\n}')).toBe('bird.cfg:2:15: unterminated string');
    expect(parseError('/* no end\nfilter f { accept; }')).toBe('bird.cfg:1:1: unterminated comment');
    expect(parseError('filter f { accept; } $')).toBe('bird.cfg:1:22: unexpected character "$"');
  });

  it('an invalid prefix (host bits set)', () => {
    expect(parseError('filter f { if net ~ 10.244.1.5/24 then accept; reject; }')).toBe(
      "bird.cfg:1:35: invalid prefix 10.244.1.5/24, found 'then'",
    );
  });

  it('a bad AS-path mask item', () => {
    expect(parseError('filter f { if bgp_path ~ [= 65000 x =] then accept; reject; }')).toBe(
      "bird.cfg:1:35: expected an AS number, * or ? in the path mask, found 'x'",
    );
  });
});
