/**
 * Startup on hostile browser storage (issue 15, finding 8): a 3 MB autosave that no longer reads,
 * beside a valid backup, in a storage full to its quota. The app comes up with the backup and a
 * notice that says what happened to the unreadable text and offers it as a download; the text
 * stays in storage until the design changes.
 */
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';

/** A big design damaged on disk: a 3 MB description, cut short inside it. */
const DAMAGED = `{"apiVersion":"liveroute/v1","kind":"Topology","metadata":{"name":"big","description":"${'x'.repeat(3 * 1024 * 1024)}`;
const BACKUP_FILE = new URL('../src/scenarios/single-rack-mesh.liveroute.yaml', import.meta.url);
const NOTICE =
  'The autosaved design could not be read ((document) (line 1): JSON syntax: Unterminated string); the previous copy was restored. ' +
  "Its text could not be set aside in browser storage (QuotaExceededError: Failed to execute 'setItem' on 'Storage': Setting the value of 'liveroute.design.unreadable' exceeded the quota.); " +
  'it stays there only until the design changes: download it to keep it.';

test('starts with the backup beside an unreadable 3 MB autosave in a full storage, says so, and offers the text', async ({
  app,
  page,
}) => {
  const backup = await readFile(BACKUP_FILE, 'utf8');
  // Before the app's own scripts, once per tab (a reload must find what the app left).
  await page.addInitScript(
    ({ damaged, backup }) => {
      if (sessionStorage.getItem('seeded') !== null) return;
      sessionStorage.setItem('seeded', 'yes');
      localStorage.clear();
      localStorage.setItem('liveroute.design.backup', backup);
      localStorage.setItem('liveroute.design', damaged);
      // Fill the rest of the quota, halving the size on each refusal, down to one character.
      let i = 0;
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        for (;;) {
          try {
            localStorage.setItem(`filler${i}`, 'f'.repeat(size));
            i++;
          } catch {
            break;
          }
        }
      }
    },
    { damaged: DAMAGED, backup },
  );
  await app.open(false);
  await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');
  expect(await app.yaml()).toContain('name: single-rack-mesh');
  const notice = page.getByTestId('notice').filter({ hasText: 'The autosaved design could not be read' });
  await expect(notice).toHaveAttribute('title', NOTICE);
  // The storage really is full: not even a short key fits.
  expect(
    await page.evaluate(() => {
      try {
        localStorage.setItem('probe-key-12', 'x');
        return 'stored';
      } catch (e) {
        return (e as Error).name;
      }
    }),
  ).toBe('QuotaExceededError');
  expect(await page.evaluate((damaged) => localStorage.getItem('liveroute.design') === damaged, DAMAGED)).toBe(true);

  // Download gives the unreadable text back, byte for byte.
  const download = page.waitForEvent('download');
  await notice.getByTestId('notice-action').click();
  expect((await download).suggestedFilename()).toBe('liveroute-autosave-unreadable.json');
  expect(await readFile((await (await download).path()) as string, 'utf8')).toBe(DAMAGED);

  // Until the design changes, a reload finds the same text and says the same.
  await page.reload();
  await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');
  await expect(
    page.getByTestId('notice').filter({ hasText: 'The autosaved design could not be read' }),
  ).toHaveAttribute('title', NOTICE);

  // A change is autosaved in its place (it fits where the 3 MB were), and the next start is a clean one.
  const name = app.field('field-design-name');
  await name.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('kept-after-all');
  await page.keyboard.press('Enter');
  const savedName = () =>
    page.evaluate(() => {
      try {
        return (JSON.parse(localStorage.getItem('liveroute.design') ?? 'null') as { metadata: { name: string } })
          .metadata.name;
      } catch {
        return 'not a design';
      }
    });
  await expect.poll(savedName).toBe('kept-after-all');
  await page.reload();
  await expect(name).toHaveValue('kept-after-all');
  await expect(page.getByTestId('notice').filter({ hasText: 'could not be read' })).toHaveCount(0);
});
