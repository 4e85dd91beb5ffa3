/**
 * Benchmarks (npm run bench): budgets are checked here, never in timed tests. On the DESIGN §10
 * fabric (32 racks × 32 nodes, 2 ToRs per rack, 4 spines, 1,024 VMs): the model steps (validate,
 * serialize, parse, canvas view) and the engine (build the network, converge the base state,
 * the migration's four transitions, route entries per second, peak memory). Prints the median of
 * several runs and exits non-zero when a budget is exceeded.
 */
import { performance } from 'node:perf_hooks';
import { generateFabric } from '../src/model/edit/generate';
import { parseDesign, serializeDesign, validateDesign } from '../src/model';
import { toFlow } from '../src/ui/canvas/toFlow';
import { buildNetwork } from '../src/engine/network';
import { MigrationRun } from '../src/engine/simulate';
import { toReport } from '../src/engine/report';
import { convergeTable } from '../src/engine/table';

interface Result {
  name: string;
  value: number;
  unit: string;
  budget?: number;
}

const results: Result[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function measure(name: string, runs: number, fn: () => unknown, budget?: number): void {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  results.push({ name, value: median(times), unit: 'ms', ...(budget !== undefined ? { budget } : {}) });
}

const spec = { racks: 32, nodesPerRack: 32, spines: 4, torsPerRack: 2, vms: 1024 } as const;
const fabric = generateFabric(spec);
const yaml = serializeDesign(fabric, 'yaml');
measure('model: validate design (per keystroke)', 10, () => validateDesign(fabric), 100);
measure('model: serialize YAML', 5, () => serializeDesign(fabric, 'yaml'));
measure('model: parse YAML (with line mapping)', 5, () => parseDesign(yaml));
measure('canvas: view of the design (toFlow)', 10, () => toFlow(fabric, []), 100);

// The engine: three full runs (network, base, four transitions), medians reported.
const build: number[] = [];
const base: number[] = [];
const migration: number[] = [];
let processed = 0;
let migrationProcessed = 0;
let lastRun: MigrationRun | undefined;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const net = buildNetwork(fabric);
  const t1 = performance.now();
  const run = new MigrationRun(fabric, { net });
  run.step();
  const t2 = performance.now();
  const afterBase = run.processedRoutes;
  while (run.step());
  const t3 = performance.now();
  build.push(t1 - t0);
  base.push(t2 - t1);
  migration.push(t3 - t2);
  processed = run.processedRoutes;
  migrationProcessed = processed - afterBase;
  lastRun = run;
}
results.push({ name: 'engine: build the network (render + parse every config, sessions)', value: median(build), unit: 'ms' });
results.push({ name: "engine: converge the base state (the VM's prefixes)", value: median(base), unit: 'ms' });
results.push({ name: 'engine: converge = network + base state', value: median(build) + median(base), unit: 'ms', budget: 3000 });
results.push({ name: 'engine: migration (target, live, source-deleted, settled)', value: median(migration), unit: 'ms', budget: 500 });
results.push({ name: 'engine: routes processed per second (migration)', value: Math.round(migrationProcessed / (median(migration) / 1000)), unit: '/s' });

// What the worker sends the app: the report with its timeline, as JSON.
if (lastRun) {
  const sim = lastRun.result();
  let json = '';
  const t = performance.now();
  json = JSON.stringify(toReport(sim, []));
  results.push({ name: `report: build and serialize (${sim.instants.length} instants)`, value: performance.now() - t, unit: 'ms' });
  results.push({ name: 'report: size', value: json.length / 1e6, unit: 'MB' });
}

// A whole table on a smaller fabric: every block and VM prefix on every speaker.
const small = generateFabric({ racks: 8, nodesPerRack: 8, spines: 4, torsPerRack: 2, vms: 64 });
const smallNet = buildNetwork(small);
const t0 = performance.now();
const table = convergeTable(smallNet);
const tableMs = performance.now() - t0;
results.push({ name: `engine: whole table of an 8×8 fabric (${table.prefixes} prefixes)`, value: tableMs, unit: 'ms' });
results.push({ name: 'engine: whole-table route entries per second', value: Math.round(table.routeEntries / (tableMs / 1000)), unit: '/s' });

const peakMb = process.resourceUsage().maxRSS / 1024;
results.push({ name: 'peak memory (RSS)', value: peakMb, unit: 'MB' });

console.log(`fabric: ${fabric.spec.nodes.length} nodes, ${fabric.spec.routers.length} routers, ${fabric.spec.vms.length} VMs; ${processed} routes processed in one migration run`);
let failed = false;
for (const r of results) {
  const over = r.budget !== undefined && r.value > r.budget;
  failed ||= over;
  const value = r.unit === 'ms' ? r.value.toFixed(1) : r.unit === 'MB' ? r.value.toFixed(r.value < 100 ? 1 : 0) : String(r.value);
  console.log(`${r.name.padEnd(70)} ${value.padStart(10)} ${r.unit}${r.budget !== undefined ? `   budget ${r.budget} ${r.unit}${over ? '  OVER' : ''}` : ''}`);
}
process.exit(failed ? 1 : 0);
