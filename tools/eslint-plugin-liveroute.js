/**
 * Local lint rules: `layers` enforces the folder dependency table of tools/layers.js on every
 * import, export-from and dynamic import under src/.
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
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), spec));
        if (target && target !== layer && !rules.mayImport.includes(target)) {
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
