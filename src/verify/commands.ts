/**
 * The lab's dealings with the machine: commands with a deadline, `ip -batch` in a namespace,
 * BIRD's control socket, kernel routing tables. Every read is built to cost little on a loaded
 * machine, where each process and each round trip waits its turn for the CPU.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { replyEnd, replyText } from './birdOutput';

/**
 * The longest one command of the lab may take: far beyond what any takes on a loaded machine
 * (milliseconds, seconds at worst), there so that a wedged command fails the run, not hangs it.
 */
export const COMMAND_TIMEOUT_MS = 120_000;

/** Runs a command; resolves with what it printed, rejects with what it printed on error. */
export function exec(
  file: string,
  args: readonly string[],
  options: { cwd?: string; input?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} ${args.join(' ')}: ${`${stderr}`.trim() || error.message}`));
        else resolve(stdout);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Runs every task at once and waits for all of them, then throws the first failure: nothing is
 * still creating namespaces when the caller, on that failure, removes what was made.
 */
export async function allSettled(tasks: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Runs `ip` commands in one namespace with `ip -batch`. */
export function ipBatch(ns: string, lines: readonly (readonly string[])[]): Promise<string> {
  if (lines.length === 0) return Promise.resolve('');
  return exec('ip', ['-n', ns, '-batch', '-'], { input: `${lines.map((l) => l.join(' ')).join('\n')}\n` });
}

/**
 * Commands on one connection to a BIRD control socket, one after the other; resolves with each
 * reply's text (codes stripped). One connection per poll and speaker, not one per command: on a
 * loaded machine every round trip to a daemon waits its turn for the CPU.
 */
export function birdQuery(
  socketPath: string,
  commands: readonly string[],
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const sock = connect(socketPath);
    const replies: string[] = [];
    let buf = '';
    let greeted = false;
    const timer = setTimeout(() => {
      sock.destroy();
      reject(
        new Error(`BIRD at ${socketPath} did not answer "${commands[replies.length] ?? ''}" within ${timeoutMs} ms`),
      );
    }, timeoutMs);
    const sendNext = () => {
      const command = commands[replies.length];
      if (command !== undefined) {
        sock.write(`${command}\n`);
        return;
      }
      clearTimeout(timer);
      sock.end();
      resolve(replies);
    };
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      if (!greeted) {
        const nl = buf.indexOf('\n');
        if (nl < 0) return;
        buf = buf.slice(nl + 1); // the greeting, "0001 BIRD 1.6.8 ready."
        greeted = true;
        sendNext();
        return;
      }
      const end = buf.endsWith('\n') ? replyEnd(buf) : undefined;
      if (!end) return;
      if (end.code !== '0000') {
        clearTimeout(timer);
        sock.destroy();
        reject(new Error(`BIRD: ${commands[replies.length] ?? ''}: ${end.text}`));
        return;
      }
      replies.push(replyText(buf));
      buf = '';
      sendNext();
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const TABLE_END = '@@lrv-end-of-table@@';

/**
 * The main routing table of each namespace as `ip -j route show table main` prints it, in the
 * order given, from one process rather than one per namespace (the lab reads every table twice
 * a second).
 */
export async function kernelTables(namespaces: readonly string[]): Promise<string[]> {
  if (namespaces.length === 0) return [];
  const out = await exec('sh', [
    '-c',
    `for ns; do ip -n "$ns" -j route show table main || exit 1; echo; echo ${TABLE_END}; done`,
    'sh',
    ...namespaces,
  ]);
  const tables = out
    .split(`${TABLE_END}\n`)
    .slice(0, namespaces.length)
    .map((t) => t.trim());
  if (tables.length !== namespaces.length)
    throw new Error(`ip route show: ${tables.length} tables for ${namespaces.length} namespaces`);
  return tables;
}
