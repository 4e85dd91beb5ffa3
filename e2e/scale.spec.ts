/**
 * A data-center fabric on the canvas (issue 11): far out a rack is one box (its name, its count
 * of nodes, the worst outcome of its clients, the VM's rack marked) and no node card is drawn;
 * zooming in on a rack brings its cards; the small default design looks as it always did.
 */
import { readFile } from 'node:fs/promises';
import { test, expect, type LiverouteApp } from './fixtures';
import type { Page } from '@playwright/test';

/** Turns the real wheel over a point, a notch at a time, until `done` holds (at most 30 notches). */
async function zoomInUntil(
  app: LiverouteApp,
  page: Page,
  at: { x: number; y: number },
  done: () => Promise<boolean>,
): Promise<void> {
  await page.mouse.move(at.x, at.y);
  for (let notch = 0; notch < 30 && !(await done()); notch++) {
    await page.mouse.wheel(0, -120);
    await app.viewAtRest();
  }
}

test.describe('a 32 × 32 fabric', () => {
  test('far out: rack boxes with their counts, worst outcome and the VM; zoomed in on a rack: its cards', async ({
    app,
    page,
  }) => {
    // The engine on 1,024 nodes takes its time on a busy machine: generous, never a pace relied on.
    test.setTimeout(600_000);
    await app.open();
    await app.simulated();
    await app.generateFabric(32, 32, 4);
    await expect(page.getByTestId('design-title')).toHaveText('Generated fabric: 32 racks × 32 nodes, 4 spines');
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-status', 'ready', { timeout: 300_000 });
    await app.viewAtRest();

    // The fitted view: 32 boxes, no card of a node, no edge label.
    await expect(page.locator('.rack-summary')).toHaveCount(32);
    await expect(page.getByTestId('rack-count-rack-10')).toHaveText('32 nodes · 1 ToR');
    const worst = page.getByTestId('rack-worst-rack-10');
    await expect(worst).toHaveAttribute('data-outcome', 'delivered');
    await expect(worst).toHaveAttribute('data-count', '32');
    await expect(worst).toContainText('× 32');
    await expect(page.locator('[data-testid^="node-node-"]')).toHaveCount(0);
    await expect(page.locator('.edge-label')).toHaveCount(0);
    // In phase live vm-1 runs on its target, node-02-1: rack-02 is marked, rack-01 is not.
    await expect(page.getByTestId('rack-vmhost-rack-02')).toHaveText('▣ vm-1');
    await expect(page.getByTestId('rack-vmhost-rack-02')).toHaveAttribute('title', 'vm-1 runs on node-02-1');
    await expect(page.getByTestId('rack-vmhost-rack-01')).toHaveCount(0);
    // In phase base it still runs on node-01-1: the mark moves with the phase.
    await app.phase('base').click();
    await expect(page.getByTestId('rack-vmhost-rack-01')).toHaveText('▣ vm-1');
    await expect(page.getByTestId('rack-vmhost-rack-02')).toHaveCount(0);
    // The sessions of a rack's ToR with the spines are one line per rack and spine.
    await expect(page.locator('[data-testid="rack-bundle-spine-1|rack-10"]')).toHaveAttribute('data-count', '1');

    // The diagram export draws the design whole, whatever the canvas draws far out.
    const download = page.waitForEvent('download');
    await app.menu('file', 'cmd-export.svg');
    const svg = await readFile(await (await download).path(), 'utf8');
    expect(svg).toContain('>node-10-1<');
    expect(svg).toContain('eBGP 65000 ↔ 65010');
    expect(svg).not.toContain('undefined');

    // Zoomed in on rack-10 with the wheel: its cards come, whole, with their outcome; a far rack's do not.
    const rack = await app.center(page.getByTestId('rack-summary-rack-10'));
    const smallPrint = app.node('node-10-1').locator('.sub').first();
    await zoomInUntil(app, page, rack, () => smallPrint.isVisible());
    await expect(app.node('node-10-1')).toBeVisible();
    await expect(smallPrint).toContainText('10.0.10.11');
    await expect(app.outcome('node-10-1')).toHaveAttribute('data-outcome', 'delivered');
    await expect(page.locator('.rack-summary')).toHaveCount(0);
    await expect(app.node('node-32-32')).toHaveCount(0);
  });
});

test('the default design at its fit: every card whole, as always, and still whole far out', async ({ app, page }) => {
  await app.open();
  await app.simulated();
  await app.viewAtRest();
  await expect(page.locator('.react-flow')).not.toHaveClass(/lod-/);
  await expect(app.node('node-a1')).toBeVisible();
  await expect(app.node('node-a1').getByTestId('vm-vm-1')).toContainText('10.244.1.5');
  await expect(app.node('node-a1').locator('.sub').first()).toBeVisible();
  await expect(page.locator('.rack-summary')).toHaveCount(0);
  const cards = await page.locator('.react-flow__node .card').count();
  expect(cards).toBeGreaterThan(4);

  // Zoomed out to the least zoom: a small design keeps its cards (drawing them is cheap).
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let notch = 0; notch < 12; notch++) await page.mouse.wheel(0, 240);
  await app.viewAtRest();
  await expect(page.locator('.rack-summary')).toHaveCount(0);
  await expect(page.locator('.react-flow__node .card')).toHaveCount(cards);
});
