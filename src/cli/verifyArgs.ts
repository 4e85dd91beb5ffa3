/**
 * The arguments of `npm run verify:bird` (verifyBird.ts), read with the CLI's parser: every one
 * checked before a namespace is made, a refusal being one sentence naming the argument.
 */
import { parseArgs, stringFlag, UsageError, wholeNumber } from './args';
import { checkOutputFolder } from './output';

export const VERIFY_USAGE =
  'usage: npm run verify:bird -- <design.liveroute.yaml>... | --builtin | --random N [--seed S] [--save DIR] [--containerlab] [--json] [--jobs N] [--require]\n';

/** Labs side by side at most (each is a handful of BIRD processes and namespaces). */
export const MAX_JOBS = 64;
/** Random designs in one run at most (each takes seconds on real BIRD). */
export const MAX_RANDOM = 10_000;

export interface VerifyOptions {
  /** Design files: the built-in ones (with --builtin) first, then those named. */
  readonly files: readonly string[];
  readonly random: number;
  readonly seed: number;
  readonly save: string | undefined;
  readonly containerlab: boolean;
  readonly json: boolean;
  readonly jobs: number;
  /** Exit 2 when the lab cannot run here (with --require, or CI set), instead of skipping. */
  readonly require: boolean;
}

/** The options, `'help'` for --help or -h, or a UsageError. */
export function parseVerifyArgs(
  argv: readonly string[],
  builtinFiles: () => string[],
  ci: boolean,
): VerifyOptions | 'help' {
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')) return 'help';
  const args = parseArgs(argv, {
    values: ['jobs', 'random', 'seed', 'save'],
    booleans: ['json', 'containerlab', 'require', 'builtin'],
  });
  const random = wholeNumber(args, 'random', 1, MAX_RANDOM, 0);
  const seed = wholeNumber(args, 'seed', 0, 0xffffffff, 1);
  const jobs = wholeNumber(args, 'jobs', 1, MAX_JOBS, 2);
  const save = stringFlag(args, 'save');
  if (save !== undefined && random === 0)
    throw new UsageError('--save DIR keeps the random designs: give --random N with it');
  if (args.flags.has('seed') && random === 0)
    throw new UsageError('--seed S picks the random designs: give --random N with it');
  const files = [...(args.flags.has('builtin') ? builtinFiles() : []), ...args.positionals];
  if (files.length === 0 && random === 0) throw new UsageError('give design files, --builtin or --random N');
  if (save !== undefined) checkOutputFolder('save', save);
  return {
    files,
    random,
    seed,
    save,
    containerlab: args.flags.has('containerlab'),
    json: args.flags.has('json'),
    jobs,
    require: ci || args.flags.has('require'),
  };
}
