/**
 * Where the CLI writes: `--out FILE` and `--out DIR` (and verify:bird's `--save DIR`) are checked
 * before any work, so that a path that cannot be written is one sentence naming the option, never
 * a stack trace after the work is done. Folders are made one level at a time: Node's recursive
 * mkdirSync spins forever on a path it cannot create under /proc.
 */
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { shown, UsageError } from './args';
import { explainCode, InputError } from './io';

type Kind =
  { readonly kind: 'file' | 'dir' | 'stream' | 'other' | 'none' } | { readonly kind: 'error'; readonly code: string };

/** What is at `path`: a file, a folder, a device or pipe one may write to (`/dev/null`), something else, nothing, or why stat failed. */
function kindAt(path: string): Kind {
  try {
    const s = statSync(path);
    return {
      kind: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isCharacterDevice() || s.isFIFO() ? 'stream' : 'other',
    };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    // ENOTDIR: a file stands where a folder of the path should be; the walk up finds it.
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'none' } : { kind: 'error', code };
  }
}

function what(found: Kind): string {
  return found.kind === 'file' ? 'a file' : found.kind === 'stream' ? 'a device' : 'neither a file nor a folder';
}

/** The nearest folder that is there, at or above `path` (as the user wrote it), or what stands in the way. */
function nearestFolder(path: string): { readonly at: string; readonly found: Kind } {
  let at = path;
  for (;;) {
    const found = kindAt(at);
    const up = dirname(at);
    if (found.kind !== 'none' || up === at) return { at, found };
    at = up;
  }
}

function canWriteIn(folder: string): string | undefined {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (e) {
    return explainCode((e as NodeJS.ErrnoException).code);
  }
}

/** Refuses, before any work, a `--<option> DIR` that cannot be (or become) a folder one can write in. */
export function checkOutputFolder(option: string, path: string): void {
  if (path === '-') throw new UsageError(`--${option} - would be a folder named "-": name a folder`);
  // Checked as it will be written: path.join makes `x/../y` into `y` whether or not x is there.
  const { at, found } = nearestFolder(normalize(path));
  const named = `--${option} ${shown(path)}`;
  if (found.kind === 'error') throw new UsageError(`${named}: cannot look at ${shown(at)}: ${explainCode(found.code)}`);
  if (found.kind !== 'dir') {
    if (at === normalize(path))
      throw new UsageError(`${named} is ${what(found)}; --${option} names the folder to write into`);
    throw new UsageError(`${named} cannot be made: ${shown(at)} is ${what(found)}, not a folder`);
  }
  const why = canWriteIn(at);
  if (why) throw new UsageError(`${named}: cannot write in ${shown(at)}: ${why}`);
}

/** Refuses, before any work, a `--<option> FILE` that cannot be written: a folder, a path under a file, a folder that is not there. */
export function checkOutputFile(option: string, path: string): void {
  if (path === '-') throw new UsageError(`--${option} - would be a file named "-": name a file`);
  const named = `--${option} ${shown(path)}`;
  const target = kindAt(path);
  if (target.kind === 'error') throw new UsageError(`${named}: cannot look at it: ${explainCode(target.code)}`);
  if (target.kind === 'dir') throw new UsageError(`${named} is a folder; --${option} names the file to write`);
  if (target.kind === 'other') throw new UsageError(`${named} is neither a file nor a device one can write to`);
  if (target.kind === 'none') {
    const parent = kindAt(dirname(path));
    if (parent.kind === 'none')
      throw new UsageError(`${named}: cannot write there: the folder ${shown(dirname(path))} is not there`);
    if (parent.kind !== 'dir')
      throw new UsageError(`${named}: cannot write there: ${shown(dirname(path))} is not a folder`);
    const why = canWriteIn(dirname(path));
    if (why) throw new UsageError(`${named}: cannot write in ${shown(dirname(path))}: ${why}`);
  } else {
    try {
      accessSync(path, constants.W_OK);
    } catch (e) {
      throw new UsageError(`${named}: cannot write it: ${explainCode((e as NodeJS.ErrnoException).code)}`);
    }
  }
}

/** Writes one output file, checked before the work by checkOutputFile; what still fails (a full disk) is a sentence. */
export function writeOutputFile(option: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError(`--${option} ${shown(path)}: cannot write: ${explainCode((e as NodeJS.ErrnoException).code)}`);
  }
}

/** Makes `folder` and the folders above it that are missing, one level at a time; what fails is a sentence naming the option. */
function makeFolders(option: string, dir: string, folder: string): void {
  const { at, found } = nearestFolder(folder);
  if (found.kind === 'dir') {
    const missing: string[] = [];
    for (let p = folder; p !== at; p = dirname(p)) missing.unshift(p);
    for (const p of missing) {
      try {
        mkdirSync(p);
      } catch (e) {
        throw new InputError(
          `--${option} ${shown(dir)}: cannot make the folder ${shown(p)}: ${explainCode((e as NodeJS.ErrnoException).code)}`,
        );
      }
    }
    return;
  }
  throw new InputError(
    `--${option} ${shown(dir)}: cannot make the folder ${shown(folder)}: ${shown(at)} is ${found.kind === 'error' ? explainCode(found.code) : what(found)}`,
  );
}

/** Writes files (paths with '/') into the folder of `--<option>`, checked before the work by checkOutputFolder. */
export function writeFilesInto(
  option: string,
  dir: string,
  files: readonly { path: string; data: string | Uint8Array }[],
): void {
  for (const f of files) {
    const target = join(dir, ...f.path.split('/'));
    makeFolders(option, dir, dirname(target));
    try {
      writeFileSync(target, f.data);
    } catch (e) {
      throw new InputError(
        `--${option} ${shown(dir)}: cannot write ${shown(f.path)}: ${explainCode((e as NodeJS.ErrnoException).code)}`,
      );
    }
  }
}
