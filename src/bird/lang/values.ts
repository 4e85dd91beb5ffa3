/** Values of BIRD's filter language and the operators on them (domain §5.2). */
import { maskOf, prefixContainsAddr, prefixContainsPrefix, type Prefix4 } from '../../lib/ip';
import type { PathMaskItem, PrefixPattern } from './ast';

export type Value =
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'ip'; readonly v: number }
  | { readonly t: 'prefix'; readonly v: Prefix4 }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'enum'; readonly v: string }
  | { readonly t: 'pair'; readonly a: number | '*'; readonly b: number | '*' }
  | { readonly t: 'lc'; readonly a: number | '*'; readonly b: number | '*'; readonly c: number | '*' }
  | { readonly t: 'clist'; readonly v: readonly string[] }
  | { readonly t: 'lclist'; readonly v: readonly string[] }
  | { readonly t: 'path'; readonly v: readonly number[] }
  | { readonly t: 'prefixSet'; readonly v: readonly PrefixPattern[] }
  | { readonly t: 'set'; readonly v: readonly Value[] }
  | { readonly t: 'pathMask'; readonly v: readonly PathMaskItem[] }
  | { readonly t: 'void' };

/** A runtime error: BIRD rejects the route (domain §5.1). */
export class FilterRuntimeError extends Error {}

export const int = (v: number): Value => ({ t: 'int', v });
export const bool = (v: boolean): Value => ({ t: 'bool', v });

export function show(v: Value): string {
  switch (v.t) {
    case 'int':
    case 'ip':
      return String(v.t === 'ip' ? [v.v >>> 24, (v.v >>> 16) & 255, (v.v >>> 8) & 255, v.v & 255].join('.') : v.v);
    case 'bool':
      return String(v.v);
    case 'prefix':
      return `${show({ t: 'ip', v: v.v.addr })}/${v.v.len}`;
    case 'string':
      return JSON.stringify(v.v);
    case 'enum':
      return v.v;
    case 'pair':
      return `(${v.a},${v.b})`;
    case 'lc':
      return `(${v.a}, ${v.b}, ${v.c})`;
    case 'clist':
    case 'lclist':
      return `(${v.t}: ${v.v.join(' ')})`;
    case 'path':
      return `(path ${v.v.join(' ')})`;
    case 'prefixSet':
      return `[${v.v.map((p) => `${show({ t: 'prefix', v: p.prefix })}{${p.min},${p.max}}`).join(', ')}]`;
    case 'set':
      return `[${v.v.map(show).join(', ')}]`;
    case 'pathMask':
      return `[= ${v.v.map((i) => (i.k === 'asn' ? i.v : i.k === 'any' ? '*' : '?')).join(' ')} =]`;
    case 'void':
      return '(void)';
  }
}

/** `=`: same type and same value; values of different types are never equal (BIRD's val_same). */
export function same(a: Value, b: Value): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'int':
      // BIRD's ints are unsigned 32-bit: 0 - 1 = 4294967295.
      return a.v >>> 0 === (b as typeof a).v >>> 0;
    case 'prefix':
      return a.v.addr === (b as typeof a).v.addr && a.v.len === (b as typeof a).v.len;
    case 'clist':
    case 'lclist':
    case 'path':
      return a.v.length === (b as typeof a).v.length && a.v.every((x, i) => x === (b as typeof a).v[i]);
    case 'pair':
      return a.a === (b as typeof a).a && a.b === (b as typeof a).b;
    case 'lc':
      return a.a === (b as typeof a).a && a.b === (b as typeof a).b && a.c === (b as typeof a).c;
    case 'void':
      return true;
    case 'set':
    case 'prefixSet':
    case 'pathMask':
      return JSON.stringify(a.v) === JSON.stringify((b as typeof a).v);
    default:
      return a.v === (b as { v: unknown }).v;
  }
}

/**
 * `<` and friends: ints (unsigned, as BIRD's), ips and strings; values of different types raise
 * (BIRD's val_compare), except an undefined attribute (void), which BIRD orders below any value:
 * `krt_metric < 1024` is true when krt_metric is undefined, `krt_metric > 1024` false.
 */
export function compare(a: Value, b: Value, op: string): boolean {
  let c: number;
  if (a.t === 'void' || b.t === 'void') {
    c = a.t === b.t ? 0 : a.t === 'void' ? -1 : 1;
  } else if (a.t !== b.t || !(a.t === 'int' || a.t === 'ip' || a.t === 'string')) {
    throw new FilterRuntimeError(`Incompatible types in comparison: ${a.t} ${op} ${b.t}`);
  } else {
    const x = a.t === 'int' ? a.v >>> 0 : a.v;
    const y = b.t === 'int' ? b.v >>> 0 : (b as typeof a).v;
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
}

/**
 * A prefix matches the pattern `P/len{min,max}` when the first min(its length, len) bits agree
 * and min <= its length <= max (BIRD's trie): `10.0.0.0/8 ~ [ 10.244.0.0/16- ]` is true.
 */
function patternMatches(p: PrefixPattern, net: Prefix4): boolean {
  const bits = Math.min(net.len, p.prefix.len);
  return ((net.addr ^ p.prefix.addr) & maskOf(bits)) === 0 && net.len >= p.min && net.len <= p.max;
}

/** Shell-style pattern (`*`, `?`) as BIRD's patmatch for `ifname ~ "eth*"`. */
export function patternMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(text);
}

function communityMatches(pattern: Value, key: string): boolean {
  const parts = key.split(':').map(Number);
  const want =
    pattern.t === 'pair' ? [pattern.a, pattern.b] : pattern.t === 'lc' ? [pattern.a, pattern.b, pattern.c] : undefined;
  return want !== undefined && want.length === parts.length && want.every((w, i) => w === '*' || w === parts[i]);
}

function pathMatches(mask: readonly PathMaskItem[], path: readonly number[]): boolean {
  const go = (m: number, p: number): boolean => {
    if (m === mask.length) return p === path.length;
    const item = mask[m] as PathMaskItem;
    if (item.k === 'any') return go(m + 1, p) || (p < path.length && go(m, p + 1));
    if (p >= path.length) return false;
    return (item.k === 'one' || item.v === path[p]) && go(m + 1, p + 1);
  };
  return go(0, 0);
}

/** `a ~ b` (membership / match); throws on types BIRD cannot match. */
export function matches(a: Value, b: Value): boolean {
  if (a.t === 'void' || b.t === 'void')
    throw new FilterRuntimeError(`~ applied to an undefined value: ${a.t} ~ ${b.t}`);
  if (b.t === 'prefixSet') {
    if (a.t !== 'prefix') throw new FilterRuntimeError(`Incompatible types in ~: ${a.t} ~ prefix set`);
    return b.v.some((p) => patternMatches(p, a.v));
  }
  if (b.t === 'prefix') {
    if (a.t === 'prefix') return prefixContainsPrefix(b.v, a.v);
    if (a.t === 'ip') return prefixContainsAddr(b.v, a.v);
  }
  if ((b.t === 'clist' || b.t === 'lclist') && (a.t === 'pair' || a.t === 'lc'))
    return b.v.some((k) => communityMatches(a, k));
  // `bgp_community ~ [(65000,*)]`: some member of the list is in the set (the other way round is an error).
  if (b.t === 'set' && (a.t === 'clist' || a.t === 'lclist'))
    return a.v.some((k) => b.v.some((p) => communityMatches(p, k)));
  if (b.t === 'pathMask' && a.t === 'path') return pathMatches(b.v, a.v);
  if (b.t === 'set')
    return b.v.some((x) =>
      (x.t === 'pair' || x.t === 'lc') && (a.t === 'pair' || a.t === 'lc')
        ? communityMatches(x, `${a.a}:${a.b}${a.t === 'lc' ? `:${a.c}` : ''}`)
        : same(a, x),
    );
  if (b.t === 'string' && a.t === 'string') return patternMatch(b.v, a.v);
  throw new FilterRuntimeError(`Incompatible types in ~: ${a.t} ~ ${b.t}`);
}
