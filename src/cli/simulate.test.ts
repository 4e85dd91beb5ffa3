/**
 * `simulate` and `check` (DESIGN §5): the table, the JSON report, the exit codes of --fail-on,
 * and check's comparison with the verdicts a design states in metadata.expected.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesign, serializeDesign, type Topology } from '../model';
import { runCli as run } from './test-run';

const dir = mkdtempSync(join(tmpdir(), 'lr-simulate-'));

/** A built-in scenario written to a scratch file, its metadata.expected replaced (or removed). */
function scenarioFile(name: string, expected?: Topology['metadata']['expected']): string {
  const parsed = parseDesign(readFileSync(new URL(`../scenarios/${name}.liveroute.yaml`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  const { expected: _stated, ...metadata } = parsed.value.doc.metadata;
  void _stated;
  const doc: Topology = { ...parsed.value.doc, metadata: expected ? { ...metadata, expected } : metadata };
  const file = join(dir, `${name}-${expected ? Object.keys(expected).length : 0}.liveroute.yaml`);
  writeFileSync(file, serializeDesign(doc));
  return file;
}

describe('simulate', () => {
  it('prints a table per phase, the failing clients and the findings', async () => {
    const r = await run('simulate', scenarioFile('two-racks-ebgp-no-filter'));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('two-racks-ebgp-no-filter: vm-1 (10.244.1.5) migrates node-a1 → node-b1');
    expect(lines).toContain('live            node-b1  4            1            0       0        48 ms');
    expect(lines).toContain('base            node-a1  5            0            0       0        48 ms');
    expect(r.out).toContain(
      "live: ✕ node-a1 blackhole: node-a1 hands the packet to the VM's interface, but the VM is not running on node-a1",
    );
    expect(r.out).toContain('  error   LR-EBGP-NO-PRIORITY  rack-a-tor, tor-a, rack-b-tor, tor-b');
  });

  it('--json prints the report of DESIGN §5; --migrate/--to choose another migration', async () => {
    const r = await run(
      'simulate',
      scenarioFile('two-racks-ebgp-no-filter'),
      '--json',
      '--migrate',
      'vm-1',
      '--to',
      'node-a2',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      apiVersion: string;
      kind: string;
      migration: unknown;
      phases: { name: string; vmHost: string; flows: { client: string; outcome: string }[] }[];
    };
    expect([report.apiVersion, report.kind]).toEqual(['liveroute/v1', 'SimulationReport']);
    expect(report.migration).toEqual({ vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-a2' });
    expect(report.phases.map((p) => `${p.name}@${p.vmHost}`)).toEqual([
      'base@node-a1',
      'target@node-a1',
      'live@node-a2',
      'source-deleted@node-a2',
      'settled@node-a2',
    ]);
    const live = report.phases[2]?.flows.map((f) => `${f.client}:${f.outcome}`);
    // Same rack, still eBGP between node-a1 and tor-a: without the filter node-a1 keeps its stale route.
    expect(live).toEqual([
      'border-1:delivered',
      'node-a1:blackhole',
      'node-a2:delivered',
      'node-b1:delivered',
      'node-b2:delivered',
    ]);
  });

  it('--fail-on error exits 1 when a design blackholes, 0 when it does not', async () => {
    expect((await run('simulate', scenarioFile('two-racks-ebgp-no-filter'), '--fail-on', 'error')).code).toBe(1);
    expect((await run('simulate', scenarioFile('two-racks-ebgp'), '--fail-on', 'error')).code).toBe(0);
    const bad = await run('simulate', scenarioFile('two-racks-ebgp'), '--fail-on', 'fatal');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--fail-on takes error or warning');
  });
});

describe('check', () => {
  it('says the design is valid and the stated verdicts hold', async () => {
    const file = scenarioFile('two-racks-ebgp-no-filter', {
      base: { delivered: 5 },
      live: { delivered: 4, blackhole: 1 },
    });
    const r = await run('check', file);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      `${file}: valid liveroute/v1 design, migration vm-1 → node-b1 simulated`,
      'expected verdicts: the 2 phases stated in metadata.expected come out as stated',
      'diagnostics (3):',
    ]);
  });

  it('reports each phase that differs from metadata.expected, a warning for --fail-on', async () => {
    const file = scenarioFile('two-racks-ebgp-no-filter', {
      base: { delivered: 5 },
      live: { delivered: 5 },
      settled: { delivered: 5 },
    });
    const r = await run('check', file, '--fail-on', 'warning');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'expected verdicts: 1 of the 3 phases stated in metadata.expected come out differently (LR-EXPECTED-VERDICT)\n',
    );
    expect(r.out).toContain(
      '  warning LR-EXPECTED-VERDICT [live]  node-a1\n          The design expects live to give 5 delivered; the simulation gives 4 delivered, 1 blackhole.\n',
    );
  });

  it('without metadata.expected prints no verdict line', async () => {
    const r = await run('check', scenarioFile('two-racks-ebgp'));
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('expected verdicts');
    expect(r.out).toContain('LR-TRANSIENT-BLACKHOLE');
  });
});
