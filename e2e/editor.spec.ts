import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect } from './fixtures';

test.describe('config editor', () => {
  test('edits the BGPFilter in YAML, refuses invalid YAML with a marker, downloads the zip', async ({ app, page }) => {
    await app.open();
    const editor = await app.openEditorFile('calico/bgpfilters.yaml');
    await expect(editor).toContainText('kind: BGPFilter');
    await expect(editor).toContainText('addCommunity: { value: "65000:100" }');

    // Change the community everywhere with the editor's own find and replace.
    const original = await app.yaml();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+h');
    await page.keyboard.insertText('65000:100');
    await editor.locator('.find-widget textarea[aria-label="Replace"]').click();
    await page.keyboard.insertText('65000:200');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => app.yaml()).toContain('addCommunity: { value: "65000:200" }');
    expect(await app.yaml()).not.toContain('addCommunity: { value: "65000:100" }');
    expect(await app.yaml()).toContain('communities: { values: [ "65000:200" ] }');
    await expect(page.getByTestId('editor-status')).toHaveText('applied to the design');

    // Invalid YAML: a marker, and the design stays as it was.
    const before = await app.yaml();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('broken: [');
    await expect(editor.locator('.squiggly-error').first()).toBeVisible();
    await expect(page.getByTestId('editor-status')).toContainText('the design is unchanged');
    // Both validators mark it: liveroute's own, and the JSON schema of the BGPFilter (monaco-yaml).
    const markers = () =>
      page.evaluate(() =>
        (
          window as unknown as { liveroute: { editorMarkers(): { owner: string; message: string }[] } }
        ).liveroute.editorMarkers(),
      );
    await expect
      .poll(markers)
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ owner: 'liveroute', message: '[0].broken: unknown field "broken"' }),
          expect.objectContaining({ owner: 'yaml', message: 'Property broken is not allowed.' }),
        ]),
      );
    // The status above came from the one check of that edit: nothing else is pending.
    expect(await app.yaml()).toBe(before);

    // Undo in the app takes the design back to before the editor's change.
    await page.getByTestId('undo').click();
    expect(await app.yaml()).toBe(original);

    // The zip holds every generated file and a README.
    const download = page.waitForEvent('download');
    await page.getByTestId('download-zip').click();
    const zip = await download;
    expect(zip.suggestedFilename()).toBe('two-racks-ebgp.zip');
    const entries = unzipSync(await readFile(await zip.path()));
    const names = Object.keys(entries).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'two-racks-ebgp/README.md',
        'two-racks-ebgp/calico/bgpfilters.yaml',
        'two-racks-ebgp/calico/bgppeers.yaml',
        'two-racks-ebgp/two-racks-ebgp.liveroute.yaml',
      ]),
    );
    expect(strFromU8(entries['two-racks-ebgp/README.md'] as Uint8Array)).toContain('calico/bgppeers.yaml');
  });
});
