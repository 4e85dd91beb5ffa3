/**
 * The installable app's PNG icons, drawn by Chromium from public/favicon.svg (so there is one
 * source of truth for the logo):  npx tsx scripts/make-icons.ts
 * Writes into public/: pwa-192x192.png and pwa-512x512.png (purpose "any", transparent corners),
 * pwa-maskable-512x512.png (full bleed, the logo inside the 80 % safe circle the platform may crop
 * to) and apple-touch-icon.png (180 px, opaque: iOS fills transparency with black).
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

// The favicon's own background, so the maskable icon's margin continues its rounded square.
const LOGO_BACKGROUND = '#1f2a44';

interface Icon {
  readonly file: string;
  readonly size: number;
  /** The logo's width as a fraction of the icon. */
  readonly scale: number;
  readonly opaque: boolean;
}

const ICONS: readonly Icon[] = [
  { file: 'pwa-192x192.png', size: 192, scale: 1, opaque: false },
  { file: 'pwa-512x512.png', size: 512, scale: 1, opaque: false },
  // The logo's outermost mark (a dot) reaches 0.46 of its width from the centre: at 0.72 that is 0.33 < 0.4.
  { file: 'pwa-maskable-512x512.png', size: 512, scale: 0.72, opaque: true },
  { file: 'apple-touch-icon.png', size: 180, scale: 0.86, opaque: true },
];

const svg = readFileSync('public/favicon.svg', 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const executablePath = chromiumExecutable();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
for (const icon of ICONS) {
  const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
  const logo = Math.round(icon.size * icon.scale);
  const background = icon.opaque ? LOGO_BACKGROUND : 'transparent';
  await page.setContent(
    `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${background}">` +
      `<img src="${dataUrl}" width="${logo}" height="${logo}"></body></html>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await page.screenshot({ path: `public/${icon.file}`, omitBackground: !icon.opaque });
  await page.close();
  console.log(`wrote public/${icon.file} (${icon.size}×${icon.size})`);
}
await browser.close();
