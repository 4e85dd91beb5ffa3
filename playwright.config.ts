import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/browser';

// Overridable so several checkouts or helpers can run the suite side by side on one machine.
const PORT = Number(process.env.LR_E2E_PORT ?? 4173);
const OUT_DIR = process.env.LR_E2E_OUTDIR ?? 'dist';
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  // The dev server's tests have their own config and server (playwright.dev.config.ts).
  testIgnore: 'dev-server/**',
  // Sized for a busy 2-core machine, where the browser runs several times slower than quiet:
  // assertions poll for up to 30 s (quiet, the slowest waits about 3 s), a test may take 3 min
  // (quiet, the slowest takes about 20 s). Generous ceilings, never a pace the tests rely on.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // A stray test.only left in a spec must fail CI, not quietly skip the rest.
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1600, height: 900 },
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
    // Animation off, as for users who ask for reduced motion; the overlay spec turns it back on.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // The test command builds first; the tests run against the production bundle.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
