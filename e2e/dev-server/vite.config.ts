/**
 * The app's Vite config for the dev-server tests, plus: a dependency cache of its own (in the
 * system's temp folder, so a developer's `npm start` cache is left alone), and a read-only
 * endpoint with the optimizer's dependencies, so that a test can tell, without waiting for a
 * reload that may or may not come, whether a dependency was found late.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeConfig, type Plugin } from 'vite';
import app from '../../vite.config';
import { OPTIMIZER_STATE_PATH } from './optimizerState';

const optimizerState: Plugin = {
  name: 'liveroute-e2e-optimizer-state',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use(OPTIMIZER_STATE_PATH, (_req, res) => {
      const metadata = server.environments.client.depsOptimizer?.metadata;
      // Discovered: found while serving, not by the start-up scan or optimizeDeps.include.
      const deps = metadata ? [...Object.keys(metadata.optimized), ...Object.keys(metadata.discovered)] : [];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ deps: [...new Set(deps)].sort() }));
    });
  },
};

export default mergeConfig(app, {
  cacheDir: join(tmpdir(), `liveroute-e2e-vite-${process.env.LR_E2E_DEV_PORT ?? 'default'}`),
  plugins: [optimizerState],
});
