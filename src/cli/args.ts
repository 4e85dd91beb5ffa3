/**
 * A small, strict argument parser: positionals, `--flag`, `--key value`, `--key=value`, and `--`
 * before positionals that start with '-'. Every refusal is a UsageError whose sentence names the
 * argument: an unknown option, a missing or empty value, an option given twice, a NUL character.
 */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

export class UsageError extends Error {}

/** Control characters, and the invisible ones that reorder or break a terminal line (bidi overrides, line separators). */
function unprintable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A value in quotes, escaped so that one message stays one line (a newline as \n, a control character as \u0000). */
export function quoted(value: string): string {
  const escape = (c: string) =>
    SHORT_ESCAPES[c] ?? (unprintable(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c);
  return `"${[...value].map(escape).join('')}"`;
}

/** An argument as a message shows it: as it is when plainly printable, else quoted(). */
export function shown(value: string): string {
  const plain =
    value !== '' &&
    value.trim() === value &&
    !value.startsWith('"') &&
    ![...value].some((c) => unprintable(c.charCodeAt(0)));
  return plain ? value : quoted(value);
}

export function parseArgs(
  argv: readonly string[],
  spec: { values: readonly string[]; booleans: readonly string[] },
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const positional = (arg: string) => {
    if (arg === '') throw new UsageError('an empty argument ("") is not a file name');
    if (arg.includes('\0')) throw new UsageError(`${shown(arg)} contains a NUL character; no file name does`);
    positionals.push(arg);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      argv.slice(i + 1).forEach(positional);
      break;
    }
    if (arg.startsWith('-') && !arg.startsWith('--') && arg !== '-')
      throw new UsageError(`unknown option ${shown(arg)} (write -- before a file name that starts with -)`);
    if (!arg.startsWith('--')) {
      positional(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      // `--out --zip` is a forgotten value, not a folder named --zip (`--out=--zip` says that).
      if (eq < 0 && value.startsWith('--'))
        throw new UsageError(
          `--${name} needs a value, not the option ${shown(value)} (write --${name}=${shown(value)} if that is the value)`,
        );
      if (value.includes('\0')) throw new UsageError(`--${name} ${shown(value)} contains a NUL character`);
      if (flags.has(name))
        throw new UsageError(`--${name} is given twice (${shown(flags.get(name) as string)} and ${shown(value)})`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option ${shown(name === '' ? arg : `--${name}`)}`);
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** The whole number of `--<name>`, from `min` to `max` (digits only: no sign, exponent, hex or spaces), or `fallback` when not given. */
export function wholeNumber(args: ParsedArgs, name: string, min: number, max: number, fallback: number): number {
  const text = stringFlag(args, name);
  if (text === undefined) return fallback;
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${quoted(text)}`);
  return value;
}
