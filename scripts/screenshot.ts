/**
 * Screenshots of the app for the README and for looking at UI changes:
 *   npm run screenshot -- [url] [out.png] [width] [height]
 * Expects the app served at the url (default: a running `npm run preview`).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

const [url = 'http://127.0.0.1:4173/', out = '.tmp/screenshot.png', width = '1600', height = '900'] =
  process.argv.slice(2);
const executablePath = chromiumExecutable();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
const page = await browser.newPage({
  viewport: { width: Number(width), height: Number(height) },
  deviceScaleFactor: 1,
});
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(url);
await page.waitForSelector('.react-flow__node');
await page.waitForTimeout(600);
await page.screenshot({ path: out });
await browser.close();
if (errors.length) console.error(`page errors:\n${errors.join('\n')}`);
console.log(`wrote ${out}`);
