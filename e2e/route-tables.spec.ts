import { test, expect } from './fixtures';

test.describe('All prefixes: a speaker’s whole table from the engine worker', () => {
  test('the default design: every prefix of tor-a, next to the routes to the VM', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    await app.node('node-a1').dblclick();
    await page.getByTestId('routes-speaker').selectOption('tor-a');
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('tor-a');
    // The routes to the VM first: asked of the worker for this speaker at this instant.
    await expect(app.ribRow('10.244.1.5/32', true).locator('[data-col="learnedFrom"]')).toHaveText(/^spine-1 /);
    await app.routePanel.getByTestId('routes-scope-all').click();
    await expect(app.routePanel.getByText('every prefix (5 in the design)', { exact: false })).toBeVisible();
    await expect(app.ribRow('10.244.2.0/26', true).locator('[data-col="asPath"]')).toHaveText('65000 65002 65201');
    await expect(app.fibRow('10.244.1.64/26', 'bird')).toHaveAttribute('data-used', 'true');
    await expect(app.routePanel.getByTestId('whole-table-loading')).toHaveCount(0);
  });

  test('a large fabric: the progress counts the prefixes, Cancel stops it, asking again starts over', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.simulated();
    await app.generateFabric(16, 16, 2);
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
    await app.menu('view', 'cmd-sim.routes');
    await page.getByTestId('routes-speaker').selectOption('tor-01');
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('tor-01');
    await expect(app.routePanel.getByTestId('rib-table')).toBeVisible({ timeout: 60_000 });

    // Held, the worker's job shows its progress and waits, so the test sees it under way
    // however fast the machine is (released below, it goes on).
    await page.evaluate(() => window.liveroute.holdTables(true));
    await app.routePanel.getByTestId('routes-scope-all').click();
    const count = app.routePanel.getByTestId('whole-table-count');
    // Every block (one per node) and VM of the design: 256 blocks and the 4 VMs.
    await expect(count).toHaveText('0 / 260 prefixes', { timeout: 120_000 });
    const total = 260;
    await expect(app.routePanel.getByTestId('whole-table-progress')).toHaveAttribute('max', String(total));
    await expect(app.routePanel.getByTestId('whole-table-progress')).toHaveAttribute('value', '0');

    // While the worker computes, the route panel still answers: another instant's rows arrive.
    await page.getByTestId('timeline-prev').click();
    await expect(app.routePanel.getByTestId('route-rows')).toHaveAttribute('data-stale', 'false', { timeout: 60_000 });

    await app.routePanel.getByTestId('whole-table-cancel').click();
    await expect(app.routePanel.getByTestId('whole-table-cancelled')).toContainText(
      'The whole table was not computed (cancelled).',
    );
    await expect(app.routePanel.getByTestId('whole-table-loading')).toHaveCount(0);
    // The routes to the VM stay.
    await expect(app.routePanel.getByTestId('rib-table')).toBeVisible();

    // Asked again: it starts over from 0.
    await app.routePanel.getByTestId('whole-table-retry').click();
    await expect(count).toHaveText(`0 / ${total} prefixes`, { timeout: 120_000 });
    // Another speaker's table replaces the one under way.
    await page.getByTestId('routes-speaker').selectOption('tor-02');
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('tor-02');
    await expect(count).toHaveText(`0 / ${total} prefixes`, { timeout: 120_000 });
    // Let go, it finishes: tor-02's whole table, every prefix.
    await page.evaluate(() => window.liveroute.holdTables(false));
    await expect(app.routePanel.getByText(`every prefix (${total} in the design)`, { exact: false })).toBeVisible({
      timeout: 120_000,
    });
    await expect(app.routePanel.getByTestId('whole-table-loading')).toHaveCount(0);
    await expect(app.ribRow('10.244.0.0/26', true)).toBeVisible();
  });
});
