import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('folder dependency rules (DESIGN §3)', () => {
  it('refuses React in src/engine', async () => {
    const messages = await lint('src/engine/probe.ts', "import { useState } from 'react';\nexport const x = useState;\n");
    expect(messages).toContain('liveroute/layers: src/engine may not import react (DESIGN §3: engine stays free of UI, DOM and platform code)');
  });

  it('refuses an import of the store from the model', async () => {
    const messages = await lint('src/model/probe.ts', "import { useDesign } from '../store/design';\nexport const x = useDesign;\n");
    expect(messages).toContain('liveroute/layers: src/model may not import from src/store (allowed: lib; DESIGN §3)');
  });

  it('refuses a dynamic import of the UI from the worker', async () => {
    const messages = await lint('src/worker/probe.ts', "export const load = () => import('../ui/App');\n");
    expect(messages.some((m) => m.startsWith('liveroute/layers: src/worker may not import from src/ui'))).toBe(true);
  });

  it('refuses the clock and randomness in the pure core', async () => {
    const messages = await lint('src/engine/probe.ts', 'export const t = Date.now() + Math.random();\nexport const d = new Date();\n');
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(3);
  });

  it('refuses DOM globals in the pure core', async () => {
    const messages = await lint('src/calico/probe.ts', 'export const w = window.location;\n');
    expect(messages[0]).toMatch(/^no-restricted-globals: Unexpected use of 'window'/);
  });

  it('keeps share links pure: no React, no DOM, no store; the ui may use them', async () => {
    expect(await lint('src/share/probe.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toContain('liveroute/layers: src/share may not import react (DESIGN §3: share stays free of UI, DOM and platform code)');
    expect((await lint('src/share/probe.ts', 'export const h = window.location.hash;\n'))[0]).toMatch(/^no-restricted-globals: Unexpected use of 'window'/);
    expect(await lint('src/share/probe.ts', "import { createUiStore } from '../store/ui';\nexport const u = createUiStore;\n")).toContain('liveroute/layers: src/share may not import from src/store (allowed: lib, model; DESIGN §3)');
    expect(await lint('src/ui/probe.ts', "import { decodeShare } from '../share/link';\nexport const d = decodeShare;\n")).toEqual([]);
  });

  it('allows the engine to import the model and the ui to import the store', async () => {
    expect(await lint('src/engine/probe.ts', "import { parseDesign } from '../model';\nexport const p = parseDesign;\n")).toEqual([]);
    expect(await lint('src/ui/probe.ts', "import { useState } from 'react';\nexport const s = useState;\n")).toEqual([]);
  });
});

describe('type-only imports', () => {
  it('may skip layers downward: the ui and the store name engine types without loading the engine', async () => {
    expect(await lint('src/ui/probe.ts', "import type { SimulationReport } from '../engine/report';\nexport type R = SimulationReport;\n")).toEqual([]);
    expect(await lint('src/store/probe.ts', "export type { Diagnostic } from '../engine/diagnostics/types';\n")).toEqual([]);
  });

  it('still refuse value imports, inline type specifiers and imports against the direction', async () => {
    const value = await lint('src/ui/probe.ts', "import { simulate } from '../engine/simulate';\nexport const s = simulate;\n");
    expect(value).toContain('liveroute/layers: src/ui may not import from src/engine (allowed: lib, model, calico, bird, config, scenarios, store, worker, lab, share; DESIGN §3)');
    // `import { type X }` keeps the import statement under verbatimModuleSyntax: the module loads.
    const inline = await lint('src/ui/probe.ts', "import { type SimulationReport } from '../engine/report';\nexport type R = SimulationReport;\n");
    expect(inline.some((m) => m.startsWith('liveroute/layers: src/ui may not import from src/engine'))).toBe(true);
    const upward = await lint('src/engine/probe.ts', "import type { UiState } from '../store/ui';\nexport type U = UiState;\n");
    expect(upward).toContain('liveroute/layers: src/engine may not import from src/store (allowed: lib, model, calico, bird; DESIGN §3)');
  });
});

describe('tests in the core', () => {
  it('may use Node and test libraries, but not the UI', async () => {
    expect(await lint('src/config/probe.test.ts', "import { execFileSync } from 'node:child_process';\nimport { it } from 'vitest';\nexport const x = [execFileSync, it];\n")).toEqual([]);
    expect(await lint('src/lib/probe.test.ts', "import { it } from 'vitest';\nexport const x = it;\n")).toEqual([]);
    const messages = await lint('src/engine/probe.test.ts', "import { useState } from 'react';\nexport const x = useState;\n");
    expect(messages).toContain('liveroute/layers: src/engine may not import react (DESIGN §3: engine stays free of UI, DOM and platform code)');
  });
});
