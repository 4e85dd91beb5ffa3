/**
 * `npm run verify:bird -- <file>... | --builtin | --random N [--seed S] [--save DIR]
 *    [--containerlab] [--json] [--jobs N] [--require]`:
 * runs each design on real BIRD 1.6 in network namespaces and compares every phase with the
 * engine. Prints a table of agreements per design and phase, and a diff of each disagreement.
 * With --containerlab, what runs is the design's containerlab export (topology, setup scripts,
 * migrate.sh), each container emulated by a namespace.
 *
 * Exit codes: 0 every check agrees (designs the lab cannot run are skipped with the reason),
 * 1 a disagreement, 2 bad input or no lab on this machine (with --require, or CI set; otherwise
 * the reason is printed and the exit code is 0).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { findDaemonSync, mapLimit } from '../verify/daemons';
import { UsageError } from './args';
import { formatInputError, InputError, readDesign } from './io';
import { writeFilesInto } from './output';
import { parseVerifyArgs, VERIFY_USAGE, type VerifyOptions } from './verifyArgs';
import { parseDesign, type Topology } from '../model';
import { formatIssue } from '../model/issues';
import { randomDesign } from '../verify/randomDesign';
import { formatResult, summaryLine } from '../verify/format';
import { labUnavailable, sweepStale } from '../verify/lab';
import { unsupported } from '../lab/plan';
import { runDesign, type DesignResult } from '../verify/run';

/** The built-in designs: the scenarios, then the lab's own designs (src/verify/designs). */
const BUILTIN_DIRS = [
  path.resolve(import.meta.dirname, '..', 'scenarios'),
  path.resolve(import.meta.dirname, '..', 'verify', 'designs'),
];

function builtinFiles(): string[] {
  return BUILTIN_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.liveroute.yaml'))
      .sort()
      .map((f) => path.join(dir, f)),
  );
}

/** `count` random designs from seed `first` on (src/verify/randomDesign.ts), written to `save` when given. */
function randomDesigns(first: number, count: number, save: string | undefined): { file: string; doc: Topology }[] {
  return Array.from({ length: count }, (_, i) => {
    const r = randomDesign(first + i);
    const file = `random-${r.seed}.liveroute.yaml`;
    if (save) writeFilesInto('save', save, [{ path: file, data: r.text }]);
    const parsed = parseDesign(r.text);
    // A generator bug, not the user's input: say which seed and why.
    if (!parsed.ok)
      throw new Error(`random design ${r.seed} is not valid:\n${parsed.error.map(formatIssue).join('\n')}`);
    return { file, doc: parsed.value.doc };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const designs: { file: string; doc: Topology }[] = [];
  let options: VerifyOptions;
  try {
    const parsed = parseVerifyArgs(
      argv,
      builtinFiles,
      process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== '0',
    );
    if (parsed === 'help') {
      process.stdout.write(VERIFY_USAGE);
      return 0;
    }
    options = parsed;
    for (const file of options.files) designs.push({ file, doc: readDesign(file) });
    designs.push(...randomDesigns(options.seed, options.random, options.save));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`verify:bird: ${e.message}\n${VERIFY_USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(formatInputError(e));
      return 2;
    }
    throw e;
  }
  const { json, containerlab, jobs, require } = options;
  const bird = findDaemonSync('bird1');
  const missing = labUnavailable(bird.path);
  if (missing) {
    process.stdout.write(`verify:bird: cannot run the lab here: ${missing}${require ? '' : ' (skipped)'}\n`);
    return require ? 2 : 0;
  }
  const stale = sweepStale();
  if (stale > 0) process.stderr.write(`verify:bird: removed ${stale} namespace(s) left by an interrupted run\n`);
  process.stderr.write(`verify:bird: ${bird.note}\n`);

  const runnable = designs.filter(({ file, doc }) => {
    const why = unsupported(doc);
    if (why) process.stdout.write(`${path.basename(file)}: skipped: ${why}\n`);
    return !why;
  });
  const results: DesignResult[] = await mapLimit(runnable, jobs, ({ doc }) =>
    runDesign(doc, {
      bird: bird.path as string,
      tag: doc.metadata.name,
      containerlab,
      log: (line) => process.stderr.write(`  ${line}\n`),
    }),
  );
  if (json)
    process.stdout.write(
      `${JSON.stringify(
        results.map((r) => ({ design: r.design, seconds: r.seconds, checks: r.checks })),
        null,
        2,
      )}\n`,
    );
  else for (const r of results) process.stdout.write(formatResult(r));
  if (!json && results.length > 1) {
    const all = results.flatMap((r) => r.checks);
    const flows = all.filter((c) => c.aspect === 'flow');
    process.stdout.write(`${results.map(summaryLine).join('\n')}\n`);
    process.stdout.write(
      `total: ${results.length} designs, ${all.filter((c) => c.agree).length}/${all.length} checks agree; clients × phases ${flows.filter((c) => c.agree).length}/${flows.length}\n`,
    );
  }
  return results.every((r) => r.checks.every((c) => c.agree)) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`verify:bird: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
