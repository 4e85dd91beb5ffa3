/**
 * The initial-JavaScript budget of DESIGN §10: what index.html loads before anything lazy
 * (the entry module and its modulepreloads) must stay within 250 kB gzip. Run after a build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 250_000;

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [
  ...[...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1] as string),
  ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] as string),
];
let total = 0;
for (const f of files) {
  const size = gzipSync(readFileSync(join(dist, f.replace(/^\.?\//, '')))).length;
  total += size;
  console.log(`${(size / 1000).toFixed(1).padStart(8)} kB gzip  ${f}`);
}
console.log(`${(total / 1000).toFixed(1).padStart(8)} kB gzip  initial JavaScript (budget ${BUDGET_BYTES / 1000} kB)`);
if (files.length === 0) {
  console.error('no script found in index.html');
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`initial JavaScript is over budget by ${((total - BUDGET_BYTES) / 1000).toFixed(1)} kB`);
  process.exit(1);
}
