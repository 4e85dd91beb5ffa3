import { test, expect } from './fixtures';

/** The design as the app holds it, parsed (its JSON form). */
interface Doc {
  metadata: Record<string, unknown>;
  lesson?: unknown;
  spec: {
    routers: { name: string; asNumber: number; policy?: { toNodes?: string } }[];
    calicoResources: { kind: string; metadata: { name: string }; spec: { asNumber?: number; filters?: string[] } }[];
    racks: unknown[];
    nodes: { name: string }[];
    layout?: unknown;
    migration?: unknown;
  };
}

test.describe('design edits', () => {
  test('File → New: Ctrl+Alt+N and Enter give an empty design with nothing of the old one; a template from the menu; Undo brings each back', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.simulated();
    const title = page.getByTestId('design-title');
    await expect(title).toHaveText('Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter');
    const before = await app.yaml();

    await page.keyboard.press('Control+Alt+KeyN');
    await expect(app.newDesignDialog).toBeVisible();
    await expect(app.newDesignDialog.getByRole('radio', { name: /Empty design/ })).toBeFocused();
    await expect(app.newDesignDialog.getByTestId('new-nodes')).toBeDisabled();
    await page.keyboard.press('Enter');
    await expect(app.newDesignDialog).toHaveCount(0);
    await expect(title).toHaveText('new-design');
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    // In the toolbar: the newest in sight, or behind +N if the offline notice came in after it.
    await expect(page.getByTestId('notice').filter({ hasText: 'New design: an empty design' })).toHaveCount(1);
    const empty = JSON.parse(await app.json()) as Doc;
    expect(empty.metadata).toEqual({ name: 'new-design' });
    expect(empty.lesson).toBeUndefined();
    expect(empty.spec.layout).toBeUndefined();
    expect(empty.spec.migration).toBeUndefined();
    await app.checkedWithoutMigration();
    await expect(page.getByTestId('diagnostics-count')).toHaveText('0');

    await page.keyboard.press('Control+z');
    await expect(title).toHaveText('Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter');
    expect(await app.yaml()).toBe(before);

    // From the menu, a template, with the keyboard in the dialog: the arrows pick, the node count is typed.
    await app.menu('file', 'cmd-file.new');
    await expect(app.newDesignDialog).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(app.newDesignDialog.getByRole('radio', { name: /Two racks, eBGP/ })).toBeChecked();
    await app.newDesignDialog.getByTestId('new-nodes').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('3');
    await app.newDesignDialog.getByTestId('new-create').click();
    await expect(title).toHaveText('new-design');
    await expect(app.rack('rack-02')).toBeVisible();
    await expect(app.node('node-02-3')).toBeVisible();
    await app.simulated();
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 7 delivered');
    const two = JSON.parse(await app.json()) as Doc;
    expect(two.metadata).toEqual({ name: 'new-design' });
    expect(two.spec.nodes).toHaveLength(6);

    await page.keyboard.press('Control+z');
    await expect(title).toHaveText('Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter');
    expect(await app.yaml()).toBe(before);
  });

  test('a ToR’s new AS number follows into its BGPPeer (one undo step): the session stays up', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.simulated();
    await app.router('tor-a').click();
    const asField = app.field('field-asNumber');
    await asField.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('65011');
    await page.keyboard.press('Enter');
    const peerAs = async () => {
      const doc = JSON.parse(await app.json()) as Doc;
      return [
        doc.spec.routers.find((r) => r.name === 'tor-a')?.asNumber,
        doc.spec.calicoResources.find((r) => r.metadata.name === 'rack-a-tor')?.spec.asNumber,
      ];
    };
    await expect.poll(peerAs).toEqual([65011, 65011]);
    await app.simulated();
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 5 delivered');
    await app.openDiagnostics();
    await expect(app.diagnostic('LR-SESSION-DOWN')).toHaveCount(0);

    await page.keyboard.press('Control+z');
    await expect.poll(peerAs).toEqual([65001, 65001]);
  });

  test('Apply all fixes of a kind: both ToRs of downward-default fixed as one undo step', async ({ app, page }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-downward-default');
    await app.simulated();
    await app.openDiagnostics();
    const downward = app.diagnostic('LR-DOWNWARD-DEFAULT');
    await expect(downward).toHaveCount(2);
    const applyAll = downward.first().getByTestId('diagnostic-fix-all');
    await expect(applyAll).toHaveText('Apply all 2 of this kind');
    await applyAll.click();
    await expect(
      page.getByTestId('notice').filter({ hasText: 'Applied 2 fixes for LR-DOWNWARD-DEFAULT as one step' }),
    ).toHaveCount(1);
    await app.simulated();
    await expect(downward).toHaveCount(0);
    const modes = async () =>
      (JSON.parse(await app.json()) as Doc).spec.routers
        .filter((r) => r.name.startsWith('tor-'))
        .map((r) => `${r.name}: ${r.policy?.toNodes ?? 'all'}`);
    expect(await modes()).toEqual(['tor-a: default-plus-host-routes', 'tor-b: default-plus-host-routes']);
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 5 delivered');

    // One step: a single undo brings both findings back.
    await page.keyboard.press('Control+z');
    await app.simulated();
    await expect(downward).toHaveCount(2);
    expect(await modes()).toEqual(['tor-a: default-only', 'tor-b: default-only']);
  });

  test('without a VM the Diagnostics tab shows the design’s findings: a rack from the template without the filter', async ({
    app,
    page,
  }) => {
    await app.open();
    await page.keyboard.press('Control+Alt+KeyN');
    await expect(app.newDesignDialog).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('design-title')).toHaveText('new-design');

    await app.menu('build', 'cmd-build.rackTemplate');
    const dialog = page.getByTestId('rack-template-dialog');
    await expect(dialog.getByTestId('template-filter')).toBeChecked();
    await dialog.getByTestId('template-filter').click();
    await dialog.getByTestId('template-node-as').selectOption('cluster');
    await dialog.getByTestId('template-create').click();
    await expect(app.router('tor-a')).toBeVisible();
    await app.checkedWithoutMigration();

    const panel = await app.openDiagnostics();
    await expect(panel.getByTestId('diagnostics-status')).toHaveAttribute('data-state', 'no-migration');
    await expect(panel.getByTestId('diagnostics-status')).toContainText(
      'No migration to simulate: these are the findings about the design itself.',
    );
    await expect(page.getByTestId('diagnostics-count')).toHaveText('1');
    const ebgp = app.diagnostic('LR-EBGP-NO-PRIORITY', '');
    await expect(ebgp).toContainText('rack-a-tor-a: eBGP peering with no BGPFilter that carries the route priority.');
    await ebgp.getByTestId('diagnostic-fix').click();
    await app.checkedWithoutMigration();
    await expect(app.diagnostic('LR-EBGP-NO-PRIORITY')).toHaveCount(0);
    // The filter now tags the elevated route: the ToR is told to prefer it, again with no VM.
    const ignores = app.diagnostic('LR-TOR-IGNORES-COMMUNITY', '');
    await expect(ignores).toContainText(
      'tor-a receives elevated routes tagged 65000:100 from Calico nodes but does not prefer them',
    );
    await ignores.getByTestId('diagnostic-fix').click();
    await app.checkedWithoutMigration();
    await expect(panel.getByTestId('diagnostics-empty')).toHaveText('No findings about the design.');
    await expect(page.getByTestId('diagnostics-count')).toHaveText('0');
  });
});
