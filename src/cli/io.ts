/** Reading inputs and writing outputs for the CLI; every failure names the file. */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatIssue, parseDesign, type Issue, type Topology } from '../model';

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

export function readText(path: string): string {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function readDesign(path: string): Topology {
  const parsed = parseDesign(readText(path));
  if (!parsed.ok) throw new InputError(`${path}: not a valid liveroute/v1 design`, parsed.error);
  return parsed.value.doc;
}

export function formatInputError(e: InputError, file?: string): string {
  const lines = [e.message, ...e.issues.map((i) => `  ${file ? `${file}: ` : ''}${formatIssue(i)}`)];
  return `${lines.join('\n')}\n`;
}

export function writeFiles(dir: string, files: readonly { path: string; data: string | Uint8Array }[]): void {
  for (const f of files) {
    const target = join(dir, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.data);
  }
}

/** What is at `path`: a file, a directory, something else, or nothing. */
function kindAt(path: string): 'file' | 'dir' | 'other' | 'none' {
  try {
    const s = statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

/** Refuses, before any work, an output path that cannot be a file: a directory, a folder that is not there. */
export function checkOutputFile(path: string): void {
  const at = kindAt(path);
  if (at === 'dir') throw new InputError(`${path}: is a directory; --out names the file to write`);
  const parent = kindAt(dirname(path));
  if (parent !== 'dir') throw new InputError(`${path}: cannot write: ${dirname(path)} is ${parent === 'none' ? 'not there' : 'not a directory'}`);
}

/** Writes one output file; a path that cannot be a file is a sentence, not a stack trace. */
export function writeOutputFile(path: string, text: string): void {
  checkOutputFile(path);
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError(`${path}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
