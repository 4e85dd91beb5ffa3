import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { main } from './main';

const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('liveroute CLI', () => {
  it('prints usage and refuses an unknown command with exit 2', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('export <file> --out DIR [--zip]');
    const bad = await run('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('liveroute: unknown command "frobnicate"');
  });

  it('export writes every file and a README; --zip writes one archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-export-'));
    const r = await run('export', SCENARIO, '--out', dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'calico')).sort()).toContain('bgpfilters.yaml');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('| `calico/bgppeers.yaml` |');
    const z = await run('export', SCENARIO, '--out', dir, '--zip');
    expect(z.code).toBe(0);
    const entries = unzipSync(readFileSync(join(dir, 'two-racks-ebgp.zip')));
    expect(Object.keys(entries)).toContain('two-racks-ebgp/README.md');
    expect(strFromU8(entries['two-racks-ebgp/calico/bgppeers.yaml'] as Uint8Array)).toContain("nodeSelector: rack == 'rack-a'");
  });

  it('refuses a broken design with exit 2, naming the file, path and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-bad-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, readFileSync(SCENARIO, 'utf8').replace('address: 10.0.1.12', 'address: 10.0.1.312'));
    const r = await run('export', file, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: not a valid liveroute/v1 design`);
    expect(r.err).toMatch(/spec\.nodes\[1\]\.address \(line \d+\): 10\.0\.1\.312 is not an IPv4 address/);
    expect((await run('export', SCENARIO)).err).toContain('--out DIR is required');
    expect((await run('export', join(dir, 'missing.yaml'), '--out', dir)).err).toContain('missing.yaml: cannot read: ENOENT');
  });
});
