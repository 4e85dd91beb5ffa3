/**
 * The browser side of the benchmark (npm run bench:browser): the built app in headless Chromium
 * (the e2e tests' flags), served by `vite preview`. Measures the default design's first load and
 * pan fps, then for generated fabrics (32 × 32 and 64 × 64 by default, made with the app's own
 * Generate dialog: 2 ToRs per rack, 4 spines, one VM per node, as `npm run bench`): the time from
 * Generate to the verdict on screen, pan / zoom / timeline playback fps, the longest main-thread
 * task, the JS heap and the DOM size. Prints a table and one JSON line; exits non-zero when a
 * budget is exceeded (budgets live here, never in timed tests).
 *
 *   npm run bench:browser -- [--sizes 32,64] [--out-dir dist] [--port 4390] [--no-build] [--seconds 3]
 *
 * fps: requestAnimationFrame callbacks counted while a real mouse drags the pane (pan) or turns
 * the wheel (zoom) for a fixed time; on a loaded machine read the ratios to the default design.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser';
import { runInPage, type BenchWindow } from './browserPage';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const SIZES = arg('sizes', '32,64')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const OUT_DIR = arg('out-dir', 'dist');
const PORT = Number(arg('port', '4390'));
const SECONDS = Number(arg('seconds', '3'));
const URL = `http://127.0.0.1:${PORT}/`;
const VIEWPORT = { width: 1600, height: 900 };

interface Row {
  readonly scenario: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** `value` must stay at or below (max) / at or above (min) this. */
  readonly budget?: { readonly max?: number; readonly min?: number; readonly note: string };
}
const rows: Row[] = [];
const record = (r: Row) => {
  rows.push(r);
  // As it goes, on stderr: a long run that is cut short still tells what it measured.
  console.error(`  ${r.scenario}  ${r.metric}: ${Number.isFinite(r.value) ? r.value.toFixed(1) : r.value} ${r.unit}`);
};

async function serve(): Promise<ChildProcess> {
  if (!process.argv.includes('--no-build') || !existsSync(`${OUT_DIR}/index.html`)) {
    console.error(`building into ${OUT_DIR} …`);
    const built = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--logLevel', 'warn'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', OUT_DIR],
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(URL)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${URL}`);
}

/** A fresh context (empty storage: the default design) with the bench's probes installed. */
async function openApp(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(runInPage);
  await page.goto(URL);
  await page.waitForFunction(() => (window as unknown as BenchWindow).lrBench.verdictAt !== undefined, undefined, {
    timeout: 180_000,
    polling: 100,
  });
  await viewAtRest(page);
  return page;
}

/**
 * Clicks with the real mouse at the element's centre. Not `locator.click`: that waits for the page
 * to settle after the click, and a page busy for longer than its timeout (a 64 × 64 fabric before
 * the level of detail) would fail the bench instead of being measured.
 */
async function clickAt(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} not visible`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

const bench = (page: Page) => page.evaluate.bind(page) as Page['evaluate'];

async function viewAtRest(page: Page): Promise<void> {
  await bench(page)(() => (window as unknown as BenchWindow).lrBench.viewAtRest());
}

/** A point of the empty pane (a drag there pans, it does not move a node), near the centre. */
async function panePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await bench(page)(() => (window as unknown as BenchWindow).lrBench.panePoint());
  if (!p) throw new Error('no empty point on the canvas to drag');
  return p;
}

/** fps while the real mouse drags the pane back and forth for SECONDS. */
async function panFps(page: Page): Promise<number> {
  const from = await panePoint(page);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await bench(page)(() => (window as unknown as BenchWindow).lrBench.startFrames());
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < SECONDS * 1000) {
    // A triangle wave of ±150 px, 6 px a step: the view keeps moving and stays where it was.
    const phase = i++ % 50;
    const dx = (phase < 25 ? phase : 50 - phase) * 6;
    await page.mouse.move(from.x + dx, from.y + dx / 3);
  }
  const fps = await bench(page)(() => (window as unknown as BenchWindow).lrBench.stopFrames());
  await page.mouse.up();
  await viewAtRest(page);
  return fps;
}

/** fps while the real wheel zooms in and out at the pane's centre for SECONDS. */
async function zoomFps(page: Page): Promise<number> {
  const at = await panePoint(page);
  await page.mouse.move(at.x, at.y);
  await bench(page)(() => (window as unknown as BenchWindow).lrBench.startFrames());
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < SECONDS * 1000) {
    // Eight notches in, eight out: from the fitted view to about 3× and back.
    await page.mouse.wheel(0, i++ % 16 < 8 ? -60 : 60);
    await bench(page)(() => new Promise((r) => requestAnimationFrame(r)));
  }
  const fps = await bench(page)(() => (window as unknown as BenchWindow).lrBench.stopFrames());
  await viewAtRest(page);
  return fps;
}

/** fps while the timeline plays from its first event (at most SECONDS, fewer when it ends). */
async function playbackFps(page: Page): Promise<{ fps: number; updates: number }> {
  await page.evaluate(() => window.liveroute.setTime(0));
  await clickAt(page, 'timeline-play');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="timeline-play"]')?.getAttribute('data-playing') === 'true',
  );
  await bench(page)(() => (window as unknown as BenchWindow).lrBench.startFrames());
  await page
    .waitForFunction(
      () => document.querySelector('[data-testid="timeline-play"]')?.getAttribute('data-playing') !== 'true',
      undefined,
      { timeout: SECONDS * 1000 },
    )
    .catch(() => undefined);
  const fps = await bench(page)(() => (window as unknown as BenchWindow).lrBench.stopFrames());
  const updates = await bench(page)(() => (window as unknown as BenchWindow).lrBench.timeUpdates);
  if ((await page.getByTestId('timeline-play').getAttribute('data-playing')) === 'true')
    await clickAt(page, 'timeline-play');
  return { fps, updates };
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);
const longestTask = (page: Page) => bench(page)(() => (window as unknown as BenchWindow).lrBench.takeLongest());

async function defaultDesign(browser: Browser): Promise<number> {
  const page = await openApp(browser);
  const marks = await bench(page)(() => ({
    card: (window as unknown as BenchWindow).lrBench.firstCardAt,
    verdict: (window as unknown as BenchWindow).lrBench.verdictAt,
  }));
  record({ scenario: 'default', metric: 'first load: first card', value: marks.card ?? NaN, unit: 'ms' });
  record({ scenario: 'default', metric: 'first load: verdict', value: marks.verdict ?? NaN, unit: 'ms' });
  record({ scenario: 'default', metric: 'DOM elements', value: await domNodes(page), unit: '' });
  const pan = await panFps(page);
  record({ scenario: 'default', metric: 'pan', value: pan, unit: 'fps' });
  record({ scenario: 'default', metric: 'zoom', value: await zoomFps(page), unit: 'fps' });
  const play = await playbackFps(page);
  record({ scenario: 'default', metric: 'playback', value: play.fps, unit: 'fps' });
  await page.context().close();
  return pan;
}

async function fabric(browser: Browser, size: number, defaultPan: number): Promise<void> {
  const scenario = `${size}×${size}`;
  const big = size > 32;
  const page = await openApp(browser);
  try {
    await page.getByTestId('open-fabric-generator').click();
    await page.getByTestId('fabric-racks').fill(String(size));
    await page.getByTestId('fabric-nodes').fill(String(size));
    await page.getByTestId('fabric-spines').fill('4');
    await page.getByTestId('fabric-vms').fill(String(size * size));
    await page.getByTestId('fabric-tors-2').check();
    await bench(page)(() => (window as unknown as BenchWindow).lrBench.armVerdict());
    await longestTask(page);
    await clickAt(page, 'fabric-create');
    await page.waitForFunction(
      () => (window as unknown as BenchWindow).lrBench.generatedVerdictMs !== undefined,
      undefined,
      { timeout: 600_000, polling: 200 },
    );
    const verdict = await bench(page)(() => (window as unknown as BenchWindow).lrBench.generatedVerdictMs as number);
    record({
      scenario,
      metric: 'Generate → verdict',
      value: verdict,
      unit: 'ms',
      budget: big ? { max: 12_000, note: '≤ 12 s' } : { max: 3000, note: '≤ 3 s' },
    });
    await viewAtRest(page);
    record({
      scenario,
      metric: 'longest task (Generate → verdict)',
      value: await longestTask(page),
      unit: 'ms',
      ...(big ? {} : { budget: { max: 100, note: '≤ 100 ms' } }),
    });
    record({ scenario, metric: 'DOM elements (fitted)', value: await domNodes(page), unit: '' });
    const ratio = big ? 0.6 : 0.8;
    const pan = await panFps(page);
    record({
      scenario,
      metric: 'pan',
      value: pan,
      unit: 'fps',
      budget: { min: ratio * defaultPan, note: `≥ ${ratio} × default (${(ratio * defaultPan).toFixed(1)})` },
    });
    const zoom = await zoomFps(page);
    record({
      scenario,
      metric: 'zoom',
      value: zoom,
      unit: 'fps',
      ...(big
        ? {}
        : { budget: { min: 0.8 * defaultPan, note: `≥ 0.8 × default pan (${(0.8 * defaultPan).toFixed(1)})` } }),
    });
    const play = await playbackFps(page);
    record({
      scenario,
      metric: 'playback',
      value: play.fps,
      unit: 'fps',
      ...(big ? {} : { budget: { min: 30, note: '≥ 30 fps' } }),
    });
    record({
      scenario,
      metric: 'longest task (pan, zoom, playback)',
      value: await longestTask(page),
      unit: 'ms',
      ...(big ? {} : { budget: { max: 100, note: '≤ 100 ms' } }),
    });
    record({
      scenario,
      metric: 'JS heap (after GC)',
      value: await heapMB(page),
      unit: 'MB',
      ...(big ? { budget: { max: 300, note: '≤ 300 MB' } } : {}),
    });
  } finally {
    await page.context().close();
  }
}

const over = (r: Row) =>
  r.budget !== undefined &&
  (!Number.isFinite(r.value) ||
    (r.budget.max !== undefined && r.value > r.budget.max) ||
    (r.budget.min !== undefined && r.value < r.budget.min));

function print(): void {
  const fmt = (v: number) => (Number.isInteger(v) || Math.abs(v) >= 100 ? String(Math.round(v)) : v.toFixed(1));
  const lines = rows.map((r) => [
    r.scenario,
    r.metric,
    `${fmt(r.value)} ${r.unit}`.trim(),
    r.budget ? `${r.budget.note} ${over(r) ? 'OVER' : 'ok'}` : '',
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => (l[i] as string).length), 8));
  for (const l of lines)
    console.log(
      `${(l[0] as string).padEnd(widths[0] as number)}  ${(l[1] as string).padEnd(widths[1] as number)}  ${(l[2] as string).padStart(widths[2] as number)}  ${l[3]}`,
    );
  const json = {
    bench: 'browser',
    seconds: SECONDS,
    results: rows.map((r) => ({
      scenario: r.scenario,
      metric: r.metric,
      value: Math.round(r.value * 10) / 10,
      unit: r.unit,
      ...(r.budget ? { budget: r.budget.note, over: over(r) } : {}),
    })),
  };
  console.log(JSON.stringify(json));
}

const server = await serve();
const executablePath = chromiumExecutable();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
try {
  const defaultPan = await defaultDesign(browser);
  for (const size of SIZES) {
    try {
      await fabric(browser, size, defaultPan);
    } catch (e) {
      // A fabric that does not finish (a timeout on a loaded machine) is reported, not fatal.
      record({
        scenario: `${size}×${size}`,
        metric: `did not finish: ${(e as Error).message.split('\n')[0]}`,
        value: NaN,
        unit: '',
        budget: { note: 'finishes' },
      });
    }
  }
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
  print();
}
process.exitCode = rows.some(over) ? 1 : 0;
