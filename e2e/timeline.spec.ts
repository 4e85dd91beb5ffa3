import { test, expect } from './fixtures';

/**
 * The timeline under the canvas and the Migrate action, on the default design (two-racks-ebgp).
 * Its live phase: node-b1 announces the VM's /32 at 2048 ms (live +0); the route reaches spine-1
 * and border-1 at +24, tor-a at +36 and node-a1 at +48 ms. Until then node-a1 hands the packets to
 * the VM's old interface (blackhole). Playback runs 1 simulated ms in 20 ms at 1×.
 */
test.describe('timeline', () => {
  test('steps through the events with the keys and buttons; the phase bar keeps its arrows', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    const time = app.timelineTime;
    // The live phase at its settled state: its last instant.
    await expect(time).toHaveText('live +48 ms');
    await expect(app.timelineTrack).toHaveAttribute('aria-valuenow', '2096');
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.timelineNow).toContainText('10.244.1.5/32 changes the RIB and FIB of node-a1, node-a2');
    await expect(app.timelineNow).toContainText('✓ delivered: node-a1');

    // One event back: tor-a has the new route, node-a1 not yet.
    await page.keyboard.press('ArrowLeft');
    await expect(time).toHaveText('live +36 ms');
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'blackhole');
    await expect(app.outcome('node-a1')).toHaveText('✕ blackhole');
    await expect(app.outcome('node-a2')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.timelineNow).toContainText('tor-a updates 10.244.1.5/32 → node-a1, node-a2');
    await page.keyboard.press('ArrowLeft');
    await expect(time).toHaveText('live +24 ms');
    await expect(app.outcome('node-a2')).toHaveAttribute('data-outcome', 'blackhole');
    await expect(app.outcome('border-1')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.timelineTrack).toHaveAttribute(
      'aria-valuetext',
      'live +24 ms (2,072 ms): 2 blackhole, 3 delivered',
    );

    // The buttons; the arrows still work with the focus on one.
    await page.getByTestId('timeline-next').click();
    await expect(time).toHaveText('live +36 ms');
    await page.keyboard.press('ArrowRight');
    await expect(time).toHaveText('live +48 ms');
    await expect(app.outcome('node-a1')).toHaveAttribute('data-outcome', 'delivered');
    await page.getByTestId('timeline-prev').click();
    await expect(time).toHaveText('live +36 ms');

    // With the focus in the phase bar, the arrows move between phases, not through events.
    await app.phase('base').click();
    await expect(time).toHaveText('base +48 ms');
    await page.keyboard.press('ArrowRight');
    await expect(app.phase('target')).toHaveAttribute('aria-checked', 'true');
    await expect(app.phase('target')).toBeFocused();
    await expect(time).toHaveText('target +0 ms');
    await expect(app.timelineNow).toContainText('target: the migration starts');

    // The slider has its own keys: Shift+arrow moves 1 ms, Page Down the next phase.
    await app.timelineTrack.focus();
    await page.keyboard.press('PageDown');
    await expect(time).toHaveText('live +48 ms');
    await page.keyboard.press('Home');
    await expect(time).toHaveText('base +0 ms');
  });

  test('scrubs by clicking a segment, plays at 4× to the end, Space toggles', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    const time = app.timelineTime;
    const segments = await page
      .locator('[data-testid^="timeline-segment-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(segments).toEqual(
      ['base', 'target', 'live', 'source-deleted', 'settled'].map((p) => `timeline-segment-${p}`),
    );

    // The base segment spans 0 to 72 ms (settled at 48, plus the 24 ms hold): its middle is +36.
    await app.scrub('base', 0.5);
    await expect(time).toHaveText('base +36 ms');
    await expect(app.phase('base')).toHaveAttribute('aria-checked', 'true');
    await expect(app.outcome('border-1')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.outcome('node-b1')).toHaveAttribute('data-outcome', 'blackhole');
    await expect(app.timelineTrack).toBeFocused();
    // The cursor sits where the click was.
    const seg = (await app.timelineSegment('base').boundingBox()) as { x: number; width: number };
    const cursor = (await page.getByTestId('timeline-cursor').boundingBox()) as { x: number; width: number };
    expect(Math.abs(cursor.x + cursor.width / 2 - (seg.x + seg.width / 2))).toBeLessThan(2);

    // Between two instants: the UPDATEs on the wire (tor-b sends to node-b1 and node-b2 at +36, they arrive at +46).
    await app.scrub('base', 40 / 72);
    await expect(time).toHaveText('base +40 ms');
    await expect(app.timelineNow).toHaveText('UPDATE 10.244.1.0/26 in flight tor-b → node-b1, node-b2, arrives +46 ms');

    // Play at 4× from here to the end of the run; record every time shown on the way.
    await app.recordTimes();
    await page.getByTestId('timeline-speed').selectOption('4');
    const play = page.getByTestId('timeline-play');
    await play.click();
    await expect(play).toHaveAttribute('aria-label', 'Pause');
    await expect(time).toHaveText('settled +72 ms');
    await expect(play).toHaveAttribute('data-playing', 'false');
    await expect(play).toHaveAttribute('aria-label', 'Play');
    await expect(app.phase('settled')).toHaveAttribute('aria-checked', 'true');
    await expect(app.timelineTrack).toHaveAttribute('aria-valuenow', '33168');
    // Every phase went by, in order, and the quiet gaps were skipped.
    expect(await app.phasesSeen()).toEqual(['base', 'target', 'live', 'source-deleted', 'settled']);

    // Space (focus on the page, not on a button) plays again from the start, then pauses.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect(play).toHaveAttribute('data-playing', 'true');
    await page.keyboard.press('Space');
    await expect(play).toHaveAttribute('data-playing', 'false');
    await expect(time).not.toHaveText('settled +72 ms');
  });
});

test.describe('migrate', () => {
  test('with the dialog, from the timeline or the View menu; Escape cancels', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    const status = page.getByTestId('sim-status');
    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-b1');

    await page.getByTestId('migrate-open').click();
    const dialog = app.migrateDialog;
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('migrate-current')).toHaveText('Now: vm-1 from node-a1 to node-b1');
    await expect(dialog.getByTestId('migrate-vm')).toBeFocused();
    // Every node but the VM's own, the current target selected.
    const targets = await dialog
      .getByTestId('migrate-to')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(targets).toEqual(['node-a2', 'node-b1', 'node-b2']);
    await expect(dialog.getByTestId('migrate-to')).toHaveValue('node-b1');
    // A click on the dialog's own padding keeps it open; Escape closes it without a change.
    const box = (await dialog.boundingBox()) as { x: number; y: number };
    await page.mouse.click(box.x + 6, box.y + 6);
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(app.timelineTime).toHaveText('live +48 ms');

    await app.migrate('vm-1', 'node-b2');
    await expect(dialog).toBeHidden();
    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-b2');
    await app.simulated();
    expect(await app.yaml()).toMatch(/migration: \{ vm: vm-1, to: node-b2 \}/);
    await expect(page.getByTestId('vmhost-node-b2')).toHaveText('▣ vm-1 here');

    // The same dialog from the View menu.
    await app.menu('view', 'cmd-sim.migrate');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('migrate-to')).toHaveValue('node-b2');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    // And a click on the backdrop closes it.
    await page.getByTestId('migrate-open').click();
    await expect(dialog).toBeVisible();
    await page.mouse.click(20, 450);
    await expect(dialog).toBeHidden();
    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-b2');

    // Without a migration the timeline says so, and Migrate… sets one.
    await app.inspector.getByLabel('VM', { exact: true }).selectOption('');
    await expect(status).toHaveAttribute('data-status', 'no-migration');
    await expect(app.timeline).toContainText('No migration to simulate');
    await expect(page.getByTestId('timeline-play')).toBeDisabled();
    await page.getByTestId('migrate-open').click();
    await expect(dialog.getByTestId('migrate-current')).toHaveText('The design has no migration yet.');
    await expect(dialog.getByTestId('migrate-to')).toHaveValue('node-a2');
    await dialog.getByTestId('migrate-apply').click();
    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-a2');
    await expect(app.timelineTime).toHaveText('live +48 ms');
  });

  test('by dragging the VM chip onto another node, without moving the node; Undo takes it back', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.simulated();
    const status = page.getByTestId('sim-status');
    const chip = app.node('node-a1').getByTestId('vm-vm-1');
    // The first fit may still be animating on a busy machine: measure the node once the view stands still.
    await app.viewAtRest();
    const before = await app.node('node-a1').boundingBox();

    // While dragging: the other nodes are marked, the one under the pointer says what a drop does.
    await chip.hover();
    await page.mouse.down();
    const target = await app.center(app.node('node-a2'));
    await page.mouse.move(target.x, target.y, { steps: 10 });
    await expect(app.node('node-a2')).toHaveClass(/vm-drop-over/);
    await expect(app.node('node-a2')).toContainText('⇄ migrate vm-1 here');
    await expect(app.node('node-b2')).toHaveClass(/vm-drop-candidate/);
    await expect(app.node('node-a1')).not.toHaveClass(/vm-drop-candidate/);
    await page.mouse.up();

    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-a2');
    await app.simulated();
    await expect(app.node('node-b2')).not.toHaveClass(/vm-drop-candidate/);
    await app.viewAtRest();
    expect(await app.node('node-a1').boundingBox()).toEqual(before);
    expect(await app.yaml()).toMatch(/migration: \{ vm: vm-1, to: node-a2 \}/);

    // dragTo as well, onto a node of the other rack.
    await chip.dragTo(app.node('node-b2'));
    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-b2');

    await page.getByTestId('undo').click();
    await expect(status).toHaveText('vm-1 10.244.1.5: node-a1 → node-a2');

    // A click on the chip selects the VM, not the node around it.
    await app.node('node-b1').click();
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['node-b1']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => window.liveroute.selection())).toEqual([]);
    await chip.click();
    await expect.poll(() => page.evaluate(() => window.liveroute.selection())).toEqual(['vm:vm-1']);
    await expect(chip).toHaveClass(/selected/);
  });
});
