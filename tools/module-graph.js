/**
 * The import graph of src/, read from disk once per process and shared by every file the
 * `liveroute/layers` rule lints (the file being linted is read from ESLint's own AST instead, so
 * an editor's unsaved buffer and a test's probe text count). Parsed with TypeScript's parser
 * alone: no type checking, a few milliseconds for the whole tree.
 *
 * Edge kinds, by what the import does at run time:
 * - `value`: the target module is loaded with the importer (static or dynamic `import`, `export … from`);
 * - `type`: erased at build time (`import type`, `export type … from`, `typeof import('…')`);
 * - `worker`: the target starts a Web Worker (`new Worker(new URL('./x', import.meta.url))` or a Vite
 *   `?worker` import): it runs on another thread, so the importer's thread does not load it;
 * - `asset`: a stylesheet, data file or Vite `?raw` / `?url` import: not a module of ours.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs'];

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The file an import resolves to: the exact path, with a source extension, or a folder's index
 * (`exists` answers for a candidate; by default, the file system).
 */
export function resolveImport(fromFile, spec, exists = isFile) {
  const bare = spec.replace(/\?.*$/, '');
  const base = path.resolve(path.dirname(fromFile), bare);
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((e) => base + e),
    ...SOURCE_EXTENSIONS.map((e) => path.join(base, 'index' + e)),
  ];
  return candidates.find((c) => exists(c)) ?? base;
}

function kindOf(spec, typeOnly) {
  if (typeOnly) return 'type';
  if (/\?worker(&|$)/.test(spec)) return 'worker';
  if (/\?(raw|url)(&|$)/.test(spec) || /\.(css|svg|png|json|ya?ml|txt|md)$/.test(spec)) return 'asset';
  return 'value';
}

/** `new Worker(new URL('./x', import.meta.url))`: the spec of the worker's entry, or undefined. */
function workerEntry(node) {
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || !/^(Shared)?Worker$/.test(node.expression.text))
    return undefined;
  const url = node.arguments?.[0];
  if (!url || !ts.isNewExpression(url) || !ts.isIdentifier(url.expression) || url.expression.text !== 'URL')
    return undefined;
  const first = url.arguments?.[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** The imports of one module's text: `{ spec, kind, line, column }` (line 1-based, column 0-based). */
export function importsOfText(fileName, text) {
  const kind = fileName.endsWith('.tsx')
    ? ts.ScriptKind.TSX
    : fileName.endsWith('.ts')
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found = [];
  const at = (node) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { line: line + 1, column: character };
  };
  const add = (specNode, typeOnly) => {
    if (!specNode || !ts.isStringLiteralLike(specNode)) return;
    found.push({ spec: specNode.text, kind: kindOf(specNode.text, typeOnly), ...at(specNode) });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node.arguments[0], false);
    else {
      const entry = workerEntry(node);
      if (entry !== undefined) {
        found.push({ spec: entry, kind: 'worker', ...at(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourceFilesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFilesUnder(full));
    else if (SOURCE_EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * The graph of every source file under `srcDir`: `edges`, a Map from absolute file to its edges
 * `{ spec, kind, line, column, target }` (target: the resolved absolute path of a relative import), and
 * `texts`, each file's text as read.
 */
export function readGraph(srcDir) {
  const files = sourceFilesUnder(srcDir);
  const known = new Set(files);
  const inside = srcDir + path.sep;
  // Under src/ every source file is known from the walk; elsewhere, ask the file system.
  const exists = (file) => (file.startsWith(inside) ? known.has(file) : isFile(file));
  const edges = new Map();
  const texts = new Map();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    texts.set(file, text);
    edges.set(file, edgesOf(file, importsOfText(file, text), exists));
  }
  return { edges, texts };
}

/** Relative and absolute imports get their resolved file; package imports keep `target` undefined. */
export function edgesOf(file, imports, exists = isFile) {
  return imports.map((i) => ({
    ...i,
    target: i.spec.startsWith('.') || path.isAbsolute(i.spec) ? resolveImport(file, i.spec, exists) : undefined,
  }));
}

const cache = new Map();

/** The graph of `srcDir` as read by the first file linted in this process. */
export function graphOf(srcDir) {
  let graph = cache.get(srcDir);
  if (!graph) {
    graph = readGraph(srcDir);
    cache.set(srcDir, graph);
  }
  return graph;
}

/**
 * The shortest chain from `start` to a node `isBad` accepts, following `next(node)` (the nodes a
 * node leads to), as the list of nodes from `start` on; undefined when there is none.
 */
export function findChain(start, next, isBad) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const target of next(node)) {
      if (isBad(target)) {
        const chain = [target];
        for (let at = node; at !== undefined; at = previous.get(at)) chain.unshift(at);
        return chain;
      }
      if (previous.has(target)) continue;
      previous.set(target, node);
      queue.push(target);
    }
  }
  return undefined;
}

/**
 * The strongly connected components of a graph given as a Map from node to the nodes it leads
 * to (Tarjan): a Map from each node to its component's id; nodes on a cycle share an id.
 */
export function componentsOf(next) {
  const index = new Map();
  const low = new Map();
  const component = new Map();
  const stack = [];
  const onStack = new Set();
  let counter = 0;
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!next.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) === index.get(node)) {
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.set(member, node);
      } while (member !== node);
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return component;
}
