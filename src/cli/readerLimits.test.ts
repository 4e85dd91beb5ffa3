/**
 * Hostile files through the CLI (issue 15, findings 3, 5, 7 and 12): each is refused at once with
 * exit 2 and a sentence naming the file, the line and the limit or the problem; nothing but the
 * reader's own messages is printed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli as run } from './test-run';

const dir = mkdtempSync(join(tmpdir(), 'lr-hostile-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEAD = 'apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: m }\n';
const laughs = (head: string) => {
  const levels = [head, 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++)
    levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return `${levels.join('\n')}\n`;
};

describe('hostile input through the CLI', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    vi.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => void warnings.push(String(w)));
  });
  afterEach(() => {
    expect(warnings).toEqual([]);
    vi.restoreAllMocks();
  });

  it('check: 3,000 copies of one rack answer "duplicate rack r" with counts, exit 2', async () => {
    const path = file(
      'racks.yaml',
      `${HEAD}spec:\n  racks:\n${'    - { name: r, subnet: 10.0.0.0/24 }\n'.repeat(3000)}`,
    );
    const r = await run('check', path);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `${path}: not a valid liveroute/v1 design`,
      '  spec.racks[1].name (line 7): "r" is already the name of a rack (spec.racks[0])',
    ]);
    expect(lines.slice(-2)).toEqual([
      '  spec.racks (line 5): … and 2,979 more duplicate rack names',
      '  spec.racks (line 5): … and 2,979 more overlapping rack subnets',
    ]);
  });

  it.each(['check', 'simulate', 'export'])(
    '%s: a billion laughs is refused with the limit, exit 2',
    async (command) => {
      const path = file(`laughs-${command}.yaml`, laughs(`${HEAD}spec: {}`));
      const r = await run(command, path, ...(command === 'export' ? ['--out', dir] : []));
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `${path}: not a valid liveroute/v1 design\n  l6[0] (line 11): more than 2,000,000 elements (values, lists, mappings, aliases expanded): the most a design file may have\n`,
      );
    },
  );

  it('check: a key that is a list is refused without a warning from the YAML package', async () => {
    const r = await run('check', file('key.yaml', `${HEAD}spec: {}\n? [a]\n: 1\n`));
    expect(r.code).toBe(2);
    expect(r.err).toContain('  (document) (line 5): a key is a list: keys are plain text\n');
  });

  it('check: an annotation key Kubernetes refuses is refused', async () => {
    const peer = `${HEAD}spec:\n  calicoResources:\n    - apiVersion: projectcalico.org/v3\n      kind: BGPPeer\n      metadata: { name: p, annotations: { "x # not a key\\n}": v } }\n      spec: { peerIP: 10.0.0.1, asNumber: 65000 }\n`;
    const r = await run('check', file('annotation.yaml', peer));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'spec.calicoResources[0].metadata.annotations["x # not a key\\n}"] (line 8): "x # not a key\\n}" is not a valid annotation key',
    );
  });

  it('render-calico: a billion laughs and deep nesting in a Calico file are refused with the limit, exit 2', async () => {
    const bomb = file(
      'calico-laughs.yaml',
      laughs(
        'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: p }\nspec: { peerIP: 10.0.0.1, asNumber: 65000 }',
      ),
    );
    const r = await run('render-calico', bomb, '--node', 'n');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${bomb}: document 1, l6[2] (line 11): more than 4,000,000 elements (values, lists, mappings, aliases expanded): the most a Calico resource file may have`,
    );
    const deep = file('calico-deep.yaml', `x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const d = await run('render-calico', deep, '--node', 'n');
    expect(d.code).toBe(2);
    expect(d.err).toContain(
      `${deep}: document 1, (document) (line 1): lists and mappings nested more than 64 deep (aliases expanded): the most a Calico resource file may have`,
    );
  });

  it('import: a Calico file with a key that is a mapping is refused, nothing written', async () => {
    const calico = file(
      'calico-key.yaml',
      'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: p }\nspec:\n  ? { a: 1 }\n  : 1\n',
    );
    const r = await run('import', calico, '--out', join(dir, 'imported.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${calico}: document 1, spec (line 5): a key is a mapping: keys are plain text`);
  });
});
