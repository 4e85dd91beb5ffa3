import { test, expect } from './fixtures';

const CLIENTS = ['border-1', 'node-a1', 'node-a2', 'node-b1', 'node-b2'];

test.describe('simulation in the engine worker', () => {
  test('shows each phase’s outcome per client and node-a1’s route table; an edit re-runs the engine', async ({
    app,
    page,
  }) => {
    await app.open();
    await expect(app.phaseBar).toBeVisible();
    for (const p of ['base', 'target', 'live', 'source-deleted', 'settled']) await expect(app.phase(p)).toBeVisible();
    await app.simulated();

    // The phases are a radio group: click, then the arrow keys.
    await expect(app.phase('live')).toHaveAttribute('aria-checked', 'true');
    await app.phase('base').click();
    await expect(app.phase('base')).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(app.phase('live')).toHaveAttribute('aria-checked', 'true');
    await expect(app.phase('live')).toBeFocused();

    // The default design works: every client is delivered in every phase; the VM runs on node-b1 in live.
    for (const p of ['base', 'target', 'live', 'source-deleted', 'settled'])
      await expect(app.phase(p)).toHaveAttribute('aria-label', `${p}: 5 delivered`);
    for (const c of CLIENTS) {
      await expect(app.outcome(c)).toHaveAttribute('data-outcome', 'delivered');
      await expect(app.outcome(c)).toHaveText('✓ delivered');
    }
    await expect(page.getByTestId('vmhost-node-b1')).toHaveText('▣ vm-1 here');

    // node-a1's route table, from the inspector.
    await app.node('node-a1').click();
    await app.inspector.getByTestId('show-routes').click();
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('node-a1');
    const best = app.ribRow('10.244.1.5/32', true);
    await expect(best.locator('[data-col="learnedFrom"]')).toHaveText('tor-a Node_10_0_1_1');
    await expect(best.locator('[data-col="localPref"]')).toHaveText('2147483135');
    await expect(best.locator('[data-col="communities"]')).toHaveText('65000:100');
    await expect(best.locator('[data-col="preference"]')).toHaveText('100');
    await expect(best.locator('[data-col="selected"]')).toHaveText('✓ best');
    // Felix's own route and the one BIRD programs, at the elevated metric 512: the kernel uses BIRD's.
    await expect(app.fibRow('10.244.1.5/32', 'felix').locator('[data-col="metric"]')).toHaveText('1024');
    const bird = app.fibRow('10.244.1.5/32', 'bird');
    await expect(bird.locator('[data-col="metric"]')).toHaveText('512');
    await expect(bird.locator('[data-col="via"]')).toHaveText('10.0.1.1');
    await expect(app.routePanel.getByTestId('flow-outcome')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.routePanel.getByTestId('flow-path')).toHaveText([
      'node-a1 → tor-a → spine-1 → tor-b → node-b1 ✓ node-b1 delivers to the VM',
    ]);

    // Every built-in scenario of the menu is simulated: a verdict for each phase, an outcome per client.
    await page.getByTestId('menu-scenarios').click();
    const scenarios = await page
      .locator('[data-testid^="scenario-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') as string));
    await page.getByTestId('menu-scenarios').click();
    expect(scenarios).toEqual(expect.arrayContaining(['scenario-two-racks-ebgp', 'scenario-single-rack-mesh']));
    for (const id of scenarios) {
      await app.menu('scenarios', id);
      await app.simulated();
      for (const p of ['base', 'target', 'live', 'source-deleted', 'settled'])
        await expect(app.phase(p)).toHaveAttribute('aria-label', new RegExp(`^${p}: \\d+ `));
      expect(await page.locator('[data-testid^="outcome-"]').count(), id).toBeGreaterThan(0);
    }
    await app.menu('scenarios', 'scenario-single-rack-mesh');
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 3 delivered');
    await expect(app.outcome('node-a3')).toHaveAttribute('data-outcome', 'delivered');
    await expect(page.getByTestId('vmhost-node-a2')).toBeVisible();
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('node-a1');
    await app.menu('scenarios', 'scenario-two-racks-ebgp');
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 5 delivered');

    // rack-a-tor loses its BGPFilter: no priority signal from node-b1 reaches node-a1, which keeps
    // delivering to the VM's old interface in live. The engine re-runs by itself.
    await app.inspector.getByRole('button', { name: 'BGPPeer rack-a-tor' }).click();
    const filters = app.field('field-peer-filters');
    await expect(filters).toHaveValue('kubevirt-live-migration');
    await filters.fill('');
    await filters.press('Enter');
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'blackhole');
    await expect(app.outcome('node-a1')).toHaveText('✕ blackhole');
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 4 delivered, 1 blackhole');
    for (const c of CLIENTS.filter((x) => x !== 'node-a1'))
      await expect(app.outcome(c)).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.routePanel.getByTestId('flow-outcome')).toHaveAttribute('data-outcome', 'blackhole');
    await expect(app.routePanel.getByTestId('flow-path')).toHaveText([
      "node-a1 ✕ node-a1 hands the packet to the VM's interface, but the VM is not running on node-a1",
    ]);
    await expect(app.ribRow('10.244.1.5/32', true).locator('[data-col="localPref"]')).toHaveText('100');

    // The other phases are not affected.
    await app.phase('base').click();
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 4 delivered, 1 blackhole');

    // Undo brings the filter, and the delivery, back.
    await page.getByTestId('undo').click();
    await app.phase('live').click();
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'delivered');
    await app.routePanel.getByTestId('routes-close').click();
    await expect(app.routePanel).toHaveCount(0);
  });
});
