import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FABRIC_DEFAULTS, generateFabric } from '../model/edit/generate';
import { parseDesign, serializeDesign, validateDesign } from '../model';
import { runCli as run } from './test-run';
import { formatDiagnostics, SUBJECTS_SHOWN } from './table';

describe('liveroute generate', () => {
  it("writes the app's default fabric without options, byte for byte the generator's", async () => {
    const r = await run('generate');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(serializeDesign(generateFabric(FABRIC_DEFAULTS), 'yaml'));
    const parsed = parseDesign(r.out);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.doc.metadata.name).toBe('fabric-4x4');
    expect(parsed.value.doc.spec.nodes).toHaveLength(16);
    expect(parsed.value.doc.spec.migration).toEqual({ vm: 'vm-1', to: 'node-02-1' });
  });

  it('makes the benchmark fabric: 32 racks × 32 nodes, two ToRs, one VM per node, no filter, to a .json file', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'lr-generate-')), 'fabric.json');
    const r = await run(
      'generate',
      '--racks',
      '32',
      '--nodes',
      '32',
      '--tors',
      '2',
      '--spines',
      '4',
      '--vms-per-node',
      '1',
      '--no-filter',
      '--out',
      target,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    const doc = JSON.parse(readFileSync(target, 'utf8')) as ReturnType<typeof generateFabric>;
    expect(doc.spec.nodes).toHaveLength(1024);
    expect(doc.spec.vms).toHaveLength(1024);
    expect(doc.spec.routers.filter((x) => x.role === 'tor')).toHaveLength(64);
    expect(doc.spec.routers.filter((x) => x.role === 'spine')).toHaveLength(4);
    expect(doc.spec.calicoResources.filter((x) => x.kind === 'BGPFilter')).toHaveLength(0);
    expect(validateDesign(doc).ok).toBe(true);
  });

  it('passes the rack choices through: platform, the cluster AS, ToRs in the spines’ AS', async () => {
    const r = await run(
      'generate',
      '--racks',
      '2',
      '--nodes',
      '1',
      '--platform',
      'frr',
      '--node-as',
      'cluster',
      '--tor-as',
      'spines',
      '--name',
      'lab-a',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as ReturnType<typeof generateFabric>;
    expect(doc.metadata.name).toBe('lab-a');
    expect(new Set(doc.spec.routers.map((x) => x.platform))).toEqual(new Set(['frr']));
    expect(doc.spec.nodes.every((n) => n.asNumber === undefined)).toBe(true);
    expect(doc.spec.routers.find((x) => x.name === 'spine-1')?.routeReflector).toEqual({ clusterId: '10.0.0.100' });
  });

  it.each([
    [['--racks', '0'], '--racks must be a whole number from 1 to 200, not "0"'],
    [['--nodes', '2.5'], '--nodes must be a whole number from 1 to 200, not "2.5"'],
    [['--tors', '3'], '--tors must be a whole number from 1 to 2, not "3"'],
    [['--vms', '5', '--vms-per-node', '1'], 'give --vms or --vms-per-node, not both'],
    [
      ['--racks', '200', '--nodes', '200', '--vms-per-node', '1'],
      '--vms-per-node 1 makes 40000 VMs on 40000 nodes; at most 20000',
    ],
    [['--platform', 'ios'], '--platform must be one of bird1, bird2, frr, eos, nxos, junos, not "ios"'],
    [['--name', 'Bad Name'], '--name must be a lowercase DNS label (letters, digits, \'-\'), not "Bad Name"'],
    [['fabric.yaml'], 'takes no file arguments (got "fabric.yaml"); write to a file with --out'],
    [['--racks'], '--racks needs a value'],
    [['--racks', '1', '--nodes', '1', '--vms', '100'], '--vms 100: 100 VMs do not fit on 1 node (62 each); at most 62'],
    [['--racks', '99999999999999999999'], '--racks must be a whole number from 1 to 200, not "99999999999999999999"'],
    [['--racks', '2', '--racks', '3'], '--racks is given twice (2 and 3)'],
    [['--out', '-'], '--out - would be a file named "-": name a file'],
  ])('refuses %j with exit 2 and a sentence', async (argv, message) => {
    const r = await run('generate', ...argv);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`liveroute generate: ${message}`);
    expect(r.out).toBe('');
  });

  it('refuses an --out in a folder that is not there before generating anything', async () => {
    const r = await run('generate', '--out', '/nonexistent-dir/x.yaml');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      'liveroute generate: --out /nonexistent-dir/x.yaml: cannot write there: the folder /nonexistent-dir is not there',
    );
  });

  it('any accepted options give a valid design or a usage error, never a crash (hostile arguments)', async () => {
    const value = fc.oneof(
      fc.constantFrom('0', '1', '2', '3', '62', '63', '200', '201', '-1', '1e3', '0x10', ' 1', ''),
      fc.string({ maxLength: 6 }),
    );
    const flag = fc.constantFrom(
      '--racks',
      '--nodes',
      '--tors',
      '--spines',
      '--vms',
      '--vms-per-node',
      '--platform',
      '--node-as',
      '--tor-as',
      '--name',
      '--filter',
      '--no-filter',
      '--bogus',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(flag, value), { maxLength: 4 }), async (pairs) => {
        // Small fabrics only: the property is about the arguments, not the generator's size.
        const argv = [
          '--racks',
          '2',
          '--nodes',
          '2',
          ...pairs.flatMap(([f, v]) => (f === '--filter' || f === '--no-filter' ? [f] : [f, v])),
        ];
        const r = await run(
          'generate',
          ...argv.map((a, i) => ((argv[i - 1] === '--racks' || argv[i - 1] === '--nodes') && Number(a) > 8 ? '8' : a)),
        );
        if (r.code === 0) {
          const parsed = parseDesign(r.out);
          expect(parsed.ok).toBe(true);
        } else {
          expect(r.code).toBe(2);
          expect(r.err).toMatch(/^liveroute generate: .+\nusage: generate /);
        }
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});

describe('diagnostics at fabric scale', () => {
  it('name the first few subjects and count the rest', () => {
    const subjects = Array.from({ length: 1024 }, (_, i) => `node-${i + 1}`);
    const [, line] = formatDiagnostics([
      { code: 'LR-TRANSIENT-BLACKHOLE', severity: 'info', phase: 'live', subjects, message: 'm', fix: 'f' },
    ]);
    expect(line).toBe(
      `  info    LR-TRANSIENT-BLACKHOLE [live]  ${subjects.slice(0, SUBJECTS_SHOWN).join(', ')} and ${1024 - SUBJECTS_SHOWN} more`,
    );
  });
});
