import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

const monacoVs = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

// The service worker precaches every built file so that liveroute starts and runs with no network
// once it has been loaded. Monaco's main chunk is over 3 MB, so the default 2 MiB cap would leave it
// out (workbox only warns); the offline e2e test checks that nothing was left out.
const PRECACHE_LIMIT_BYTES = 8 * 1024 * 1024;

const pwa = VitePWA({
  // A new version waits until the user chooses to switch (the toolbar's Update) or closes every tab:
  // an open page keeps its own files, and nothing reloads under the user's hands.
  registerType: 'prompt',
  // src/ui/pwa.ts registers it, in production builds only.
  injectRegister: false,
  // The glob below already takes every icon; listing them again would put them twice in the precache list.
  includeManifestIcons: false,
  manifest: {
    name: 'liveroute',
    short_name: 'liveroute',
    description: 'Design a Calico BGP fabric and watch a KubeVirt VM live migration route by route.',
    theme_color: '#1f2a44', // the toolbar's background (src/ui/styles.css)
    background_color: '#f4f6f9', // --bg
    display: 'standalone',
    icons: [
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'pwa-maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // The plugin adds manifest.webmanifest itself.
    globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff,woff2}'],
    maximumFileSizeToCacheInBytes: PRECACHE_LIMIT_BYTES,
    navigateFallback: 'index.html',
    // The first install takes over the open page at once, so what it has not loaded yet (the editor)
    // also comes from the cache if the network drops before a reload. Updates still wait (above).
    clientsClaim: true,
  },
});

export default defineConfig({
  plugins: [react(), pwa],
  resolve: {
    // monaco-yaml's worker manager still imports Monaco's pre-0.55 paths.
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoVs}$1` }],
  },
  optimizeDeps: {
    // The dependency scan does not follow `?worker` imports: the workers' dependencies are listed
    // here, or the dev server finds them on the first editor open, re-optimizes and reloads the page.
    include: ['monaco-yaml/yaml.worker.js', 'monaco-editor/editor/editor.worker'],
  },
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
