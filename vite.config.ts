import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const monacoVs = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // monaco-yaml's worker manager still imports Monaco's pre-0.55 paths.
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoVs}$1` }],
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
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
