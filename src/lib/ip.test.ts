// src/lib may import no package (tools/layers.js); the test runner is the exception.
import { describe, expect, it } from 'vitest';
import {
  comparePrefix4,
  formatIPv4,
  formatPrefix4,
  isIPv4,
  maskOf,
  parseIPv4,
  parseIPv6,
  parsePrefix4,
  parsePrefix6,
  prefix4,
  prefixContainsAddr,
  prefixContainsPrefix,
  prefixesOverlap,
  prefixLast,
  prefixSize,
} from './ip';

const v4 = (s: string) => parseIPv4(s) as number;
const p4 = (s: string) => {
  const p = prefix4(s);
  if (!p) throw new Error(`bad prefix ${s}`);
  return p;
};

describe('parseIPv4', () => {
  it('parses dotted quads to unsigned 32-bit numbers', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('10.0.1.11')).toBe(0x0a00010b);
    expect(parseIPv4('255.255.255.255')).toBe(4294967295);
    expect(parseIPv4('128.0.0.1')).toBe(2147483649);
  });

  it.each([
    ['256.0.0.1', 'octet above 255'],
    ['10.0.2.300', 'octet above 255'],
    ['01.2.3.4', 'leading zero'],
    ['10.00.1.1', 'leading zeros'],
    ['1.2.3', 'three octets'],
    ['1.2.3.4.5', 'five octets'],
    ['1.2.3.4 ', 'trailing space'],
    [' 1.2.3.4', 'leading space'],
    ['1.2.3.-4', 'negative'],
    ['1.2.3.a', 'letter'],
    ['1234.1.1.1', 'four digits'],
    ['', 'empty'],
    ['1.2.3.4/32', 'a prefix'],
    ['::1', 'IPv6'],
  ])('refuses %j (%s)', (text) => {
    expect(parseIPv4(text)).toBeUndefined();
    expect(isIPv4(text)).toBe(false);
  });

  it('accepts a single 0 octet', () => {
    expect(isIPv4('10.0.0.0')).toBe(true);
  });

  it('formats back to the same text', () => {
    for (const text of ['0.0.0.0', '10.244.1.64', '192.168.255.1', '255.255.255.255']) {
      expect(formatIPv4(v4(text))).toBe(text);
    }
  });
});

describe('masks and prefixes', () => {
  it('maskOf covers 0 and 32', () => {
    expect(maskOf(0)).toBe(0);
    expect(maskOf(1)).toBe(0x80000000);
    expect(maskOf(24)).toBe(0xffffff00);
    expect(maskOf(32)).toBe(0xffffffff);
  });

  it('parses masked prefixes', () => {
    expect(parsePrefix4('10.244.0.0/16')).toEqual({ ok: true, prefix: { addr: 0x0af40000, len: 16 } });
    expect(parsePrefix4('0.0.0.0/0')).toEqual({ ok: true, prefix: { addr: 0, len: 0 } });
    expect(parsePrefix4('10.0.1.5/32')).toEqual({ ok: true, prefix: { addr: 0x0a000105, len: 32 } });
    expect(parsePrefix4('255.255.255.254/31')).toEqual({ ok: true, prefix: { addr: 0xfffffffe, len: 31 } });
    expect(parsePrefix4('192.0.0.0/2')).toEqual({ ok: true, prefix: { addr: 0xc0000000, len: 2 } });
  });

  it('refuses host bits, with reason host-bits', () => {
    expect(parsePrefix4('10.0.1.5/24')).toEqual({ ok: false, reason: 'host-bits' });
    expect(parsePrefix4('10.244.1.64/25')).toEqual({ ok: false, reason: 'host-bits' });
    expect(parsePrefix4('1.0.0.0/0')).toEqual({ ok: false, reason: 'host-bits' });
    expect(parsePrefix4('255.255.255.255/31')).toEqual({ ok: false, reason: 'host-bits' });
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/33',
    '10.0.0.0/024',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    '10.0.0/8',
    'x/8',
    '10.0.0.0/ 8',
    '10.0.0.0/1.5',
  ])('refuses %j with reason syntax', (text) => {
    expect(parsePrefix4(text)).toEqual({ ok: false, reason: 'syntax' });
    expect(prefix4(text)).toBeUndefined();
  });

  it('formats a prefix', () => {
    expect(formatPrefix4(p4('10.244.1.64/26'))).toBe('10.244.1.64/26');
    expect(formatPrefix4({ addr: 0, len: 0 })).toBe('0.0.0.0/0');
  });

  it('sizes and last addresses', () => {
    expect(prefixSize(p4('10.0.1.0/24'))).toBe(256);
    expect(prefixSize(p4('0.0.0.0/0'))).toBe(4294967296);
    expect(prefixSize(p4('10.0.0.1/32'))).toBe(1);
    expect(formatIPv4(prefixLast(p4('10.0.1.0/24')))).toBe('10.0.1.255');
    expect(formatIPv4(prefixLast(p4('10.244.1.64/26')))).toBe('10.244.1.127');
    expect(formatIPv4(prefixLast(p4('0.0.0.0/0')))).toBe('255.255.255.255');
  });
});

describe('containment and overlap', () => {
  it('contains addresses inside and only inside', () => {
    const rack = p4('10.0.1.0/24');
    expect(prefixContainsAddr(rack, v4('10.0.1.0'))).toBe(true);
    expect(prefixContainsAddr(rack, v4('10.0.1.255'))).toBe(true);
    expect(prefixContainsAddr(rack, v4('10.0.2.0'))).toBe(false);
    expect(prefixContainsAddr(rack, v4('10.0.0.255'))).toBe(false);
    expect(prefixContainsAddr(p4('0.0.0.0/0'), v4('255.255.255.255'))).toBe(true);
    expect(prefixContainsAddr(p4('128.0.0.0/1'), v4('200.1.1.1'))).toBe(true);
    expect(prefixContainsAddr(p4('128.0.0.0/1'), v4('127.255.255.255'))).toBe(false);
    expect(prefixContainsAddr(p4('10.0.0.7/32'), v4('10.0.0.7'))).toBe(true);
    expect(prefixContainsAddr(p4('10.0.0.7/32'), v4('10.0.0.6'))).toBe(false);
  });

  it('contains prefixes like BIRD net ~ prefix (equal counts)', () => {
    const pool = p4('10.244.0.0/16');
    expect(prefixContainsPrefix(pool, p4('10.244.1.0/26'))).toBe(true);
    expect(prefixContainsPrefix(pool, pool)).toBe(true);
    expect(prefixContainsPrefix(p4('10.244.1.0/26'), pool)).toBe(false);
    expect(prefixContainsPrefix(pool, p4('10.245.0.0/26'))).toBe(false);
    expect(prefixContainsPrefix(p4('0.0.0.0/0'), pool)).toBe(true);
  });

  it('overlap is symmetric and false for neighbours', () => {
    const a = p4('10.0.0.0/23');
    const b = p4('10.0.1.0/24');
    const c = p4('10.0.2.0/24');
    expect(prefixesOverlap(a, b)).toBe(true);
    expect(prefixesOverlap(b, a)).toBe(true);
    expect(prefixesOverlap(a, c)).toBe(false);
    expect(prefixesOverlap(b, c)).toBe(false);
    expect(prefixesOverlap(b, b)).toBe(true);
  });

  it('orders prefixes by address, then length', () => {
    const sorted = ['10.0.2.0/24', '10.0.0.0/16', '10.0.0.0/8', '9.0.0.0/8']
      .map(p4)
      .sort(comparePrefix4)
      .map(formatPrefix4);
    expect(sorted).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/16', '10.0.2.0/24']);
  });
});

describe('parseIPv6', () => {
  it('parses full, compressed and mixed forms', () => {
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('1::')).toBe(1n << 112n);
    expect(parseIPv6('2001:db8::1')).toBe(0x20010db8000000000000000000000001n);
    expect(parseIPv6('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(0x20010db8000000000000000000000001n);
    expect(parseIPv6('fe80::1:2')).toBe(0xfe800000000000000000000000010002n);
    expect(parseIPv6('FFFF:ffff:FFFF:ffff:FFFF:ffff:FFFF:ffff')).toBe((1n << 128n) - 1n);
    expect(parseIPv6('1:2:3:4:5:6:7::')).toBe(0x00010002000300040005000600070000n);
    expect(parseIPv6('::2:3:4:5:6:7:8')).toBe(0x00000002000300040005000600070008n);
  });

  it('parses an embedded IPv4 tail', () => {
    expect(parseIPv6('::ffff:10.0.1.1')).toBe(0xffff0a000101n);
    expect(parseIPv6('::10.0.1.1')).toBe(0x0a000101n);
    expect(parseIPv6('64:ff9b::192.0.2.33')).toBe(0x0064ff9b0000000000000000c0000221n);
    expect(parseIPv6('1:2:3:4:5:6:1.2.3.4')).toBe(0x00010002000300040005000601020304n);
    expect(parseIPv6('ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255')).toBe((1n << 128n) - 1n);
  });

  it.each([
    '',
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    '12345::',
    'g::1',
    '1.2.3.4',
    '::1.2.3',
    '::256.0.0.1',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::1.2.3.4:5',
    '::1 ',
    '[::1]',
    'fe80::1%eth0',
    '0:0:0:0:0:0:0:0:0000000000000000000000000000',
  ])('refuses %j', (text) => {
    expect(parseIPv6(text)).toBeUndefined();
  });
});

describe('parsePrefix6', () => {
  it('parses masked prefixes', () => {
    expect(parsePrefix6('2001:db8::/32')).toEqual({ ok: true, addr: 0x20010db8n << 96n, len: 32 });
    expect(parsePrefix6('::/0')).toEqual({ ok: true, addr: 0n, len: 0 });
    expect(parsePrefix6('::1/128')).toEqual({ ok: true, addr: 1n, len: 128 });
    expect(parsePrefix6('fd00:10:244::/122')).toEqual({
      ok: true,
      addr: 0xfd000010024400000000000000000000n,
      len: 122,
    });
  });

  it('refuses host bits', () => {
    expect(parsePrefix6('2001:db8::1/64')).toEqual({ ok: false, reason: 'host-bits' });
    expect(parsePrefix6('::1/127')).toEqual({ ok: false, reason: 'host-bits' });
    expect(parsePrefix6('8000::/0')).toEqual({ ok: false, reason: 'host-bits' });
  });

  it.each(['2001:db8::', '2001:db8::/129', '2001:db8::/064', '2001:db8::/', '10.0.0.0/8', 'x::/8', '::/1000'])(
    'refuses %j with reason syntax',
    (text) => {
      expect(parsePrefix6(text)).toEqual({ ok: false, reason: 'syntax' });
    },
  );
});
