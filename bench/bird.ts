/**
 * Real BIRD 1.6's speed, measured on this machine for the bench's comparison row: two daemons in
 * two network namespaces joined by a veth pair; the sender originates N static /32 routes and
 * exports them over eBGP, the receiver runs an import filter like calico-node's (a community
 * test, LOCAL_PREF) and keeps them. The session starts disabled; the CPU time both daemons spend
 * from enabling it until the receiver holds all N routes (utime + stime from /proc/<pid>/stat)
 * gives BIRD's route entries per CPU-second: N routes received and filtered, sender's work
 * included, as the engine's figure includes both sides. Needs Linux, root, iproute2 and BIRD 1.6;
 * otherwise it says why and the row is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findDaemonSync } from '../tools/daemons';

export type BirdRate = { ok: true; routes: number; cpuSeconds: number; perSecond: number; bird: string } | { ok: false; why: string };

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

function addressOf(i: number): string {
  const a = 0x64400000 + i; // 100.64.0.0/10 and up: never a real route of the bench's namespaces
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function measureBird(routes: number): BirdRate {
  if (process.platform !== 'linux') return { ok: false, why: 'network namespaces need Linux' };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, why: 'network namespaces need root' };
  if (!sh('ip', ['-V']).ok) return { ok: false, why: 'iproute2 (`ip`) is not installed' };
  const found = findDaemonSync('bird1');
  if (!found.path) return { ok: false, why: found.note };
  const bird = found.path;
  const birdc = path.join(path.dirname(realpathSync(bird)), 'birdc');
  if (!existsSync(birdc)) return { ok: false, why: `birdc not found next to ${bird}` };

  const tag = `lrbench${process.pid}`;
  const dir = path.join('/tmp', tag);
  const ns = { tx: `${tag}tx`, rx: `${tag}rx` };
  const pids: number[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const n of [ns.tx, ns.rx]) if (!sh('ip', ['netns', 'add', n]).ok) return { ok: false, why: `ip netns add ${n} failed` };
    const steps: string[][] = [
      ['link', 'add', 'v0', 'netns', ns.tx, 'type', 'veth', 'peer', 'name', 'v1', 'netns', ns.rx],
      ['-n', ns.tx, 'addr', 'add', '10.255.0.1/30', 'dev', 'v0'],
      ['-n', ns.rx, 'addr', 'add', '10.255.0.2/30', 'dev', 'v1'],
      ['-n', ns.tx, 'link', 'set', 'v0', 'up'],
      ['-n', ns.rx, 'link', 'set', 'v1', 'up'],
      ['-n', ns.tx, 'link', 'set', 'lo', 'up'],
      ['-n', ns.rx, 'link', 'set', 'lo', 'up'],
    ];
    for (const s of steps) {
      const r = sh('ip', s);
      if (!r.ok) return { ok: false, why: `ip ${s.join(' ')}: ${r.out.trim()}` };
    }
    const statics = Array.from({ length: routes }, (_, i) => `  route ${addressOf(i)}/32 blackhole;`).join('\n');
    const tx = `router id 10.255.0.1;\nprotocol device {}\nprotocol static origin {\n${statics}\n}\nprotocol bgp to_receiver {\n  disabled;\n  local 10.255.0.1 as 65001;\n  neighbor 10.255.0.2 as 65002;\n  import none;\n  export all;\n}\n`;
    const rx = `router id 10.255.0.2;\nprotocol device {}\nprotocol bgp from_sender {\n  local 10.255.0.2 as 65002;\n  neighbor 10.255.0.1 as 65001;\n  import filter {\n    if ((65000, 100) ~ bgp_community) then { bgp_local_pref = 2147483135; preference = 200; }\n    accept;\n  };\n  export none;\n}\n`;
    const start = (side: 'tx' | 'rx', text: string): number | string => {
      const sub = path.join(dir, side);
      mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, 'bird.cfg'), text);
      const r = sh('ip', ['netns', 'exec', ns[side], bird, '-c', path.join(sub, 'bird.cfg'), '-s', path.join(sub, 'bird.ctl'), '-P', path.join(sub, 'bird.pid')]);
      if (!r.ok) return `BIRD did not start: ${r.out.trim()}`;
      const pid = Number(readFileSync(path.join(sub, 'bird.pid'), 'utf8').trim());
      pids.push(pid);
      return pid;
    };
    const rxPid = start('rx', rx);
    if (typeof rxPid === 'string') return { ok: false, why: rxPid };
    const txPid = start('tx', tx);
    if (typeof txPid === 'string') return { ok: false, why: txPid };
    const ctl = (side: 'tx' | 'rx', ...cmd: string[]) => sh(birdc, ['-s', path.join(dir, side, 'bird.ctl'), ...cmd]);
    // Wait for the sender to hold its static routes (config parsing is not what is measured).
    for (let i = 0; i < 600 && !new RegExp(`^${routes} of ${routes} routes`, 'm').test(ctl('tx', 'show', 'route', 'count').out); i++) sleep(100);
    const before = cpuSeconds(txPid) + cpuSeconds(rxPid);
    if (!ctl('tx', 'enable', 'to_receiver').ok) return { ok: false, why: 'birdc enable failed' };
    let received = 0;
    for (let i = 0; i < 1200 && received < routes; i++) {
      sleep(50);
      received = Number(/^(\d+) of \d+ routes/m.exec(ctl('rx', 'show', 'route', 'count').out)?.[1] ?? 0);
    }
    const cpu = cpuSeconds(txPid) + cpuSeconds(rxPid) - before;
    if (received < routes) return { ok: false, why: `the receiving BIRD holds ${received} of ${routes} routes after 60 s` };
    return { ok: true, routes, cpuSeconds: cpu, perSecond: Math.round(routes / Math.max(cpu, 1 / TICKS_PER_SECOND)), bird: found.note };
  } finally {
    for (const pid of pids) {
      try {
        process.kill(pid);
      } catch {
        // already gone
      }
    }
    for (const n of [ns.tx, ns.rx]) sh('ip', ['netns', 'del', n]);
    rmSync(dir, { recursive: true, force: true });
  }
}
