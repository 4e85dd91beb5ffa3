/**
 * Benchmarks (npm run bench): budgets are checked here, never in timed tests. Prints the median
 * of several runs for each step on the DESIGN §10 fabric (32 racks × 32 nodes, 2 ToRs per rack,
 * 4 spines, 1,024 VMs) and exits non-zero when a budget is exceeded.
 */
import { performance } from 'node:perf_hooks';
import { generateFabric } from '../src/model/edit/generate';
import { parseDesign, serializeDesign, validateDesign } from '../src/model';
import { toFlow } from '../src/ui/canvas/toFlow';

interface Result {
  name: string;
  medianMs: number;
  budgetMs?: number;
}

function measure(name: string, runs: number, fn: () => unknown, budgetMs?: number): Result {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] as number, ...(budgetMs !== undefined ? { budgetMs } : {}) };
}

const fabric = generateFabric({ racks: 32, nodesPerRack: 32, spines: 4, torsPerRack: 2, vms: 1024 });
const yaml = serializeDesign(fabric, 'yaml');
const results: Result[] = [
  measure('generate 32×32 fabric', 5, () => generateFabric({ racks: 32, nodesPerRack: 32, spines: 4, torsPerRack: 2, vms: 1024 })),
  // Every inspector keystroke validates the whole design: keep it well under a frame budget of typing.
  measure('validate design (per keystroke)', 10, () => validateDesign(fabric), 100),
  measure('serialize YAML', 5, () => serializeDesign(fabric, 'yaml')),
  measure('parse YAML (with line mapping)', 5, () => parseDesign(yaml)),
  measure('canvas view (toFlow)', 10, () => toFlow(fabric, []), 100),
];
console.log(`fabric: ${fabric.spec.nodes.length} nodes, ${fabric.spec.routers.length} routers, ${fabric.spec.vms.length} VMs, ${yaml.length} bytes of YAML`);
let failed = false;
for (const r of results) {
  const over = r.budgetMs !== undefined && r.medianMs > r.budgetMs;
  failed ||= over;
  console.log(`${r.name.padEnd(36)} ${r.medianMs.toFixed(1).padStart(8)} ms${r.budgetMs !== undefined ? `   budget ${r.budgetMs} ms${over ? '  OVER' : ''}` : ''}`);
}
process.exit(failed ? 1 : 0);
