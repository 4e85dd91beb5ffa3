import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../model';
import { runCli as run } from './test-run';

const DUMP = new URL('../calico/fixtures/cluster-dump.calicoctl.yaml', import.meta.url).pathname;
const KUBECTL_DUMP = new URL('../calico/fixtures/cluster-dump.kubectl.yaml', import.meta.url).pathname;
const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;

describe('liveroute import', () => {
  it('imports a calicoctl dump into a new design named after --out, with the report on standard error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-import-'));
    const target = join(dir, 'prod-cluster.liveroute.yaml');
    const r = await run('import', DUMP, '--out', target);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${target}\n`);
    expect(r.err).toContain(
      'BGPConfiguration default: cluster AS, mesh and normal priority; 3 other spec fields kept as they are (listenPort, logSeverityScreen, serviceClusterIPs)\n',
    );
    expect(r.err).toContain(
      'router tor-1 (tor, AS 65011, 172.16.1.1) created for BGPPeer rack-1-tor: set its platform and policy\n',
    );
    const parsed = parseDesign(readFileSync(target, 'utf8'));
    expect(parsed.ok && parsed.value.doc.metadata.name).toBe('prod-cluster');
    expect(parsed.ok && parsed.value.doc.spec.cluster?.ipPools?.[0]?.natOutgoing).toBe(true);
  });

  it('merges into --into (same-named objects replaced, the rest kept), and writes JSON for a .json name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-import-into-'));
    const target = join(dir, 'merged.json');
    const r = await run('import', KUBECTL_DUMP, '--into', SCENARIO, '--out', target);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(readFileSync(target, 'utf8')) as {
      metadata: { name: string };
      spec: {
        cluster: { ipPools: { name: string }[] };
        nodes: { name: string; rack: string }[];
        routers: { name: string }[];
      };
    };
    expect(doc.metadata.name).toBe('two-racks-ebgp');
    expect(doc.spec.cluster.ipPools.map((p) => p.name)).toEqual(['default-ipv4-ippool', 'vm-pool']);
    expect(doc.spec.nodes.map((n) => `${n.name}@${n.rack}`)).toEqual([
      'node-a1@rack-a',
      'node-a2@rack-a',
      'node-b1@rack-b',
      'node-b2@rack-b',
      'worker-3@rack-1',
    ]);
    expect(doc.spec.routers.map((x) => x.name)).toEqual(['tor-a', 'tor-b', 'spine-1', 'border-1', 'peer-172-16-0-100']);
  });

  it('refuses a merge that makes the design invalid, and two files defining one object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-import-conflict-'));
    const twice = await run('import', DUMP, KUBECTL_DUMP, '--out', join(dir, 'x.yaml'));
    expect(twice.code).toBe(2);
    expect(twice.err).toBe(
      `Calico resources not imported (nothing was written):\n  ${KUBECTL_DUMP}: BGPConfiguration default is also defined in ${DUMP}\n`,
    );
    const pool = join(dir, 'pool.yaml');
    writeFileSync(
      pool,
      'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: { name: default-ipv4-ippool }\nspec: { cidr: 10.250.0.0/16 }\n',
    );
    const invalid = await run('import', pool, '--into', SCENARIO, '--out', join(dir, 'y.yaml'));
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain(
      `  ${SCENARIO} after the import: spec.vms[0].ip: 10.244.1.5 is outside every IP pool (10.250.0.0/16)\n`,
    );
  });

  it('refuses what it cannot read with exit 2, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-import-bad-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      '- apiVersion: projectcalico.org/v3\n  kind: BGPPeerList\n  items:\n  - metadata: { name: p }\n    spec: { peerIP: 10.0.0.300 }\n',
    );
    const target = join(dir, 'out.liveroute.yaml');
    const r = await run('import', bad, '--out', target);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `Calico resources not imported (nothing was written):\n  ${bad}: document 1, [0].items[0].spec.peerIP (line 5): 10.0.0.300 is not a peer address (IP, IPv4:port or [IPv6]:port)\n`,
    );
    expect(() => readFileSync(target)).toThrow();
    expect((await run('import', DUMP)).err).toContain('--out FILE is required');
    expect((await run('import', '--out', target)).err).toContain('expects one or more files of Calico resources');
    mkdirSync(join(dir, 'folder'));
    const onDir = await run('import', DUMP, '--out', join(dir, 'folder'));
    expect(onDir.code).toBe(2);
    expect(onDir.err.split('\n')[0]).toBe(
      `liveroute import: --out ${join(dir, 'folder')} is a folder; --out names the file to write`,
    );
    const underFile = await run('import', DUMP, '--out', join(bad, 'x.yaml'));
    expect(underFile.err.split('\n')[0]).toBe(
      `liveroute import: --out ${join(bad, 'x.yaml')}: cannot write there: ${bad} is not a folder`,
    );
  });

  it('refuses a file read twice: every object in it is defined twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-import-twice-'));
    const r = await run('import', DUMP, DUMP, '--out', join(dir, 'x.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`  ${DUMP}: BGPPeer rack-1-tor is also defined in ${DUMP}\n`);
  });
});
