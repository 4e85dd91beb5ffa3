/**
 * The built command line (package.json `bin`, vite.cli.config.ts): one JavaScript file that
 * Node runs as it is, answering exactly as the TypeScript source does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as source } from './test-run';

const ROOT = new URL('../../', import.meta.url).pathname;
const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;

describe('the built CLI (npx liveroute)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'lr-cli-build-'));
  const bin = join(outDir, 'liveroute.mjs');
  const builtIn = (env: Record<string, string>, ...argv: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const built = (...argv: string[]) => builtIn({}, ...argv);

  beforeAll(() => {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '-c',
        'vite.cli.config.ts',
        '--outDir',
        outDir,
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  });

  it('is the file package.json names, a Node script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ liveroute: 'dist-cli/liveroute.mjs' });
    expect(pkg.scripts.prepare).toBe('npm run build:cli');
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).size).toBeGreaterThan(10_000);
  });

  it('answers as the source does: generate, simulate, a usage error', async () => {
    for (const argv of [
      ['generate', '--racks', '3', '--nodes', '2', '--tors', '2'],
      ['simulate', SCENARIO],
      ['simulate', SCENARIO, '--json'],
      ['generate', '--racks', '0'],
      ['bogus'],
    ]) {
      const expected = await source(...argv);
      expect(built(...argv), argv.join(' ')).toEqual(expected);
    }
  });

  it('export --zip gives the same bytes in every time zone (the entries carry one fixed date)', () => {
    const zips = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((tz) => {
      const dir = mkdtempSync(join(tmpdir(), 'lr-cli-zip-'));
      expect(builtIn({ TZ: tz }, 'export', SCENARIO, '--out', dir, '--zip').code, tz).toBe(0);
      return readFileSync(join(dir, 'two-racks-ebgp.zip'));
    });
    expect(zips[1]?.equals(zips[0] as Buffer)).toBe(true);
    expect(zips[2]?.equals(zips[0] as Buffer)).toBe(true);
    // The first entry's local header: MS-DOS time 00:00:00, date 2026-01-01 (year 46 after 1980, month 1, day 1).
    expect([zips[0]?.readUInt16LE(10), zips[0]?.readUInt16LE(12)]).toEqual([0, (46 << 9) | (1 << 5) | 1]);
  });

  it('reads a design from standard input (-), and stops quietly when its reader stops early (| head -1)', () => {
    const piped = spawnSync(process.execPath, [bin, 'check', '-'], { input: readFileSync(SCENARIO), encoding: 'utf8' });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout.split('\n')[0]).toBe('-: valid liveroute/v1 design, migration vm-1 → node-b1 simulated');
    // About a megabyte of YAML into a pipe that head closes after one line: EPIPE, not a stack trace.
    const head = spawnSync('sh', ['-c', `"$0" "$1" generate --racks 50 --nodes 40 | head -1`, process.execPath, bin], {
      encoding: 'utf8',
    });
    expect(head.stdout).toBe('apiVersion: liveroute/v1\n');
    expect(head.stderr).toBe('');
  });
});
