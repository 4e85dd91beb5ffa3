/**
 * The folder dependency rules of DESIGN §3, as data. Each layer lists the src/ folders it may
 * import from and the npm packages it may not use. Checked by the `liveroute/layers` lint rule,
 * which also refuses a table that is not one-way (a layer reaching itself through `mayImport`).
 */
export const UI_PACKAGES = [
  'react',
  'react-dom',
  '@xyflow/react',
  '@xyflow/system',
  'zustand',
  'zundo',
  'monaco-editor',
  '@monaco-editor/react',
  '@monaco-editor/loader',
  'monaco-yaml',
  'elkjs',
];
const NODE_ONLY = ['node:', 'fs', 'path', 'child_process', 'os'];

export const LAYERS = {
  lib: { mayImport: [], forbiddenPackages: ['*'] },
  model: { mayImport: ['lib'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  bird: { mayImport: ['lib', 'model'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  calico: { mayImport: ['lib', 'model', 'bird'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  engine: { mayImport: ['lib', 'model', 'calico', 'bird'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  config: { mayImport: ['lib', 'model', 'calico', 'bird'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  scenarios: { mayImport: ['lib', 'model'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  // Share links (the design in the URL fragment): pure, like the model it reads and writes.
  share: { mayImport: ['lib', 'model'], forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY] },
  worker: {
    mayImport: ['lib', 'model', 'calico', 'bird', 'engine', 'config', 'scenarios', 'lab'],
    forbiddenPackages: [...UI_PACKAGES.filter((p) => p !== 'elkjs'), ...NODE_ONLY],
  },
  store: {
    mayImport: ['lib', 'model', 'scenarios', 'worker'],
    forbiddenPackages: [
      'react-dom',
      '@xyflow/react',
      '@xyflow/system',
      'monaco-editor',
      '@monaco-editor/react',
      'monaco-yaml',
      ...NODE_ONLY,
    ],
  },
  // The engine, the config generators and the Calico and BIRD renderers are the worker's (MAIN_THREAD).
  ui: { mayImport: ['lib', 'model', 'scenarios', 'store', 'worker', 'share'], forbiddenPackages: NODE_ONLY },
  cli: {
    mayImport: ['lib', 'model', 'calico', 'bird', 'engine', 'config', 'scenarios', 'lab', 'verify'],
    forbiddenPackages: UI_PACKAGES,
  },
  // A design as a running lab (namespaces or containerlab): pure data, shared by the lab runner and the exports.
  lab: {
    mayImport: ['lib', 'model', 'calico', 'bird', 'engine', 'config'],
    forbiddenPackages: [...UI_PACKAGES, ...NODE_ONLY],
  },
  // The real-BIRD lab: Node-only (processes, namespaces), never loaded by the app.
  verify: { mayImport: ['lib', 'model', 'calico', 'bird', 'engine', 'config', 'lab'], forbiddenPackages: UI_PACKAGES },
};

/** Layers that must stay pure: no DOM, clock, timers, randomness or storage (time and seeds are inputs). */
export const PURE_LAYERS = ['lib', 'model', 'bird', 'calico', 'engine', 'config', 'lab', 'share'];

/**
 * The browser's main thread: modules of `layers` (tests aside) may load, through any chain of
 * imports, only modules of `mayLoad`. The engine, the config generators and the Calico and BIRD
 * renderers run in the engine worker, which worker/client.ts starts with `new Worker(…)`: that
 * edge starts another thread, so the main thread does not load what lies behind it.
 */
export const MAIN_THREAD = {
  layers: ['ui', 'store'],
  mayLoad: ['ui', 'store', 'share', 'lib', 'model', 'scenarios', 'worker'],
};

/**
 * Imports the rule lets through, each for a stated reason (paths under src/). Every other check
 * skips an excepted import, and the rule reports an exception whose import is gone.
 */
export const EXCEPTIONS = [];
