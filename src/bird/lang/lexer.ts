/**
 * Tokens of BIRD's configuration language (1.x and 2): symbols ('quoted' too), numbers, IPv4
 * addresses and prefixes, IPv6 literals, strings, operators, `[=` `=]` of AS-path masks.
 * Every token knows its file, line and column for error messages and explanations.
 */

export interface Pos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type TokenKind = 'sym' | 'num' | 'ip' | 'prefix' | 'ip6' | 'str' | 'punct' | 'eof';

export interface Token extends Pos {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset in the source, to cut the text of a statement for explanations. */
  readonly offset: number;
}

export class BirdSyntaxError extends Error {
  constructor(
    readonly pos: Pos,
    readonly detail: string,
  ) {
    super(`${pos.file}:${pos.line}:${pos.col}: ${detail}`);
  }
}

const PUNCT = [
  '[=',
  '=]',
  '!=',
  '==',
  '<=',
  '>=',
  '!~',
  '&&',
  '||',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '.',
  '=',
  '<',
  '>',
  '~',
  '!',
  '+',
  '-',
  '*',
  '/',
  ':',
  '?',
  '%',
];

const PUNCT2 = new Set(PUNCT.filter((p) => p.length === 2));
const PUNCT1 = new Set(PUNCT.filter((p) => p.length === 1));

// Sticky expressions: they match at `lastIndex` without cutting the source into pieces.
const IP4 = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(\/\d{1,2})?/y;
const IP6 = /[0-9a-fA-F]*:[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(\/\d{1,3})?/y;
const NUM = /(0x[0-9a-fA-F]+|\d+)/y;
const SYM = /[A-Za-z_][A-Za-z0-9_]*/y;

function stick(re: RegExp, src: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(src);
}

export function tokenize(src: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number): Pos => ({ file, line, col: at - lineStart + 1 });
  // One object per token, its fields always in the same order (a thousand configs make millions).
  const push = (kind: TokenKind, text: string, at: number) =>
    tokens.push({ file, line, col: at - lineStart + 1, kind, text, offset: at });
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new BirdSyntaxError(pos(i), 'unterminated comment');
      for (let k = i; k < end; k++)
        if (src[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      i = end + 2;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0 || src.slice(i, end).includes('\n')) throw new BirdSyntaxError(pos(i), 'unterminated string');
      push('str', src.slice(i + 1, end), i);
      i = end + 1;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0 || src.slice(i, end).includes('\n')) throw new BirdSyntaxError(pos(i), 'unterminated quoted symbol');
      push('sym', src.slice(i + 1, end), i);
      i = end + 1;
      continue;
    }
    const code = c.charCodeAt(0);
    const digit = code >= 48 && code <= 57;
    const hex = digit || (code >= 97 && code <= 102) || (code >= 65 && code <= 70) || code === 58;
    const ip4 = digit ? stick(IP4, src, i) : null;
    if (ip4) {
      push(ip4[1] ? 'prefix' : 'ip', ip4[0], i);
      i += ip4[0].length;
      continue;
    }
    // IPv6 needs two colons at least, which no other BIRD token has.
    const ip6 = hex ? stick(IP6, src, i) : null;
    if (ip6) {
      push('ip6', ip6[0], i);
      i += ip6[0].length;
      continue;
    }
    const num = digit ? stick(NUM, src, i) : null;
    if (num) {
      push('num', num[0], i);
      i += num[0].length;
      continue;
    }
    const sym = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 ? stick(SYM, src, i) : null;
    if (sym) {
      push('sym', sym[0], i);
      i += sym[0].length;
      continue;
    }
    const two = PUNCT2.has(src.slice(i, i + 2)) ? src.slice(i, i + 2) : undefined;
    const p = two ?? (PUNCT1.has(c) ? c : undefined);
    if (!p) throw new BirdSyntaxError(pos(i), `unexpected character ${JSON.stringify(c)}`);
    push('punct', p, i);
    i += p.length;
  }
  push('eof', '', src.length);
  return tokens;
}
