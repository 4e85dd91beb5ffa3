/**
 * Local lint rules: `layers` enforces DESIGN §3 on every import under src/:
 * - the folder dependency table of tools/layers.js, for every import, export-from, dynamic import,
 *   `import('…')` type and `new Worker(new URL(…))`;
 * - src/ stands alone: a relative import never leaves it (npm packages are the only outside code);
 * - every folder under src/ is a layer of the table;
 * - no import cycle between modules (type-only imports included: they tie modules as much);
 * - the main thread (MAIN_THREAD) never loads the engine, config or renderers, through any chain.
 *
 * The rules hold transitively: the table is checked to be one-way, and every import is checked
 * against it, so a chain of allowed imports only ever goes down; the one place where a chain of
 * allowed imports could reach too far is the worker layer (its client runs on the main thread,
 * its core beside the engine), which is why the main thread's reach is followed module by module.
 *
 * A type-only declaration (`import type …`, `export type … from`) is erased at build time, so it
 * may skip layers (the UI names the engine's report types without loading the engine), but only
 * downward: its target must be reachable through the table. `import { type X }` is not type-only:
 * under verbatimModuleSyntax it keeps the import statement, so the module still loads.
 *
 * The import graph is read from disk once per process (tools/module-graph.js); the file being
 * linted is read from its own text, so an editor's buffer counts. A long-lived process (an
 * editor's ESLint server) sees the other files as they were when it first linted.
 */
import path from 'node:path';
import { EXCEPTIONS, LAYERS, MAIN_THREAD, UI_PACKAGES } from './layers.js';
import { componentsOf, edgesOf, findChain, graphOf, importsOfText } from './module-graph.js';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const TEST_FILE = /\.test\.tsx?$|[\\/]test-[a-z-]+\.tsx?$/;

function packageName(spec) {
  if (spec.startsWith('node:')) return 'node:';
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every layer a layer reaches through the table, directly or not. */
function reachable(layers, layer) {
  const seen = new Set();
  const stack = [...(layers[layer]?.mayImport ?? [])];
  while (stack.length > 0) {
    const next = stack.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(layers[next]?.mayImport ?? []));
  }
  return seen;
}

/** A path through the table from `layer` back to itself (`['a', 'b', 'a']`), or undefined. */
function tableCycle(layers, layer) {
  return findChain(
    layer,
    (l) => layers[l]?.mayImport ?? [],
    (l) => l === layer,
  );
}

const followed = new Map();

/**
 * What the searches follow, worked out once per tree and exception list: `excepted` (the
 * excepted imports as `from\0to`), `tied` (each module's imports of modules under src/, type-only
 * included, as a cycle counts them) and `loads` (those that load a module: value imports).
 */
function followedOf(srcDir, exceptions) {
  const key = `${srcDir}\0${JSON.stringify(exceptions)}`;
  let found = followed.get(key);
  if (!found) {
    const excepted = new Set(exceptions.map((x) => `${path.join(srcDir, x.from)}\0${path.join(srcDir, x.to)}`));
    const tied = new Map();
    const loads = new Map();
    for (const [file, edges] of graphOf(srcDir).edges) {
      const kept = edges.filter(
        (e) =>
          e.target !== undefined && e.target.startsWith(srcDir + path.sep) && !excepted.has(`${file}\0${e.target}`),
      );
      tied.set(
        file,
        kept.filter((e) => e.kind === 'value' || e.kind === 'type').map((e) => e.target),
      );
      loads.set(
        file,
        kept.filter((e) => e.kind === 'value').map((e) => e.target),
      );
    }
    const component = componentsOf(tied);
    const size = new Map();
    for (const c of component.values()) size.set(c, (size.get(c) ?? 0) + 1);
    const onCycle = new Set([...tied.keys()].filter((f) => size.get(component.get(f)) > 1));
    found = { excepted, tied, loads, onCycle };
    followed.set(key, found);
  }
  return found;
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'enforce the src/ dependency rules of DESIGN §3: layers, cycles, the main thread, src/ standing alone',
    },
    schema: [
      {
        type: 'object',
        properties: {
          // For the rule's own tests: another tree and table.
          srcDir: { type: 'string' },
          layers: { type: 'object' },
          mainThread: { type: 'object' },
          exceptions: { type: 'array' },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const options = context.options[0] ?? {};
    const srcDir = options.srcDir ? path.resolve(options.srcDir) : SRC;
    const layers = options.layers ?? LAYERS;
    const mainThread = options.mainThread ?? MAIN_THREAD;
    const exceptions = options.exceptions ?? EXCEPTIONS;
    const file = context.filename;
    const srcRel = (f) => path.relative(srcDir, f).split(path.sep).join('/');
    const inSrc = (f) => {
      const rel = path.relative(srcDir, f);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    if (!inSrc(file)) return {};
    const rel = srcRel(file);
    const layerOf = (f) => (inSrc(f) ? path.relative(srcDir, f).split(path.sep)[0] : undefined);
    const layer = layerOf(file);
    const shown = (f) => (inSrc(f) ? `src/${srcRel(f)}` : path.relative(path.dirname(srcDir), f));

    return {
      'Program:exit'() {
        const report = (at, message) =>
          context.report({
            loc: typeof at === 'number' ? { line: at, column: 0 } : { line: at.line, column: at.column },
            message,
          });
        if (!rel.includes('/')) {
          report(
            1,
            `${shown(file)} lies outside every layer: put it in a folder of the layer table (tools/layers.js, DESIGN §3)`,
          );
          return;
        }
        const rules = layers[layer];
        if (!rules) {
          report(
            1,
            `src/${layer} is not a layer: add the folder to the layer table in tools/layers.js, with what it may import (DESIGN §3)`,
          );
          return;
        }
        const cycle = tableCycle(layers, layer);
        if (cycle) report(1, `the layer table is not one-way: ${cycle.join(' → ')} (tools/layers.js; DESIGN §3)`);

        const { excepted, tied, loads, onCycle } = followedOf(srcDir, exceptions);
        const graph = graphOf(srcDir);
        const text = context.sourceCode.text;
        const asRead = graph.texts.get(file) === text;
        const own = asRead ? graph.edges.get(file) : edgesOf(file, importsOfText(file, text));
        const ownEdges = own.filter((e) => e.target === undefined || !excepted.has(`${file}\0${e.target}`));

        // An exception whose import is gone would leave a silent gap when the import comes back.
        for (const x of exceptions) {
          if (x.from === rel && !own.some((e) => e.target !== undefined && srcRel(e.target) === x.to)) {
            report(
              1,
              `tools/layers.js excepts the import of src/${x.to} by ${shown(file)}, which no longer imports it: remove the exception`,
            );
          }
        }

        const isTest = TEST_FILE.test(file);
        // Tests and their helpers may use Node and test libraries; the UI stays out of the core even there.
        const forbidden = isTest
          ? rules.forbiddenPackages.flatMap((p) => (p === '*' ? UI_PACKAGES : UI_PACKAGES.includes(p) ? [p] : []))
          : rules.forbiddenPackages;
        const below = reachable(layers, layer);
        for (const edge of ownEdges) {
          if (edge.target === undefined) {
            const pkg = packageName(edge.spec);
            if (forbidden.includes('*') || forbidden.includes(pkg)) {
              report(
                edge,
                `src/${layer} may not import ${pkg} (DESIGN §3: ${layer} stays free of UI, DOM and platform code)`,
              );
            }
            continue;
          }
          if (!inSrc(edge.target)) {
            report(
              edge,
              `${shown(file)} imports ${edge.spec}, outside src/: src/ stands alone (only npm packages come from outside; move what it needs under src/)`,
            );
            continue;
          }
          const target = layerOf(edge.target);
          if (target !== layer && !rules.mayImport.includes(target) && !(edge.kind === 'type' && below.has(target))) {
            report(
              edge,
              `src/${layer} may not import from src/${target} (allowed: ${rules.mayImport.join(', ') || 'nothing'}; DESIGN §3)`,
            );
          }
        }

        // Import cycles through this file: for each import, the shortest way back.
        const ownTied = ownEdges.filter(
          (e) => (e.kind === 'value' || e.kind === 'type') && e.target !== undefined && inSrc(e.target),
        );
        const tiedTo = (f) => (f === file ? ownTied.map((e) => e.target) : (tied.get(f) ?? []));
        // A file as read from disk is on a cycle only if its component says so (worked out once).
        for (const edge of asRead && !onCycle.has(file) ? [] : ownTied) {
          if (edge.target === file) continue;
          const back = findChain(edge.target, tiedTo, (f) => f === file);
          if (back)
            report(
              edge,
              `import cycle: ${[file, ...back].map(shown).join(' → ')} (move what they share into a module both import; DESIGN §3)`,
            );
        }

        // The main thread: what this module loads, through any chain, stays on the main thread's side.
        // The search stops at other main-thread modules: each answers for its own imports, so a leak
        // is reported once, at the main-thread module nearest to it.
        if (mainThread.layers.includes(layer) && !isTest) {
          const onMainThread = (f) => mainThread.layers.includes(layerOf(f));
          const loaded = (f) => (onMainThread(f) ? [] : (loads.get(f) ?? []));
          for (const edge of ownEdges) {
            if (edge.kind !== 'value' || edge.target === undefined || !inSrc(edge.target) || onMainThread(edge.target))
              continue;
            if (!mainThread.mayLoad.includes(layerOf(edge.target))) continue; // the table check above has reported it
            const chain = findChain(edge.target, loaded, (f) => !mainThread.mayLoad.includes(layerOf(f)));
            if (chain) {
              report(
                edge,
                `${shown(file)} loads ${shown(chain.at(-1))} on the main thread: ${[file, ...chain].map(shown).join(' → ')} (the app reaches the engine, config generators and renderers only through the worker; DESIGN §3)`,
              );
            }
          }
        }
      },
    };
  },
};

export default { rules: { layers: layersRule } };
