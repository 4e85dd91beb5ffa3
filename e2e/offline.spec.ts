/**
 * liveroute works offline once loaded: the service worker precaches every built file (Monaco's
 * chunks and workers included), takes over the page, and serves a reload with the network cut.
 * A new version waits for the user's Update and keeps the design.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';

// The build under test, as playwright.config.ts serves it.
const OUT_DIR = process.env.LR_E2E_OUTDIR ?? 'dist';
const READY_TEXT = 'liveroute is ready to work offline: it is stored in this browser and starts without a network.';
// Installing means fetching the whole precache (about 7.8 MB with Monaco): on a loaded machine that
// can take longer than the 30 s an expect waits.
const INSTALL_TIMEOUT_MS = 120_000;
const UPDATE_TEXT = 'A new version of liveroute is ready. Update (in the toolbar) switches to it; your design is kept.';

/** Every file the page may ask for: the build minus source maps and the service worker's own scripts. */
function servedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f))
    .sort();
}

/** The paths (relative to the app) the service worker holds in its precache, and its caches' names. */
async function precache(page: Page): Promise<{ caches: string[]; files: string[] }> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const base = new URL('./', location.href).pathname;
    const files: string[] = [];
    for (const name of names)
      for (const request of await (await caches.open(name)).keys())
        files.push(new URL(request.url).pathname.slice(base.length));
    return { caches: names, files: files.sort() };
  });
}

async function untilControlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

/** Requests that leave 127.0.0.1 and requests that fail, seen by the whole context (service worker included). */
function watchTraffic(context: BrowserContext): { offsite: string[]; failed: string[] } {
  const offsite: string[] = [];
  const failed: string[] = [];
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') offsite.push(r.url());
  });
  context.on('requestfailed', (r) => failed.push(`${new URL(r.url()).pathname} ${r.failure()?.errorText ?? ''}`));
  return { offsite, failed };
}

test.describe('offline', () => {
  test('once loaded, it reloads and runs with the network cut: canvas, simulation, config editor', async ({
    app,
    page,
    context,
    baseURL,
  }) => {
    const traffic = watchTraffic(context);
    // One visit (a fresh context has no storage to clear): the install is watched from start to end.
    await page.goto('./');
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.getByTestId('notice').filter({ hasText: READY_TEXT })).toHaveCount(1, {
      timeout: INSTALL_TIMEOUT_MS,
    });
    // The first install takes over the open page without a reload.
    await untilControlled(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseURL}sw.js`);

    // Every built file is precached, Monaco's chunks and workers included, in one workbox cache.
    const held = await precache(page);
    expect(held.caches).toEqual([`workbox-precache-v2-${baseURL}`]);
    expect(held.files).toEqual(servedFiles(OUT_DIR));
    expect(held.files).toEqual(
      expect.arrayContaining([
        'index.html',
        'manifest.webmanifest',
        'favicon.svg',
        'pwa-192x192.png',
        'pwa-512x512.png',
      ]),
    );
    for (const chunk of ['EditorPanel-', 'editor.worker-', 'yaml.worker-', 'engine.worker-', 'codicon-'])
      expect(
        held.files.some((f) => f.startsWith(`assets/${chunk}`)),
        chunk,
      ).toBe(true);

    // Installable as an app: Chromium finds nothing missing (manifest, icons, service worker) but
    // that a test's context is incognito.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId)).toEqual(['in-incognito']);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${baseURL}manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({
      name: 'liveroute',
      short_name: 'liveroute',
      theme_color: '#1f2a44',
      display: 'standalone',
      start_url: './',
      scope: './',
    });

    await context.setOffline(true);
    // The network is really gone: a file the service worker does not hold cannot be fetched.
    expect(
      await page.evaluate(() =>
        fetch('./not-precached.txt').then(
          () => 'fetched',
          () => 'failed',
        ),
      ),
    ).toBe('failed');

    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId('design-title')).toHaveText(
      'Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter',
    );
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(app.node('node-a1')).toBeVisible();
    await expect(app.router('spine-1')).toBeVisible();
    // The engine worker runs from the cache.
    await app.simulated();
    await expect(app.phase('live')).toHaveAttribute('aria-label', 'live: 5 delivered');
    await expect(app.outcome('node-a1')).toHaveText('✓ delivered');

    // Monaco (lazy) opens from the cache and shows a generated file.
    const editor = await app.openEditorFile('calico/bgpfilters.yaml');
    await expect(editor).toContainText('kind: BGPFilter');
    await expect(editor).toContainText('addCommunity: { value: "65000:100" }');
    // monaco-yaml's worker runs too: it marks a field the BGPFilter schema does not allow.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('broken: [');
    const markers = () =>
      page.evaluate(() =>
        (
          window as unknown as { liveroute: { editorMarkers(): { owner: string; message: string }[] } }
        ).liveroute.editorMarkers(),
      );
    await expect
      .poll(markers)
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ owner: 'yaml', message: 'Property broken is not allowed.' }),
        ]),
      );

    expect(traffic.offsite, 'requests that left 127.0.0.1').toEqual([]);
    expect(traffic.failed, 'failed requests').toEqual(['/not-precached.txt net::ERR_INTERNET_DISCONNECTED']);
  });

  // The page of the first install (taken over without a reload), and a page that started under the service worker.
  for (const reloadFirst of [false, true])
    test(`a new version waits for Update, then runs, and the design is kept${reloadFirst ? ' (page started controlled)' : ' (page of the first install)'}`, async ({
      app,
      page,
    }) => {
      // A server of our own, on a copy of the build that we can "deploy" a new version into.
      const root = mkdtempSync(join(tmpdir(), 'liveroute-sw-'));
      cpSync(OUT_DIR, root, { recursive: true });
      const server = await serve(root);
      try {
        const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
        await page.goto(url);
        await expect(page.getByTestId('notice').filter({ hasText: READY_TEXT })).toHaveCount(1, {
          timeout: INSTALL_TIMEOUT_MS,
        });
        await untilControlled(page);
        if (reloadFirst) await page.reload();
        await app.menu('scenarios', 'scenario-single-rack-mesh');
        await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');

        // The new version: a changed index.html, hence a new precache manifest in sw.js.
        const sw = readFileSync(join(root, 'sw.js'), 'utf8');
        const revision = /\{url:"index\.html",revision:"([0-9a-f]+)"\}/.exec(sw)?.[1];
        expect(revision, 'index.html in the precache manifest').toMatch(/^[0-9a-f]{32}$/);
        const html = readFileSync(join(root, 'index.html'), 'utf8');
        writeFileSync(
          join(root, 'index.html'),
          html.replace('</title>', '</title><meta name="deployed" content="v2">'),
        );
        writeFileSync(join(root, 'sw.js'), sw.replaceAll(revision as string, '00000000000000000000000000000002'));
        // What a browser does hourly or on a navigation: look for a new service worker.
        await page.evaluate(() => Object.assign(window, { lrBeforeUpdate: true }));
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

        await expect(page.getByTestId('notice').filter({ hasText: UPDATE_TEXT })).toHaveCount(1);
        // Nothing reloads by itself: the new version waits for the user, the old one keeps this page.
        expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe(
          'installed',
        );
        expect(await page.evaluate(() => (window as unknown as { lrBeforeUpdate?: boolean }).lrBeforeUpdate)).toBe(
          true,
        );
        await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');
        const reloaded = page.waitForEvent('load');
        await page.getByTestId('app-update').click();
        await reloaded;

        await expect(page.getByTestId('design-title')).toHaveText('Single rack, node-to-node mesh (iBGP)');
        await expect(page.getByTestId('app-update')).toHaveCount(0);
        await expect(page.locator('meta[name="deployed"]')).toHaveAttribute('content', 'v2');
        const waiting = await page.evaluate(
          async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null,
        );
        expect(waiting).toBeNull();
      } finally {
        await new Promise((done) => server.close(done));
        rmSync(root, { recursive: true, force: true });
      }
    });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

/** A static server on an ephemeral port of 127.0.0.1 that reads every file afresh (so it can be changed). */
async function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return server;
}
