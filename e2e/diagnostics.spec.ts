import { test, expect } from './fixtures';

test.describe('diagnostics panel', () => {
  test('lists the findings, highlights a subject, applies a fix that the re-run confirms, and undo brings them back', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await app.simulated();
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 4 delivered, 1 blackhole');

    const panel = await app.openDiagnostics();
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('diagnostics-count')).toHaveText('3');
    await expect(panel.getByTestId('diagnostics-status')).toHaveAttribute('data-state', 'current');
    // Worst first: the design-wide error, the phase error, then the info.
    await expect(panel.getByTestId('diagnostic')).toHaveCount(3);
    expect(
      await panel
        .getByTestId('diagnostic')
        .evaluateAll((els) =>
          els.map((e) =>
            `${e.getAttribute('data-severity')} ${e.getAttribute('data-code')} ${e.getAttribute('data-phase')}`.trim(),
          ),
        ),
    ).toEqual(['error LR-EBGP-NO-PRIORITY', 'error LR-BLACKHOLE live', 'info LR-TRANSIENT-BLACKHOLE live']);
    const ebgp = app.diagnostic('LR-EBGP-NO-PRIORITY', '');
    await expect(ebgp.locator('.sev-badge')).toHaveText('error');
    await expect(ebgp.locator('.diag-code')).toHaveText('LR-EBGP-NO-PRIORITY');
    const blackhole = app.diagnostic('LR-BLACKHOLE', 'live');
    await expect(blackhole.getByTestId('diagnostic-phase')).toHaveText('live');
    await expect(blackhole.getByTestId('diagnostic-subject')).toHaveText(['node node-a1']);

    // A subject click highlights its card (and selects it); a second click clears the highlight.
    const card = app.node('node-a1');
    await expect(card).not.toHaveClass(/highlighted/);
    await blackhole.getByTestId('diagnostic-subject').click();
    await expect(card).toHaveClass(/highlighted/);
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['node-a1']);
    await blackhole.getByTestId('diagnostic-subject').click();
    await expect(card).not.toHaveClass(/highlighted/);
    await blackhole.getByTestId('diagnostic-subject').click();
    await expect(card).toHaveClass(/highlighted/);

    // The fix: one click, a notice, a re-run; the finding and the live blackhole are gone.
    const fix = ebgp.getByTestId('diagnostic-fix');
    await expect(fix).toHaveAttribute(
      'title',
      /^Apply: Attach the live-migration BGPFilter .* to rack-a-tor, rack-b-tor\./,
    );
    await fix.click();
    await expect(
      page.locator('.notice').filter({ hasText: 'Applied: Attach the live-migration BGPFilter' }),
    ).toHaveCount(1);
    await app.simulated();
    await expect(panel.getByTestId('diagnostics-status')).toHaveAttribute('data-state', 'current');
    await expect(app.diagnostic('LR-EBGP-NO-PRIORITY')).toHaveCount(0);
    await expect(app.diagnostic('LR-BLACKHOLE')).toHaveCount(0);
    // The scenario expects its live blackhole (metadata.expected): the fixed design no longer matches it.
    await expect(panel.getByTestId('diagnostic')).toHaveCount(2);
    expect(
      await panel
        .getByTestId('diagnostic')
        .evaluateAll((els) =>
          els.map((e) =>
            `${e.getAttribute('data-severity')} ${e.getAttribute('data-code')} ${e.getAttribute('data-phase')}`.trim(),
          ),
        ),
    ).toEqual(['warning LR-EXPECTED-VERDICT live', 'info LR-TRANSIENT-BLACKHOLE live']);
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 5 delivered');
    await expect(panel.getByTestId('diagnostics-summary')).toContainText('Every phase delivers to all 5 clients.');
    // The highlighted finding went away, and its highlight with it.
    await expect(card).not.toHaveClass(/highlighted/);
    const peers = await page.evaluate(() =>
      (
        JSON.parse(window.liveroute.json()) as {
          spec: { calicoResources: { kind: string; metadata: { name: string }; spec: { filters?: string[] } }[] };
        }
      ).spec.calicoResources
        .filter((r) => r.kind === 'BGPPeer')
        .map((r) => `${r.metadata.name}: ${(r.spec.filters ?? []).join(',')}`),
    );
    expect(peers).toEqual(['rack-a-tor: kubevirt-live-migration', 'rack-b-tor: kubevirt-live-migration']);

    // Undo: the design without the filter, and its findings, are back.
    await page.getByTestId('undo').click();
    await app.simulated();
    await expect(app.diagnostic('LR-EBGP-NO-PRIORITY', '')).toHaveCount(1);
    await expect(app.diagnostic('LR-BLACKHOLE', 'live')).toHaveCount(1);
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 4 delivered, 1 blackhole');
  });

  test('a finding’s phase chip shows that phase; leaving the tab clears the highlight; a BGPPeer opens in the inspector', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-downward-default');
    await app.simulated();
    const panel = await app.openDiagnostics();
    await expect(panel.getByTestId('diagnostic')).toHaveCount(6);

    await app.diagnostic('LR-BLACKHOLE', 'settled').getByTestId('diagnostic-phase').click();
    await expect(app.phase('settled')).toHaveAttribute('aria-checked', 'true');
    await expect(app.diagnostic('LR-BLACKHOLE', 'settled').getByTestId('diagnostic-phase')).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await app.diagnostic('LR-DOWNWARD-DEFAULT').first().getByTestId('diagnostic-subject').click();
    await expect(app.router('tor-a')).toHaveClass(/highlighted/);
    await page.getByTestId('tab-inspector').click();
    await expect(app.router('tor-a')).not.toHaveClass(/highlighted/);
    // The click selected tor-a: the inspector shows it.
    await expect(app.inspector.locator('h2').first()).toHaveText('Router');
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['tor-a']);

    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await app.simulated();
    await app.openDiagnostics();
    await app
      .diagnostic('LR-EBGP-NO-PRIORITY', '')
      .locator('[data-testid="diagnostic-inspect"][data-subject="rack-b-tor"]')
      .click();
    await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['peer:rack-b-tor']);
  });
});
