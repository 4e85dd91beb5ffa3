/**
 * The containerlab export, run: the default design's .clab.yml, setup scripts and migrate.sh,
 * each container emulated by a network namespace with real BIRD 1.6 (src/verify/clabLab.ts),
 * agrees with the engine in every phase. Needs what the lab needs (lab.test.ts); skipped with
 * the reason elsewhere, required in CI. `npm run verify:bird -- --builtin --containerlab` runs
 * every built-in design this way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDaemonSync } from './daemons';
import { formatIssue, parseDesign } from '../model';
import { labUnavailable } from './lab';
import { runDesign } from './run';

const bird = findDaemonSync('bird1');
const missing = labUnavailable(bird.path);
if (missing && process.env.CI) throw new Error(`the real-BIRD lab is required in CI, but ${missing}`);
if (missing) console.warn(`SKIPPED the containerlab export on real BIRD: ${missing}`);

describe.skipIf(missing !== undefined)('the containerlab export on real BIRD', () => {
  it('two-racks-ebgp, deployed from its .clab.yml and migrated with migrate.sh, agrees with the engine', async () => {
    const parsed = parseDesign(
      readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
    const r = await runDesign(parsed.value.doc, { bird: bird.path as string, tag: 'clabtest', containerlab: true });
    expect(r.checks.filter((c) => !c.agree)).toEqual([]);
    expect(r.checks.filter((c) => c.aspect === 'session' && c.real[0] === 'up')).toHaveLength(7);
    expect(r.phases.find((p) => p.name === 'live')?.flows.map((f) => `${f.client} ${f.outcome}`)).toEqual([
      'border-1 delivered',
      'node-a1 delivered',
      'node-a2 delivered',
      'node-b1 delivered',
      'node-b2 delivered',
    ]);
  });

  it('a node named migrate and a router named like a rack bridge: renamed containers, the same agreement', async () => {
    // Their setup scripts would otherwise replace containerlab/migrate.sh and the bridge would take the router's container.
    const text = readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8')
      .replaceAll('node-b1', 'migrate')
      .replaceAll('spine-1', 'rack-a-segment');
    const parsed = parseDesign(text);
    if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
    const r = await runDesign(parsed.value.doc, { bird: bird.path as string, tag: 'clabnames', containerlab: true });
    expect(r.checks.filter((c) => !c.agree)).toEqual([]);
    expect(r.checks.filter((c) => c.aspect === 'session' && c.real[0] === 'up')).toHaveLength(7);
    expect(r.phases.find((p) => p.name === 'settled')?.flows.map((f) => `${f.client} ${f.outcome}`)).toEqual([
      'border-1 delivered',
      'migrate delivered',
      'node-a1 delivered',
      'node-a2 delivered',
      'node-b2 delivered',
    ]);
  });
});
