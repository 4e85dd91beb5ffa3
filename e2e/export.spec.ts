/**
 * Diagram export: File → Export diagram as SVG / PNG saves the canvas with the packet paths and
 * verdicts of the instant shown. The SVG is a standalone document; the PNG is that SVG at 2×.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, type LiverouteApp } from './fixtures';

const NAMES = ['rack-a', 'rack-b', 'border-1', 'spine-1', 'tor-a', 'tor-b', 'node-a1', 'node-a2', 'node-b1', 'node-b2'];

async function exportFile(
  app: LiverouteApp,
  page: Page,
  command: 'export.svg' | 'export.png',
): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await app.menu('file', `cmd-${command}`);
  const file = await download;
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** Parses the SVG in the page, as a browser opening the file would. */
function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      root: root.tagName,
      viewBox: root.getAttribute('viewBox'),
      texts: [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? ''),
      verdicts: [...doc.querySelectorAll('g.verdict')]
        .map((g) => `${g.getAttribute('data-client')}=${g.getAttribute('data-outcome')}`)
        .sort(),
      foreign: doc.getElementsByTagName('foreignObject').length,
    };
  }, svg);
}

test.describe('diagram export', () => {
  test('the live phase of the default design as SVG and as PNG at twice the size', async ({ app, page }) => {
    await app.open();
    await app.simulated();
    await app.phase('live').click();
    await expect(app.outcome('node-a1')).toHaveText('✓ delivered');

    const svgFile = await exportFile(app, page, 'export.svg');
    expect(svgFile.name).toBe('two-racks-ebgp-live.svg');
    expect(svgFile.bytes.length).toBeGreaterThan(1000);
    const svg = svgFile.bytes.toString('utf8');
    const parsed = await inspectSvg(page, svg);
    expect(parsed.errors).toBe(0);
    expect(parsed.root).toBe('svg');
    expect(parsed.foreign).toBe(0);
    for (const name of NAMES) expect(parsed.texts).toContain(name);
    expect(parsed.texts).toContain('Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter');
    expect(parsed.texts.find((t) => t.startsWith('two-racks-ebgp · live +'))).toMatch(
      /^two-racks-ebgp · live \+\d+ ms {3}· {3}✓ 5 delivered$/,
    );
    expect(parsed.verdicts).toEqual([
      'border-1=delivered',
      'node-a1=delivered',
      'node-a2=delivered',
      'node-b1=delivered',
      'node-b2=delivered',
    ]);
    expect(parsed.texts.filter((t) => t === '✓ delivered')).toHaveLength(6); // five badges and the legend
    expect(parsed.texts).toContain('▣ vm-1 here');
    expect(svg).toContain('class="path-line delivered"');

    const [, , w, h] = (parsed.viewBox ?? '').split(' ').map(Number) as [number, number, number, number];
    const pngFile = await exportFile(app, page, 'export.png');
    expect(pngFile.name).toBe('two-racks-ebgp-live.png');
    const png = pngFile.bytes;
    expect(png.length).toBeGreaterThan(1000);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
      width: Math.round(w * 2),
      height: Math.round(h * 2),
    });
  });

  test('a blackhole shows in the export as a ✕ badge and a dashed path ending in ✕', async ({ app, page }) => {
    await app.open();
    await app.menu('scenarios', 'scenario-two-racks-ebgp-no-filter');
    await app.simulated();
    await app.phase('live').click();
    await expect(app.outcome('node-a1')).toHaveText('✕ blackhole');
    const { name, bytes } = await exportFile(app, page, 'export.svg');
    expect(name).toBe('two-racks-ebgp-no-filter-live.svg');
    const svg = bytes.toString('utf8');
    const parsed = await inspectSvg(page, svg);
    expect(parsed.errors).toBe(0);
    expect(parsed.verdicts).toContain('node-a1=blackhole');
    expect(parsed.texts).toContain('✕ blackhole');
    expect(svg).toMatch(/<g class="path-mark blackhole" data-hop="node-a1"/);
  });
});
