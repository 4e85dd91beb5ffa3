/**
 * Share links: File → Copy share link puts the whole design in the URL fragment; opening the link
 * (in a new tab, or pasted into the address bar) asks before replacing the design; a broken or
 * oversized link is refused with a notice and changes nothing.
 */
import type { Page } from '@playwright/test';
import { test, expect, watchPage, LiverouteApp } from './fixtures';

const LINK = /^http:\/\/127\.0\.0\.1:\d+\/#lr1=[A-Za-z0-9_-]+$/;

/** Changes the default design through the inspector: it is renamed `shared-fabric`. */
async function modifyDesign(app: LiverouteApp): Promise<string> {
  const name = app.field('field-design-name');
  await name.fill('shared-fabric');
  await name.press('Enter');
  await expect.poll(() => app.yaml()).toContain('name: shared-fabric');
  return app.yaml();
}

/** Copies the share link through the File menu and reads it back from the clipboard. */
async function copyLink(app: LiverouteApp, page: Page): Promise<string> {
  await app.menu('file', 'cmd-share.copyLink');
  const notice = page.getByTestId('notice').filter({ hasText: 'Share link copied' });
  await expect(notice).toHaveCount(1);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(LINK);
  await expect(notice).toHaveText(`Share link copied (${link.length.toLocaleString('en-US')} characters)×`);
  return link;
}

/** A second tab whose browser storage holds another design (a scenario it opened), left on a blank page. */
async function tabWithOtherDesign(page: Page): Promise<{ other: LiverouteApp; otherYaml: string }> {
  const other = new LiverouteApp(page);
  await other.open(false);
  await other.menu('scenarios', 'scenario-single-rack-mesh');
  await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');
  const otherYaml = await other.yaml();
  // The autosave runs a moment after the change.
  await expect
    .poll(() => page.evaluate(() => Object.values(localStorage).some((v) => v.includes('single-rack-mesh'))))
    .toBe(true);
  return { other, otherYaml };
}

test.describe('share links', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('the link of a modified design opens it in a new tab, after asking; Undo brings the other design back', async ({
    app,
    page,
    context,
  }) => {
    await app.open();
    const original = await modifyDesign(app);
    const link = await copyLink(app, page);

    const tab = await context.newPage();
    const watched = await watchPage(tab);
    const { other, otherYaml } = await tabWithOtherDesign(tab);
    await tab.goto('about:blank');
    await tab.goto(link);
    const dialog = tab.getByTestId('share-open-dialog');
    await expect(dialog.getByRole('heading')).toHaveText(
      'Open the shared design “Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter”?',
    );
    await expect(dialog).toContainText('It replaces the current design (you can undo).');
    await expect(tab.getByTestId('share-open-summary')).toHaveText('shared-fabric: 2 racks, 4 nodes, 4 routers, 1 VM');
    // Nothing changes until the user says so.
    expect(await other.yaml()).toBe(otherYaml);
    await tab.getByTestId('share-accept').click();
    await expect(dialog).toHaveCount(0);
    expect(await other.yaml()).toBe(original);
    await expect(
      tab.getByTestId('notice').filter({
        hasText: 'Opened the shared design “Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter”',
      }),
    ).toHaveCount(1);
    // The fragment is gone from the address bar: a reload does not ask again.
    expect(tab.url()).not.toContain('#');
    await tab.getByTestId('undo').click();
    expect(await other.yaml()).toBe(otherYaml);
    await tab.getByTestId('redo').click();
    expect(await other.yaml()).toBe(original);
    await tab.reload();
    await expect(tab.locator('.react-flow__node').first()).toBeVisible();
    await expect(tab.getByTestId('share-open-dialog')).toHaveCount(0);
    expect(await other.yaml()).toBe(original);
    expect(watched).toEqual({ offsite: [], errors: [] });
  });

  test('a link pasted into the address bar asks too; Keep mine leaves the design as it was', async ({
    app,
    page,
    context,
  }) => {
    await app.open();
    await modifyDesign(app);
    const link = await copyLink(app, page);
    const tab = await context.newPage();
    const watched = await watchPage(tab);
    const { other, otherYaml } = await tabWithOtherDesign(tab);
    // Same page, new fragment: the hashchange path.
    await tab.evaluate((hash) => {
      location.hash = hash;
    }, new URL(link).hash);
    await expect(tab.getByTestId('share-open-dialog')).toBeVisible();
    await tab.getByTestId('share-keep').click();
    await expect(tab.getByTestId('share-open-dialog')).toHaveCount(0);
    expect(await other.yaml()).toBe(otherYaml);
    expect(tab.url()).not.toContain('#');
    expect(watched).toEqual({ offsite: [], errors: [] });
  });

  test('a corrupt link and an oversized one are refused with a notice, and change nothing', async ({ app, page }) => {
    await app.open();
    const before = await app.yaml();
    await page.evaluate(() => {
      location.hash = '#lr1=garbage';
    });
    await expect(page.getByTestId('notice').filter({ hasText: 'The share link is damaged' })).toHaveText(
      'The share link is damaged: its data cannot be decompressed (unexpected EOF). The current design was not changed.×',
    );
    expect(page.url()).not.toContain('#');
    await page.evaluate((payload) => {
      location.hash = `#lr1=${payload}`;
    }, 'A'.repeat(70_000));
    await expect(page.getByTestId('notice').filter({ hasText: 'too long' })).toHaveText(
      'The share link is too long (70,004 characters; at most 65,536). The current design was not changed.×',
    );
    expect(page.url()).not.toContain('#');
    await expect(page.getByTestId('share-open-dialog')).toHaveCount(0);
    expect(await app.yaml()).toBe(before);

    // Opened as a link from outside (a fresh load): the same refusal, and the design restored from storage stays.
    await page.goto('about:blank');
    await page.goto('./#lr1=garbage');
    await expect(page.getByTestId('notice').filter({ hasText: 'The share link is damaged' })).toHaveCount(1);
    expect(page.url()).not.toContain('#');
    expect(await app.yaml()).toBe(before);
    await expect(page.getByTestId('undo')).toBeDisabled();
  });

  test('where the clipboard refuses, the link is shown to copy by hand', async ({ app, page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', {
        value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
      });
    });
    await app.open();
    await app.menu('file', 'cmd-share.copyLink');
    const dialog = page.getByTestId('share-link-dialog');
    await expect(dialog).toBeVisible();
    const link = await page.getByTestId('share-link-field').inputValue();
    expect(link).toMatch(LINK);
    await expect(page.getByTestId('share-link-field')).toHaveAttribute('readonly', '');
    await page.getByTestId('share-link-copy').click();
    await expect(page.getByTestId('notice').filter({ hasText: 'Share link copied' })).toHaveText(
      `Share link copied (${link.length.toLocaleString('en-US')} characters)×`,
    );
    await expect(dialog).toHaveCount(0);
  });
});
