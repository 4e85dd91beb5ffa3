/**
 * The command line as one JavaScript file, dist-cli/liveroute.mjs, which package.json's `bin`
 * names: `npx liveroute …` starts without compiling TypeScript. `npm install` builds it (the
 * `prepare` script); `npm run build:cli` rebuilds it after a change.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  // Nothing of the app's (public/ is the web app's icons and manifest).
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: { entryFileNames: 'liveroute.mjs', banner: '#!/usr/bin/env node' },
    },
  },
  ssr: {
    // One self-contained file: yaml, zod and the rest are bundled, so it runs from anywhere.
    noExternal: true,
  },
});
