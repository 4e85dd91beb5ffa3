/**
 * A containerlab export run as containerlab would, without Docker: each topology node becomes a
 * network namespace, each link a veth pair with the endpoint names, and each node's `exec`
 * commands run in its namespace, with the container paths of its `binds` replaced by the
 * exported files' paths on this machine (and `/run/bird.ctl` by a socket in a scratch folder).
 * `containerlab/migrate.sh` walks the phases with `docker exec clab-<lab>-<node>` replaced by
 * `ip netns exec`. What runs is the exported text itself: the topology, the setup scripts, the
 * configs; only the container boundary is emulated.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { exportFiles } from '../config/bundle';
import type { MigrationSpec } from '../engine/simulate';
import { clabFiles, clabPlan } from '../lab/clab';
import type { LabPlan } from '../lab/plan';
import type { Topology } from '../model';
import { allSettled, birdQuery, exec, kernelTables } from './commands';
import {
  addNamespace,
  LAB_PREFIX,
  removeNamespaceSync,
  removeRunDirIfEmpty,
  track,
  untrack,
  type LabRuntime,
} from './lab';

interface ClabNode {
  readonly labels?: Readonly<Record<string, string>>;
  readonly binds?: readonly string[];
  readonly exec?: readonly string[];
}
interface ClabTopology {
  readonly name: string;
  readonly topology: {
    readonly nodes: Readonly<Record<string, ClabNode>>;
    readonly links: readonly { readonly endpoints: readonly [string, string] }[];
  };
}

export class ClabLab implements LabRuntime {
  readonly startErrors = new Map<string, string>();
  private readonly made: string[] = [];
  private readonly dir: string;
  private readonly topo: ClabTopology;
  /** Each speaker's container, as the export's `liveroute.name` labels say. */
  private readonly containerOf = new Map<string, string>();

  constructor(
    readonly plan: LabPlan,
    /** The folder the export was written to (the .clab.yml sits at its root). */
    private readonly exportDir: string,
    private readonly bird: string,
    private readonly tag: string,
  ) {
    this.dir = path.join('/tmp', `${LAB_PREFIX}${process.pid}`, tag);
    this.topo = parse(readFileSync(path.join(exportDir, `${plan.design}.clab.yml`), 'utf8')) as ClabTopology;
    for (const [container, node] of Object.entries(this.topo.topology.nodes)) {
      const labels = node.labels ?? {};
      if (labels['liveroute.kind'] !== 'segment' && labels['liveroute.name'] !== undefined)
        this.containerOf.set(labels['liveroute.name'], container);
    }
  }

  /** The container a speaker runs in; a speaker the topology does not label is an error in the export. */
  private container(speaker: string): string {
    const container = this.containerOf.get(speaker);
    if (container === undefined)
      throw new Error(`${this.plan.design}.clab.yml: no container is labelled liveroute.name: ${speaker}`);
    return container;
  }

  private ns(node: string): string {
    return `${LAB_PREFIX}${process.pid}.${this.tag}.${node}`;
  }

  private nodeDir(node: string): string {
    return path.join(this.dir, node);
  }

  /** A command or script text with the node's container paths replaced by this machine's. */
  private localize(node: string, text: string): string {
    let out = text.replaceAll('/run/bird.ctl', path.join(this.nodeDir(node), 'bird.ctl'));
    for (const bind of this.topo.topology.nodes[node]?.binds ?? []) {
      const [src, dst] = bind.split(':') as [string, string];
      out = out.replaceAll(dst, path.resolve(this.exportDir, src));
    }
    return out;
  }

  async start(): Promise<void> {
    track(this);
    mkdirSync(path.join(this.dir, 'bin'), { recursive: true });
    // `bird` on the PATH of the setup scripts: the BIRD 1.6 the lab uses.
    symlinkSync(this.bird, path.join(this.dir, 'bin', 'bird'));
    const nodes = Object.keys(this.topo.topology.nodes);
    // As containerlab deploys: every node, then every link, then each node's `exec` commands
    // in order, the nodes side by side.
    await allSettled(
      nodes.map((node) => {
        mkdirSync(this.nodeDir(node), { recursive: true });
        return addNamespace(this.ns(node), this.made);
      }),
    );
    await allSettled(
      this.topo.topology.links.map(({ endpoints }) => {
        const [a, aIf] = endpoints[0].split(':') as [string, string];
        const [b, bIf] = endpoints[1].split(':') as [string, string];
        return exec('ip', [
          'link',
          'add',
          aIf,
          'netns',
          this.ns(a),
          'type',
          'veth',
          'peer',
          'name',
          bIf,
          'netns',
          this.ns(b),
        ]);
      }),
    );
    const refused = await Promise.all(nodes.map((node) => this.runExec(node)));
    // Recorded in the topology's order, whichever node finished first, under the speaker's name.
    const speakerOf = new Map([...this.containerOf].map(([speaker, container]) => [container, speaker]));
    nodes.forEach((node, i) => {
      const message = refused[i];
      if (message !== undefined) this.startErrors.set(speakerOf.get(node) ?? node, message);
    });
  }

  /** Runs the node's `exec` commands in order; the last failure's message, if any. */
  private async runExec(node: string): Promise<string | undefined> {
    let failure: string | undefined;
    for (const [i, command] of (this.topo.topology.nodes[node]?.exec ?? []).entries()) {
      // `sh FILE`: run a localized copy of the script; anything else runs as it is, localized.
      const script = /^sh (\S+)$/.exec(command);
      const file = path.join(this.nodeDir(node), `exec-${i}.sh`);
      writeFileSync(
        file,
        script
          ? this.localize(node, readFileSync(this.localize(node, script[1] as string), 'utf8'))
          : `${this.localize(node, command)}\n`,
      );
      try {
        await exec(
          'ip',
          [
            'netns',
            'exec',
            this.ns(node),
            'env',
            `PATH=${path.join(this.dir, 'bin')}:${process.env.PATH ?? ''}`,
            'sh',
            file,
          ],
          { cwd: this.nodeDir(node) },
        );
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
    }
    return failure;
  }

  async enterPhase(index: number): Promise<void> {
    const phase = this.plan.phases[index];
    if (!phase || index === 0) return;
    const script = readFileSync(path.join(this.exportDir, 'containerlab', 'migrate.sh'), 'utf8').replaceAll(
      `docker exec clab-${this.topo.name}-`,
      `ip netns exec ${this.ns('')}`,
    );
    const file = path.join(this.dir, 'migrate.sh');
    writeFileSync(file, script);
    await exec('sh', [file, phase.name]);
  }

  running(speaker: string): boolean {
    return !this.startErrors.has(speaker);
  }

  birdShow(speaker: string, commands: readonly string[]): Promise<string[]> {
    return this.running(speaker)
      ? birdQuery(path.join(this.nodeDir(this.container(speaker)), 'bird.ctl'), commands)
      : Promise.resolve(commands.map(() => ''));
  }

  kernelTables(): Promise<string[]> {
    return kernelTables(this.plan.speakers.map((s) => this.ns(this.container(s.name))));
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

/** Writes the design's export with its containerlab files into `dir` and returns the runtime for it. */
export function exportForClab(
  doc: Topology,
  migration: MigrationSpec,
  dir: string,
  bird: string,
  tag: string,
): ClabLab {
  rmSync(dir, { recursive: true, force: true });
  const written = new Set<string>();
  for (const f of [...exportFiles(doc), ...clabFiles(doc, migration)]) {
    // One file replacing another would run something else than the export says: a bug in the export.
    if (written.has(f.path.toLowerCase())) throw new Error(`the containerlab export writes ${f.path} twice`);
    written.add(f.path.toLowerCase());
    const target = path.join(dir, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.text);
  }
  return new ClabLab(clabPlan(doc, migration), dir, bird, tag);
}
