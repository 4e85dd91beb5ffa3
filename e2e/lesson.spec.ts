import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { test, expect, type LiverouteApp } from './fixtures';

/** The lesson as the scenario file has it (read here, so the test follows its content). */
interface Step {
  title: string;
  phase?: string;
  highlight?: string[];
  pathsFrom?: string;
  question?: { answer?: string[]; choices?: { text: string; correct?: boolean }[] };
}
const file = parse(
  readFileSync(new URL('../src/scenarios/two-racks-ebgp-no-filter.liveroute.yaml', import.meta.url), 'utf8'),
) as {
  spec: { nodes: { name: string }[]; routers: { name: string }[]; racks: { name: string }[] };
  lesson: { steps: Step[] };
};
const steps = file.lesson.steps;
const clickStep = steps.findIndex((s) => s.question?.answer);
const choiceStep = steps.findIndex((s) => s.question?.choices);
const rightChoice = steps[choiceStep]?.question?.choices?.findIndex((c) => c.correct) ?? -1;
const wrongChoice = steps[choiceStep]?.question?.choices?.findIndex((c) => !c.correct) ?? -1;

/** The canvas card of a name the lesson highlights (VMs and Calico resources have none). */
function cardOf(app: LiverouteApp, name: string) {
  if (file.spec.nodes.some((n) => n.name === name)) return app.node(name);
  if (file.spec.routers.some((r) => r.name === name)) return app.router(name);
  if (file.spec.racks.some((r) => r.name === name)) return app.rack(name);
  return undefined;
}

/** The step shown matches the file: number, title, highlighted cards (and only those), phase. */
async function expectStep(app: LiverouteApp, i: number): Promise<void> {
  const page = app.page;
  const step = steps[i]!;
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${i + 1} of ${steps.length}`);
  await expect(page.getByTestId('lesson-title')).toHaveText(step.title);
  const lit = new Set(step.highlight ?? []);
  for (const name of [...file.spec.nodes, ...file.spec.routers, ...file.spec.racks].map((e) => e.name)) {
    const card = cardOf(app, name)!;
    if (lit.has(name)) await expect(card).toHaveClass(/highlighted/);
    else await expect(card).not.toHaveClass(/highlighted/);
  }
  if (step.phase) await expect(app.phase(step.phase)).toHaveAttribute('aria-checked', 'true');
}

test.describe('lesson player', () => {
  test('the no-filter lesson: steps, highlights, phases, a click question and a multiple-choice question, previous and restart', async ({
    app,
    page,
  }) => {
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps[clickStep]?.question?.answer).toEqual(['node-a1']);
    expect([choiceStep > clickStep, rightChoice >= 0, wrongChoice >= 0]).toEqual([true, true, true]);

    await app.open();
    await page.keyboard.press('g');
    await page.getByTestId('gallery-lesson-two-racks-ebgp-no-filter').click();
    await expect(page.getByTestId('gallery')).toHaveCount(0);
    await expect(page.getByTestId('design-title')).toHaveText('Two racks, eBGP to the ToRs, no BGPFilter');
    await app.simulated();
    await expect(page.getByTestId('lesson-card')).toBeVisible();
    await expectStep(app, 0);
    await expect(page.getByTestId('lesson-prev')).toBeDisabled();

    for (let i = 1; i <= clickStep; i++) {
      await page.getByTestId('lesson-next').click();
      await expectStep(app, i);
    }

    // The click question: a wrong node first, then the right one; the click still selects.
    await expect(page.getByTestId('lesson-question')).toHaveAttribute('data-kind', 'click');
    await expect(page.getByTestId('lesson-feedback')).toHaveCount(0);
    await app.node('node-a2').click();
    await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'false');
    await expect(page.getByTestId('lesson-feedback')).toContainText('✕ Not quite (you clicked node-a2)');
    await app.node('node-a1').click();
    await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'true');
    await expect(page.getByTestId('lesson-feedback')).toContainText('✓ Right (you clicked node-a1)');
    expect(await page.evaluate(() => window.liveroute.selection())).toEqual(['node-a1']);
    // Answered right: further clicks only select.
    await app.node('node-b2').click();
    await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'true');

    for (let i = clickStep + 1; i <= choiceStep; i++) {
      await page.getByTestId('lesson-next').click();
      await expectStep(app, i);
    }
    const from = steps[choiceStep]!.pathsFrom;
    if (from) {
      // Only that client's packet path is drawn.
      await expect(app.packetPath(from)).toHaveCount(1);
      await expect(page.locator('[data-testid^="packet-path-"]')).toHaveCount(1);
    }

    // The multiple-choice question: wrong, then right.
    await expect(page.getByTestId('lesson-question')).toHaveAttribute('data-kind', 'choice');
    await expect(page.getByTestId('lesson-answer')).toBeDisabled();
    await page.getByTestId(`lesson-choice-${wrongChoice}`).check();
    await page.getByTestId('lesson-answer').click();
    await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'false');
    await page.getByTestId(`lesson-choice-${rightChoice}`).check();
    await page.getByTestId('lesson-answer').click();
    await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'true');
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute(
      'aria-valuetext',
      `Step ${choiceStep + 1} of ${steps.length}, 2 of 2 questions right`,
    );

    // To the end, back one step (the answer is remembered), then restart (answers cleared).
    for (let i = choiceStep + 1; i < steps.length; i++) await page.getByTestId('lesson-next').click();
    await expectStep(app, steps.length - 1);
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    await page.getByTestId('lesson-prev').click();
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${steps.length - 2} of ${steps.length}`);
    await page.getByTestId('lesson-restart').click();
    await expectStep(app, 0);
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute(
      'aria-valuetext',
      `Step 1 of ${steps.length}, 0 of 2 questions right`,
    );
    for (let i = 1; i <= clickStep; i++) await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson-feedback')).toHaveCount(0);

    // Closing takes the highlight off the canvas.
    await page.getByTestId('lesson-close').click();
    await expect(page.getByTestId('lesson-card')).toHaveCount(0);
    await expect(page.locator('.highlighted')).toHaveCount(0);
  });

  test('presenter mode: full-screen layout, keys through the lesson, a laser pointer, Escape leaves', async ({
    app,
    page,
  }) => {
    await app.open();
    // From the Scenarios menu the lesson is offered, not started.
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await expect(page.getByTestId('lesson-offer')).toContainText(`This scenario has a lesson (${steps.length} steps).`);
    await expect(page.getByTestId('lesson-card')).toHaveCount(0);
    await page.getByTestId('lesson-offer-start').click();
    await expect(page.getByTestId('lesson-offer')).toHaveCount(0);
    await app.simulated();
    await expectStep(app, 0);

    await page.getByTestId('lesson-present').click();
    const marker = page.getByTestId('presenter');
    await expect(marker).toHaveAttribute('data-presenter', 'on');
    await expect(page.locator('.app')).toHaveClass(/presenter/);
    await expect(page.locator('aside.palette')).toBeHidden();
    await expect(page.getByTestId('inspector')).toBeHidden();
    await expect(page.getByTestId('timeline')).toBeVisible();
    await expect(page.getByTestId('lesson-card')).toBeVisible();
    // The narration is large: at least 20 px.
    expect(
      await page.getByTestId('lesson-text').evaluate((e) => parseFloat(getComputedStyle(e).fontSize)),
    ).toBeGreaterThanOrEqual(20);
    // High contrast: the card's text against its background at 7:1 or more (WCAG AAA).
    const contrasts = await page.getByTestId('lesson-card').evaluate((card) => {
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c)
          .map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (a: string, b: string) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
        return Math.round(((hi! + 0.05) / (lo! + 0.05)) * 10) / 10;
      };
      const bg = getComputedStyle(card).backgroundColor;
      return ['lesson-step', 'lesson-title', 'lesson-text'].map((id) =>
        ratio(getComputedStyle(card.querySelector(`[data-testid="${id}"]`)!).color, bg),
      );
    });
    for (const c of contrasts) expect(c).toBeGreaterThanOrEqual(7);

    // The laser pointer follows the mouse.
    const laser = page.getByTestId('laser-pointer');
    await page.mouse.move(700, 300);
    await page.mouse.move(800, 420, { steps: 3 });
    await expect(laser).toBeVisible();
    const box = (await laser.boundingBox())!;
    expect([Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]).toEqual([800, 420]);
    expect(await laser.evaluate((e) => getComputedStyle(e).pointerEvents)).toBe('none');

    // → and Space step forward, ← back (not the timeline: the time of the step stays).
    await page.keyboard.press('ArrowRight');
    await expectStep(app, 1);
    const time = await page.evaluate(() => (window.liveroute.simulation() as unknown as { time: number }).time);
    await page.keyboard.press('Space');
    await expectStep(app, 2);
    await page.keyboard.press('ArrowLeft');
    await expectStep(app, 1);
    expect(await page.evaluate(() => (window.liveroute.simulation() as unknown as { time: number }).time)).toBe(time);

    await page.keyboard.press('Escape');
    await expect(marker).toHaveCount(0);
    await expect(page.locator('.app')).not.toHaveClass(/presenter/);
    await expect(page.locator('aside.palette')).toBeVisible();
    await expect(laser).toHaveCount(0);
    // The lesson stays where it was; P enters presenter mode again.
    await expectStep(app, 1);
    await page.keyboard.press('p');
    await expect(page.getByTestId('presenter')).toHaveAttribute('data-presenter', 'on');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('presenter')).toHaveCount(0);
  });
});
