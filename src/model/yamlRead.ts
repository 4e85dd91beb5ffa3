/**
 * Reading YAML (or JSON) text that may be hostile, for every reader of the project: the design
 * file, the Calico resource files, the editor's Calico tabs. Before anything builds on the text,
 * its size, nesting depth and element count are bounded (aliases counted as what they expand to,
 * so a "billion laughs" is refused, not expanded), keys are checked for duplicates in linear time
 * (the yaml package's own check compares every pair), a key that is a list or mapping is refused
 * (it would be stringified with a warning on the console), and an alias that contains itself is
 * refused. Each refusal names the limit or the key, with its line. Only this module's messages are
 * printed: the yaml package's warnings are switched off.
 */
import {
  Composer,
  CST,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  type Document,
  type Node,
} from 'yaml';
import { err, ok, type Result } from '../lib/result';
import { formatCount, type Issue, type Path, type PathSegment } from './issues';

export interface YamlLimits {
  /** What the text is, for messages: "a design file". */
  readonly what: string;
  readonly maxChars: number;
  /** Lists and mappings inside each other, aliases expanded. */
  readonly maxDepth: number;
  /** Scalars, lists and mappings (keys included), aliases expanded; over all documents of the text. */
  readonly maxElements: number;
}

/**
 * The largest fabric the generator makes (200 racks × 200 nodes, 16 spines, 20,000 VMs) is 6.9 MB
 * of YAML, about 700,000 elements, 10 levels deep; the 64 × 64 one is 0.6 MB and 60,000 elements.
 * A cluster dump can hold thousands of Kubernetes Nodes with their status (10 KB and 400 elements
 * each, 15 levels of managedFields): 5,000 of them are 2 million elements. The limits leave about
 * twice to three times that room; past them a text is a bomb, not a fabric, and its tree alone
 * would take gigabytes.
 */
export const DESIGN_YAML_LIMITS: YamlLimits = {
  what: 'a design file',
  maxChars: 32_000_000,
  maxDepth: 64,
  maxElements: 2_000_000,
};
export const CALICO_YAML_LIMITS: YamlLimits = {
  what: 'a Calico resource file',
  maxChars: 64_000_000,
  maxDepth: 64,
  maxElements: 4_000_000,
};

export interface YamlReadIssue extends Issue {
  /** 0-based index of the YAML document in the text. */
  readonly document: number;
}

export interface YamlDocumentRead {
  readonly doc: Document;
  readonly value: unknown;
}

export interface YamlRead {
  readonly lineCounter: LineCounter;
  readonly documents: readonly YamlDocumentRead[];
}

const MAX_SYNTAX_ISSUES = 50;

/** Parses every document of `text` within `limits`; either all of them as plain values, or the problems. */
export function readYaml(text: string, limits: YamlLimits): Result<YamlRead, YamlReadIssue[]> {
  const tooLong = textTooLong(text, limits);
  if (tooLong) return err([{ document: 0, path: [], message: tooLong }]);
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const parsed = parseCounting(text, lineCounter, limits);
  if (!Array.isArray(parsed)) return err([{ document: 0, path: [], message: tooMany(limits), ...at(parsed.offset) }]);
  const tokens = parsed;
  const shape = checkTokens(tokens, limits);
  if (shape) return err([{ document: shape.document, path: [], message: shape.message, ...at(shape.offset) }]);

  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  const docs = [...composer.compose(tokens)];
  const syntax: YamlReadIssue[] = [];
  docs.forEach((d, document) => {
    for (const e of d.errors)
      syntax.push({ document, path: [], message: `YAML syntax: ${e.message.split('\n')[0]}`, ...at(e.pos[0]) });
  });
  if (syntax.length > 0) return err(syntax.slice(0, MAX_SYNTAX_ISSUES));

  const structure = new StructureCheck(limits, (offset) => at(offset).line);
  const problems: YamlReadIssue[] = [];
  docs.forEach((d, document) => {
    const found = structure.check(d.contents);
    if (found) problems.push({ document, path: found.path, message: found.message, ...at(found.offset) });
  });
  if (problems.length > 0) return err(problems);

  const documents: YamlDocumentRead[] = [];
  for (const [document, d] of docs.entries()) {
    try {
      // Aliases were counted above; the yaml package's own heuristic would refuse harmless files.
      documents.push({ doc: d, value: d.toJS({ maxAliasCount: -1 }) });
    } catch (e) {
      return err([{ document, path: [], message: `the text cannot be read: ${(e as Error).message}` }]);
    }
  }
  return ok({ lineCounter, documents });
}

/** The refusal of a text longer than `limits` allow, checked before anything else reads it. */
export function textTooLong(text: string, limits: YamlLimits): string | undefined {
  if (text.length <= limits.maxChars) return undefined;
  return `the text has ${formatCount(text.length)} characters: more than the ${formatCount(limits.maxChars)} ${limits.what} may have`;
}

/**
 * The concrete syntax tree of `text`, built lexeme by lexeme (as Parser.parse does) so that a
 * text of more values than the limit is refused while they are counted, before the tree holds
 * them all: 32 MB of `1,1,1,…` is 16 million values, gigabytes as a tree. Counted here are the
 * values each lexeme surely starts (scalars, aliases, flow collections); checkTokens counts
 * exactly once the tree is built.
 */
function parseCounting(text: string, lineCounter: LineCounter, limits: YamlLimits): CST.Token[] | { offset: number } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  let values = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const c = lexeme[0];
    if (
      (lexeme === CST.SCALAR || c === '"' || c === "'" || c === '*' || lexeme === '[' || lexeme === '{') &&
      ++values > limits.maxElements
    )
      return { offset: parser.offset };
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/** Depth and element count of the concrete syntax tree, before it is composed (composing recurses). */
function checkTokens(
  tokens: readonly CST.Token[],
  limits: YamlLimits,
): { document: number; offset: number; message: string } | undefined {
  let elements = 0;
  let document = -1;
  for (const top of tokens) {
    if (top.type !== 'document') continue;
    document++;
    const stack: { token: CST.Token; depth: number }[] = top.value ? [{ token: top.value, depth: 0 }] : [];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      const { token, depth } = entry;
      if (++elements > limits.maxElements) return { document, offset: token.offset, message: tooMany(limits) };
      if (!CST.isCollection(token)) continue;
      if (depth + 1 > limits.maxDepth) return { document, offset: token.offset, message: tooDeep(limits) };
      for (const item of token.items) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

const tooMany = (limits: YamlLimits) =>
  `more than ${formatCount(limits.maxElements)} elements (values, lists, mappings, aliases expanded): the most ${limits.what} may have`;
const tooDeep = (limits: YamlLimits) =>
  `lists and mappings nested more than ${limits.maxDepth} deep (aliases expanded): the most ${limits.what} may have`;

type Problem = { path: Path; offset: number; message: string };

interface Frame {
  readonly node: Node;
  readonly path: Path;
  readonly depth: number;
  readonly children: readonly { key: PathSegment; node: unknown; isKey: boolean }[];
  next: number;
  /** Elements below this node, aliases expanded. */
  size: number;
  /** Nesting below this node (0 for a collection of scalars). */
  height: number;
  /** Keys seen so far in a mapping, with the offset of each. */
  readonly keys: Map<string, number> | undefined;
}

/**
 * One pass over the composed documents of a text, in document order (so an alias meets the
 * anchor it refers to already measured): keys, aliases, and the size and depth the documents
 * have once aliases are expanded, summed over the whole text.
 */
class StructureCheck {
  /** Anchors of the current document (an alias never reaches into another document). */
  private readonly anchors = new Map<string, Node>();
  private readonly measured = new Map<Node, { size: number; height: number }>();
  private elements = 0;

  constructor(
    private readonly limits: YamlLimits,
    private readonly lineOf: (offset: number) => number,
  ) {}

  check(root: unknown): Problem | undefined {
    this.anchors.clear();
    if (root === null || root === undefined) return undefined;
    const open = new Set<Node>();
    const stack: Frame[] = [];
    const enter = (node: unknown, path: Path, depth: number, parent: Frame | undefined): Problem | undefined => {
      if (!isNodeLike(node)) return undefined;
      const offset = node.range?.[0] ?? 0;
      if (isAlias(node)) {
        const target = this.anchors.get(node.source);
        if (!target)
          return {
            path,
            offset,
            message: `alias *${node.source} refers to no anchor: an anchor &${node.source} must come before it`,
          };
        if (open.has(target))
          return { path, offset, message: `alias *${node.source} refers to a list or mapping that contains it` };
        const m = this.measured.get(target) ?? { size: 1, height: 0 };
        return this.grow(parent, m.size, m.height, depth, path, offset);
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) this.anchors.set(anchor, node);
      if (isScalar(node)) {
        this.measured.set(node, { size: 1, height: 0 });
        return this.grow(parent, 1, 0, depth, path, offset);
      }
      if (depth + 1 > this.limits.maxDepth) return { path, offset, message: tooDeep(this.limits) };
      if (++this.elements > this.limits.maxElements) return { path, offset, message: tooMany(this.limits) };
      const children = isMap(node)
        ? node.items.flatMap((pair) => [
            { key: '', node: pair.key, isKey: true },
            { key: keyText(pair.key, this.anchors), node: pair.value, isKey: false },
          ])
        : isSeq(node)
          ? node.items.map((item, i) => ({ key: i, node: item, isKey: false }))
          : [];
      open.add(node);
      stack.push({
        node,
        path,
        depth: depth + 1,
        children,
        next: 0,
        size: 0,
        height: 0,
        keys: isMap(node) ? new Map() : undefined,
      });
      return undefined;
    };
    const first = enter(root, [], 0, undefined);
    if (first) return first;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const child = frame.children[frame.next++];
      if (child === undefined) {
        stack.pop();
        open.delete(frame.node);
        this.measured.set(frame.node, { size: frame.size + 1, height: frame.height + 1 });
        const parent = stack[stack.length - 1];
        if (parent) {
          parent.size += frame.size + 1;
          parent.height = Math.max(parent.height, frame.height + 1);
        }
        continue;
      }
      if (child.isKey) {
        const problem = this.checkKey(child.node, frame);
        if (problem) return problem;
      }
      const problem = enter(child.node, child.isKey ? frame.path : [...frame.path, child.key], frame.depth, frame);
      if (problem) return problem;
    }
    return undefined;
  }

  /** Adds what an alias or a scalar stands for to its parent and to the text's total. */
  private grow(
    parent: Frame | undefined,
    size: number,
    height: number,
    depth: number,
    path: Path,
    offset: number,
  ): Problem | undefined {
    this.elements += size;
    if (this.elements > this.limits.maxElements) return { path, offset, message: tooMany(this.limits) };
    if (depth + height > this.limits.maxDepth) return { path, offset, message: tooDeep(this.limits) };
    if (parent) {
      parent.size += size;
      parent.height = Math.max(parent.height, height);
    }
    return undefined;
  }

  private checkKey(key: unknown, frame: Frame): Problem | undefined {
    const offset = (isNodeLike(key) ? key.range?.[0] : undefined) ?? frame.node.range?.[0] ?? 0;
    const target = isAlias(key) ? this.anchors.get(key.source) : key;
    if (isNodeLike(target) && !isScalar(target)) {
      return {
        path: frame.path,
        offset,
        message: `a key is a ${isSeq(target) ? 'list' : 'mapping'}: keys are plain text`,
      };
    }
    const text = keyText(key, this.anchors);
    const prior = frame.keys?.get(text);
    if (prior !== undefined)
      return {
        path: [...frame.path, text],
        offset,
        message: `key ${JSON.stringify(text)} is given twice in this mapping (first at line ${this.lineOf(prior)})`,
      };
    frame.keys?.set(text, offset);
    return undefined;
  }
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'range' in v;
}

/** The key as the plain object built from the mapping will have it (`1` and `"1"` are one key there). */
function keyText(key: unknown, anchors: ReadonlyMap<string, Node>): string {
  const node = isAlias(key) ? anchors.get(key.source) : key;
  if (!isScalar(node)) return '';
  const v = node.value;
  return v === null || v === undefined ? '' : String(v);
}
