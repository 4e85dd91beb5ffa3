/**
 * Calico label selectors (the subset BGPPeer nodeSelector/peerSelector use): all(), has(k),
 * k == 'v', k != 'v', k in {...}, k not in {...}, contains, starts with, ends with, !, &&, ||,
 * parentheses. Parsed once into an AST that evaluates against a node's labels.
 */
import { type Result, ok, err } from '../../lib/result';

export type Selector =
  | { op: 'all' }
  | { op: 'has'; key: string }
  | { op: 'eq' | 'ne' | 'contains' | 'starts' | 'ends'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'not'; expr: Selector }
  | { op: 'and' | 'or'; left: Selector; right: Selector };

type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'punct'; v: string; at: number }
  | { t: 'end'; at: number };

const PUNCT = ['==', '!=', '&&', '||', '!', '(', ')', '{', '}', ','];
const IDENT = /^[a-zA-Z0-9_./-]+/;

function tokenize(src: string): Result<Token[], string> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) return err(`unterminated string starting at character ${i + 1}`);
      tokens.push({ t: 'string', v: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const punct = PUNCT.find((p) => src.startsWith(p, i));
    if (punct) {
      tokens.push({ t: 'punct', v: punct, at: i });
      i += punct.length;
      continue;
    }
    const m = IDENT.exec(src.slice(i));
    if (!m) return err(`unexpected character ${JSON.stringify(c)} at character ${i + 1}`);
    tokens.push({ t: 'ident', v: m[0], at: i });
    i += m[0].length;
  }
  tokens.push({ t: 'end', at: src.length });
  return ok(tokens);
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private nesting = 0;

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }
  private next(): Token {
    const t = this.peek();
    this.pos++;
    return t;
  }
  private isPunct(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'punct' && t.v === v;
  }
  private isIdent(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'ident' && t.v === v;
  }
  private fail(what: string): never {
    const t = this.peek();
    const found = t.t === 'end' ? 'the end' : JSON.stringify(t.v);
    throw new SelectorError(`expected ${what} at character ${t.at + 1}, found ${found}`);
  }
  private expectPunct(v: string): void {
    if (!this.isPunct(v)) this.fail(`'${v}'`);
    this.pos++;
  }

  parse(): Selector {
    const expr = this.parseOr();
    if (this.peek().t !== 'end') this.fail("'&&', '||' or the end of the selector");
    return expr;
  }
  private parseOr(): Selector {
    let left = this.parseAnd();
    while (this.isPunct('||')) {
      this.pos++;
      left = { op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }
  private parseAnd(): Selector {
    let left = this.parseUnary();
    while (this.isPunct('&&')) {
      this.pos++;
      left = { op: 'and', left, right: this.parseUnary() };
    }
    return left;
  }
  private parseUnary(): Selector {
    if (this.isPunct('!') || this.isPunct('(')) {
      // Each '!' and '(' is a level of recursion here: a hostile selector must not exhaust the stack.
      if (++this.nesting > MAX_SELECTOR_DEPTH)
        throw new SelectorError(
          `more than ${MAX_SELECTOR_DEPTH} levels of '!' and '(' at character ${this.peek().at + 1}`,
        );
      const negation = this.isPunct('!');
      this.pos++;
      const inner: Selector = negation ? { op: 'not', expr: this.parseUnary() } : this.parseOr();
      if (!negation) this.expectPunct(')');
      this.nesting--;
      return inner;
    }
    return this.parseTerm();
  }
  private parseString(): string {
    const t = this.peek();
    if (t.t !== 'string') this.fail('a quoted string');
    this.pos++;
    return t.v;
  }
  private parseSet(): string[] {
    this.expectPunct('{');
    const values: string[] = [];
    if (!this.isPunct('}')) {
      values.push(this.parseString());
      while (this.isPunct(',')) {
        this.pos++;
        values.push(this.parseString());
      }
    }
    this.expectPunct('}');
    return values;
  }
  private parseTerm(): Selector {
    if ((this.isIdent('all') || this.isIdent('global')) && this.isPunct('(', 1)) {
      this.pos += 2;
      this.expectPunct(')');
      return { op: 'all' };
    }
    if (this.isIdent('has') && this.isPunct('(', 1)) {
      this.pos += 2;
      const key = this.next();
      if (key.t !== 'ident') {
        this.pos--;
        this.fail('a label name');
      }
      this.expectPunct(')');
      return { op: 'has', key: key.v };
    }
    const key = this.next();
    if (key.t !== 'ident') {
      this.pos--;
      this.fail('a label name, all(), has(...), ! or (');
    }
    if (this.isPunct('==') || this.isPunct('!=')) {
      const op = this.isPunct('==') ? 'eq' : 'ne';
      this.pos++;
      return { op, key: key.v, value: this.parseString() };
    }
    if (this.isIdent('in')) {
      this.pos++;
      return { op: 'in', key: key.v, values: this.parseSet() };
    }
    if (this.isIdent('not') && this.isIdent('in', 1)) {
      this.pos += 2;
      return { op: 'notin', key: key.v, values: this.parseSet() };
    }
    if (this.isIdent('contains')) {
      this.pos++;
      return { op: 'contains', key: key.v, value: this.parseString() };
    }
    if ((this.isIdent('starts') || this.isIdent('ends')) && this.isIdent('with', 1)) {
      const op = this.isIdent('starts') ? 'starts' : 'ends';
      this.pos += 2;
      return { op, key: key.v, value: this.parseString() };
    }
    return this.fail("'==', '!=', 'in', 'not in', 'contains', 'starts with' or 'ends with'");
  }
}

class SelectorError extends Error {}

/** How deep a selector may nest: '!' and '(' while parsing, and its tree (chains of && and || included) when evaluated. */
export const MAX_SELECTOR_DEPTH = 128;

/** Parses a Calico selector; the error names the character position and what was expected. */
export function parseSelector(src: string): Result<Selector, string> {
  const tokens = tokenize(src);
  if (!tokens.ok) return tokens;
  let selector: Selector;
  try {
    selector = new Parser(tokens.value).parse();
  } catch (e) {
    if (e instanceof SelectorError) return err(e.message);
    throw e;
  }
  // && and || chains are parsed by loops but evaluated by recursion (matchesSelector).
  if (selectorDepth(selector) > MAX_SELECTOR_DEPTH)
    return err(`more than ${MAX_SELECTOR_DEPTH} levels deep once parsed (each && and || of a chain is one)`);
  return ok(selector);
}

function selectorDepth(root: Selector): number {
  let max = 0;
  const stack: [Selector, number][] = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [sel, depth] = top;
    max = Math.max(max, depth);
    if (sel.op === 'and' || sel.op === 'or') stack.push([sel.left, depth + 1], [sel.right, depth + 1]);
    else if (sel.op === 'not') stack.push([sel.expr, depth + 1]);
  }
  return max;
}

/** A selector as a message quotes it: whole when short, its start otherwise. */
export function quoteSelector(src: string): string {
  return JSON.stringify(src.length > 120 ? `${src.slice(0, 120)}…` : src);
}

/** The label's own value: a key such as `constructor` must not read Object.prototype. */
function labelValue(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** Evaluates a parsed selector against a label map, as Calico does (a missing label never equals). */
export function matchesSelector(sel: Selector, labels: Readonly<Record<string, string>>): boolean {
  switch (sel.op) {
    case 'all':
      return true;
    case 'has':
      return Object.hasOwn(labels, sel.key);
    case 'eq':
      return labelValue(labels, sel.key) === sel.value;
    case 'ne':
      return labelValue(labels, sel.key) !== sel.value;
    case 'in':
      return Object.hasOwn(labels, sel.key) && sel.values.includes(labels[sel.key] as string);
    case 'notin':
      return !Object.hasOwn(labels, sel.key) || !sel.values.includes(labels[sel.key] as string);
    case 'contains':
      return labelValue(labels, sel.key)?.includes(sel.value) ?? false;
    case 'starts':
      return labelValue(labels, sel.key)?.startsWith(sel.value) ?? false;
    case 'ends':
      return labelValue(labels, sel.key)?.endsWith(sel.value) ?? false;
    case 'not':
      return !matchesSelector(sel.expr, labels);
    case 'and':
      return matchesSelector(sel.left, labels) && matchesSelector(sel.right, labels);
    case 'or':
      return matchesSelector(sel.left, labels) || matchesSelector(sel.right, labels);
  }
}

/** The selector liveroute writes for "every node of this rack". */
export function rackSelector(rack: string): string {
  return `rack == '${rack}'`;
}

/** The rack a selector names when it is exactly `rack == '<name>'` (as the canvas draws bundles). */
export function rackOfSelector(src: string): string | undefined {
  const parsed = parseSelector(src);
  if (!parsed.ok) return undefined;
  const s = parsed.value;
  return s.op === 'eq' && s.key === 'rack' ? s.value : undefined;
}
