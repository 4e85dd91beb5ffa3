/**
 * Operators of BIRD 1.x filters (domain §5.2), with the type rules of BIRD's val_same,
 * val_compare and val_in_range. The expectations marked "BIRD 1.6.8" were checked with
 * `birdc show route filter { ... }` on Debian's bird 1.6.8.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from './route';
import { net, run } from './test-support';

/** Whether `cond` holds for a route (accept), does not (reject), or fails (error message). */
function holds(cond: string, attrs: Partial<Route> = {}): boolean | string {
  const o = run(`filter f { if ${cond} then accept; reject; }`, attrs);
  return o.decision.kind === 'error' ? (o.decision.message ?? 'error') : o.verdict === 'accept';
}

describe('net ~ prefix, net = prefix', () => {
  it('~ is "inside or equal"', () => {
    expect(holds('net ~ 10.244.1.0/26')).toBe(true);
    expect(holds('net ~ 10.244.1.5/32')).toBe(true);
    expect(holds('net ~ 10.244.1.0/26', { net: net('10.244.1.0/26') })).toBe(true);
    expect(holds('net ~ 10.244.1.0/26', { net: net('10.244.0.0/16') })).toBe(false);
    expect(holds('net ~ 10.244.1.64/26')).toBe(false);
    expect(holds('net !~ 10.244.1.64/26')).toBe(true);
  });

  it('an address ~ a prefix tests membership', () => {
    expect(holds('10.0.1.11 ~ 10.0.1.0/24')).toBe(true);
    expect(holds('10.0.2.11 ~ 10.0.1.0/24')).toBe(false);
  });

  it('= and != compare prefixes exactly', () => {
    expect(holds('net = 10.244.1.5/32')).toBe(true);
    expect(holds('net = 10.244.1.0/26')).toBe(false);
    expect(holds('net != 10.244.1.0/26')).toBe(true);
  });
});

describe('prefix sets', () => {
  it('[ p{a,b} ]: inside p, length between a and b', () => {
    const c = 'net ~ [ 10.244.0.0/16{26,32} ]';
    expect(holds(c)).toBe(true);
    expect(holds(c, { net: net('10.244.1.0/26') })).toBe(true);
    expect(holds(c, { net: net('10.244.1.0/24') })).toBe(false);
    expect(holds(c, { net: net('10.245.0.5/32') })).toBe(false);
    expect(holds('net !~ [ 10.244.0.0/16{26,32} ]', { net: net('10.244.1.0/24') })).toBe(true);
  });

  it('[ p+ ]: p and everything inside it', () => {
    expect(holds('net ~ [ 10.244.0.0/16+ ]', { net: net('10.244.0.0/16') })).toBe(true);
    expect(holds('net ~ [ 10.244.0.0/16+ ]')).toBe(true);
    expect(holds('net ~ [ 10.244.0.0/16+ ]', { net: net('10.0.0.0/8') })).toBe(false);
  });

  it('[ p- ] and a low bound under the length: p and its supernets (BIRD 1.6.8)', () => {
    expect(holds('net ~ [ 10.244.1.0/24- ]', { net: net('10.0.0.0/8') })).toBe(true);
    expect(holds('net ~ [ 10.244.1.0/24- ]', { net: net('0.0.0.0/0') })).toBe(true);
    expect(holds('net ~ [ 10.244.1.0/24- ]', { net: net('10.244.1.0/26') })).toBe(false);
    expect(holds('net ~ [ 10.244.1.0/24{8,26} ]', { net: net('10.0.0.0/8') })).toBe(true);
    expect(holds('net ~ [ 10.244.1.0/24{8,26} ]', { net: net('10.244.1.0/26') })).toBe(true);
    expect(holds('net ~ [ 10.244.1.0/24{8,26} ]', { net: net('0.0.0.0/0') })).toBe(false);
    // The examples of BIRD's documentation.
    expect(holds('net ~ [ 1.0.0.0/8{15,17} ]', { net: net('1.2.0.0/16') })).toBe(true);
    expect(holds('net ~ [ 1.0.0.0/8- ]', { net: net('1.0.0.0/16') })).toBe(false);
  });

  it('a set of several patterns matches when one does', () => {
    const c = 'net ~ [ 192.168.0.0/16, 10.244.1.0/26{32,32} ]';
    expect(holds(c)).toBe(true);
    expect(holds(c, { net: net('192.168.0.0/16') })).toBe(true);
    expect(holds(c, { net: net('192.168.1.0/24') })).toBe(false);
  });
});

describe('= and != with different types; < and friends', () => {
  it('Equal with a prefix set is always false, NotEqual always true (no error)', () => {
    expect(holds('net = [ 10.244.0.0/16{16,32} ]')).toBe(false);
    expect(holds('net != [ 10.244.0.0/16{16,32} ]')).toBe(true);
    expect(holds('net = [ 10.244.1.5/32 ]')).toBe(false);
    expect(holds('1 = true')).toBe(false);
    expect(holds('1 != true')).toBe(true);
  });

  it('< between values of different types is a runtime error', () => {
    expect(holds('1 < true')).toBe('runtime error: Incompatible types in comparison: int < bool');
    expect(holds('bgp_local_pref >= 10.0.0.1', { bgp_local_pref: 5 })).toBe(
      'runtime error: Incompatible types in comparison: int >= ip',
    );
    expect(holds('"eth0" <= 3')).toBe('runtime error: Incompatible types in comparison: string <= int');
  });

  it('orders ints, addresses and strings', () => {
    expect(holds('bgp_local_pref > 2147482623', { bgp_local_pref: 2147483135 })).toBe(true);
    expect(holds('bgp_local_pref <= 2147482623', { bgp_local_pref: 2147483135 })).toBe(false);
    expect(holds('10.0.0.1 < 10.0.0.2')).toBe(true);
    expect(holds('"abc" < "abd"')).toBe(true);
  });

  it('ints are unsigned 32-bit, as in BIRD (0 - 1 > 5 holds, BIRD 1.6.8)', () => {
    expect(holds('0 - 1 > 5')).toBe(true);
    expect(holds('0 - 1 = 4294967295')).toBe(true);
  });

  it('an undefined attribute is void: below any value, equal to nothing (BIRD 1.6.8)', () => {
    expect(holds('krt_metric < 1024')).toBe(true);
    expect(holds('krt_metric > 1024')).toBe(false);
    expect(holds('1024 > krt_metric')).toBe(true);
    expect(holds('bgp_med = 0')).toBe(false);
    expect(holds('bgp_med != 0')).toBe(true);
  });
});

describe('source and ifname', () => {
  it('source ~ [ RTS_BGP ] and source = RTS_BGP', () => {
    expect(holds('source ~ [ RTS_BGP ]')).toBe(true);
    expect(holds('source = RTS_BGP')).toBe(true);
    expect(holds('source ~ [ RTS_BGP ]', { source: 'RTS_INHERIT' })).toBe(false);
    expect(holds('source = RTS_BGP', { source: 'RTS_STATIC' })).toBe(false);
    expect(holds('source ~ [ RTS_STATIC, RTS_INHERIT ]', { source: 'RTS_INHERIT' })).toBe(true);
    expect(holds('(defined(source))&&(source ~ [ RTS_BGP ])', { source: 'RTS_DEVICE' })).toBe(false);
  });

  it('ifname ~ "pattern" is a shell pattern over the whole name', () => {
    expect(holds('ifname ~ "eth*"')).toBe(true);
    expect(holds('ifname ~ "eth*"', { ifname: 'ens3' })).toBe(false);
    expect(holds('ifname ~ "*.cali"', { ifname: 'vxlan.cali' })).toBe(true);
    expect(holds('ifname ~ "*.cali"', { ifname: 'cali12345' })).toBe(false);
    expect(holds('ifname ~ "*.cali"', { ifname: 'vxlan.calico' })).toBe(false);
    expect(holds('ifname ~ "*.calico"', { ifname: 'wireguard.calico' })).toBe(true);
    expect(holds('ifname ~ "eth?"')).toBe(true);
    expect(holds('ifname ~ "eth?"', { ifname: 'eth10' })).toBe(false);
    expect(holds('ifname ~ "bpf*.cali"', { ifname: 'bpfout.cali' })).toBe(true);
  });

  it('a blackhole route has the empty ifname', () => {
    expect(holds('ifname = ""', { ifname: '', dest: 'RTD_BLACKHOLE' })).toBe(true);
    expect(holds('ifname ~ "*"', { ifname: '' })).toBe(true);
  });
});

describe('communities', () => {
  it('(a, b) ~ bgp_community tests membership; an undefined list is empty', () => {
    expect(holds('(65000, 100) ~ bgp_community', { bgp_community: ['65001:1', '65000:100'] })).toBe(true);
    expect(holds('(65000, 100) ~ bgp_community', { bgp_community: ['65000:200'] })).toBe(false);
    expect(holds('(65000, 100) ~ bgp_community')).toBe(false);
    expect(holds('(65000, 100) !~ bgp_community')).toBe(true);
  });

  it('a list ~ a set of pairs, with wildcards (BIRD 1.6.8)', () => {
    expect(holds('bgp_community ~ [(65000,*)]', { bgp_community: ['65000:100'] })).toBe(true);
    expect(holds('bgp_community ~ [(65001,*)]', { bgp_community: ['65000:100'] })).toBe(false);
    expect(holds('bgp_community ~ [(65001,1), (65000,100)]', { bgp_community: ['65000:100'] })).toBe(true);
    expect(holds('bgp_large_community ~ [(65000,1,*)]', { bgp_large_community: ['65000:1:2'] })).toBe(true);
  });

  it('add appends once, delete removes a pair or every member of a set', () => {
    const o = run(`filter f {
      bgp_community.add((65000, 100)); bgp_community.add((65000, 100)); bgp_community.add((65001, 1)); bgp_community.add((65000, 200));
      accept;
    }`);
    expect(o.route.bgp_community).toEqual(['65000:100', '65001:1', '65000:200']);
    const d = run('filter f { bgp_community.delete((65001, 1)); accept; }', {
      bgp_community: ['65000:100', '65001:1'],
    });
    expect(d.route.bgp_community).toEqual(['65000:100']);
    // BIRD 1.6.8: add 65000:100, 65000:100, 65001:1, 65000:200, delete [(65000,*)] leaves (65001,1).
    const w = run('filter f { bgp_community.delete([(65000,*)]); accept; }', {
      bgp_community: ['65000:100', '65001:1', '65000:200'],
    });
    expect(w.route.bgp_community).toEqual(['65001:1']);
    const all = run('filter f { bgp_community.delete([(*,*)]); accept; }', { bgp_community: ['65000:100', '65001:1'] });
    expect(all.route.bgp_community).toEqual([]);
  });

  it('adding a wildcard is a runtime error', () => {
    expect(run('filter f { bgp_community.add((65000, *)); accept; }').decision.message).toBe(
      'runtime error: cannot add a wildcard community',
    );
  });

  it('large communities: membership, add without duplicates, delete', () => {
    expect(holds('(65000, 1, 2) ~ bgp_large_community', { bgp_large_community: ['65000:1:2'] })).toBe(true);
    expect(holds('(65000, 1, 3) ~ bgp_large_community', { bgp_large_community: ['65000:1:2'] })).toBe(false);
    const o = run(
      'filter f { bgp_large_community.add((65000, 1, 2)); bgp_large_community.add((65000, 1, 2)); bgp_large_community.add((65000, 1, 3)); bgp_large_community.delete([(65000, 1, 2)]); accept; }',
    );
    expect(o.route.bgp_large_community).toEqual(['65000:1:3']);
    expect(run('filter f { bgp_large_community.add((1, 2)); accept; }').decision.message).toBe(
      'runtime error: bgp_large_community.add takes (a, b, c)',
    );
  });
});

describe('AS paths', () => {
  const path = { bgp_path: [65001, 65000, 65101] };

  it('[= 65001 * =]: begins with, [= * 65101 =]: ends with', () => {
    expect(holds('bgp_path ~ [= 65001 * =]', path)).toBe(true);
    expect(holds('bgp_path ~ [= 65000 * =]', path)).toBe(false);
    expect(holds('bgp_path ~ [= * 65101 =]', path)).toBe(true);
    expect(holds('bgp_path ~ [= * 65000 =]', path)).toBe(false);
    expect(holds('bgp_path ~ [= * 65000 * =]', path)).toBe(true);
    expect(holds('bgp_path ~ [= 65001 65000 65101 =]', path)).toBe(true);
    expect(holds('bgp_path ~ [= 65000 * =]', { bgp_path: [65000] })).toBe(true);
    expect(holds('bgp_path ~ [= * =]', { bgp_path: [] })).toBe(true);
  });

  it('? is exactly one AS', () => {
    expect(holds('bgp_path ~ [= ? 65000 ? =]', path)).toBe(true);
    expect(holds('bgp_path ~ [= ? 65101 =]', path)).toBe(false);
    expect(holds('bgp_path ~ [= ? ? ? =]', path)).toBe(true);
    expect(holds('bgp_path ~ [= ? =]', path)).toBe(false);
  });

  it('prepend puts the AS in front; .len, .first and .last read the path', () => {
    const o = run(
      'filter f { bgp_path.prepend(65000); bgp_path.prepend(65001); if bgp_path.len = 3 && bgp_path.first = 65001 && bgp_path.last = 65101 then accept; reject; }',
      { bgp_path: [65101] },
    );
    expect(o.verdict).toBe('accept');
    expect(o.route.bgp_path).toEqual([65001, 65000, 65101]);
  });
});
