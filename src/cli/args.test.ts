/**
 * The argument parser every command (and verify:bird) reads its arguments with: what it refuses,
 * in which words, and how a message shows a hostile argument on one line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, shown, UsageError } from './args';
import { MAX_JOBS, parseVerifyArgs } from './verifyArgs';

const SPEC = { values: ['out', 'node'], booleans: ['zip'] };

/** The message parseArgs refuses `argv` with. */
function refusal(argv: string[]): string {
  try {
    parseArgs(argv, SPEC);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('parseArgs', () => {
  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--bogus=1'], 'unknown option --bogus'],
    [['--=x'], 'unknown option --=x'],
    [['--bo\ngus'], 'unknown option "--bo\\ngus"'],
    [['-x'], 'unknown option -x (write -- before a file name that starts with -)'],
    [['--out'], '--out needs a value'],
    [['--out='], '--out needs a value'],
    [['--out', ''], '--out needs a value'],
    [['--out', '--zip'], '--out needs a value, not the option --zip (write --out=--zip if that is the value)'],
    [['--out', 'a', '--out', 'b'], '--out is given twice (a and b)'],
    [['--out=a', '--out', 'a b'], '--out is given twice (a and a b)'],
    [['--out', 'a\0b'], '--out "a\\u0000b" contains a NUL character'],
    [['--zip=yes'], '--zip takes no value'],
    [[''], 'an empty argument ("") is not a file name'],
    [['--', ''], 'an empty argument ("") is not a file name'],
    [['a\0b'], '"a\\u0000b" contains a NUL character; no file name does'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it('takes values after the option or an =, booleans given twice, - for standard input, and -- before names that start with -', () => {
    const args = parseArgs(
      ['design.yaml', '--out=--odd', '--zip', '--zip', '--node', '-1', '-', '--', '-x', '--zip'],
      SPEC,
    );
    expect(args.positionals).toEqual(['design.yaml', '-', '-x', '--zip']);
    expect(Object.fromEntries(args.flags)).toEqual({ out: '--odd', zip: true, node: '-1' });
  });

  it('any argv: parsed or refused with a UsageError, never another error; what it returns keeps its promises (property)', () => {
    const token = fc.oneof(
      fc.constantFrom(
        '--',
        '-',
        '--out',
        '--out=',
        '--node',
        '--zip',
        '--zip=1',
        '--x',
        '-x',
        '',
        'a\0b',
        'a\nb',
        '=',
        '--=',
        '---',
      ),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: fc.constantFrom('-', '=', 'o', 'u', 't', 'z', 'i', 'p', '\0', '\n'), maxLength: 7 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
        let args;
        try {
          args = parseArgs(argv, SPEC);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
          expect((e as Error).message).not.toMatch(/[\n\0]/);
          return;
        }
        for (const p of args.positionals) expect(p !== '' && !p.includes('\0')).toBe(true);
        for (const [name, value] of args.flags) {
          expect([...SPEC.values, ...SPEC.booleans]).toContain(name);
          if (typeof value === 'string') expect(value !== '' && !value.includes('\0')).toBe(true);
          else expect(SPEC.booleans).toContain(name);
        }
      }),
      { seed: 20261207, numRuns: 1000 },
    );
  });
});

describe('shown', () => {
  it('leaves a printable argument as it is and quotes, on one line, what is not', () => {
    expect(['node-a1', 'a b', 'é', '', ' x', 'x\ny', 'tab\t', '"q"', '\u202eevil', 'nul\0'].map(shown)).toEqual([
      'node-a1',
      'a b',
      'é',
      '""',
      '" x"',
      '"x\\ny"',
      '"tab\\t"',
      '"\\"q\\""',
      '"\\u202eevil"',
      '"nul\\u0000"',
    ]);
  });
});

describe('verify:bird arguments', () => {
  const builtin = () => ['a.liveroute.yaml', 'b.liveroute.yaml'];
  const refused = (argv: string[]) => {
    try {
      parseVerifyArgs(argv, builtin, false);
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
    throw new Error(`${JSON.stringify(argv)} was accepted`);
  };

  it('reads the built-in designs, the files, --random/--seed/--jobs and the booleans; CI requires the lab', () => {
    expect(
      parseVerifyArgs(
        ['--builtin', 'c.yaml', '--random', '8', '--seed', '1', '--jobs', '8', '--containerlab'],
        builtin,
        false,
      ),
    ).toEqual({
      files: ['a.liveroute.yaml', 'b.liveroute.yaml', 'c.yaml'],
      random: 8,
      seed: 1,
      save: undefined,
      containerlab: true,
      json: false,
      jobs: 8,
      require: false,
    });
    expect(parseVerifyArgs(['x.yaml'], builtin, true)).toMatchObject({
      files: ['x.yaml'],
      random: 0,
      seed: 1,
      jobs: 2,
      require: true,
    });
    expect(parseVerifyArgs(['--json', '-h'], builtin, false)).toBe('help');
  });

  it.each([
    [['--jobs', 'abc', 'x.yaml'], `--jobs must be a whole number from 1 to ${MAX_JOBS}, not "abc"`],
    [['--jobs', '0', 'x.yaml'], `--jobs must be a whole number from 1 to ${MAX_JOBS}, not "0"`],
    [['--jobs', '1e9', 'x.yaml'], `--jobs must be a whole number from 1 to ${MAX_JOBS}, not "1e9"`],
    [['--random', '-1'], '--random must be a whole number from 1 to 10000, not "-1"'],
    [['--random', 'NaN'], '--random must be a whole number from 1 to 10000, not "NaN"'],
    [['--random', '1', '--seed', '4294967296'], '--seed must be a whole number from 0 to 4294967295, not "4294967296"'],
    [['--seed', '3', 'x.yaml'], '--seed S picks the random designs: give --random N with it'],
    [['--save', '/tmp', 'x.yaml'], '--save DIR keeps the random designs: give --random N with it'],
    [['--random', '1', '--save', '/dev/null'], '--save /dev/null is a device; --save names the folder to write into'],
    [[], 'give design files, --builtin or --random N'],
    [['--bogus'], 'unknown option --bogus'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refused(argv)).toBe(message);
  });
});
