import { test, expect } from './fixtures';

/**
 * Issue 6's acceptance, end to end: the eBGP design without the BGPFilter blackholes node-a1 in
 * live; its route table says why; the one-click fix repairs it; the tables follow the instant.
 */
test.describe('watching the migration', () => {
  test('eBGP without the filter: node-a1 blackholes in live because its kernel prefers Felix’s stale route; the fix delivers everyone', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await app.simulated();

    // Run the migration from the start: play from base at 4× to the end (every phase goes by, in
    // order; recorded in the page, because a poll may fall between two phases), then go to live.
    await app.phase('base').click();
    await app.timelineTrack.focus();
    await page.keyboard.press('Home');
    await expect(app.timelineTime).toHaveText('base +0 ms');
    await app.recordTimes();
    await page.getByTestId('timeline-speed').selectOption('4');
    await page.getByTestId('timeline-play').click();
    await expect(page.getByTestId('timeline-play')).toHaveAttribute('data-playing', 'false');
    await expect(app.timelineTime).toHaveText(/^settled /);
    expect(await app.phasesSeen()).toEqual(['base', 'target', 'live', 'source-deleted', 'settled']);
    await app.phase('live').click();
    await expect(app.timelineTime).toHaveText('live +48 ms');

    // The source node's client is blackholed; the others deliver.
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 4 delivered, 1 blackhole');
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'blackhole');
    await expect(app.outcome('node-a1')).toHaveText('✕ blackhole');
    for (const c of ['border-1', 'node-a2', 'node-b1', 'node-b2'])
      await expect(app.outcome(c)).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.packetPath('node-a1')).toHaveAttribute('data-outcome', 'blackhole');

    // node-a1's route table: BIRD's kernel route at 2147483647 − 100 loses to Felix's 1024.
    await app.node('node-a1').dblclick();
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('node-a1');
    await expect(app.routePanel.getByTestId('routes-instant')).toHaveText('live +48 ms · instant 11/13');
    const bird = app.fibRow('10.244.1.5/32', 'bird');
    await expect(bird.locator('[data-col="metric"]')).toHaveText('2147483547');
    await expect(bird).toHaveAttribute('data-used', 'false');
    await expect(bird.locator('[data-col="why"]')).toHaveText(
      "loses to Felix's route (metric 1024): metric 2147483547 is higher; installed by BIRD, metric 2147483647 − LOCAL_PREF 100",
    );
    const felix = app.fibRow('10.244.1.5/32', 'felix');
    await expect(felix.locator('[data-col="metric"]')).toHaveText('1024');
    await expect(felix).toHaveAttribute('data-used', 'true');
    await expect(app.routePanel.getByTestId('flow-outcome')).toHaveAttribute('data-outcome', 'blackhole');
    // The BGP route came in at this instant, plain eBGP: LOCAL_PREF 100, no community.
    await expect(bird).toHaveAttribute('data-change', 'added');
    const best = app.ribRow('10.244.1.5/32', true);
    await expect(best.locator('[data-col="localPref"]')).toHaveText('100');
    await expect(best.locator('[data-col="communities"]')).toHaveText('—');

    // Step back: node-a1 has not heard of the new route yet; forward: it is back.
    await page.getByTestId('timeline-prev').click();
    await expect(app.timelineTime).toHaveText('live +36 ms');
    await expect(app.routePanel.getByTestId('routes-instant')).toHaveText('live +36 ms · instant 10/13');
    await expect(bird).toHaveCount(0);
    // Only BIRD's copy of Felix's kernel route (preference 10) is left in its RIB.
    await expect(app.routePanel.locator('[data-testid="rib-row"][data-prefix="10.244.1.5/32"]')).toHaveCount(1);
    await expect(app.ribRow('10.244.1.5/32', true).locator('[data-col="learnedFrom"]')).toHaveText(
      'local (kernel (Felix))',
    );
    await expect(app.ribRow('10.244.1.5/32', true).locator('[data-col="preference"]')).toHaveText('10');
    await expect(felix).toHaveAttribute('data-used', 'true');
    await page.getByTestId('timeline-next').click();
    await expect(app.routePanel.getByTestId('routes-instant')).toHaveText('live +48 ms · instant 11/13');
    await expect(bird.locator('[data-col="metric"]')).toHaveText('2147483547');

    // Scrub to settled: Felix has deleted the source pod's route; BIRD's route is used.
    await app.scrub('settled', 0.9);
    await expect(app.timelineTime).toHaveText(/^settled /);
    await expect(app.routePanel.getByTestId('routes-instant')).toHaveText(/^settled \+\d+ ms · instant 13\/13$/);
    await expect(felix).toHaveCount(0);
    await expect(bird).toHaveAttribute('data-used', 'true');
    await expect(app.routePanel.getByTestId('flow-outcome')).toHaveAttribute('data-outcome', 'delivered');

    // The one-click fix, then the rerun: every client delivered in every phase.
    const panel = await app.openDiagnostics();
    await app.diagnostic('LR-EBGP-NO-PRIORITY', '').getByTestId('diagnostic-fix').click();
    await app.simulated();
    await expect(panel.getByTestId('diagnostics-status')).toHaveAttribute('data-state', 'current');
    for (const p of ['base', 'target', 'live', 'source-deleted', 'settled'])
      await expect(app.phase(p)).toHaveAttribute('aria-label', `${p}: 5 delivered`);
    await app.phase('live').click();
    for (const c of ['border-1', 'node-a1', 'node-a2', 'node-b1', 'node-b2'])
      await expect(app.outcome(c)).toHaveAttribute('data-outcome', 'delivered');
    // Now the route carries the elevated community and BIRD's kernel route wins at metric 512.
    await expect(app.routePanel.getByTestId('routes-title')).toHaveText('node-a1');
    await expect(bird.locator('[data-col="metric"]')).toHaveText('512');
    await expect(bird).toHaveAttribute('data-used', 'true');
    await expect(felix).toHaveAttribute('data-used', 'false');
    await expect(app.ribRow('10.244.1.5/32', true).locator('[data-col="communities"]')).toHaveText('65000:100');
    await expect(app.routePanel.getByTestId('flow-outcome')).toHaveAttribute('data-outcome', 'delivered');
  });
});

test.describe('responsiveness', () => {
  test('the benchmark fabric simulates in the worker, the phase bar shows the run under way and the UI answers', async ({
    app,
    page,
  }) => {
    // About 15 s quiet, most of it the engine on 1024 nodes: 10 minutes leaves room for a busy machine.
    test.setTimeout(600_000);
    await app.open();
    // Every state the phase bar's status goes through, recorded as it changes: the main thread is
    // busy drawing a thousand cards meanwhile, and a poll may come too late for a short run.
    await page.evaluate(() => {
      const status = document.querySelector('[data-testid="sim-status"]') as Element;
      const said: string[] = [];
      (window as unknown as { lrStatusSaid: string[] }).lrStatusSaid = said;
      new MutationObserver(() => said.push(status.getAttribute('data-status') ?? '')).observe(status, {
        attributes: true,
        attributeFilter: ['data-status'],
      });
    });
    await app.generateFabric(32, 32, 4);
    await expect(page.getByTestId('design-title')).toHaveText('Generated fabric: 32 racks × 32 nodes, 4 spines');
    // The phase bar shows the run under way (its spinner and "Simulating…" come after 300 ms: the
    // store's tests cover that; whether this run takes so long is the machine's business), and the
    // menus open meanwhile (how fast is the bench's business).
    await expect
      .poll(
        () => page.evaluate(() => (window as unknown as { lrStatusSaid: string[] }).lrStatusSaid.includes('running')),
        { timeout: 90_000 },
      )
      .toBe(true);
    await page.getByTestId('menu-view').click();
    await expect(page.getByTestId('cmd-view.fit')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sim-status')).toHaveAttribute('data-status', 'ready', { timeout: 300_000 });
    await expect(app.phase('live')).toHaveAttribute('aria-label', /^live: \d+ delivered/);
  });
});
