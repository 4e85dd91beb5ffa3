/**
 * A design as a lab, as data (pure: no processes, no files): one network namespace (or container)
 * per Calico node and router, one bridge per rack segment, veth pairs for the segments and the
 * router links, the underlay as static kernel routes along the engine's underlay (DESIGN §6),
 * the configuration text of every speaker (the same renderers the exports use), and Felix's
 * workload routes per phase. src/verify/lab.ts runs it in namespaces; clab.ts writes it as a
 * containerlab topology.
 */
import { renderCalicoNode, calicoResourcesFromDesign } from '../calico';
import { routerConfig } from '../config';
import { Underlay } from '../engine/underlay';
import { PHASES, phaseState, type Phase } from '../engine/phases';
import { felixIfname, type MigrationSpec } from '../engine/simulate';
import { compareStrings } from '../lib/names';
import { resolveCluster, type Platform, type Topology } from '../model';

export interface SpeakerPlan {
  readonly name: string;
  readonly kind: 'node' | 'router';
  /** `calico` for calico-node. */
  readonly platform: 'calico' | Platform;
  readonly ns: string;
  readonly address: string;
  /** The rack segment it sits on: its interface there, with the rack subnet's prefix length. */
  readonly segment?: { readonly rack: string; readonly ifname: string; readonly prefixLength: number };
  /** Configuration files, by file name: `bird.cfg` (and calico-node's includes), or `frr.conf`, ... */
  readonly files: Readonly<Record<string, string>>;
  /** `ip route` arguments of the underlay routes. */
  readonly routes: readonly (readonly string[])[];
}

export interface SegmentPlan {
  readonly rack: string;
  readonly ns: string;
  readonly members: readonly string[];
}

export interface LinkPlan {
  readonly a: string;
  readonly b: string;
  /** The interface names on a's side and on b's side. */
  readonly aIf: string;
  readonly bIf: string;
}

/** How interfaces are named: the segment interface, and a router's interface for link `index` (its `nth` link). */
export interface Naming {
  readonly segment: string;
  readonly link: (speaker: string, index: number, nth: number) => string;
}

/** In network namespaces: `eth0` on the segment, `lk<link index>` on both ends of a link. */
export const NAMESPACE_NAMING: Naming = { segment: 'eth0', link: (_speaker, index) => `lk${index}` };

/** One `ip route` change in a node's namespace (Felix programming the workload route). */
export interface FelixChange {
  readonly node: string;
  readonly args: readonly string[];
}

export interface LabPlan {
  readonly design: string;
  readonly migration: MigrationSpec;
  /** The workload interface (`cali…`) on the source and the target node. */
  readonly workloadIf: string;
  readonly speakers: readonly SpeakerPlan[];
  readonly segments: readonly SegmentPlan[];
  readonly links: readonly LinkPlan[];
  /** Per phase, in order: the route changes that lead into it from the previous phase. */
  readonly phases: readonly { readonly name: Phase; readonly changes: readonly FelixChange[] }[];
}

/** Why a design cannot run where only `platforms` run, or undefined. */
export function unsupportedPlatforms(doc: Topology, platforms: readonly Platform[], where: string): string | undefined {
  const others = doc.spec.routers.filter((r) => !platforms.includes(r.platform));
  if (others.length === 0) return undefined;
  return `${where}; ${others.map((r) => `${r.name} is ${r.platform}`).join(', ')}`;
}

/** Why a design cannot run in the namespace lab (BIRD 1.x speakers only), or undefined. */
export function unsupported(doc: Topology): string | undefined {
  return unsupportedPlatforms(doc, ['bird1'], 'the lab runs BIRD 1.6 only');
}

function prefixLength(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/** The Felix routes a phase wants: node → metric. */
function felixRoutes(doc: Topology, m: MigrationSpec, phase: Phase): Map<string, number> {
  const c = resolveCluster(doc.spec);
  return new Map(
    phaseState(phase, m.from, m.to, c.normalPriority, c.elevatedPriority).routes.map((r) => [r.node, r.metric]),
  );
}

/** The `ip route` changes from one phase's Felix routes to the next: add the new route first, then remove the old. */
function felixChanges(
  ip: string,
  ifname: string,
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): FelixChange[] {
  const out: FelixChange[] = [];
  const nodes = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  for (const node of nodes) {
    const was = before.get(node);
    const want = after.get(node);
    if (was === want) continue;
    if (want !== undefined)
      out.push({
        node,
        args: ['route', 'replace', `${ip}/32`, 'dev', ifname, 'metric', String(want), 'proto', 'boot'],
      });
    if (was !== undefined) out.push({ node, args: ['route', 'del', `${ip}/32`, 'dev', ifname, 'metric', String(was)] });
  }
  return out;
}

/** The configuration files a router runs, by file name. */
function routerFiles(doc: Topology, router: string, platform: Platform): Record<string, string> {
  const text = routerConfig(doc, router).text;
  return platform === 'frr'
    ? { 'frr.conf': text }
    : platform === 'bird1' || platform === 'bird2'
      ? { 'bird.cfg': text }
      : { [`${router}.${platform}`]: text };
}

export function labPlan(
  doc: Topology,
  migration: MigrationSpec,
  prefix: string,
  naming: Naming = NAMESPACE_NAMING,
): LabPlan {
  const underlay = new Underlay(doc);
  const set = calicoResourcesFromDesign(doc);
  const rackOf = new Map<string, string>();
  const addressOf = new Map<string, string>();
  const ns = (name: string) => `${prefix}.${name}`;
  const subnet = new Map(doc.spec.racks.map((r) => [r.name, r.subnet]));
  for (const n of doc.spec.nodes) {
    rackOf.set(n.name, n.rack);
    addressOf.set(n.name, n.address);
  }
  for (const r of doc.spec.routers) {
    if (r.role === 'tor' && r.rack) rackOf.set(r.name, r.rack);
    addressOf.set(r.name, r.address);
  }
  const nth = new Map<string, number>();
  const next = (speaker: string) => {
    const n = nth.get(speaker) ?? 0;
    nth.set(speaker, n + 1);
    return n;
  };
  const links: LinkPlan[] = doc.spec.links.map(([a, b], i) => ({
    a,
    b,
    aIf: naming.link(a, i, next(a)),
    bIf: naming.link(b, i, next(b)),
  }));
  const linkIf = (self: string, other: string) => {
    const l = links.find((x) => (x.a === self && x.b === other) || (x.a === other && x.b === self));
    return l ? (l.a === self ? l.aIf : l.bIf) : undefined;
  };

  const routesOf = (self: string): string[][] => {
    const out: string[][] = [];
    const others = [...addressOf.keys()].filter((x) => x !== self).sort(compareStrings);
    for (const other of others) {
      if (underlay.sameSegment(self, other)) continue; // the segment's connected route
      const dst = `${addressOf.get(other) as string}/32`;
      const hop = underlay.path(self, other);
      if (!hop) continue;
      const direct = linkIf(self, other);
      if (hop.via === other && direct) {
        out.push(['route', 'replace', dst, 'dev', direct, 'scope', 'link', 'proto', 'static']);
        continue;
      }
      const gw = addressOf.get(hop.via) as string;
      if (underlay.sameSegment(self, hop.via))
        out.push(['route', 'replace', dst, 'via', gw, 'dev', naming.segment, 'proto', 'static']);
      else
        out.push([
          'route',
          'replace',
          dst,
          'via',
          gw,
          'dev',
          linkIf(self, hop.via) as string,
          'onlink',
          'proto',
          'static',
        ]);
    }
    return out;
  };

  const speakers: SpeakerPlan[] = [];
  for (const n of [...doc.spec.nodes].sort((a, b) => compareStrings(a.name, b.name))) {
    const cfg = renderCalicoNode(set, n.name);
    speakers.push({
      name: n.name,
      kind: 'node',
      platform: 'calico',
      ns: ns(n.name),
      address: n.address,
      segment: { rack: n.rack, ifname: naming.segment, prefixLength: prefixLength(subnet.get(n.rack) as string) },
      files: { 'bird.cfg': cfg.birdCfg, 'bird_aggr.cfg': cfg.birdAggrCfg, 'bird_ipam.cfg': cfg.birdIpamCfg },
      routes: routesOf(n.name),
    });
  }
  for (const r of [...doc.spec.routers].sort((a, b) => compareStrings(a.name, b.name))) {
    const rack = rackOf.get(r.name);
    speakers.push({
      name: r.name,
      kind: 'router',
      platform: r.platform,
      ns: ns(r.name),
      address: r.address,
      ...(rack
        ? { segment: { rack, ifname: naming.segment, prefixLength: prefixLength(subnet.get(rack) as string) } }
        : {}),
      files: routerFiles(doc, r.name, r.platform),
      routes: routesOf(r.name),
    });
  }
  const segments: SegmentPlan[] = [...doc.spec.racks]
    .sort((a, b) => compareStrings(a.name, b.name))
    .map((rack) => ({
      rack: rack.name,
      ns: `${prefix}.seg.${rack.name}`,
      members: speakers.filter((s) => s.segment?.rack === rack.name).map((s) => s.name),
    }));

  const phases: { name: Phase; changes: FelixChange[] }[] = [];
  let before = new Map<string, number>();
  const workloadIf = felixIfname(migration.vm);
  for (const phase of PHASES) {
    const after = felixRoutes(doc, migration, phase);
    phases.push({ name: phase, changes: felixChanges(migration.ip, workloadIf, before, after) });
    before = after;
  }
  return { design: doc.metadata.name, migration, workloadIf, speakers, segments, links, phases };
}
