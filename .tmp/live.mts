import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '/work/main/scripts/browser';
const [scenario, out, instant] = process.argv.slice(2);
const executablePath = chromiumExecutable();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
page.on('pageerror', (e) => console.error('pageerror', e.message));
await page.goto('http://127.0.0.1:4173/?animate=0');
await page.evaluate(() => localStorage.clear());
await page.goto('http://127.0.0.1:4173/?animate=0');
await page.waitForSelector('.react-flow__node');
if (scenario !== 'default') {
  await page.getByTestId('menu-scenarios').click();
  await page.getByTestId(`scenario-${scenario}`).click();
}
await page.waitForSelector('[data-testid="sim-status"][data-status="ready"]');
await page.getByTestId('phase-live').click();
if (instant) { for (let i = 0; i < Number(instant); i++) await page.getByTestId('timeline-prev').click(); }
await page.waitForTimeout(700);
await page.screenshot({ path: out });
await browser.close();
