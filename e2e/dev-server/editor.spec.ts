/**
 * The dev server behaves like the build for the config editor: its first opening does not make
 * Vite's optimizer reload the page ("optimized dependencies changed. reloading", which loses the
 * undo history, an open lesson and the editor), and the YAML schema check runs (monaco-yaml's
 * worker starts, with no "module is not defined"). No fixed waits: the page carries a marker from
 * before the editor opened, still there once the schema's marker has come back from the worker.
 */
import { test, expect } from '../fixtures';
import { OPTIMIZER_STATE_PATH } from './optimizerState';

/** A dependency served file by file, not pre-bundled: what makes the optimizer reload the page (and CommonJS fail). */
function unbundledDependency(url: string): boolean {
  const path = decodeURIComponent(new URL(url).pathname);
  if (!path.includes('/node_modules/') || path.includes('/node_modules/vite/dist/client/')) return false;
  return /\.(m?js|cjs|ts)$/.test(path);
}

test('the first Configs open keeps the page, and the YAML schema marks a wrong field', async ({ app, page }) => {
  const navigations: string[] = [];
  const unbundled: string[] = [];
  const messages: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  page.on('console', (m) => messages.push(m.text()));
  // The context's requests include the workers' module imports.
  page.context().on('request', (r) => unbundledDependency(r.url()) && unbundled.push(r.url()));

  await app.open();
  await app.simulated();
  // An edit to undo and a marker: a reload would lose both.
  await page.getByTestId('palette-spine').click();
  await expect.poll(() => app.yaml()).toContain('name: spine-2');
  await page.evaluate(() => Object.assign(window, { lrBeforeEditor: 'still here' }));
  const loads = navigations.length;
  const optimizedDeps = async () =>
    ((await (await page.request.get(OPTIMIZER_STATE_PATH)).json()) as { deps: string[] }).deps;
  const depsBefore = await optimizedDeps();
  // The start-up scan reached the lazily loaded editor.
  expect(depsBefore).toEqual(expect.arrayContaining(['monaco-editor/editor', 'monaco-yaml']));

  // Ctrl+E: the same key a user presses.
  await page.keyboard.press('Control+e');
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await page.getByTestId('file-calico/bgppeers.yaml').click();
  await expect(editor).toContainText('kind: BGPPeer');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  // monaco-yaml's worker: the JSON schema of a BGPPeer has no field "bogus".
  await page.keyboard.type('bogus: 1');

  // Both checks answer: liveroute's own (in the page) and the JSON schema (in monaco-yaml's worker),
  // on the page the editor was opened on (a reload would take the marker, and the editor, away).
  const thisPage = () =>
    page.evaluate(() => ({
      marker: (window as unknown as { lrBeforeEditor?: string }).lrBeforeEditor,
      editorMarkers: window.liveroute?.editorMarkers?.() ?? [],
    }));
  await expect.poll(thisPage).toEqual({
    marker: 'still here',
    editorMarkers: expect.arrayContaining([
      expect.objectContaining({
        owner: 'liveroute',
        file: '/calico/bgppeers.yaml',
        message: '[1].bogus: unknown field "bogus"',
      }),
      expect.objectContaining({
        owner: 'yaml',
        file: '/calico/bgppeers.yaml',
        message: 'Property bogus is not allowed.',
      }),
    ]),
  });
  expect(navigations.length).toBe(loads);
  expect(
    messages.filter((m) =>
      /optimized dependencies changed|reloading|module is not defined|Missing requestHandler/.test(m),
    ),
  ).toEqual([]);
  expect(unbundled).toEqual([]);
  // Both worker entries import pre-bundled code only, Monaco's editor worker included (the
  // editor's features do not start it on their own): served as the browser would ask for them.
  for (const entry of ['/src/ui/editor/yaml.worker.ts', '/src/ui/editor/editor.worker.ts']) {
    const code = await (await page.request.get(entry)).text();
    const imports = [...code.matchAll(/^import\s+(?:[^'"]*\sfrom\s+)?["']([^"']+)["']/gm)].map((m) => m[1] as string);
    expect(imports.length, entry).toBe(1);
    expect(
      imports.filter((i) => !i.includes('/deps/')),
      entry,
    ).toEqual([]);
  }
  // Every dependency the editor and its workers import was pre-bundled from the start: none was
  // found late (the optimizer registers one as soon as a module importing it is served).
  expect(await optimizedDeps()).toEqual(depsBefore);
  // The typing and the edit before it are still there.
  expect((await app.editorText())?.endsWith('bogus: 1')).toBe(true);
  await expect(page.getByTestId('undo')).toBeEnabled();
  expect(await app.yaml()).toContain('name: spine-2');
});
