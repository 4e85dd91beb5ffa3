import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { runCli as run } from './test-run';

const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;

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
    expect(strFromU8(entries['two-racks-ebgp/calico/bgppeers.yaml'] as Uint8Array)).toContain(
      "nodeSelector: rack == 'rack-a'",
    );
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
    expect((await run('export', join(dir, 'missing.yaml'), '--out', dir)).err).toContain(
      'missing.yaml: cannot read: ENOENT',
    );
  });
});

describe('liveroute render-calico', () => {
  const CASE = new URL('../../third_party/calico/confd/bgpfilter/kubevirt_live_migration/', import.meta.url).pathname;
  // The golden case's harness adds these block affinities for kube-master (conformance README).
  const AFFINITIES = [
    ['10.0.0.0/30', ''],
    ['10.1.0.0/24', ''],
    ['10.2.0.1/32', ''],
    ['192.168.221.192/26', ''],
    ['192.168.221.64/26', 'confirmed'],
    ['192.168.221.0/26', 'pending'],
  ]
    .map(
      ([cidr, state]) =>
        `apiVersion: projectcalico.org/v3\nkind: BlockAffinity\nmetadata: { name: kube-master-${cidr?.replace(/[./]/g, '-')} }\nspec: { node: kube-master, cidr: "${cidr}", state: "${state}", deleted: false }\n`,
    )
    .join('---\n');
  const strip = (s: string) =>
    `${s
      .split('\n')
      .filter((l) => l.trim() !== '')
      .join('\n')}\n`;

  it("writes exactly Calico's golden bird.cfg, bird_aggr.cfg, bird_ipam.cfg from resources with BlockAffinity objects", async () => {
    const input = readFileSync(join(CASE, 'input.yaml'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'lr-render-'));
    writeFileSync(join(dir, 'cluster.yaml'), `${input.trimEnd()}\n---\n${AFFINITIES}`);
    const r = await run('render-calico', join(dir, 'cluster.yaml'), '--node', 'kube-master', '--out', join(dir, 'out'));
    expect(r.code).toBe(0);
    for (const f of ['bird.cfg', 'bird_aggr.cfg', 'bird_ipam.cfg']) {
      expect(strip(readFileSync(join(dir, 'out', f), 'utf8')), f).toBe(strip(readFileSync(join(CASE, f), 'utf8')));
    }
    const printed = await run('render-calico', join(dir, 'cluster.yaml'), '--node', 'kube-master');
    expect(printed.out).not.toContain('include "bird_aggr.cfg"');
    expect(printed.out).toContain('# ---- bird_aggr.cfg ----');
    expect(printed.out).toContain('function calico_aggr ()');
  });

  it('refuses an unknown node and broken resources with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-render-bad-'));
    writeFileSync(
      join(dir, 'c.yaml'),
      'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: { name: n1 }\nspec: { bgp: { ipv4Address: 10.0.0.1/24 } }\n',
    );
    const unknown = await run('render-calico', join(dir, 'c.yaml'), '--node', 'n2');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('there is no Node named n2');
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: p }\nspec: { peerIP: 10.0.0.300 }\n',
    );
    const bad = await run('render-calico', join(dir, 'bad.yaml'), '--node', 'n1');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('document 1, spec.peerIP (line 4): 10.0.0.300 is not a peer address');
  });
});
