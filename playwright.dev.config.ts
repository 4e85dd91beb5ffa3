/**
 * The browser tests of the dev server (`npm start`), apart from the main suite, which runs
 * against the build: e2e/dev-server/. The server starts with a cold dependency cache of its own
 * (--force; e2e/dev-server/vite.config.ts), as a first `npm start` after an install does.
 */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const PORT = Number(process.env.LR_E2E_DEV_PORT ?? 4174);

export default defineConfig({
  ...base,
  testDir: 'e2e/dev-server',
  testIgnore: undefined,
  // A cold dev server transforms and pre-bundles on the first requests: slow on a loaded machine.
  timeout: 240_000,
  expect: { timeout: 120_000 },
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}/` },
  webServer: {
    command: `npx vite --config e2e/dev-server/vite.config.ts --host 127.0.0.1 --port ${PORT} --strictPort --force`,
    env: { LR_E2E_DEV_PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/`,
    // Never someone's running server: its dependency cache would already be warm.
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
