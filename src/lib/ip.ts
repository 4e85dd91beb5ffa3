/**
 * IPv4 and IPv6 address and prefix arithmetic. IPv4 values are unsigned 32-bit numbers, IPv6
 * values are bigints. Parsing is strict: no leading zeros in IPv4 octets, no host bits set in a
 * prefix unless the caller allows it.
 */

export interface Prefix4 {
  readonly addr: number;
  readonly len: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad IPv4; undefined when it is not one. */
export function parseIPv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string;
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export type PrefixParse = { ok: true; prefix: Prefix4 } | { ok: false; reason: 'syntax' | 'host-bits' };

/** Parses `a.b.c.d/len`. Host bits must be zero (`10.0.1.5/24` is refused with reason host-bits). */
export function parsePrefix4(text: string): PrefixParse {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: 'syntax' };
  const addr = parseIPv4(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  if (addr === undefined || !/^(0|[1-9]\d?)$/.test(lenText)) return { ok: false, reason: 'syntax' };
  const len = Number(lenText);
  if (len > 32) return { ok: false, reason: 'syntax' };
  if ((addr & ~maskOf(len)) >>> 0 !== 0) return { ok: false, reason: 'host-bits' };
  return { ok: true, prefix: { addr, len } };
}

/** Parses a masked prefix or returns undefined. */
export function prefix4(text: string): Prefix4 | undefined {
  const p = parsePrefix4(text);
  return p.ok ? p.prefix : undefined;
}

export function formatPrefix4(p: Prefix4): string {
  return `${formatIPv4(p.addr)}/${p.len}`;
}

export function prefixContainsAddr(p: Prefix4, addr: number): boolean {
  return (addr & maskOf(p.len)) >>> 0 === p.addr;
}

/** True when `inner` lies inside `outer` (equal counts), like BIRD's `net ~ prefix`. */
export function prefixContainsPrefix(outer: Prefix4, inner: Prefix4): boolean {
  return inner.len >= outer.len && prefixContainsAddr(outer, inner.addr);
}

export function prefixesOverlap(a: Prefix4, b: Prefix4): boolean {
  return prefixContainsPrefix(a, b) || prefixContainsPrefix(b, a);
}

/** Number of addresses in the prefix (2^(32-len)). */
export function prefixSize(p: Prefix4): number {
  return 2 ** (32 - p.len);
}

/** The last address of the prefix. */
export function prefixLast(p: Prefix4): number {
  return p.addr + prefixSize(p) - 1;
}

export function comparePrefix4(a: Prefix4, b: Prefix4): number {
  return a.addr !== b.addr ? a.addr - b.addr : a.len - b.len;
}

// ---------------------------------------------------------------- IPv6

/** Parses an IPv6 address (RFC 4291 text forms, with an optional embedded IPv4 tail). */
export function parseIPv6(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  let head = text;
  let tailWords: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tailWords = [v4 >>> 16, v4 & 0xffff];
    // Keep a '::' that directly precedes the IPv4 tail, drop a single separating ':'.
    const withColon = text.slice(0, lastColon + 1);
    head = withColon.endsWith('::') ? withColon : withColon.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const words: number[] = [];
    for (const w of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
      words.push(parseInt(w, 16));
    }
    return words;
  };
  const left = parse(halves[0] as string);
  const right = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!left || !right) return undefined;
  const given = left.length + right.length + tailWords.length;
  let words: number[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    words = [...left, ...new Array<number>(8 - given).fill(0), ...right, ...tailWords];
  } else {
    if (given !== 8) return undefined;
    words = [...left, ...tailWords];
  }
  return words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

export type Prefix6Parse = { ok: true; addr: bigint; len: number } | { ok: false; reason: 'syntax' | 'host-bits' };

export function parsePrefix6(text: string): Prefix6Parse {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: 'syntax' };
  const addr = parseIPv6(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  if (addr === undefined || !/^(0|[1-9]\d{0,2})$/.test(lenText)) return { ok: false, reason: 'syntax' };
  const len = Number(lenText);
  if (len > 128) return { ok: false, reason: 'syntax' };
  const hostMask = len === 128 ? 0n : (1n << BigInt(128 - len)) - 1n;
  if ((addr & hostMask) !== 0n) return { ok: false, reason: 'host-bits' };
  return { ok: true, addr, len };
}
