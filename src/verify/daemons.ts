/**
 * The real daemons the config tests check against (not used by the app). scripts/install-daemons.sh
 * puts them in .daemons/bin at the repository root: bird1 (BIRD 1.6), bird2 (BIRD 2.0), vtysh
 * and bgpd (FRR 8.4). Without that folder, Debian's usual locations are tried.
 * A test may name another folder (LIVEROUTE_DAEMON_DIR in src/verify/configDaemons.test.ts): then only that
 * folder is searched.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type DaemonKind = 'bird1' | 'bird2' | 'vtysh' | 'bgpd';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DAEMON_DIR = path.join(ROOT, '.daemons', 'bin');

const FALLBACK: Record<DaemonKind, string> = {
  bird1: '/usr/sbin/bird',
  bird2: '/usr/sbin/bird',
  vtysh: '/usr/bin/vtysh',
  bgpd: '/usr/lib/frr/bgpd',
};
const VERSION: Record<DaemonKind, { args: string[]; line: RegExp }> = {
  bird1: { args: ['--version'], line: /BIRD version 1\./ },
  bird2: { args: ['--version'], line: /BIRD version 2\./ },
  vtysh: { args: ['--help'], line: /shell for FRR \(version \d/ },
  bgpd: { args: ['--version'], line: /^bgpd version \d/ },
};

export interface RunResult {
  readonly code: number;
  readonly output: string;
  readonly pid?: number;
}

/**
 * The longest a daemon's check may take: it takes milliseconds, seconds on a loaded machine; the
 * limit is there so that a wedged daemon fails the check instead of hanging it.
 */
const DAEMON_TIMEOUT_MS = 120_000;

export function run(file: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { timeout: DAEMON_TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`, ...(child.pid !== undefined ? { pid: child.pid } : {}) });
    });
  });
}

/** bgpd's crash-log folder for a process id (it creates one per run and never removes it). */
const crashLog = (pid: number) => `/var/tmp/frr/bgpd.${pid}`;

let swept = false;

/** Removes every crash-log folder whose bgpd is gone (runs before this code left thousands). */
function sweepCrashLogs(): void {
  if (swept || !existsSync('/var/tmp/frr')) return;
  swept = true;
  for (const name of readdirSync('/var/tmp/frr')) {
    const m = /^bgpd\.(\d+)$/.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join('/var/tmp/frr', name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface Found {
  readonly path: string | undefined;
  /** Why it is missing, or which binary and version is used. */
  readonly note: string;
}

/** The daemon binary of `kind`, if present and of the right version: in `dir` only, when given. */
export async function findDaemon(kind: DaemonKind, dir?: string): Promise<Found> {
  const candidates = dir ? [path.join(dir, kind)] : [path.join(DAEMON_DIR, kind), FALLBACK[kind]];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const { output } = await run(file, VERSION[kind].args);
    const version = output.split('\n').find((l) => VERSION[kind].line.test(l));
    if (version) return { path: file, note: `${file} (${version.trim()})` };
  }
  const where = dir ?? `${DAEMON_DIR} nor at ${FALLBACK[kind]}`;
  return { path: undefined, note: `${kind} not found in ${where} (run scripts/install-daemons.sh)` };
}

/** Runs `check` on every item, `limit` at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, check: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await check(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A scratch folder for config files, removed by `dispose`. */
export function scratch(): { file: (name: string, text: string) => string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'liveroute-configs-'));
  // bgpd drops its privileges to the frr user before it reads the file.
  chmodSync(dir, 0o755);
  let n = 0;
  return {
    file: (name, text) => {
      const file = path.join(dir, `${n++}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
      writeFileSync(file, text, { mode: 0o644 });
      return file;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `bird -p -c FILE`: BIRD parses the config (exit 0) or prints the first error. */
export async function birdParse(bird: string, file: string): Promise<string | undefined> {
  const r = await run(bird, ['-p', '-c', file]);
  return r.code === 0 ? undefined : r.output.trim() || `exit ${r.code}`;
}

/**
 * What bgpd -C prints for a command it applies: warnings, not refusals. `router bgp` with one of
 * the AS numbers RFC 7300 reserves (65535, 4294967295) is taken, with this line.
 */
const FRR_WARNINGS = [/^Reserved AS used \(65535\|4294967295\); AS is (65535|4294967295)$/];

function frrRefusals(output: string): string {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '' && !FRR_WARNINGS.some((w) => w.test(line.trim())))
    .join('\n');
}

/**
 * FRR's checks: `vtysh --dryrun -f FILE` refuses unknown or malformed commands (exit code), and
 * `bgpd -C -f FILE` executes every command and reports the ones bgpd refuses ("Configure the
 * peer-group first", "Not an internal neighbor", ...) on its output while still exiting 0, so
 * any output but a known warning (FRR_WARNINGS) is an error.
 */
export async function frrCheck(vtysh: string, bgpd: string, file: string): Promise<string | undefined> {
  const v = await run(vtysh, ['--dryrun', '-f', file]);
  if (v.code !== 0) return `vtysh --dryrun: exit ${v.code}: ${v.output.trim()}`;
  // bgpd keeps a crash-log folder per process id under /var/tmp/frr and never removes it; a later
  // run with a recycled pid refuses to start ("failed to mkdir ... File exists"). That is the
  // machine, not the config: remove the stale folder (its process is gone) and run again, and
  // remove each run's own folder afterwards.
  for (let attempt = 0; ; attempt++) {
    const b = await run(bgpd, ['-C', '-f', file]);
    if (b.pid !== undefined) rmSync(crashLog(b.pid), { recursive: true, force: true });
    if (b.code === 0 && frrRefusals(b.output) === '') return undefined;
    const stale = /failed to mkdir "\/var\/tmp\/frr\/bgpd\.(\d+)": File exists/.exec(b.output);
    if (stale && attempt < 5) {
      sweepCrashLogs();
      if (!alive(Number(stale[1]))) rmSync(crashLog(Number(stale[1])), { recursive: true, force: true });
      continue;
    }
    return `bgpd -C: exit ${b.code}: ${b.output.trim()}`;
  }
}

/** The same search, synchronously (for tests that decide at collection time whether they can run). */
export function findDaemonSync(kind: DaemonKind): Found {
  for (const file of [path.join(DAEMON_DIR, kind), FALLBACK[kind]]) {
    if (!existsSync(file)) continue;
    const r = spawnSync(file, VERSION[kind].args, { encoding: 'utf8', timeout: DAEMON_TIMEOUT_MS });
    const version = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => VERSION[kind].line.test(l));
    if (version) return { path: file, note: `${file} (${version.trim()})` };
  }
  return {
    path: undefined,
    note: `${kind} not found in ${DAEMON_DIR} nor at ${FALLBACK[kind]} (run scripts/install-daemons.sh)`,
  };
}
