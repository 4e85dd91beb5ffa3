/**
 * The canvas overlay: packet paths from the clients to the VM (styled by outcome, the dropping
 * hop marked), BGP messages in flight at the time shown, and the animation switch.
 */
import { test, expect } from './fixtures';

test.describe('canvas overlay', () => {
  // The other specs run with the system asking for reduced motion (animation off); these need it on.
  test.use({ reducedMotion: 'no-preference' });

  test('draws every client’s packet path on the default design, or one client’s, or none', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    await expect(page.getByTestId('animate-toggle')).toBeChecked();

    // live, settled: node-a1 → tor-a → spine-1 → tor-b → node-b1, delivered, four hops drawn.
    const a1 = app.packetPath('node-a1');
    await expect(a1).toBeVisible();
    await expect(a1).toHaveAttribute('data-outcome', 'delivered');
    await expect(a1.locator('path.path-line')).toHaveCount(4);
    await expect(a1.locator('path.path-line[data-end="delivered"]')).toHaveCount(4);
    for (const c of ['border-1', 'node-a2', 'node-b2'])
      await expect(app.packetPath(c)).toHaveAttribute('data-outcome', 'delivered');
    await expect(page.getByTestId('packet-drop')).toHaveCount(0);

    const pathsFrom = page.getByTestId('paths-from');
    await pathsFrom.selectOption('node-a2');
    await expect(app.packetPath('node-a2')).toBeVisible();
    await expect(app.packetPath('node-a1')).toHaveCount(0);
    await pathsFrom.selectOption('none');
    await expect(page.locator('[data-testid^="packet-path-"]')).toHaveCount(0);
    await pathsFrom.selectOption('all');
    await expect(app.packetPath('node-a1')).toBeVisible();

    // The overlay takes no clicks: a card under a path is still selected by a click.
    await app.node('node-b1').click();
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['node-b1']);
  });

  test('marks node-a1’s own blackhole in live without the filter, shows messages in flight, and stops animating on request', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await app.simulated();
    await app.phase('live').click();

    await expect(app.packetPath('node-a1')).toHaveAttribute('data-outcome', 'blackhole');
    const drop = app.packetDrop('node-a1');
    await expect(drop).toBeVisible();
    await expect(drop).toHaveAttribute('data-end', 'blackhole');
    await expect(drop).toHaveAttribute('data-clients', 'node-a1');
    await expect(drop.locator('title')).toHaveText(
      /node-a1 drops the packets of node-a1\nnode-a1 hands the packet to the VM's interface, but the VM is not running on node-a1/,
    );
    await expect(app.packetPath('node-a2')).toHaveAttribute('data-outcome', 'delivered');

    // Settled: nothing on the wire. 5 ms into live, node-b1's UPDATE for the /32 is halfway to tor-b.
    await expect(app.bgpMessages).toHaveCount(0);
    await app.setTime(2053);
    const update = page.locator('[data-testid="bgp-message"][data-from="node-b1"][data-to="tor-b"]');
    await expect(update).toHaveCount(1);
    await expect(update).toHaveAttribute('data-kind', 'update');
    await expect(update.locator('title')).toHaveText(
      'UPDATE 10.244.1.5/32 node-b1 → tor-b (1 path)\nsent at 2048 ms, arrives at 2058 ms',
    );
    // At that moment the rest of the fabric still sends traffic to node-a1, which drops it.
    await expect(app.packetDrop('node-a1').first()).toBeVisible();

    // Animation off: no messages (the paths stay: they are information, not motion).
    await page.getByTestId('animate-toggle').uncheck();
    await expect(app.bgpMessages).toHaveCount(0);
    await expect(app.packetPath('node-a1')).toHaveAttribute('data-outcome', 'blackhole');
    await app.menu('view', 'cmd-view.animate');
    await expect(page.getByTestId('animate-toggle')).toBeChecked();
    await expect(update).toHaveCount(1);
  });

  test('moves the VM and flashes the speakers whose routes changed when the phase changes', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    await app.phase('target').click();
    await app.phase('live').click();
    await expect(page.getByTestId('vm-move')).toHaveText('▣ vm-1');
    await expect(page.locator('[data-testid^="flash-"]').first()).toBeAttached();
    // Both are short: gone after their animation.
    await expect(page.getByTestId('vm-move')).toHaveCount(0);
    await expect(page.getByTestId('rib-flashes')).toHaveCount(0);
  });
});

test.describe('reduced motion', () => {
  test('a system that asks for reduced motion gets no animation, and the packet paths still', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    await expect(page.getByTestId('animate-toggle')).not.toBeChecked();
    await expect(app.packetPath('node-a1')).toHaveAttribute('data-outcome', 'delivered');
    await expect(app.bgpMessages).toHaveCount(0);
  });
});
