/**
 * The CLI's input side and its help: an endless input is refused at a bound, an input named by an
 * option is named with it, --migrate and --to are checked before the design is read, and every
 * command answers --help with its usage.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { InputError, MAX_INPUT_BYTES, readText } from './io';
import { runCli as run } from './test-run';

const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;

describe('reading inputs', () => {
  it('stops reading an endless input (/dev/zero) at the bound with a sentence, instead of filling the memory', () => {
    expect(() => readText('/dev/zero')).toThrow(
      new InputError('/dev/zero: cannot read: larger than 64 MiB, more than any design or cluster dump'),
    );
    expect(MAX_INPUT_BYTES).toBe(64 * 1024 * 1024);
  });

  it('names the file, and the option that gave it, in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-io-'));
    expect((await run('simulate', dir)).err).toBe(`${dir}: cannot read: EISDIR (it is a folder)\n`);
    expect((await run('check', join(dir, 'new\nline.yaml'))).err).toBe(
      `"${dir}/new\\nline.yaml": cannot read: ENOENT (no such file or folder)\n`,
    );
    writeFileSync(
      join(dir, 'c.yaml'),
      'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: { name: n1 }\nspec: { bgp: { ipv4Address: 10.0.0.1/24 } }\n',
    );
    const into = await run(
      'import',
      join(dir, 'c.yaml'),
      '--into',
      join(dir, 'missing.yaml'),
      '--out',
      join(dir, 'out.yaml'),
    );
    expect(into.code).toBe(2);
    expect(into.err).toBe(`--into ${join(dir, 'missing.yaml')}: cannot read: ENOENT (no such file or folder)\n`);
  });

  it('checks --migrate and --to before reading the design', async () => {
    const r = await run('simulate', '/nonexistent.yaml', '--migrate', 'VM 1');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      'liveroute simulate: --migrate must name a VM of the design (a lowercase DNS label), not "VM 1"',
    );
    const unknown = await run('simulate', SCENARIO, '--migrate', 'vm-1', '--to', 'node-z9');
    expect(unknown.err).toBe(`${SCENARIO}: unknown node "node-z9"\n`);
  });
});

describe('help', () => {
  it('every command answers --help and -h with its usage and exit 0, doing nothing else', async () => {
    for (const c of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const r = await run(c.name, '/nonexistent.yaml', flag, '--bogus');
        expect(r.code, `${c.name} ${flag}`).toBe(0);
        expect(r.out).toBe(`usage: liveroute ${c.usage}\n  ${c.summary}\n`);
      }
    }
    // After --, a file may be called --help.
    expect((await run('check', '--', '--help')).err).toBe('--help: cannot read: ENOENT (no such file or folder)\n');
  });

  it('an unknown command is quoted on one line', async () => {
    const r = await run('ex\nport');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('liveroute: unknown command "ex\\nport"');
  });
});
