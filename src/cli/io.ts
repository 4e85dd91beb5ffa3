/** Reading inputs and writing outputs for the CLI; every failure names the file. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
