/**
 * Carries out a LabPlan on this machine: network namespaces, bridges and veth pairs, the
 * underlay routes, one real BIRD 1.6 daemon per speaker, Felix's route changes per phase, and
 * reads back what BIRD and the kernel hold. Needs root (network namespaces) and iproute2.
 *
 * Everything it makes is named `lrv<pid>.…` (namespaces) and lives under /tmp/lrv<pid> (configs,
 * sockets): `destroy()` kills every process in those namespaces and deletes them, also on
 * SIGINT/SIGTERM and at exit; `sweepStale()` removes what a killed earlier run left behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allSettled, birdQuery, exec, ipBatch, kernelTables } from './commands';
import type { LabPlan, SpeakerPlan } from '../lab/plan';

export const LAB_PREFIX = 'lrv';

/** A namespace with its loopback up, forwarding on and no reverse-path filter; recorded in `made`. */
export async function addNamespace(ns: string, made: string[]): Promise<void> {
  await exec('ip', ['netns', 'add', ns]);
  made.push(ns);
  // Forward between interfaces (routers carry the sessions of others), no reverse-path filter.
  await exec('ip', [
    'netns',
    'exec',
    ns,
    'sh',
    '-c',
    'ip link set lo up && echo 1 > /proc/sys/net/ipv4/ip_forward && for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo 0 > $f; done',
  ]);
}
const NETNS_DIR = '/run/netns';

const ip = (args: readonly string[]) => exec('ip', args);

/** A design running somewhere the lab can read: BIRD sockets and kernel tables per speaker. */
export interface LabRuntime {
  readonly plan: LabPlan;
  /** Speakers whose daemon refused to start, with its message. */
  readonly startErrors: ReadonlyMap<string, string>;
  /** Builds the network and starts every daemon, in the base phase. */
  start(): Promise<void>;
  /** Applies the route changes leading into phase `index` (Felix). */
  enterPhase(index: number): Promise<void>;
  running(speaker: string): boolean;
  /** Replies to the commands on the speaker's BIRD control socket, in order ('' each where no BIRD runs). */
  birdShow(speaker: string, commands: readonly string[]): Promise<string[]>;
  /** Every speaker's kernel routing table (`ip -j route`), in the plan's order. */
  kernelTables(): Promise<string[]>;
  destroy(): Promise<void>;
  destroySync(): void;
}

const live = new Set<LabRuntime>();
let hooked = false;

/** Registers a runtime for cleanup at exit or on a signal. */
export function track(lab: LabRuntime): void {
  hookExit();
  live.add(lab);
}

export function untrack(lab: LabRuntime): void {
  live.delete(lab);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const cleanAll = () => {
    for (const lab of live) lab.destroySync();
    // Everything under /tmp/lrv<pid> is this process's (configs, sockets, containerlab exports).
    rmSync(path.join('/tmp', `${LAB_PREFIX}${process.pid}`), { recursive: true, force: true });
  };
  process.on('exit', cleanAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      cleanAll();
      process.exit(130);
    });
  }
}

function namespaces(): string[] {
  return existsSync(NETNS_DIR) ? readdirSync(NETNS_DIR) : [];
}

export function removeNamespaceSync(ns: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout ?? '';
  for (const pid of pids.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawnSync('ip', ['netns', 'del', ns]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes this process's scratch folder (/tmp/lrv<pid>) once no lab uses it. */
export function removeRunDirIfEmpty(): void {
  const dir = path.join('/tmp', `${LAB_PREFIX}${process.pid}`);
  if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
}

/** Removes the namespaces and folders of earlier runs whose process is gone. Returns how many namespaces. */
export function sweepStale(): number {
  let n = 0;
  for (const ns of namespaces()) {
    const m = new RegExp(`^${LAB_PREFIX}(\\d+)\\.`).exec(ns);
    if (!m || alive(Number(m[1]))) continue;
    removeNamespaceSync(ns);
    n++;
  }
  for (const dir of existsSync('/tmp') ? readdirSync('/tmp') : []) {
    const m = new RegExp(`^${LAB_PREFIX}(\\d+)$`).exec(dir);
    if (m && !alive(Number(m[1]))) rmSync(path.join('/tmp', dir), { recursive: true, force: true });
  }
  return n;
}

/** What the machine lacks to run the lab, or undefined. */
export function labUnavailable(bird: string | undefined): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'network namespaces need root';
  if (spawnSync('ip', ['-V']).status !== 0) return 'iproute2 (`ip`) is not installed';
  if (!bird) return 'BIRD 1.6 is not installed (scripts/install-daemons.sh)';
  return undefined;
}

export class Lab implements LabRuntime {
  readonly dir: string;
  private readonly made: string[] = [];
  private readonly bySpeaker: Map<string, SpeakerPlan>;
  /** Speakers whose BIRD refused to start, with BIRD's message. */
  readonly startErrors = new Map<string, string>();

  constructor(
    readonly plan: LabPlan,
    private readonly bird: string,
    /** A name unique among the labs of this process. */
    tag: string,
  ) {
    this.dir = path.join('/tmp', `${LAB_PREFIX}${process.pid}`, tag);
    this.bySpeaker = new Map(plan.speakers.map((s) => [s.name, s]));
  }

  socket(speaker: string): string {
    return path.join(this.dir, String(this.plan.speakers.findIndex((s) => s.name === speaker)), 'bird.ctl');
  }

  private async addNs(ns: string): Promise<void> {
    await addNamespace(ns, this.made);
  }

  async start(): Promise<void> {
    await this.build();
    await this.enterPhase(0);
    await this.startDaemons();
  }

  /** Namespaces, bridges, veth pairs, addresses and underlay routes; independent steps run at once. */
  async build(): Promise<void> {
    track(this);
    const { plan } = this;
    mkdirSync(this.dir, { recursive: true });
    await allSettled([
      ...plan.segments.map(async (seg) => {
        await this.addNs(seg.ns);
        await ipBatch(seg.ns, [
          ['link', 'add', 'br0', 'type', 'bridge'],
          ['link', 'set', 'br0', 'up'],
        ]);
      }),
      ...plan.speakers.map((s) => this.addNs(s.ns)),
    ]);
    await allSettled([
      ...plan.segments.flatMap((seg) =>
        seg.members.map((member, i) => {
          const s = this.bySpeaker.get(member) as SpeakerPlan;
          return ip([
            'link',
            'add',
            s.segment?.ifname ?? 'eth0',
            'netns',
            s.ns,
            'type',
            'veth',
            'peer',
            'name',
            `p${i}`,
            'netns',
            seg.ns,
          ]);
        }),
      ),
      ...plan.links.map((l) => {
        const a = this.bySpeaker.get(l.a) as SpeakerPlan;
        const b = this.bySpeaker.get(l.b) as SpeakerPlan;
        return ip(['link', 'add', l.aIf, 'netns', a.ns, 'type', 'veth', 'peer', 'name', l.bIf, 'netns', b.ns]);
      }),
    ]);
    const ports = plan.segments.map((seg) =>
      ipBatch(
        seg.ns,
        seg.members.flatMap((_, i) => [
          ['link', 'set', `p${i}`, 'master', 'br0'],
          ['link', 'set', `p${i}`, 'up'],
        ]),
      ),
    );
    const speakers = plan.speakers.map((s) => {
      const lines: (readonly string[])[] = [];
      if (s.segment)
        lines.push(
          ['addr', 'add', `${s.address}/${s.segment.prefixLength}`, 'dev', s.segment.ifname],
          ['link', 'set', s.segment.ifname, 'up'],
        );
      else lines.push(['addr', 'add', `${s.address}/32`, 'dev', 'lo']);
      for (const l of plan.links) {
        if (l.a === s.name) lines.push(['link', 'set', l.aIf, 'up']);
        if (l.b === s.name) lines.push(['link', 'set', l.bIf, 'up']);
      }
      if (s.name === plan.migration.from || s.name === plan.migration.to) {
        // The VM's interface: one end of a veth pair, as the pod's is (its peer stays here, unused).
        lines.push(
          ['link', 'add', plan.workloadIf, 'type', 'veth', 'peer', 'name', 'vm0'],
          ['link', 'set', 'vm0', 'up'],
          ['link', 'set', plan.workloadIf, 'up'],
        );
      }
      // The underlay routes after the addresses and links they go through.
      return ipBatch(s.ns, [...lines, ...s.routes]);
    });
    await allSettled([...ports, ...speakers]);
  }

  /** Applies the route changes leading into phase `index` (Felix). */
  async enterPhase(index: number): Promise<void> {
    const phase = this.plan.phases[index];
    if (!phase) throw new Error(`no phase ${index}`);
    for (const c of phase.changes) await ipBatch((this.bySpeaker.get(c.node) as SpeakerPlan).ns, [c.args]);
  }

  /**
   * Writes every speaker's configuration and starts every BIRD at once (as the nodes of a
   * fabric boot on their own); a refused config is recorded, not thrown.
   */
  async startDaemons(): Promise<void> {
    const refused = await Promise.all(
      this.plan.speakers.map(async (s, i) => {
        const dir = path.join(this.dir, String(i));
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(s.files)) writeFileSync(path.join(dir, name), text);
        try {
          await exec(
            'ip',
            [
              'netns',
              'exec',
              s.ns,
              this.bird,
              '-c',
              'bird.cfg',
              '-s',
              path.join(dir, 'bird.ctl'),
              '-P',
              path.join(dir, 'bird.pid'),
            ],
            { cwd: dir },
          );
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      }),
    );
    // Recorded in the plan's order, whichever daemon finished first.
    this.plan.speakers.forEach((s, i) => {
      const message = refused[i];
      if (message !== undefined) this.startErrors.set(s.name, message);
    });
  }

  running(speaker: string): boolean {
    return !this.startErrors.has(speaker);
  }

  async birdShow(speaker: string, commands: readonly string[]): Promise<string[]> {
    return this.running(speaker) ? birdQuery(this.socket(speaker), commands) : commands.map(() => '');
  }

  kernelTables(): Promise<string[]> {
    return kernelTables(this.plan.speakers.map((s) => s.ns));
  }

  destroySync(): void {
    for (const ns of this.made.splice(0).reverse()) removeNamespaceSync(ns);
    rmSync(this.dir, { recursive: true, force: true });
    untrack(this);
  }

  async destroy(): Promise<void> {
    this.destroySync();
    removeRunDirIfEmpty();
  }
}
