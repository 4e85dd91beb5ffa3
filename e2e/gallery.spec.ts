import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { test, expect } from './fixtures';

/** What the built-in scenario files say (read here, so the test follows their content). */
interface ScenarioFile {
  metadata: { name: string; title: string; tags?: string[]; expected?: Record<string, Record<string, number>> };
  lesson?: { steps: unknown[] };
}
const dir = new URL('../src/scenarios/', import.meta.url);
const scenarios: ScenarioFile[] = readdirSync(dir)
  .filter((f) => f.endsWith('.liveroute.yaml'))
  .map((f) => parse(readFileSync(new URL(f, dir), 'utf8')) as ScenarioFile);
const tagged = (tag: string) =>
  scenarios
    .filter((s) => s.metadata.tags?.includes(tag))
    .map((s) => s.metadata.name)
    .sort();

test.describe('scenario gallery', () => {
  test('lists every scenario with its tags, expected verdicts and lesson; a tag filters the cards', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.menu('scenarios', 'cmd-scenarios.gallery');
    const gallery = page.getByTestId('gallery');
    await expect(gallery).toBeVisible();
    const cards = gallery.locator('[data-testid^="gallery-card-"]');
    const ids = async () =>
      (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-card') ?? ''))).sort();
    expect(await ids()).toEqual(scenarios.map((s) => s.metadata.name).sort());
    await expect(page.getByTestId('gallery-count')).toHaveText(`${scenarios.length} of ${scenarios.length} scenarios`);

    // The no-filter scenario's card: its expected verdict per phase and its lesson.
    const noFilter = scenarios.find((s) => s.metadata.name === 'two-racks-ebgp-no-filter')!;
    const card = page.getByTestId('gallery-card-two-racks-ebgp-no-filter');
    await expect(card.locator('h3')).toHaveText(noFilter.metadata.title);
    const icons: Record<string, string> = { delivered: '✓', blackhole: '✕', split: '½', loop: '↻' };
    for (const [phase, v] of Object.entries(noFilter.metadata.expected ?? {})) {
      const text = ['delivered', 'blackhole', 'split', 'loop']
        .filter((o) => (v[o] ?? 0) > 0)
        .map((o) => `${icons[o]}${v[o]}`)
        .join('');
      await expect(page.getByTestId(`gallery-expected-two-racks-ebgp-no-filter-${phase}`)).toHaveText(
        `${phase}${text}`,
      );
    }
    await expect(page.getByTestId('gallery-expected-two-racks-ebgp-no-filter-live')).toHaveText('live✓4✕1');
    await expect(page.getByTestId('gallery-lesson-info-two-racks-ebgp-no-filter')).toHaveText(
      `▶ has a lesson (${noFilter.lesson!.steps.length} steps)`,
    );

    // Filter by a tag: only the scenarios carrying it stay; "all" brings every one back.
    const iBGP = tagged('iBGP');
    expect(iBGP.length).toBeGreaterThan(0);
    expect(iBGP.length).toBeLessThan(scenarios.length);
    await page.getByTestId('gallery-tag-iBGP').click();
    await expect(page.getByTestId('gallery-tag-iBGP')).toHaveAttribute('aria-pressed', 'true');
    await expect(cards).toHaveCount(iBGP.length);
    await expect.poll(ids).toEqual(iBGP);
    await expect(page.getByTestId('gallery-count')).toHaveText(`${iBGP.length} of ${scenarios.length} scenarios`);
    await page.getByTestId('gallery-tag-broken').click();
    await expect.poll(ids).toEqual(tagged('broken'));
    await page.getByTestId('gallery-tag-all').click();
    await expect(cards).toHaveCount(scenarios.length);
    await expect(page.getByTestId('gallery-tag-all')).toHaveAttribute('aria-pressed', 'true');

    // Escape closes it.
    await page.keyboard.press('Escape');
    await expect(gallery).toHaveCount(0);
  });

  test('opens a scenario as one undo step, from its button or with the keyboard', async ({ app, page }) => {
    await app.open();
    const before = await page.getByTestId('design-title').textContent();
    await page.keyboard.press('g');
    await expect(page.getByTestId('gallery')).toBeVisible();
    const mesh = scenarios.find((s) => s.metadata.name === 'single-rack-mesh')!;
    await page.getByTestId('gallery-open-single-rack-mesh').click();
    await expect(page.getByTestId('gallery')).toHaveCount(0);
    await expect(page.getByTestId('design-title')).toHaveText(mesh.metadata.title);
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('design-title')).toHaveText(before ?? '');

    // Keyboard: the first card has the focus, → moves to the next, Enter opens it.
    await page.keyboard.press('g');
    const order = await page
      .locator('[data-testid^="gallery-card-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-card') ?? ''));
    await expect(page.getByTestId(`gallery-card-${order[0]}`)).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId(`gallery-card-${order[1]}`)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('gallery')).toHaveCount(0);
    const second = scenarios.find((s) => s.metadata.name === order[1])!;
    await expect(page.getByTestId('design-title')).toHaveText(second.metadata.title);
  });
});
