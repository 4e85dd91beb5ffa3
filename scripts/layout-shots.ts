/**
 * The layout acceptance set: the app in its main states at the common laptop sizes, for looking
 * at (nothing may cover a node, a label or a control) and for docs/screenshots/.
 *   npm run screenshots -- [url] [out-dir] [--only name,name] [--sizes 1440x900,1280x720]
 * Expects the app served at the url (default: a running `npm run preview`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

interface Shot {
  readonly name: string;
  readonly what: string;
  /** Brings the freshly opened default design into the state to show. */
  readonly setUp: (page: Page) => Promise<void>;
}

async function simulated(page: Page): Promise<void> {
  await page.locator('[data-testid="sim-status"][data-status="ready"]').waitFor({ timeout: 60_000 });
}

/** Waits until the canvas has stopped moving (fit and pan animations end). */
async function settled(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await page.locator('.react-flow__viewport').getAttribute('style');
    if (now === last) return;
    last = now ?? '';
    await page.waitForTimeout(150);
  }
}

async function command(page: Page, menu: string, id: string): Promise<void> {
  await page.getByTestId(`menu-${menu}`).click();
  await page.getByTestId(`cmd-${id}`).click();
}

async function openLessonAt(page: Page, step: number): Promise<void> {
  await command(page, 'scenarios', 'lesson.toggle');
  await page.getByTestId('lesson-card').waitFor();
  for (let i = 1; i < step; i++) await page.getByTestId('lesson-next').click();
  await page
    .getByTestId('lesson-step')
    .filter({ hasText: `Step ${step} of` })
    .waitFor();
}

const SHOTS: readonly Shot[] = [
  { name: 'default', what: 'The default design (two racks, eBGP) as it opens', setUp: async () => {} },
  {
    name: 'route-table',
    what: "node-a1's route table (a double click on node-a1), docked above the inspector, phase live",
    setUp: async (page) => {
      await page.getByTestId('phase-live').click();
      await settled(page);
      await page.getByTestId('node-node-a1').dblclick();
      await page.getByTestId('route-panel').waitFor();
    },
  },
  {
    name: 'editor',
    what: 'The config editor, docked above the inspector, on calico/bgppeers.yaml',
    setUp: async (page) => {
      await page.getByTestId('toggle-editor').click();
      await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('file-calico/bgppeers.yaml').click();
    },
  },
  {
    name: 'lesson',
    what: "The default design's lesson at step 3 (a question with four choices), docked above the inspector",
    setUp: (page) => openLessonAt(page, 3),
  },
  {
    name: 'lesson-route-table',
    what: 'The lesson at step 3 with the route table of node-a1 it asks for: the card above the table',
    setUp: async (page) => {
      await openLessonAt(page, 3);
      await settled(page);
      await page.getByTestId('node-node-a1').dblclick();
      await page.getByTestId('route-panel').waitFor();
    },
  },
  {
    name: 'presenter',
    what: "Presenter mode at step 3 of the lesson, with the route table of node-a1 the step asks for in the timeline's place",
    setUp: async (page) => {
      await openLessonAt(page, 3);
      await page.getByTestId('lesson-present').click();
      await page.getByTestId('presenter').waitFor();
      await settled(page);
      await page.getByTestId('node-node-a1').dblclick();
      await page.getByTestId('route-panel').waitFor();
    },
  },
];

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
}

const args = process.argv.slice(2);
const only = argValue(args, '--only')?.split(',');
const sizes = (argValue(args, '--sizes') ?? '1440x900,1280x720')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
const [url = 'http://127.0.0.1:4173/', outDir = 'docs/screenshots'] = args;
mkdirSync(outDir, { recursive: true });

const executablePath = chromiumExecutable();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
const problems: string[] = [];
for (const [width, height] of sizes) {
  for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
    // A fresh context per shot: no autosave, no open panels from the previous one.
    const context = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${shot.name} ${width}x${height}: ${e.message}`));
    page.on(
      'console',
      (m) =>
        (m.type() === 'error' || m.type() === 'warning') &&
        problems.push(`${shot.name} ${width}x${height}: ${m.type()}: ${m.text()}`),
    );
    await page.goto(url);
    await page.locator('.react-flow__node').first().waitFor();
    await simulated(page);
    await shot.setUp(page);
    await simulated(page);
    await settled(page);
    // The pointer rests outside the canvas: no hover states (and no laser pointer) in the picture.
    await page.mouse.move(width - 2, height - 2);
    await page
      .locator('[data-testid="laser-pointer"]')
      .evaluateAll((els) => els.forEach((e) => ((e as HTMLElement).hidden = true)));
    const out = join(outDir, `${shot.name}-${width}x${height}.png`);
    await page.screenshot({ path: out });
    console.log(`wrote ${out}: ${shot.what}`);
    await context.close();
  }
}
await browser.close();
if (problems.length) {
  console.error(`page errors and warnings:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
