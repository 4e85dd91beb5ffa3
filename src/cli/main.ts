/**
 * The liveroute command line (DESIGN §5): `npm run --silent liveroute -- <command> ...`.
 * Exit codes: 0 valid input, 1 a finding at or above --fail-on, 2 bad input.
 */
import { quoted, UsageError } from './args';
import { EXIT, formatInputError, InputError } from './io';
import { COMMANDS, usage } from './commands';

export async function main(
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(usage());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    err(`liveroute: unknown command ${quoted(name)}\n\n${usage()}`);
    return EXIT.badInput;
  }
  const ask = rest.indexOf('--');
  if ((ask < 0 ? rest : rest.slice(0, ask)).some((a) => a === '--help' || a === '-h')) {
    out(`usage: liveroute ${command.usage}\n  ${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, out, err);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`liveroute ${name}: ${e.message}\nusage: ${command.usage}\n`);
      return EXIT.badInput;
    }
    if (e instanceof InputError) {
      err(formatInputError(e));
      return EXIT.badInput;
    }
    throw e;
  }
}

const isEntry = process.argv[1] !== undefined && /(^|[\\/])(main\.ts|liveroute(\.m?js)?)$/.test(process.argv[1]);
if (isEntry) {
  // A reader that stops early (`liveroute generate ... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`liveroute: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
