/**
 * Local lint rules: `layers` enforces the folder dependency table of tools/layers.js on every
 * import, export-from and dynamic import under src/.
 *
 * A type-only declaration (`import type …`, `export type … from`) is erased at build time, so it
 * may skip layers (the UI names the engine's report types without loading the engine), but only
 * downward: its target must be reachable through the table. `import { type X }` is not type-only:
 * under verbatimModuleSyntax it keeps the import statement, so the module still loads.
 */
import path from 'node:path';
import { LAYERS, UI_PACKAGES } from './layers.js';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const top = rel.split(path.sep)[0];
  return top in LAYERS ? top : undefined;
}

function packageName(spec) {
  if (spec.startsWith('node:')) return 'node:';
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every layer a layer reaches through the table, directly or not. */
function reachable(layer) {
  const seen = new Set();
  const stack = [...LAYERS[layer].mayImport];
  while (stack.length > 0) {
    const next = stack.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(LAYERS[next]?.mayImport ?? []));
  }
  return seen;
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the src/ folder dependency rules of DESIGN §3' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const layer = layerOf(file);
    if (!layer) return {};
    const rules = LAYERS[layer];
    // Tests and their helpers may use Node and test libraries; the UI stays out of the core even there.
    const isTest = /\.test\.tsx?$|[\\/]test-[a-z-]+\.ts$/.test(file);
    const forbidden = isTest ? rules.forbiddenPackages.flatMap((p) => (p === '*' ? UI_PACKAGES : UI_PACKAGES.includes(p) ? [p] : [])) : rules.forbiddenPackages;
    const below = reachable(layer);
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), spec));
        if (target && target !== layer && !rules.mayImport.includes(target) && !(typeOnly && below.has(target))) {
          context.report({ node, message: `src/${layer} may not import from src/${target} (allowed: ${rules.mayImport.join(', ') || 'nothing'}; DESIGN §3)` });
        }
        return;
      }
      const pkg = packageName(spec);
      if (forbidden.includes('*') || forbidden.includes(pkg)) {
        context.report({ node, message: `src/${layer} may not import ${pkg} (DESIGN §3: ${layer} stays free of UI, DOM and platform code)` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { layers: layersRule } };
