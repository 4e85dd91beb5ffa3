/**
 * calico/settings.sh run for real by /bin/sh against stand-in calicoctl and kubectl that record
 * their arguments: what the script asks of them is exactly the design's values, whatever quotes,
 * `$(…)` or backquotes those values hold.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesign, formatIssue, type Topology } from '../model';
import { calicoResourcesFromDesign } from './fromDesign';
import { settingsScript, shellQuote } from './settingsScript';

const HOSTILE_SELECTOR = `team == "it's $(touch pwned) \`touch pwned2\`"`;

function design(): Topology {
  const text = readFileSync(new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8').replace(
    'ipPools:',
    `ipPools:\n      - { name: vm-pool, cidr: 10.250.0.0/16, natOutgoing: true, nodeSelector: ${JSON.stringify(HOSTILE_SELECTOR)} }`,
  );
  const r = parseDesign(text);
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
}

/** Runs the script with stand-ins on PATH; `existing` names the objects `calicoctl get` finds. */
function run(script: string, existing: readonly string[]): { calls: string[][]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lr-settings-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'calico'));
  const log = join(dir, 'calls.log');
  // Each call: its arguments NUL-separated, then a newline-free record separator.
  const stub = (name: string) =>
    `#!/bin/sh\n{ printf '%s\\0' ${name} "$@"; printf '\\036'; } >> ${shellQuote(log)}\n` +
    (name === 'calicoctl'
      ? `if [ "$1" = get ]; then case " ${existing.join(' ')} " in *" $2/$3 "*) exit 0;; *) exit 1;; esac; fi\n`
      : '') +
    'exit 0\n';
  for (const name of ['calicoctl', 'kubectl']) {
    writeFileSync(join(bin, name), stub(name));
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(join(dir, 'calico', 'settings.sh'), script);
  execFileSync('/bin/sh', [join(dir, 'calico', 'settings.sh')], {
    env: { PATH: `${bin}:/usr/bin:/bin` },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const calls = readFileSync(log, 'utf8')
    .split('\u001e')
    .filter((c) => c !== '')
    .map((c) => c.split('\u0000').slice(0, -1));
  return { calls, dir };
}

describe('calico/settings.sh', () => {
  it('quotes for the shell: nothing inside single quotes is interpreted', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$(x) `y` "z"')).toBe(`'$(x) \`y\` "z"'`);
  });

  it('patches existing objects with exactly the design’s values, hostile ones included', () => {
    const doc = design();
    const script = settingsScript(doc, calicoResourcesFromDesign(doc));
    const { calls, dir } = run(script, [
      'bgpconfiguration/default',
      'felixconfiguration/default',
      'ippool/vm-pool',
      'node/node-a1',
      'node/node-b1',
    ]);
    const patches = calls.filter((c) => c[1] === 'patch').map((c) => [c[2], c[3], JSON.parse(c[5] as string)]);
    expect(patches).toEqual([
      [
        'bgpconfiguration',
        'default',
        { spec: { asNumber: 64512, nodeToNodeMeshEnabled: false, ipv4NormalRoutePriority: 1024 } },
      ],
      [
        'felixconfiguration',
        'default',
        {
          spec: {
            ipv4NormalRoutePriority: 1024,
            ipv4ElevatedRoutePriority: 512,
            liveMigrationRouteConvergenceTime: '30s',
          },
        },
      ],
      ['ippool', 'vm-pool', { spec: { natOutgoing: true, nodeSelector: HOSTILE_SELECTOR } }],
      ['node', 'node-a1', { spec: { bgp: { asNumber: 65101 } } }],
      ['node', 'node-b1', { spec: { bgp: { asNumber: 65201 } } }],
    ]);
    expect(calls.filter((c) => c[0] === 'kubectl')).toEqual([
      ['kubectl', 'label', 'node', 'node-a1', 'rack=rack-a', '--overwrite'],
      ['kubectl', 'label', 'node', 'node-b1', 'rack=rack-b', '--overwrite'],
    ]);
    // Nothing the values held ran as a command.
    expect(() => readFileSync(join(dir, 'pwned'))).toThrow();
    expect(() => readFileSync(join(dir, 'pwned2'))).toThrow();
  });

  it('creates what the cluster lacks from the reference files, and never creates a Node', () => {
    const doc = design();
    const { calls } = run(settingsScript(doc, calicoResourcesFromDesign(doc)), []);
    expect(calls.filter((c) => c[1] === 'create').map((c) => c.slice(2))).toEqual([
      ['-f', 'reference/bgpconfiguration.yaml'],
      ['-f', 'reference/felixconfiguration.yaml'],
      ['-f', 'reference/ippools.yaml', '--skip-exists'],
      ['-f', 'reference/ippools.yaml', '--skip-exists'],
    ]);
    expect(calls.filter((c) => c[1] === 'patch' || c[0] === 'kubectl')).toEqual([]);
  });
});
