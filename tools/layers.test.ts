import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import liveroute from './eslint-plugin-liveroute.js';
import { EXCEPTIONS, LAYERS } from './layers.js';
import { readGraph } from './module-graph.js';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('folder dependency rules (DESIGN §3)', () => {
  it('refuses React in src/engine', async () => {
    const messages = await lint(
      'src/engine/probe.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
    );
    expect(messages).toContain(
      'liveroute/layers: src/engine may not import react (DESIGN §3: engine stays free of UI, DOM and platform code)',
    );
  });

  it('refuses an import of the store from the model', async () => {
    const messages = await lint(
      'src/model/probe.ts',
      "import { useDesign } from '../store/design';\nexport const x = useDesign;\n",
    );
    expect(messages).toContain('liveroute/layers: src/model may not import from src/store (allowed: lib; DESIGN §3)');
  });

  it('refuses a dynamic import of the UI from the worker', async () => {
    const messages = await lint('src/worker/probe.ts', "export const load = () => import('../ui/App');\n");
    expect(messages.some((m) => m.startsWith('liveroute/layers: src/worker may not import from src/ui'))).toBe(true);
  });

  it('refuses the clock and randomness in the pure core', async () => {
    const messages = await lint(
      'src/engine/probe.ts',
      'export const t = Date.now() + Math.random();\nexport const d = new Date();\n',
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(3);
  });

  it('refuses DOM globals in the pure core', async () => {
    const messages = await lint('src/calico/probe.ts', 'export const w = window.location;\n');
    expect(messages[0]).toMatch(/^no-restricted-globals: Unexpected use of 'window'/);
  });

  it('keeps share links pure: no React, no DOM, no store; the ui may use them', async () => {
    expect(
      await lint('src/share/probe.ts', "import { useState } from 'react';\nexport const x = useState;\n"),
    ).toContain(
      'liveroute/layers: src/share may not import react (DESIGN §3: share stays free of UI, DOM and platform code)',
    );
    expect((await lint('src/share/probe.ts', 'export const h = window.location.hash;\n'))[0]).toMatch(
      /^no-restricted-globals: Unexpected use of 'window'/,
    );
    expect(
      await lint(
        'src/share/probe.ts',
        "import { createUiStore } from '../store/ui';\nexport const u = createUiStore;\n",
      ),
    ).toContain('liveroute/layers: src/share may not import from src/store (allowed: lib, model; DESIGN §3)');
    expect(
      await lint('src/ui/probe.ts', "import { decodeShare } from '../share/link';\nexport const d = decodeShare;\n"),
    ).toEqual([]);
  });

  it('allows the engine to import the model and the ui to import the store', async () => {
    expect(
      await lint('src/engine/probe.ts', "import { parseDesign } from '../model';\nexport const p = parseDesign;\n"),
    ).toEqual([]);
    expect(await lint('src/ui/probe.ts', "import { useState } from 'react';\nexport const s = useState;\n")).toEqual(
      [],
    );
  });
});

describe('type-only imports', () => {
  it('may skip layers downward: the ui and the store name engine types without loading the engine', async () => {
    expect(
      await lint(
        'src/ui/probe.ts',
        "import type { SimulationReport } from '../engine/report';\nexport type R = SimulationReport;\n",
      ),
    ).toEqual([]);
    expect(
      await lint('src/store/probe.ts', "export type { Diagnostic } from '../engine/diagnostics/types';\n"),
    ).toEqual([]);
  });

  it('still refuse value imports, inline type specifiers and imports against the direction', async () => {
    const value = await lint(
      'src/ui/probe.ts',
      "import { simulate } from '../engine/simulate';\nexport const s = simulate;\n",
    );
    expect(value).toContain(
      'liveroute/layers: src/ui may not import from src/engine (allowed: lib, model, scenarios, store, worker, share; DESIGN §3)',
    );
    // `import { type X }` keeps the import statement under verbatimModuleSyntax: the module loads.
    const inline = await lint(
      'src/ui/probe.ts',
      "import { type SimulationReport } from '../engine/report';\nexport type R = SimulationReport;\n",
    );
    expect(inline.some((m) => m.startsWith('liveroute/layers: src/ui may not import from src/engine'))).toBe(true);
    const upward = await lint(
      'src/engine/probe.ts',
      "import type { UiState } from '../store/ui';\nexport type U = UiState;\n",
    );
    expect(upward).toContain(
      'liveroute/layers: src/engine may not import from src/store (allowed: lib, model, calico, bird; DESIGN §3)',
    );
  });
});

describe('tests in the core', () => {
  it('may use Node and test libraries, but not the UI', async () => {
    expect(
      await lint(
        'src/config/probe.test.ts',
        "import { execFileSync } from 'node:child_process';\nimport { it } from 'vitest';\nexport const x = [execFileSync, it];\n",
      ),
    ).toEqual([]);
    expect(await lint('src/lib/probe.test.ts', "import { it } from 'vitest';\nexport const x = it;\n")).toEqual([]);
    const messages = await lint(
      'src/engine/probe.test.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
    );
    expect(messages).toContain(
      'liveroute/layers: src/engine may not import react (DESIGN §3: engine stays free of UI, DOM and platform code)',
    );
  });
});

describe('the main thread (DESIGN §3: ui → store → worker → engine)', () => {
  it('refuses a chain of allowed imports that loads the engine on the main thread, naming the chain', async () => {
    // The ui may import the worker layer (its client), but the worker's core loads the engine.
    expect(
      await lint(
        'src/ui/probe.ts',
        "import { EngineWorkerCore } from '../worker/handle';\nexport const c = EngineWorkerCore;\n",
      ),
    ).toEqual([
      'liveroute/layers: src/ui/probe.ts loads src/engine/simulate.ts on the main thread: src/ui/probe.ts → src/worker/handle.ts → src/engine/simulate.ts (the app reaches the engine, config generators and renderers only through the worker; DESIGN §3)',
    ]);
    const store = await lint('src/store/probe.ts', "export const load = () => import('../worker/inProcess');\n");
    expect(store).toEqual([
      'liveroute/layers: src/store/probe.ts loads src/engine/simulate.ts on the main thread: src/store/probe.ts → src/worker/inProcess.ts → src/worker/handle.ts → src/engine/simulate.ts (the app reaches the engine, config generators and renderers only through the worker; DESIGN §3)',
    ]);
  });

  it('refuses config generators in the ui, and lets the ui start the worker through its client', async () => {
    expect(await lint('src/ui/probe.ts', "export const load = () => import('../config/bundle');\n")).toEqual([
      'liveroute/layers: src/ui may not import from src/config (allowed: lib, model, scenarios, store, worker, share; DESIGN §3)',
    ]);
    // client.ts starts the engine with `new Worker(new URL(…))`: another thread, not a load.
    expect(
      await lint(
        'src/ui/probe.ts',
        "import { createEngineClient } from '../worker/client';\nexport const c = createEngineClient;\n",
      ),
    ).toEqual([]);
    // Tests run in Node, where the in-process worker is the engine's stand-in.
    expect(
      await lint(
        'src/ui/probe.test.ts',
        "import { createInProcessClient } from '../worker/inProcess';\nexport const c = createInProcessClient;\n",
      ),
    ).toEqual([]);
  });
});

describe('src/ stands alone', () => {
  it('refuses a relative import that leaves src/', async () => {
    expect(
      await lint('src/cli/probe.ts', "import { LAYERS } from '../../tools/layers.js';\nexport const l = LAYERS;\n"),
    ).toEqual([
      'liveroute/layers: src/cli/probe.ts imports ../../tools/layers.js, outside src/: src/ stands alone (only npm packages come from outside; move what it needs under src/)',
    ]);
  });

  it('refuses a folder the layer table does not list, and a file outside every folder', async () => {
    expect(await lint('src/util/probe.ts', 'export const x = 1;\n')).toEqual([
      'liveroute/layers: src/util is not a layer: add the folder to the layer table in tools/layers.js, with what it may import (DESIGN §3)',
    ]);
    expect(await lint('src/probe.ts', 'export const x = 1;\n')).toEqual([
      'liveroute/layers: src/probe.ts lies outside every layer: put it in a folder of the layer table (tools/layers.js, DESIGN §3)',
    ]);
  });
});

/** A tree of its own under the system's temporary folder, linted with the rule's options pointed at it. */
async function lintTree(
  files: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<Record<string, string[]>> {
  const root = mkdtempSync(path.join(tmpdir(), 'liveroute-layers-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    const tree = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { liveroute },
          rules: { 'liveroute/layers': ['error', { srcDir: path.join(root, 'src'), ...options }] },
        },
      ],
    });
    const results = await tree.lintFiles(['src']);
    return Object.fromEntries(
      results
        .filter((r) => r.messages.length > 0)
        .map((r) => [path.relative(root, r.filePath), r.messages.map((m) => `${m.line}: ${m.message}`)]),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('over the whole import graph', () => {
  it('refuses an import cycle, naming it from each module on it', async () => {
    const found = await lintTree({
      'src/lib/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/lib/b.ts': "import { c } from './c';\nexport const b = () => c;\n",
      'src/lib/c.ts': "export const load = () => import('./a');\nexport const c = 1;\n",
      'src/lib/d.ts': "import { a } from './a';\nexport const d = a;\n",
    });
    expect(found).toEqual({
      'src/lib/a.ts': [
        '1: import cycle: src/lib/a.ts → src/lib/b.ts → src/lib/c.ts → src/lib/a.ts (move what they share into a module both import; DESIGN §3)',
      ],
      'src/lib/b.ts': [
        '1: import cycle: src/lib/b.ts → src/lib/c.ts → src/lib/a.ts → src/lib/b.ts (move what they share into a module both import; DESIGN §3)',
      ],
      'src/lib/c.ts': [
        '1: import cycle: src/lib/c.ts → src/lib/a.ts → src/lib/b.ts → src/lib/c.ts (move what they share into a module both import; DESIGN §3)',
      ],
    });
  });

  it('counts type-only imports in a cycle: they tie the modules as much', async () => {
    const found = await lintTree({
      'src/model/report.ts':
        "import { part } from './part';\nexport interface Report { n: number }\nexport const report = part;\n",
      'src/model/part.ts': "import type { Report } from './report';\nexport const part = (r: Report) => r.n;\n",
    });
    expect(found['src/model/part.ts']).toEqual([
      '1: import cycle: src/model/part.ts → src/model/report.ts → src/model/part.ts (move what they share into a module both import; DESIGN §3)',
    ]);
  });

  it('refuses a transitive upward import: the link that goes up fails, and no chain of allowed links can', async () => {
    const found = await lintTree({
      'src/engine/run.ts': "import { parse } from '../model/parse';\nexport const run = parse;\n",
      'src/model/parse.ts': "import { helper } from './helper';\nexport const parse = helper;\n",
      'src/model/helper.ts': "import { run } from '../engine/run';\nexport const helper = () => run;\n",
    });
    expect(found['src/model/helper.ts']).toContain(
      '1: src/model may not import from src/engine (allowed: lib; DESIGN §3)',
    );
    expect(Object.keys(found).sort()).toEqual(['src/engine/run.ts', 'src/model/helper.ts', 'src/model/parse.ts']);
    expect(found['src/engine/run.ts']).toEqual([
      '1: import cycle: src/engine/run.ts → src/model/parse.ts → src/model/helper.ts → src/engine/run.ts (move what they share into a module both import; DESIGN §3)',
    ]);
  });

  it('refuses a layer table that is not one-way', async () => {
    const layers = {
      lib: { mayImport: [], forbiddenPackages: [] },
      model: { mayImport: ['lib', 'bird'], forbiddenPackages: [] },
      bird: { mayImport: ['model'], forbiddenPackages: [] },
    };
    const found = await lintTree(
      { 'src/model/a.ts': 'export const a = 1;\n', 'src/lib/b.ts': 'export const b = 1;\n' },
      { layers },
    );
    expect(found).toEqual({
      'src/model/a.ts': ['1: the layer table is not one-way: model → bird → model (tools/layers.js; DESIGN §3)'],
    });
  });

  it('lets an excepted import through every check, and refuses an exception whose import is gone', async () => {
    const files = {
      'src/model/a.ts': "import { b } from '../engine/b';\nexport const a = b;\n",
      'src/engine/b.ts': "import { a } from '../model/a';\nexport const b = () => a;\n",
      'src/lib/c.ts': 'export const c = 1;\n',
    };
    const exceptions = [
      { from: 'model/a.ts', to: 'engine/b.ts', why: 'a probe' },
      { from: 'lib/c.ts', to: 'lib/gone.ts', why: 'an import since removed' },
    ];
    expect(await lintTree(files, { exceptions })).toEqual({
      'src/lib/c.ts': [
        '1: tools/layers.js excepts the import of src/lib/gone.ts by src/lib/c.ts, which no longer imports it: remove the exception',
      ],
    });
  });
});

describe('the layer table itself', () => {
  it('is one-way, and its exceptions each name an import src/ has, with a reason', () => {
    for (const [layer, { mayImport }] of Object.entries(LAYERS)) {
      const seen = new Set<string>();
      const stack = [...mayImport];
      while (stack.length > 0) {
        const next = stack.pop() as string;
        expect(next, `${layer} reaches itself`).not.toBe(layer);
        if (!seen.has(next)) stack.push(...(LAYERS[next as keyof typeof LAYERS]?.mayImport ?? []));
        seen.add(next);
      }
    }
    const src = new URL('../src/', import.meta.url).pathname;
    const { edges } = readGraph(path.resolve(src));
    for (const x of EXCEPTIONS) {
      expect(x.why.length, `${x.from} → ${x.to}`).toBeGreaterThan(10);
      const targets = (edges.get(path.join(src, x.from)) ?? []).map((e: { target?: string }) => e.target);
      expect(targets, `${x.from} → ${x.to}`).toContain(path.join(src, x.to));
    }
  });
});
