/**
 * Real BIRD 1.6's speed, measured on this machine for the bench's comparison rows. Three network
 * namespaces in a line joined by veth pairs: a small BGP sender (bench/bgpSender.ts) feeds N /32
 * routes to a relaying BIRD, which runs an import filter like calico-node's (a community test,
 * LOCAL_PREF), selects, and exports them through an export filter to a receiving BIRD, which
 * filters them again and keeps them. The CPU time both daemons spend from the sender's connect
 * until the receiver holds all N routes (utime + stime from /proc/<pid>/stat) gives BIRD's
 * routes received and filtered per CPU-second: 2N (each BIRD receives every route), the relay's
 * selection and export included, as the engine's figure includes the sending side's work.
 *
 * Two workloads: `distinct` gives every route its own MED (and one of 64 AS paths), so each travels in
 * its own UPDATE on both hops (as in the engine, where a prefix is simulated on its own);
 * `packed` gives every route the same attributes, 500 to an UPDATE, and BIRD packs them again
 * on export: the cheapest case for BIRD, far from what calico-node sees. Needs Linux, root,
 * iproute2 and BIRD 1.6; otherwise it says why and the rows are skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findDaemonSync } from '../src/verify/daemons';

export type BirdRate =
  { ok: true; routes: number; cpuSeconds: number; perSecond: number; bird: string } | { ok: false; why: string };

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function sh(cmd: string, args: readonly string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const IMPORT_FILTER = `filter calico_like_import {
  if ((65000, 100) ~ bgp_community) then { bgp_local_pref = 2147483135; preference = 200; }
  if net ~ [ 10.244.0.0/16+ ] then reject;
  accept;
}
`;

export type BirdWorkload = 'distinct' | 'packed';

export function measureBird(routes: number, workload: BirdWorkload): BirdRate {
  if (process.platform !== 'linux') return { ok: false, why: 'network namespaces need Linux' };
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return { ok: false, why: 'network namespaces need root' };
  if (!sh('ip', ['-V']).ok) return { ok: false, why: 'iproute2 (`ip`) is not installed' };
  const found = findDaemonSync('bird1');
  if (!found.path) return { ok: false, why: found.note };
  const bird = found.path;
  const birdc = path.join(path.dirname(realpathSync(bird)), 'birdc');
  if (!existsSync(birdc)) return { ok: false, why: `birdc not found next to ${bird}` };

  const tag = `lrb${process.pid}${workload[0]}`;
  const dir = path.join('/tmp', tag);
  const ns = { tx: `${tag}tx`, relay: `${tag}re`, rx: `${tag}rx` };
  const pids: number[] = [];
  let sender: ChildProcess | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    for (const n of Object.values(ns))
      if (!sh('ip', ['netns', 'add', n]).ok) return { ok: false, why: `ip netns add ${n} failed` };
    const steps: string[][] = [
      ['link', 'add', 'v0', 'netns', ns.tx, 'type', 'veth', 'peer', 'name', 'v1', 'netns', ns.relay],
      ['link', 'add', 'v2', 'netns', ns.relay, 'type', 'veth', 'peer', 'name', 'v3', 'netns', ns.rx],
      ['-n', ns.tx, 'addr', 'add', '10.255.0.1/30', 'dev', 'v0'],
      ['-n', ns.relay, 'addr', 'add', '10.255.0.2/30', 'dev', 'v1'],
      ['-n', ns.relay, 'addr', 'add', '10.255.1.1/30', 'dev', 'v2'],
      ['-n', ns.rx, 'addr', 'add', '10.255.1.2/30', 'dev', 'v3'],
      ['-n', ns.tx, 'link', 'set', 'v0', 'up'],
      ['-n', ns.relay, 'link', 'set', 'v1', 'up'],
      ['-n', ns.relay, 'link', 'set', 'v2', 'up'],
      ['-n', ns.rx, 'link', 'set', 'v3', 'up'],
      ...Object.values(ns).map((n) => ['-n', n, 'link', 'set', 'lo', 'up']),
    ];
    for (const s of steps) {
      const r = sh('ip', s);
      if (!r.ok) return { ok: false, why: `ip ${s.join(' ')}: ${r.out.trim()}` };
    }
    const relay = `router id 10.255.0.2;\nprotocol device {}\n${IMPORT_FILTER}protocol bgp from_sender {\n  local 10.255.0.2 as 65002;\n  neighbor 10.255.0.1 as 65001;\n  passive;\n  import filter calico_like_import;\n  export none;\n}\nprotocol bgp to_receiver {\n  local 10.255.1.1 as 65002;\n  neighbor 10.255.1.2 as 65003;\n  import none;\n  export filter { if net ~ [ 10.0.0.0/8+ ] then reject; accept; };\n}\n`;
    const rx = `router id 10.255.1.2;\nprotocol device {}\n${IMPORT_FILTER}protocol bgp from_relay {\n  local 10.255.1.2 as 65003;\n  neighbor 10.255.1.1 as 65002;\n  import filter calico_like_import;\n  export none;\n}\n`;
    const start = (side: 'relay' | 'rx', text: string): number | string => {
      const sub = path.join(dir, side);
      mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, 'bird.cfg'), text);
      const r = sh('ip', [
        'netns',
        'exec',
        ns[side],
        bird,
        '-c',
        path.join(sub, 'bird.cfg'),
        '-s',
        path.join(sub, 'bird.ctl'),
        '-P',
        path.join(sub, 'bird.pid'),
      ]);
      if (!r.ok) return `BIRD did not start: ${r.out.trim()}`;
      const pid = Number(readFileSync(path.join(sub, 'bird.pid'), 'utf8').trim());
      pids.push(pid);
      return pid;
    };
    const rxPid = start('rx', rx);
    if (typeof rxPid === 'string') return { ok: false, why: rxPid };
    const relayPid = start('relay', relay);
    if (typeof relayPid === 'string') return { ok: false, why: relayPid };
    const ctl = (side: 'relay' | 'rx', ...cmd: string[]) => sh(birdc, ['-s', path.join(dir, side, 'bird.ctl'), ...cmd]);
    // The relay's session to the receiver first (establishing it is not what is measured).
    for (let i = 0; i < 300 && !/to_receiver\s+BGP\s+\S+\s+up\s/.test(ctl('relay', 'show', 'protocols').out); i++)
      sleep(100);
    const before = cpuSeconds(relayPid) + cpuSeconds(rxPid);
    sender = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns.tx,
        process.execPath,
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'bgpSender.ts'),
        '10.255.0.1',
        '65001',
        '10.255.0.2',
        String(routes),
        workload,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], cwd: path.join(import.meta.dirname, '..') },
    );
    let senderError = '';
    sender.stderr?.on('data', (d: Buffer) => (senderError += d.toString()));
    let received = 0;
    for (let i = 0; i < 1800 && received < routes; i++) {
      sleep(50);
      received = Number(/^(\d+) of \d+ routes/m.exec(ctl('rx', 'show', 'route', 'count').out)?.[1] ?? 0);
    }
    const cpu = cpuSeconds(relayPid) + cpuSeconds(rxPid) - before;
    if (received < routes)
      return {
        ok: false,
        why: `the receiving BIRD holds ${received} of ${routes} routes after 90 s${senderError ? ` (${senderError.trim()})` : ''}`,
      };
    const handled = 2 * routes;
    return {
      ok: true,
      routes: handled,
      cpuSeconds: cpu,
      perSecond: Math.round(handled / Math.max(cpu, 1 / TICKS_PER_SECOND)),
      bird: found.note,
    };
  } finally {
    sender?.kill();
    for (const pid of pids) {
      try {
        process.kill(pid);
      } catch {
        // already gone
      }
    }
    for (const n of Object.values(ns)) sh('ip', ['netns', 'del', n]);
    rmSync(dir, { recursive: true, force: true });
  }
}
