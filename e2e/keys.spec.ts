/**
 * Keys typed into the config editor (Monaco) or an inspector field are text, never the app's
 * shortcuts: every key the app binds on its own (P G L [ ] Space, the arrows, Delete, Backspace,
 * Escape, Shift+1) and the digits, pressed one by one on the real keyboard, change only the
 * text. Ctrl+Z there is the field's undo; Ctrl+S saves the design with what was just typed.
 */
import { readFile } from 'node:fs/promises';
import { test, expect, type LiverouteApp } from './fixtures';

/** Everything a stray shortcut would change: modes and overlays, phase and time, selection, the design, the undo history. */
async function appState(app: LiverouteApp) {
  const page = app.page;
  return {
    sim: await page.evaluate(() => {
      const s = window.liveroute.simulation() as unknown as { phase: string; time: number; playing: boolean };
      return { phase: s.phase, time: s.time, playing: s.playing };
    }),
    selection: await page.evaluate(() => window.liveroute.selection()),
    design: await app.yaml(),
    appClass: await page.locator('.app').getAttribute('class'),
    presenter: await page.getByTestId('presenter').count(),
    gallery: await page.getByTestId('gallery').count(),
    // The app's dialogs (Monaco's find widget is a role="dialog" of its own).
    dialogs: await page.locator('[role="dialog"]:not(.monaco-editor *), dialog[open]').count(),
    lessonStep: await page.getByTestId('lesson-step').allTextContents(),
    editorOpen: await page.getByTestId('editor-panel').count(),
    undoEnabled: await page.getByTestId('undo').isEnabled(),
  };
}

/**
 * The keys pressed, and the text they leave in a field: each app shortcut key once (and some
 * with Shift), the digits, and keys that move the cursor away and back or delete nothing.
 * Escape, the app's "clear selection", is tried apart: a field uses it to drop the typing.
 */
const PRESSES: readonly (readonly [key: string, text: string])[] = [
  ['#', '#'],
  ['Space', ' '],
  ['p', 'p'],
  ['g', 'g'],
  ['l', 'l'],
  ['Shift+P', 'P'],
  ['Shift+G', 'G'],
  ['Shift+L', 'L'],
  ['Shift+Digit1', '!'],
  ['[', '['],
  [']', ']'],
  ['Space', ' '],
  ...[...'0123456789'].map((d) => [d, d] as const),
  ['Space', ' '],
  ['x', 'x'],
  ['Backspace', '\b'],
  ['ArrowLeft', ''],
  ['ArrowRight', ''],
  ['Delete', ''],
  ['y', 'y'],
];
/** What the presses leave: their text, a backspace (\b) taking the character before it. */
const PRESSED_TEXT = PRESSES.reduce((out, [, text]) => (text === '\b' ? out.slice(0, -1) : out + text), '');

async function pressAll(app: LiverouteApp): Promise<void> {
  for (const [key] of PRESSES) await app.page.keyboard.press(key);
}

test.describe('keys in text fields', () => {
  test('every shortcut key typed into the config editor is text: no presenter mode, gallery, lesson, phase, time or selection change', async ({
    app,
    page,
  }) => {
    await app.open();
    // A design with a lesson (L would start or close it) and a timeline (Space plays, the arrows step).
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await page.getByTestId('lesson-offer-start').click();
    await expect(page.getByTestId('lesson-card')).toBeVisible();
    await app.simulated();
    // A selection Delete would remove and Escape would clear.
    await app.router('tor-a').click();
    await expect.poll(() => page.evaluate(() => window.liveroute.selection())).toEqual(['tor-a']);

    const editor = await app.openEditorFile('calico/bgppeers.yaml');
    await expect(editor).toContainText('kind: BGPPeer');
    await expect.poll(() => app.editorText()).toContain('peerIP: 10.0.2.1');
    const before = await appState(app);
    const text = (await app.editorText()) as string;
    expect(text.endsWith('\n')).toBe(true);

    // On the empty last line, a YAML comment: the resources, and so the design, stay the same.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await pressAll(app);
    await page.keyboard.press('Escape');
    // keyboard.type too (the example): spaces included.
    await page.keyboard.type(' peerIP g p');
    const typed = `${PRESSED_TEXT} peerIP g p`;
    expect(await app.editorText()).toBe(text + typed);
    expect(typed).toBe('# pglPGL![] 0123456789 y peerIP g p');

    // Leaving the editor applies what it holds at once (no waiting for a pause in typing).
    await page.getByTestId('file-calico/bgppeers.yaml').click();
    expect(await appState(app)).toEqual(before);
    await expect(page.getByTestId('lesson-card')).toBeVisible();
    await expect(page.getByTestId('editor-status')).toHaveText('');

    // Ctrl+Z is Monaco's undo (the app's would put back the design before the scenario); Ctrl+Shift+Z its redo.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.editorText()).not.toBe(text + typed);
    expect(((await app.editorText()) as string).startsWith(text)).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => app.editorText()).toBe(text + typed);
    await page.getByTestId('file-calico/bgppeers.yaml').click();
    expect(await appState(app)).toEqual(before);
  });

  test('every shortcut key typed into an inspector field is text; Escape there puts the field back; Ctrl+S saves what it holds', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.simulated();
    await app.router('tor-a').click();
    const name = app.field('field-name');
    await expect(name).toHaveValue('tor-a');
    const before = await appState(app);

    await name.click();
    await page.keyboard.press('End');
    await pressAll(app);
    await expect(name).toHaveValue(`tor-a${PRESSED_TEXT}`);
    // Not a valid name: the field says so and the design waits.
    await expect(app.inspector.locator('.field.invalid')).toHaveCount(1);
    expect(await appState(app)).toEqual(before);

    // Escape belongs to the field: the typing is dropped, the selection stays.
    await name.click();
    await page.keyboard.press('Escape');
    await expect(name).toHaveValue('tor-a');
    expect(await appState(app)).toEqual(before);

    // Ctrl+S from the field saves what it holds: the field applies it first.
    await name.click();
    await page.keyboard.press('End');
    await page.keyboard.type('-x');
    await expect(name).toHaveValue('tor-a-x');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const saved = await readFile((await (await download).path()) as string, 'utf8');
    expect(saved).toContain('- name: tor-a-x');
    expect(saved).not.toContain('name: tor-a\n');
    expect(await app.yaml()).toBe(saved);
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['tor-a-x']);
  });

  test('the find widget keeps its keys; Ctrl+S in the editor saves the design with what was just typed', async ({
    app,
    page,
  }) => {
    await app.open();
    const editor = await app.openEditorFile('calico/bgpfilters.yaml');
    await expect(editor).toContainText('addCommunity: { value: "65000:100" }');
    await editor.locator('.view-lines').click();
    // From the top of the file, the first match is the export rule's tag (the import rule's comes later).
    await page.keyboard.press('Control+Home');
    const before = await appState(app);

    // Find with the editor's own widget: the letters and Space typed there stay there.
    await page.keyboard.press('Control+f');
    const find = editor.locator('.find-widget textarea[aria-label="Find"]');
    await expect(find).toBeFocused();
    for (const key of [...'65000:100']) await page.keyboard.press(key);
    for (const key of ['p', 'g', 'l', 'Space', '[', ']', 'Shift+Digit1', 'Delete', 'ArrowLeft'])
      await page.keyboard.press(key);
    await expect(find).toHaveValue('65000:100pgl []!');
    expect(await appState(app)).toEqual(before);
    await page.keyboard.press('End');
    for (let i = 0; i < 7; i++) await page.keyboard.press('Backspace');
    await expect(find).toHaveValue('65000:100');
    // Find as you type has selected the first match; Escape goes back to the editor with it selected.
    await page.keyboard.press('Escape');
    await expect(find).not.toBeFocused();

    // The match is selected: type over it and save at once, before the editor's pause has passed.
    for (const key of [...'65000:300']) await page.keyboard.press(key);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const saved = await readFile((await (await download).path()) as string, 'utf8');
    // One of the tagging rules (the first match) now adds 65000:300.
    const tags = (yaml: string, community: string) => yaml.split(`addCommunity: { value: "${community}" }`).length - 1;
    expect([tags(saved, '65000:100'), tags(saved, '65000:300')]).toEqual([tags(before.design, '65000:100') - 1, 1]);
    expect(await app.yaml()).toBe(saved);
  });
});
