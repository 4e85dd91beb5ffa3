/**
 * Where the CLI writes (issue 15, finding 10): an --out that cannot be written is exit 2 and one
 * sentence naming --out, before any work, never an EEXIST/ENOTDIR stack trace from mkdirSync,
 * nor a hang (Node's recursive mkdirSync spins forever under /proc).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './test-run';

const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;
const CLUSTER = new URL('../../third_party/calico/confd/bgpfilter/kubevirt_live_migration/input.yaml', import.meta.url)
  .pathname;

/** A scratch folder holding a file `file.txt` and a folder `folder`. */
function sandbox(): { dir: string; file: string; folder: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lr-out-'));
  writeFileSync(join(dir, 'file.txt'), 'keep me\n');
  mkdirSync(join(dir, 'folder'));
  return { dir, file: join(dir, 'file.txt'), folder: join(dir, 'folder') };
}

/** Exit 2, the sentence on the first line, the usage on the second, no stack frame, nothing on standard output. */
async function refused(argv: string[], sentence: string): Promise<void> {
  const r = await run(...argv);
  expect(r.code, r.err).toBe(2);
  expect(r.err.split('\n')[0]).toBe(sentence);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.out).toBe('');
}

describe('export --out DIR', () => {
  it('refuses an existing file, /dev/null and a path under a file, naming --out, and writes nothing', async () => {
    const { file } = sandbox();
    await refused(
      ['export', SCENARIO, '--out', file],
      `liveroute export: --out ${file} is a file; --out names the folder to write into`,
    );
    await refused(
      ['export', SCENARIO, '--out', '/dev/null'],
      'liveroute export: --out /dev/null is a device; --out names the folder to write into',
    );
    await refused(
      ['export', SCENARIO, '--out', join(file, 'y')],
      `liveroute export: --out ${join(file, 'y')} cannot be made: ${file} is a file, not a folder`,
    );
    await refused(
      ['export', SCENARIO, '--out', '/dev/null/x', '--zip'],
      'liveroute export: --out /dev/null/x cannot be made: /dev/null is a device, not a folder',
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('checks --out before reading the design: a missing design and a bad --out name --out', async () => {
    const { file } = sandbox();
    await refused(
      ['export', '/nonexistent/design.yaml', '--out', file],
      `liveroute export: --out ${file} is a file; --out names the folder to write into`,
    );
  });

  it('a folder it cannot make under /proc is a sentence, not a hang', async () => {
    const r = await run('export', SCENARIO, '--out', '/proc/liveroute-nowhere/out');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^(liveroute export: )?--out \/proc\/liveroute-nowhere\/out: cannot (make the folder \/proc\/liveroute-nowhere|write in \/): E[A-Z]+/,
    );
  });

  it('a file where the export needs a folder (DIR/calico) is a sentence naming --out and the file', async () => {
    const { dir } = sandbox();
    writeFileSync(join(dir, 'calico'), 'not a folder\n');
    const r = await run('export', SCENARIO, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `--out ${dir}: cannot make the folder ${join(dir, 'calico')}: ${join(dir, 'calico')} is a file\n`,
    );
    const zipDir = join(dir, 'two-racks-ebgp.zip');
    mkdirSync(zipDir);
    const zip = await run('export', SCENARIO, '--out', dir, '--zip');
    expect(zip.code).toBe(2);
    expect(zip.err).toBe(`--out ${dir}: cannot write two-racks-ebgp.zip: EISDIR (it is a folder)\n`);
  });

  it('makes a missing folder, nested, and writes the export into it', async () => {
    const { dir } = sandbox();
    const r = await run('export', SCENARIO, '--out', join(dir, 'a', 'b'));
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, 'a', 'b')).sort()).toEqual([
      'README.md',
      'calico',
      'calico-manifests.yaml',
      'calico-node',
      'routers',
      'two-racks-ebgp.liveroute.yaml',
    ]);
  });
});

describe('render-calico --out DIR, import and generate --out FILE', () => {
  it('render-calico refuses an --out that is a file before reading the resources', async () => {
    const { file } = sandbox();
    await refused(
      ['render-calico', CLUSTER, '--node', 'kube-master', '--out', file],
      `liveroute render-calico: --out ${file} is a file; --out names the folder to write into`,
    );
    await refused(
      ['render-calico', CLUSTER, '--node', 'Kube Master'],
      "liveroute render-calico: --node must be a Kubernetes node name (lowercase letters, digits, '-' and '.'), not \"Kube Master\"",
    );
  });

  it('import and generate refuse a folder, a path under a file and a missing folder; /dev/null is a file one may write', async () => {
    const { file, folder } = sandbox();
    await refused(
      ['generate', '--out', folder],
      `liveroute generate: --out ${folder} is a folder; --out names the file to write`,
    );
    await refused(
      ['generate', '--out', join(file, 'x.yaml')],
      `liveroute generate: --out ${join(file, 'x.yaml')}: cannot write there: ${file} is not a folder`,
    );
    await refused(
      ['import', CLUSTER, '--out', join(folder, 'no', 'x.yaml')],
      `liveroute import: --out ${join(folder, 'no', 'x.yaml')}: cannot write there: the folder ${join(folder, 'no')} is not there`,
    );
    const devNull = await run('generate', '--racks', '1', '--nodes', '2', '--out', '/dev/null');
    expect(devNull.code, devNull.err).toBe(0);
    expect(existsSync(join(folder, 'no'))).toBe(false);
  });
});
