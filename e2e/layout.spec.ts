/**
 * The layout at laptop sizes (issue 10): nothing covers a node, a label or a control; the view is
 * fitted clear of the panels over the canvas, and again when the room changes; a click on the
 * canvas replaces the selection; notices and a finding's subjects stay few on screen.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * What on the canvas cannot be seen whole: each card, rack name, edge label and canvas control
 * is probed at its centre and near its corners; whatever else is found there covers it (or it
 * lies outside the canvas). Returns `what@x,y under whatever` lines, none when all is clear.
 */
const EVERYTHING =
  '.react-flow__node .card, .rack-header .name, .edge-label, .overlay-controls button, .overlay-controls select, .legend-toggle';

async function covered(page: Page, what = EVERYTHING): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector('.canvas-area') as HTMLElement;
    const targets = [...root.querySelectorAll<HTMLElement>(selector)].filter((el) => el.getClientRects().length > 0);
    const name = (el: Element) =>
      el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? `${el.tagName.toLowerCase()}.${el.className}`;
    const out: string[] = [];
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      const inset = Math.min(3, r.width / 4, r.height / 4);
      const points = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + inset, r.top + inset],
        [r.right - inset, r.top + inset],
        [r.left + inset, r.bottom - inset],
        [r.right - inset, r.bottom - inset],
      ];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x as number, y as number);
        if (!hit || (hit !== el && !el.contains(hit))) {
          out.push(
            `${name(el)}@${Math.round(x as number)},${Math.round(y as number)} under ${hit ? name(hit) : 'nothing'}`,
          );
          break;
        }
      }
    }
    return out;
  }, what);
}

/** The canvas's view transform, once it has stopped moving. */
async function settledView(page: Page): Promise<string> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = (await viewport.getAttribute('style')) ?? '';
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [250] },
    )
    .toBe(true);
  return last;
}

const zoomOf = (style: string) => Number(/scale\(([\d.]+)\)/.exec(style)?.[1]);

/** Clicks the canvas where nothing is: its bottom left corner, in the margin a fitted view keeps. */
async function clickEmptyCanvas(page: Page): Promise<void> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.click(pane.x + 6, pane.y + pane.height - 6);
}

// The most common laptop size, and the smallest usual one (and many projectors').
for (const [width, height] of [
  [1440, 900],
  [1280, 720],
] as const) {
  test.describe(`layout at ${width} × ${height}`, () => {
    test.use({ viewport: { width, height } });

    test('the default design, its route table, the editor and a lesson: every card, label and control in sight', async ({
      app,
      page,
    }) => {
      await app.open();
      await app.simulated();
      await settledView(page);
      expect(await covered(page)).toEqual([]);
      const fitted = zoomOf(await settledView(page));

      // The route table docks in the right-hand column: the canvas is fitted again, still whole.
      await app.node('node-a1').dblclick();
      await expect(app.routePanel.getByTestId('routes-title')).toHaveText('node-a1');
      const withTable = await settledView(page);
      expect(await covered(page)).toEqual([]);
      const canvas = (await page.locator('.canvas-area').boundingBox())!;
      expect(canvas.width).toBeGreaterThan(width / 2);
      expect(canvas.height).toBeGreaterThan(height * 0.65);
      // Closing it gives the room back, and the view is fitted to it again.
      await app.routePanel.getByTestId('routes-close').click();
      await expect(app.routePanel).toHaveCount(0);
      await expect.poll(async () => (await settledView(page)) !== withTable).toBe(true);
      expect(zoomOf(await settledView(page))).toBeCloseTo(fitted, 2);
      expect(await covered(page)).toEqual([]);

      await page.getByTestId('toggle-editor').click();
      await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
      await settledView(page);
      expect(await covered(page)).toEqual([]);
      await page.getByTestId('editor-close').click();
      await expect(page.getByTestId('editor-panel')).toHaveCount(0);

      // A lesson's card docks beside the canvas too: its question and all its choices in sight.
      await app.menu('scenarios', 'cmd-lesson.toggle');
      await page.getByTestId('lesson-next').click();
      await page.getByTestId('lesson-next').click();
      await expect(page.getByTestId('lesson-step')).toHaveText('Step 3 of 4');
      await settledView(page);
      expect(await covered(page)).toEqual([]);
      for (let i = 0; i < 4; i++) await expect(page.getByTestId(`lesson-choice-${i}`)).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('lesson-answer')).toBeInViewport({ ratio: 1 });
    });

    test('presenter mode shows the route table the lesson asks for, and the VM caption beside the presenter bar', async ({
      app,
      page,
    }) => {
      await app.open();
      await app.simulated();
      await app.menu('scenarios', 'cmd-lesson.toggle');
      await page.getByTestId('lesson-next').click();
      await page.getByTestId('lesson-next').click();
      await expect(page.getByTestId('lesson-text')).toContainText('On node-a1 (double-click it)');
      await page.getByTestId('lesson-present').click();
      await expect(page.getByTestId('presenter')).toHaveAttribute('data-presenter', 'on');
      await app.node('node-a1').dblclick();
      await expect(app.routePanel.getByTestId('routes-title')).toHaveText('node-a1');
      await expect(app.routePanel).toBeInViewport();
      await expect(app.fibRow('10.244.1.5/32', 'bird').locator('[data-col="metric"]')).toHaveText('512');
      // The choices and the Answer button, without scrolling the card.
      for (let i = 0; i < 4; i++) await expect(page.getByTestId(`lesson-choice-${i}`)).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('lesson-answer')).toBeInViewport({ ratio: 1 });
      // The phase bar's caption of the migration and the presenter bar sit side by side.
      const caption = (await page.getByTestId('sim-status').locator('span').boundingBox())!;
      const bar = (await page.getByTestId('presenter').boundingBox())!;
      expect(caption.x + caption.width <= bar.x || bar.y >= caption.y + caption.height).toBe(true);
      // The step's elements (the view is fitted to them) and the canvas's controls.
      await settledView(page);
      expect(
        await covered(
          page,
          '.react-flow__node .card.highlighted, .overlay-controls button, .overlay-controls select, .legend-toggle',
        ),
      ).toEqual([]);
    });
  });
}

test.describe('layout at 1440 × 900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the view refits after undoing a large change and for the first element of an emptied design; Apply fix leaves it alone', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.simulated();
    const fitted = zoomOf(await settledView(page));

    // A generated fabric is fitted (far out); undo brings the small design back, fitted again.
    await app.generateFabric(8, 4, 2);
    await expect(app.rack('rack-08')).toBeAttached();
    await expect.poll(async () => zoomOf(await settledView(page))).toBeLessThan(fitted / 2);
    await page.getByTestId('undo').click();
    await expect(app.rack('rack-a')).toBeVisible();
    await expect.poll(async () => zoomOf(await settledView(page))).toBeCloseTo(fitted, 2);
    expect(await covered(page)).toEqual([]);

    // Everything deleted, then a rack added from the palette: it is in sight, at a natural size.
    await clickEmptyCanvas(page);
    await app.menu('edit', 'cmd-edit.selectAll');
    await app.menu('edit', 'cmd-edit.delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByTestId('palette-rack').click();
    await expect(app.rack('rack-a')).toBeVisible();
    await settledView(page);
    expect(await covered(page)).toEqual([]);
    const rack = (await app.rack('rack-a').boundingBox())!;
    expect(rack.width).toBeGreaterThan(200);

    // A fix re-simulates the design; the view stays where it is.
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await app.simulated();
    await app.node('node-a1').dblclick();
    const before = await settledView(page);
    const panel = await app.openDiagnostics();
    await panel
      .locator('[data-testid="diagnostic"][data-code="LR-BLACKHOLE"]')
      .getByTestId('diagnostic-subject')
      .click();
    await app.diagnostic('LR-EBGP-NO-PRIORITY', '').getByTestId('diagnostic-fix').click();
    await app.simulated();
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 5 delivered');
    expect(await settledView(page)).toBe(before);
  });
});

test.describe('selection on the canvas', () => {
  test('a BGPPeer picked in the inspector gives way to a canvas click; its bundle label selects it; a selected rack keeps it in sight', async ({
    app,
    page,
  }) => {
    await app.open();
    const selection = () => page.evaluate(() => window.liveroute.selection());
    const peer = () => app.inspector.getByRole('button', { name: 'BGPPeer rack-a-tor' });

    await peer().click();
    expect(await selection()).toEqual(['peer:rack-a-tor']);
    await clickEmptyCanvas(page);
    await expect.poll(selection).toEqual([]);

    await peer().click();
    await app.node('node-a2').click();
    await expect.poll(selection).toEqual(['node-a2']);
    await expect(app.inspector).not.toContainText('selected');

    const label = page.getByTestId('edge-label-peer:rack-a-tor@rack-a');
    await label.click();
    await expect.poll(selection).toEqual(['peer:rack-a-tor']);
    await expect(label).toHaveClass(/selected/);

    // The rack selected (its name clicked): the bundle drawn inside it is still on top, and clickable.
    await app.rack('rack-a').locator('.rack-header .name').click();
    await expect.poll(selection).toEqual(['rack-a']);
    expect(await covered(page)).toEqual([]);
    await label.click();
    await expect.poll(selection).toEqual(['peer:rack-a-tor']);
  });
});

test.describe('notices and long lists', () => {
  test('notices wait in the toolbar, a repeat counted, the rest behind +N', async ({ app, page }) => {
    await app.open();
    const timeline = (await app.timeline.boundingBox())!;
    await app.rack('rack-b').click({ position: { x: 30, y: 12 } });
    for (let i = 0; i < 3; i++) await app.menu('edit', 'cmd-edit.copy');
    await app.menu('scenarios', 'scenario-single-rack-mesh');
    await app.menu('scenarios', 'scenario-two-racks-ebgp');

    // One notice in sight (the newest: the offline one may come in any time), in the toolbar.
    const visible = page.locator('[data-testid="notice"]:visible');
    await expect(
      page
        .getByTestId('notice')
        .filter({ hasText: 'Opened “Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter”' }),
    ).toHaveCount(1);
    await expect(visible).toHaveCount(1);
    const box = (await visible.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(timeline.y);
    expect(box.y + box.height).toBeLessThanOrEqual((await page.locator('.toolbar').boundingBox())!.height);

    // The copies: one notice, counted; all of them listed on request.
    const more = page.getByTestId('notices-more');
    await expect
      .poll(async () => (await more.textContent()) === `+${(await page.getByTestId('notice').count()) - 1}`)
      .toBe(true);
    await more.click();
    const copied = page.getByTestId('notice').filter({ hasText: 'Copied 4 elements' });
    await expect(copied).toHaveCount(1);
    await expect(copied).toBeVisible();
    await expect(copied.getByTestId('notice-count')).toHaveText(' ×3');
    await more.click();
    await expect(copied).toBeHidden();
  });

  test('a finding about many clients shows a few of them, and the rest on request', async ({ app }) => {
    test.setTimeout(120_000);
    await app.open();
    await app.generateFabric(4, 8, 2);
    await expect(app.phase('live')).toHaveAttribute('aria-label', /^live: 33 delivered/, { timeout: 60_000 });
    const panel = await app.openDiagnostics();
    const finding = panel.locator('[data-testid="diagnostic"][data-code="LR-TRANSIENT-BLACKHOLE"]');
    await expect(finding).toHaveCount(1);
    const total = Number(
      /(\d+) clients lose traffic/.exec((await finding.locator('.diag-message').textContent()) ?? '')?.[1],
    );
    expect(total).toBeGreaterThan(13);
    const chips = finding.getByTestId('diagnostic-subject');
    await expect(chips).toHaveCount(12);
    const more = finding.getByTestId('diagnostic-more-subjects');
    await expect(more).toHaveText(`+${total - 12} more`);
    await more.click();
    await expect(chips).toHaveCount(total);
    await expect(more).toHaveText('show fewer');
    await more.click();
    await expect(chips).toHaveCount(12);
  });
});
