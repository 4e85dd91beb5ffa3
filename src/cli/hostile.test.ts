/**
 * Hostile arguments to every command (issue 15): unknown options, missing and repeated values,
 * `--`, empty strings, huge, negative and not-a-number numbers, paths with NUL and newlines,
 * paths that are not there, are files, devices or under a file, folders that cannot be made.
 * Whatever the argv, the CLI answers (never an uncaught exception, a stack trace or a hang) with
 * exit 0, 1 (findings at --fail-on) or 2, and an exit 2 names the argument it refuses. Run in
 * process (test-run.ts), seeded and bounded; fast-check prints the seed and path of a failure.
 *
 * Output options only ever name paths in a scratch folder, /dev/null or paths under /proc and
 * /dev/null that cannot be made: a hostile run must not write into the repository.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, shown } from './args';
import { runCli } from './test-run';

const SCENARIO = new URL('../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url).pathname;
const CLUSTER = new URL('../../third_party/calico/confd/bgpfilter/kubevirt_live_migration/input.yaml', import.meta.url)
  .pathname;
const SEED = 20261207;

const scratch = mkdtempSync(join(tmpdir(), 'lr-hostile-'));
const FILE = join(scratch, 'file.txt');
writeFileSync(FILE, 'not: [a, design\n');
const FOLDER = join(scratch, 'folder');
mkdirSync(FOLDER);

/** Files to read: valid, broken, missing, a folder, a device, names with a newline, a NUL, a leading dash. */
const INPUTS = [
  SCENARIO,
  CLUSTER,
  FILE,
  FOLDER,
  '/dev/null',
  join(scratch, 'missing.yaml'),
  join(scratch, 'new\nline.yaml'),
  join(scratch, 'nul\0.yaml'),
  join(FILE, 'under.yaml'),
  '-leading-dash.yaml',
];
/** Folders or files to write: only in the scratch folder, or where nothing can be written. */
const OUTPUTS = [
  join(scratch, 'out'),
  join(scratch, 'out', 'deeper'),
  join(scratch, 'out.yaml'),
  join(scratch, 'line\nbreak'),
  join(scratch, 'nul\0out'),
  FILE,
  FOLDER,
  join(FILE, 'under'),
  '/dev/null',
  '/dev/null/x',
  '/proc/liveroute-nowhere/x',
];
/** Values no sane option takes, and some that every one of them does. */
const HOSTILE_VALUES = [
  '',
  ' ',
  '-',
  '--',
  '-1',
  '0',
  '1',
  '2',
  '3',
  '62',
  '63',
  '1e309',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  ' 1',
  'a\nb',
  'a\0b',
  '\u202e',
  'é',
  'x'.repeat(300),
];

interface CommandSpec {
  /** Values each option may be given (an output option only from OUTPUTS). */
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly booleans: readonly string[];
  readonly positionals: readonly string[];
  /** A valid start, so that the hostile tokens after it reach past the first check. */
  readonly base: readonly string[];
}

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  simulate: {
    values: {
      migrate: ['vm-1', 'vm-9', 'VM 1', ...HOSTILE_VALUES],
      to: ['node-b1', 'node-a1', 'nowhere', ...HOSTILE_VALUES],
      'fail-on': ['error', 'warning', 'info', ...HOSTILE_VALUES],
    },
    booleans: ['json'],
    positionals: INPUTS,
    base: [SCENARIO],
  },
  check: {
    values: { 'fail-on': ['error', 'warning', 'fatal', ...HOSTILE_VALUES] },
    booleans: [],
    positionals: INPUTS,
    base: [SCENARIO],
  },
  export: {
    values: { out: OUTPUTS },
    booleans: ['zip', 'containerlab'],
    positionals: INPUTS,
    base: [SCENARIO, '--out', join(scratch, 'export')],
  },
  'render-calico': {
    values: { node: ['kube-master', 'nobody', 'Kube.Master', ...HOSTILE_VALUES], out: OUTPUTS },
    booleans: [],
    positionals: [CLUSTER, ...INPUTS],
    base: [CLUSTER, '--node', 'kube-master'],
  },
  import: {
    values: { into: [SCENARIO, ...INPUTS], out: OUTPUTS },
    booleans: [],
    positionals: [CLUSTER, ...INPUTS],
    base: [CLUSTER, '--out', join(scratch, 'imported.yaml')],
  },
  generate: {
    // Small fabrics only: the property is about the arguments, not the generator's size.
    values: Object.fromEntries([
      ...['racks', 'nodes', 'tors', 'spines', 'vms', 'vms-per-node'].map((o) => [o, HOSTILE_VALUES]),
      ...['platform', 'node-as', 'tor-as', 'name'].map((o) => [
        o,
        ['frr', 'per-node', 'spines', 'lab-a', 'Bad Name', ...HOSTILE_VALUES],
      ]),
      ['out', OUTPUTS],
    ]),
    booleans: ['filter', 'no-filter', 'json'],
    positionals: INPUTS,
    base: ['--racks', '2', '--nodes', '2'],
  },
};

/** Tokens for one command: an option with a value (after it, after '=', or missing), a boolean, a positional, or junk. */
function argvFor(spec: CommandSpec): fc.Arbitrary<string[]> {
  const names = Object.keys(spec.values);
  const option = fc.constantFrom(...names).chain((name) => {
    const values = spec.values[name] as readonly string[];
    const output = values === OUTPUTS;
    return fc.oneof(
      fc.constantFrom(...values).map((v) => [`--${name}`, v]),
      // `--out=VALUE` takes VALUE as it is (even '--x'): only absolute paths, so nothing lands in the repository.
      fc.constantFrom(...values.filter((v) => !output || v.startsWith('/'))).map((v) => [`--${name}=${v}`]),
      fc.constant([`--${name}`]),
    );
  });
  const junk = fc.oneof(
    fc.constantFrom(
      ['--'],
      ['--bogus'],
      ['--bogus=1'],
      ['-x'],
      ['-'],
      [''],
      ['--help'],
      ['---'],
      ['--='],
      [`--${spec.booleans[0] ?? 'json'}=1`],
    ),
    // Random words never start with '-': an option written at random could name a path in the repository.
    fc
      .string({ maxLength: 8 })
      .filter((s) => !s.startsWith('-'))
      .map((s) => [s]),
  );
  const token = fc.oneof(
    { weight: 4, arbitrary: option },
    {
      weight: 2,
      arbitrary: spec.booleans.length > 0 ? fc.constantFrom(...spec.booleans.map((b) => [`--${b}`])) : junk,
    },
    { weight: 2, arbitrary: fc.constantFrom(...spec.positionals).map((p) => [p]) },
    { weight: 2, arbitrary: junk },
  );
  const tokens = fc.array(token, { maxLength: 5 }).map((t) => t.flat());
  // Half the runs start valid, so that the hostile tokens meet the later checks too.
  return fc.oneof(
    tokens,
    tokens.map((t) => [...spec.base, ...t]),
  );
}

/** Whether the command would read standard input ('-' as a file): it would wait for the test runner's terminal (bin.test.ts spawns the CLI for that). */
function readsStandardInput(spec: CommandSpec, argv: readonly string[]): boolean {
  try {
    const args = parseArgs(argv, { values: Object.keys(spec.values), booleans: spec.booleans });
    return args.positionals.includes('-') || args.flags.get('into') === '-';
  } catch {
    return false; // refused before anything is read
  }
}

/** Whether `text` has `word` as a word of its own (the argument `#` in `#: cannot read`, not the '#' inside another word). */
function mentions(text: string, word: string): boolean {
  return new RegExp(`(^|[\\s(])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s:;,)])`, 'm').test(text);
}

describe('hostile arguments to every command (property)', () => {
  for (const [command, spec] of Object.entries(COMMANDS)) {
    const options = [...Object.keys(spec.values), ...spec.booleans].map((o) => `--${o}`);
    it(`${command}: exit 0, 1 or 2, never a stack trace; an exit 2 names the argument`, async () => {
      await fc.assert(
        fc.asyncProperty(
          argvFor(spec).filter((argv) => !readsStandardInput(spec, argv)),
          async (argv) => {
            const r = await runCli(command, ...argv);
            expect([0, 1, 2]).toContain(r.code);
            expect(r.err).not.toMatch(/\n\s+at |internal error|Error: /);
            if (r.code !== 2) return;
            const said = r.err.split('\n').slice(0, 2).join('\n');
            // The arguments as given, and the values of --option=value.
            const given = argv.flatMap((a) =>
              a.startsWith('--') && a.includes('=') ? [a, a.slice(a.indexOf('=') + 1)] : [a],
            );
            const named =
              given.some((a) => mentions(said, shown(a))) ||
              options.some((o) => said.includes(o)) ||
              /unknown option|an empty argument|expects (exactly )?one|takes no file arguments|standard input \(-\)|give --\w+/.test(
                said,
              );
            expect(named, `${JSON.stringify(argv)} -> ${said}`).toBe(true);
          },
        ),
        { seed: SEED, numRuns: 40 },
      );
    });
  }
});
