/** Expressions and statements of BIRD's filter language. */
import { parseIPv4, parsePrefix4 } from '../../lib/ip';
import type { Expr, PathMaskItem, PrefixPattern, Span, Stmt } from './ast';
import { BirdSyntaxError, type Token } from './lexer';

const VAR_TYPES = new Set([
  'int',
  'bool',
  'ip',
  'prefix',
  'pair',
  'quad',
  'string',
  'clist',
  'eclist',
  'lclist',
  'bgppath',
  'bgpmask',
  'ec',
  'lc',
  'enum',
]);
const COMPARE = new Set(['=', '==', '!=', '<', '>', '<=', '>=', '~', '!~']);

export class TokenStream {
  pos = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly sources: ReadonlyMap<string, string>,
  ) {}

  peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)] as Token;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'punct' || t.kind === 'sym') && t.text === text;
  }
  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.pos++;
    return true;
  }
  expect(text: string): Token {
    if (!this.is(text)) this.fail(`expected '${text}'`);
    return this.next();
  }
  fail(what: string): never {
    const t = this.peek();
    throw new BirdSyntaxError(t, `${what}, found ${t.kind === 'eof' ? 'the end of the file' : `'${t.text}'`}`);
  }
  /** The source text from token `from` up to (not including) the current token. */
  span(from: Token): Span {
    const last = this.tokens[Math.max(0, this.pos - 1)] as Token;
    const src = this.sources.get(from.file) ?? '';
    const end =
      last.file === from.file
        ? last.offset +
          (last.kind === 'str'
            ? last.text.length + 2
            : last.kind === 'sym' && src[last.offset] === "'"
              ? last.text.length + 2
              : last.text.length)
        : from.offset + from.text.length;
    return lazySpan(from.file, from.line, from.col, src, from.offset, Math.max(end, from.offset));
  }
}

/**
 * A span whose text is cut from the source only when someone reads it (explanations are rare,
 * spans are many). It stays a plain object with an enumerable `text`, so it compares and
 * serialises like any other.
 */
function lazySpan(file: string, line: number, col: number, src: string, start: number, end: number): Span {
  let cached: string | undefined;
  // A getter in the literal: enumerable like a field, and the object keeps a fixed shape.
  return {
    file,
    line,
    col,
    get text(): string {
      return (cached ??= src.slice(start, end).replace(/\s+/g, ' ').trim());
    },
  };
}

export function parseStatements(ts: TokenStream, until = '}'): Stmt[] {
  const out: Stmt[] = [];
  while (!ts.is(until)) {
    if (ts.peek().kind === 'eof') ts.fail(`expected '${until}'`);
    if (ts.accept(';')) continue;
    out.push(parseStatement(ts));
  }
  return out;
}

export function parseStatement(ts: TokenStream): Stmt {
  const start = ts.peek();
  if (ts.accept('if')) {
    const cond = parseExpr(ts);
    ts.expect('then');
    const then = parseStatement(ts);
    const otherwise = ts.accept('else') ? parseStatement(ts) : undefined;
    return otherwise
      ? { k: 'if', cond, then, else: otherwise, at: ts.span(start) }
      : { k: 'if', cond, then, at: ts.span(start) };
  }
  if (ts.accept('{')) {
    const body = parseStatements(ts);
    ts.expect('}');
    return { k: 'block', body, at: ts.span(start) };
  }
  if (ts.accept('accept') || ts.accept('reject')) {
    if (ts.peek().kind === 'str') ts.next();
    ts.expect(';');
    return { k: start.text as 'accept' | 'reject', at: ts.span(start) };
  }
  if (ts.accept('return')) {
    const e = ts.is(';') ? undefined : parseExpr(ts);
    ts.expect(';');
    return e ? { k: 'return', e, at: ts.span(start) } : { k: 'return', at: ts.span(start) };
  }
  if (ts.accept('print') || ts.accept('printn')) {
    while (!ts.is(';')) {
      parseExpr(ts);
      ts.accept(',');
    }
    ts.expect(';');
    return { k: 'print', at: ts.span(start) };
  }
  if (ts.peek().kind !== 'sym') ts.fail('expected a statement');
  const t = ts.next();
  if (VAR_TYPES.has(t.text) && ts.peek().kind === 'sym' && ts.is(';', 1)) {
    const name = ts.next().text;
    ts.expect(';');
    return { k: 'vardecl', type: t.text, name, at: ts.span(start) };
  }
  if (ts.accept('=')) {
    const e = parseExpr(ts);
    ts.expect(';');
    return { k: 'assign', name: t.text, e, at: ts.span(start) };
  }
  if (ts.accept('.')) {
    const method = ts.next();
    if (method.kind !== 'sym') ts.fail('expected a method name');
    const args = parseArgs(ts);
    ts.expect(';');
    return { k: 'method', target: t.text, name: method.text, args, at: ts.span(start) };
  }
  if (ts.is('(')) {
    const args = parseArgs(ts);
    ts.expect(';');
    return { k: 'call', name: t.text, args, at: ts.span(start) };
  }
  return ts.fail(`expected '=', '.' or '(' after '${t.text}'`);
}

function parseArgs(ts: TokenStream): Expr[] {
  ts.expect('(');
  const args: Expr[] = [];
  if (!ts.is(')')) {
    args.push(parseExpr(ts));
    while (ts.accept(',')) args.push(parseExpr(ts));
  }
  ts.expect(')');
  return args;
}

export function parseExpr(ts: TokenStream): Expr {
  return parseBinary(ts, 0);
}

const LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], [...COMPARE], ['+', '-'], ['*', '/']];

function parseBinary(ts: TokenStream, level: number): Expr {
  if (level >= LEVELS.length) return parseUnary(ts);
  const start = ts.peek();
  let left = parseBinary(ts, level + 1);
  for (;;) {
    const op = (LEVELS[level] as readonly string[]).find((o) => ts.peek().kind === 'punct' && ts.peek().text === o);
    if (!op) return left;
    ts.next();
    const right = parseBinary(ts, level + 1);
    left = { k: 'binary', op: op === '==' ? '=' : op, l: left, r: right, at: ts.span(start) };
    if (COMPARE.has(op)) return left; // comparisons do not chain
  }
}

function parseUnary(ts: TokenStream): Expr {
  const start = ts.peek();
  if (ts.accept('!')) return { k: 'unary', op: '!', e: parseUnary(ts), at: ts.span(start) };
  if (ts.is('-') && ts.peek(1).kind === 'num') {
    ts.next();
    return { k: 'unary', op: '-', e: parseUnary(ts), at: ts.span(start) };
  }
  return parsePostfix(ts);
}

function parsePostfix(ts: TokenStream): Expr {
  const start = ts.peek();
  let e = parsePrimary(ts);
  while (ts.is('.') && ts.peek(1).kind === 'sym') {
    ts.next();
    const name = ts.next().text;
    e = { k: 'member', target: e, name, at: ts.span(start) };
  }
  return e;
}

function parsePrimary(ts: TokenStream): Expr {
  const start = ts.peek();
  const t = ts.next();
  switch (t.kind) {
    case 'num':
      return { k: 'int', v: Number(t.text), at: ts.span(start) };
    case 'ip':
      return { k: 'ip', v: parseIPv4(t.text) ?? ts.fail(`invalid IPv4 address ${t.text}`), at: ts.span(start) };
    case 'prefix': {
      const p = parsePrefix4(t.text);
      if (!p.ok) ts.fail(`invalid prefix ${t.text}`);
      return { k: 'prefix', v: p.prefix, at: ts.span(start) };
    }
    case 'ip6':
      return { k: 'ip6', v: t.text, at: ts.span(start) };
    case 'str':
      return { k: 'str', v: t.text, at: ts.span(start) };
    case 'sym':
      if (t.text === 'true' || t.text === 'false') return { k: 'bool', v: t.text === 'true', at: ts.span(start) };
      if (t.text === 'defined') {
        ts.expect('(');
        const name = ts.next();
        if (name.kind !== 'sym') ts.fail('defined() takes an attribute name');
        ts.expect(')');
        return { k: 'defined', name: name.text, at: ts.span(start) };
      }
      if (/^(RTS|RTD|SCOPE|ORIGIN|NET|RTP)_[A-Z_]+$/.test(t.text)) return { k: 'enum', v: t.text, at: ts.span(start) };
      if (ts.is('(')) return { k: 'call', name: t.text, args: parseArgs(ts), at: ts.span(start) };
      return { k: 'sym', name: t.text, at: ts.span(start) };
    case 'punct':
      if (t.text === '(') {
        const items = [parseTupleItem(ts)];
        while (ts.accept(',')) items.push(parseTupleItem(ts));
        ts.expect(')');
        return items.length === 1 ? (items[0] as Expr) : { k: 'tuple', items, at: ts.span(start) };
      }
      if (t.text === '[') return parseSet(ts, start);
      if (t.text === '[=') return parsePathMask(ts, start);
      break;
  }
  return ts.fail('expected an expression');
}

/** Inside a pair or set of pairs, `*` is a wildcard. */
function parseTupleItem(ts: TokenStream): Expr {
  const start = ts.peek();
  if (ts.accept('*')) return { k: 'enum', v: '*', at: ts.span(start) };
  return parseExpr(ts);
}

function parseSet(ts: TokenStream, start: Token): Expr {
  if (ts.peek().kind === 'prefix') {
    const items: PrefixPattern[] = [];
    do {
      const t = ts.next();
      const p = t.kind === 'prefix' ? parsePrefix4(t.text) : undefined;
      if (!p || !p.ok) ts.fail('expected a prefix in the prefix set');
      let [min, max] = [p.prefix.len, p.prefix.len];
      if (ts.accept('+')) max = 32;
      else if (ts.accept('-')) min = 0;
      else if (ts.accept('{')) {
        min = Number(ts.next().text);
        ts.expect(',');
        max = Number(ts.next().text);
        const close = ts.expect('}');
        // As `bird -p` says it, at the closing brace.
        if (!(min <= max) || max > 32)
          throw new BirdSyntaxError(close, `Invalid prefix pattern range: {${min}, ${max}}.`);
      }
      items.push({ prefix: p.prefix, min, max });
    } while (ts.accept(','));
    ts.expect(']');
    return { k: 'prefixSet', items, at: ts.span(start) };
  }
  const items: Expr[] = [];
  if (!ts.is(']')) {
    items.push(parseTupleItem(ts));
    while (ts.accept(',')) items.push(parseTupleItem(ts));
  }
  ts.expect(']');
  return { k: 'set', items, at: ts.span(start) };
}

function parsePathMask(ts: TokenStream, start: Token): Expr {
  const items: PathMaskItem[] = [];
  while (!ts.accept('=]')) {
    const t = ts.peek();
    if (t.kind === 'punct' && t.text === '*') items.push({ k: 'any' });
    else if (t.kind === 'punct' && t.text === '?') items.push({ k: 'one' });
    else if (t.kind === 'num') items.push({ k: 'asn', v: Number(t.text) });
    else ts.fail('expected an AS number, * or ? in the path mask');
    ts.next();
  }
  return { k: 'pathMask', items, at: ts.span(start) };
}
