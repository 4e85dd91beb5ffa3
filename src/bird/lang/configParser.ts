/**
 * BIRD configuration files: functions, filters, templates, protocols (with their options,
 * filters and BIRD 2 channel blocks), `define`, global options; `include` resolved through a
 * caller-supplied file table. Errors name the file, line and column, like `bird -p`.
 */
import type { BirdConfig, Expr, FilterDef, FilterRef, FunctionDef, Option, ProtocolDef } from './ast';
import { BirdSyntaxError, tokenize, type Token } from './lexer';
import { parseExpr, parseStatements, TokenStream } from './exprParser';
import { GenerationCache } from './generations';

const MAX_INCLUDE_DEPTH = 8;

/**
 * Parsed functions and filters by their source text and position: calico-node configs of one
 * cluster share most of them word for word (BGPFilter functions, calico_export_to_bgp_peers),
 * so a thousand nodes parse them once. The position is part of the key, so spans stay exact.
 */
const ITEM_CACHE = new GenerationCache<string, FunctionDef | FilterDef>(8192);
/** Protocols and templates the same way (device, kernel, direct: the same on every node). */
const PROTOCOL_CACHE = new GenerationCache<string, ProtocolDef>(8192);
/** Inline filters of protocols: word for word the same on every node of a rack, at the same place. */
const REF_CACHE = new GenerationCache<string, FilterRef>(8192);
/** Tokens of included files: confd's bird_ipam.cfg is the same file on every node. */
const INCLUDE_TOKENS = new GenerationCache<string, readonly Token[]>(8192);

/** A cached item (undefined without a key). */
function recall<V>(cache: GenerationCache<string, V>, key: string | undefined): V | undefined {
  return cache.get(key);
}

function remember<V>(cache: GenerationCache<string, V>, key: string, value: V): void {
  cache.set(key, value);
}

/** The key of the item from `start` to `close`: its file, place and exact text. */
function itemKey(start: Token, close: Token | undefined, sources: ReadonlyMap<string, string>): string | undefined {
  return close && close.file === start.file
    ? `${start.file}:${start.line}:${start.col}:${(sources.get(start.file) ?? '').slice(start.offset, close.offset + 1)}`
    : undefined;
}

/** Index of the token closing the first `{ ... }` block from `from`, or -1. */
function blockEnd(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '{') depth++;
    else if (t.text === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandIncludes(
  file: string,
  text: string,
  files: ReadonlyMap<string, string>,
  sources: Map<string, string>,
  depth: number,
): Token[] {
  sources.set(file, text);
  const cacheKey = depth > 0 ? `${file}\0${text}` : undefined;
  let tokens = recall(INCLUDE_TOKENS, cacheKey);
  if (!tokens) {
    tokens = tokenize(text, file);
    if (cacheKey !== undefined) remember(INCLUDE_TOKENS, cacheKey, tokens);
  }
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const name = tokens[i + 1];
    if (t.kind === 'sym' && t.text === 'include' && name?.kind === 'str' && tokens[i + 2]?.text === ';') {
      const included = files.get(name.text);
      if (included === undefined) throw new BirdSyntaxError(name, `Unable to open included file ${name.text}`);
      if (depth >= MAX_INCLUDE_DEPTH) throw new BirdSyntaxError(name, 'include nested too deeply');
      out.push(...expandIncludes(name.text, included, files, sources, depth + 1).filter((x) => x.kind !== 'eof'));
      i += 2;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** The words of an option up to `;`, `{` or `}` (strings keep their quotes). */
function words(ts: TokenStream): string[] {
  const out: string[] = [];
  while (!ts.is(';') && !ts.is('{') && !ts.is('}') && ts.peek().kind !== 'eof') {
    const t = ts.next();
    out.push(t.kind === 'str' ? `"${t.text}"` : t.text);
  }
  return out;
}

function parseFilterRef(ts: TokenStream, start: Token): FilterRef {
  if (ts.accept('all')) return { k: 'all' };
  if (ts.accept('none')) return { k: 'none' };
  if (ts.accept('where')) return { k: 'where', cond: parseExpr(ts), at: ts.span(start) };
  ts.expect('filter');
  if (ts.is('{')) {
    const key = itemKey(start, ts.tokens[blockEnd(ts.tokens, ts.pos)], ts.sources);
    const hit = recall(REF_CACHE, key);
    if (hit) {
      ts.pos = blockEnd(ts.tokens, ts.pos) + 1;
      return hit;
    }
    ts.next();
    const body = parseStatements(ts);
    ts.expect('}');
    const ref: FilterRef = { k: 'inline', body, at: ts.span(start) };
    if (key !== undefined) remember(REF_CACHE, key, ref);
    return ref;
  }
  if (ts.accept('{')) {
    const body = parseStatements(ts);
    ts.expect('}');
    return { k: 'inline', body, at: ts.span(start) };
  }
  const name = ts.next();
  if (name.kind !== 'sym') ts.fail('expected a filter name or {');
  return { k: 'named', name: name.text, at: ts.span(start) };
}

function parseOptions(ts: TokenStream): Option[] {
  const out: Option[] = [];
  while (!ts.is('}')) {
    if (ts.peek().kind === 'eof') ts.fail("expected '}'");
    if (ts.accept(';')) continue;
    const start = ts.peek();
    const direction = ts.peek().text;
    if (
      (direction === 'import' || direction === 'export') &&
      ['filter', 'all', 'none', 'where'].includes(ts.peek(1).text)
    ) {
      ts.next();
      const filter = parseFilterRef(ts, start);
      ts.accept(';');
      out.push({ words: [direction], filter, at: ts.span(start) });
      continue;
    }
    const w = words(ts);
    if (ts.accept('{')) {
      const block = parseOptions(ts);
      ts.expect('}');
      ts.accept(';');
      out.push({ words: w, block, at: ts.span(start) });
      continue;
    }
    // The last item of a block may end at its brace (`debug { states };`).
    if (!ts.is('}')) ts.expect(';');
    out.push({ words: w, at: ts.span(start) });
  }
  return out;
}

function parseParams(ts: TokenStream): { type: string; name: string }[] {
  ts.expect('(');
  const params: { type: string; name: string }[] = [];
  while (!ts.accept(')')) {
    let type = ts.next().text;
    if (ts.is('set')) type += ` ${ts.next().text}`; // `int set`, `prefix set`
    const name = ts.next();
    if (name.kind !== 'sym') ts.fail('expected a parameter name');
    params.push({ type, name: name.text });
    // BIRD 1.x separates parameters with `;`, BIRD 2 with `,`.
    if (!ts.accept(',')) ts.accept(';');
  }
  return params;
}

/** Local variable declarations BIRD 1.x allows between a function's head and body. */
function skipLocalDeclarations(ts: TokenStream): void {
  while (!ts.is('{')) {
    words(ts);
    ts.expect(';');
  }
}

export function parseBirdConfig(
  main: { name: string; text: string },
  includes: ReadonlyMap<string, string> = new Map(),
): BirdConfig {
  const sources = new Map<string, string>();
  const ts = new TokenStream(expandIncludes(main.name, main.text, includes, sources, 0), sources);
  const functions = new Map<string, FunctionDef>();
  const filters = new Map<string, FilterDef>();
  const protocols: ProtocolDef[] = [];
  const templates = new Map<string, ProtocolDef>();
  const globals: Option[] = [];
  const defines = new Map<string, Expr>();
  const symbolTaken = (t: Token, name: string) => {
    if (functions.has(name) || filters.has(name) || templates.has(name) || defines.has(name))
      throw new BirdSyntaxError(t, `${name}: this symbol already exists`);
  };
  let lastProtocol: ProtocolDef | undefined;
  while (ts.peek().kind !== 'eof') {
    const start = ts.peek();
    if (ts.accept(';')) continue;
    if (ts.is('protocol') || ts.is('template')) {
      const end = blockEnd(ts.tokens, ts.pos);
      const key = end >= 0 ? itemKey(start, ts.tokens[end], sources) : undefined;
      const hit = recall(PROTOCOL_CACHE, key);
      if (hit && (hit.from === undefined || templates.has(hit.from))) {
        if (hit.kind === 'template') templates.set(hit.name as string, hit);
        else protocols.push(hit);
        ts.pos = end + 1;
        continue;
      }
      lastProtocol = undefined;
      parseItem(start);
      const def = lastProtocol;
      if (key !== undefined && def && ts.pos === end + 1) remember(PROTOCOL_CACHE, key, def);
      continue;
    }
    if (ts.is('function') || ts.is('filter')) {
      const end = blockEnd(ts.tokens, ts.pos);
      const close = end >= 0 ? (ts.tokens[end] as Token) : undefined;
      const key = itemKey(start, close, sources);
      const hit = recall(ITEM_CACHE, key);
      const name = ts.peek(1);
      if (hit && hit.name === name.text) {
        symbolTaken(name, name.text);
        if ('params' in hit) functions.set(hit.name, hit as FunctionDef);
        else filters.set(hit.name, hit);
        ts.pos = end + 1;
        continue;
      }
      if (key) {
        const before = functions.size + filters.size;
        parseItem(start);
        if (functions.size + filters.size > before && ts.pos === end + 1) {
          remember(ITEM_CACHE, key, (functions.get(name.text) ?? filters.get(name.text)) as FunctionDef | FilterDef);
        }
        continue;
      }
    }
    parseItem(start);
  }
  function parseItem(start: Token): void {
    if (ts.accept('function')) {
      const name = ts.next();
      symbolTaken(name, name.text);
      const params = parseParams(ts);
      skipLocalDeclarations(ts);
      ts.expect('{');
      const body = parseStatements(ts);
      ts.expect('}');
      functions.set(name.text, { name: name.text, params, body, at: ts.span(start) });
    } else if (ts.accept('filter')) {
      const name = ts.next();
      symbolTaken(name, name.text);
      skipLocalDeclarations(ts);
      ts.expect('{');
      const body = parseStatements(ts);
      ts.expect('}');
      filters.set(name.text, { name: name.text, body, at: ts.span(start) });
    } else if (ts.is('protocol') || ts.is('template')) {
      const kind = ts.next().text as 'protocol' | 'template';
      const type = ts.next().text;
      const name = ts.peek().kind === 'sym' && !ts.is('from') ? ts.next().text : undefined;
      const from = ts.accept('from') ? ts.next().text : undefined;
      if (kind === 'template' && name === undefined) ts.fail('a template needs a name');
      if (from !== undefined && !templates.has(from)) throw new BirdSyntaxError(start, `${from}: template not found`);
      ts.expect('{');
      const options = parseOptions(ts);
      ts.expect('}');
      const def: ProtocolDef = { kind, type, name, from, options, at: ts.span(start) };
      lastProtocol = def;
      if (kind === 'template') templates.set(name as string, def);
      else protocols.push(def);
    } else if (ts.accept('define')) {
      const name = ts.next();
      symbolTaken(name, name.text);
      ts.expect('=');
      defines.set(name.text, parseExpr(ts));
      ts.expect(';');
    } else {
      const w = words(ts);
      if (ts.accept('{')) {
        const block = parseOptions(ts);
        ts.expect('}');
        ts.accept(';');
        globals.push({ words: w, block, at: ts.span(start) });
      } else {
        ts.expect(';');
        globals.push({ words: w, at: ts.span(start) });
      }
    }
  }
  return { functions, filters, protocols, templates, globals, defines };
}
