/** Reading the CLI's inputs; every failure names the file. Outputs: output.ts. */
import { closeSync, openSync, readSync } from 'node:fs';
import { formatIssue, parseDesign, type Issue, type Topology } from '../model';
import { shown } from './args';

/** Exit codes of DESIGN §5. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

export class InputError extends Error {
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/** What an errno code means, for a sentence (`ENOENT (no such file or folder)`). */
export function explainCode(code: string | undefined): string {
  const meaning: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a file is in the way of a folder',
    EEXIST: 'something is already there',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many symbolic links',
  };
  return code === undefined ? 'unknown error' : meaning[code] ? `${code} (${meaning[code]})` : code;
}

/** Inputs are read up to this size: the largest fabric the generator makes is about 7 MB; `/dev/zero` never ends. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The text of a file, or of standard input for `-`, read up to MAX_INPUT_BYTES. `option` names the option that gave the path (`--into`). */
export function readText(path: string, option?: string): string {
  const named = option ? `--${option} ${shown(path)}` : shown(path);
  let fd: number | undefined;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(1 << 20);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES)
        throw new InputError(
          `${named}: cannot read: larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, more than any design or cluster dump`,
        );
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${named}: cannot read: ${explainCode((e as NodeJS.ErrnoException).code)}`);
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd);
  }
}

export function readDesign(path: string, option?: string): Topology {
  const parsed = parseDesign(readText(path, option));
  if (!parsed.ok)
    throw new InputError(
      `${option ? `--${option} ` : ''}${shown(path)}: not a valid liveroute/v1 design`,
      parsed.error,
    );
  return parsed.value.doc;
}

export function formatInputError(e: InputError, file?: string): string {
  const lines = [e.message, ...e.issues.map((i) => `  ${file ? `${file}: ` : ''}${formatIssue(i)}`)];
  return `${lines.join('\n')}\n`;
}
