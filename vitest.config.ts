import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects, decided by measurement (`npx vitest run --reporter=verbose`, durations on a
 * quiet 2-core machine), not by folder:
 *
 * - integration: a file that starts real daemons (BIRD 1.6 and 2, FRR, the real-BIRD lab and
 *   the containerlab export in network namespaces), or that has a test taking more than 1 s on
 *   a quiet machine (engine runs over 120 random designs, property suites over hundreds of
 *   generated designs). Quiet, its slowest test takes about 25 s.
 * - unit: everything else, pure and fast: every test under 1 s quiet (the slowest, about 0.7 s,
 *   lints a probe file with ESLint).
 *
 * Timeouts are sized for a machine 20 times slower than quiet: on this 2-core kind of machine
 * with other test suites running beside it, tests ran 5 to 18 times slower. Unit 60 s (the
 * slowest, 20x slower, takes 14 s), integration 15 min (25 s x 20 is about 8 min). They only
 * catch a hang; no test's outcome depends on how fast the machine is.
 */
const INTEGRATION = [
  'src/verify/configDaemons.test.ts', // every generated config through bird -p (1.6, 2) and FRR
  'src/verify/calicoNodeBird.test.ts', // calico-node configs through bird -p
  'src/verify/lab.test.ts', // a design on real BIRD in network namespaces
  'src/verify/clab.test.ts', // its containerlab export, deployed the same way
  'src/verify/randomDesign.test.ts', // 120 random lab designs simulated in every phase
  'src/model/roundtrip.test.ts', // property suite: hundreds of generated designs, YAML and JSON
  'src/cli/bin.test.ts', // builds the CLI bundle (vite.cli.config.ts) and runs it
  'src/calico/crds.test.ts', // 100 random designs' manifests against Calico's CRD schemas
  'src/verify/daemonsAccept.test.ts', // 40 random accepted designs: every config through BIRD 1.6, BIRD 2 and FRR
  'src/model/readerScale.test.ts', // the largest generated fabrics (megabytes of YAML and JSON) through the reader
  'src/model/reader.property.test.ts', // property suite: hundreds of hostile design texts through the reader
  'src/calico/read.property.test.ts', // property suite: hundreds of hostile Calico dumps through the reader and the import
];
// A renamed file would otherwise fall silently into the unit project and its short timeouts.
for (const file of INTEGRATION)
  if (!existsSync(new URL(file, import.meta.url)))
    throw new Error(`vitest.config.ts: integration test ${file} does not exist`);

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'threads',
    // Vitest's default on 2 cores is one worker; two let the lab's and the daemons' waiting
    // overlap with the pure tests' computing.
    maxWorkers: 2,
    // A stray .only fails the run everywhere, not only where CI=1 is set.
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tools/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...INTEGRATION],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
