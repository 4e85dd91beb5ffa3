/** Values of BIRD's filter language and the operators on them (domain §5.2). */
import { prefixContainsAddr, prefixContainsPrefix, type Prefix4 } from '../../lib/ip';
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

/** `<` and friends: ints, ips and strings only (BIRD's val_compare raises on other types). */
export function compare(a: Value, b: Value, op: string): boolean {
  if (a.t !== b.t || !(a.t === 'int' || a.t === 'ip' || a.t === 'string')) {
    throw new FilterRuntimeError(`Incompatible types in comparison: ${a.t} ${op} ${b.t}`);
  }
  const x = a.v as number | string;
  const y = (b as typeof a).v as number | string;
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

/** Shell-style pattern (`*`, `?`) as BIRD's patmatch for `ifname ~ "eth*"`. */
export function patternMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(text);
}

function communityMatches(pattern: Value, key: string): boolean {
  const parts = key.split(':').map(Number);
  const want = pattern.t === 'pair' ? [pattern.a, pattern.b] : pattern.t === 'lc' ? [pattern.a, pattern.b, pattern.c] : undefined;
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
  if (b.t === 'prefixSet') {
    if (a.t !== 'prefix') throw new FilterRuntimeError(`Incompatible types in ~: ${a.t} ~ prefix set`);
    return b.v.some((p) => prefixContainsPrefix(p.prefix, a.v) && a.v.len >= p.min && a.v.len <= p.max);
  }
  if (b.t === 'prefix') {
    if (a.t === 'prefix') return prefixContainsPrefix(b.v, a.v);
    if (a.t === 'ip') return prefixContainsAddr(b.v, a.v);
  }
  if (b.t === 'clist' || b.t === 'lclist') {
    if (a.t === 'pair' || a.t === 'lc') return b.v.some((k) => communityMatches(a, k));
    if (a.t === 'set') return b.v.some((k) => a.v.some((p) => communityMatches(p, k)));
  }
  if (b.t === 'pathMask' && a.t === 'path') return pathMatches(b.v, a.v);
  if (b.t === 'set') return b.v.some((x) => (x.t === 'pair' || x.t === 'lc') && (a.t === 'pair' || a.t === 'lc') ? communityMatches(x, `${a.a}:${a.b}${a.t === 'lc' ? `:${a.c}` : ''}`) : same(a, x));
  if (b.t === 'string' && a.t === 'string') return patternMatch(b.v, a.v);
  throw new FilterRuntimeError(`Incompatible types in ~: ${a.t} ~ ${b.t}`);
}
