/**
 * Issue 15's acceptance property: every config of every platform generated from any design the
 * readers accept is refused by no real daemon the lab has. Random designs (fast-check, seeded,
 * bounded) come from the design arbitraries, with their hostile but valid values (names of 63
 * and 253 characters, AS numbers and communities at their range edges, the BGPConfiguration
 * fields confd writes into bird.cfg), and from the lab's random BIRD designs. Each is written
 * out and read back by the design reader, its Calico manifests read back by the Calico reader
 * (what `render-calico` reads), and then:
 *
 * - every router, set to BIRD 1.x, BIRD 2 and FRR in turn, gets a config that `bird -p` (1.6.8,
 *   2.0.12) and FRR 8.4's checks (`vtysh --dryrun`, `bgpd -C`) accept;
 * - every node's calico-node files (bird.cfg with bird_aggr.cfg and bird_ipam.cfg) are the same
 *   from the design as from its read-back manifests, and `bird -p` (1.6) accepts them, except for
 *   the two refusals Calico's own output earns (an empty BGPFilter prefix range, a BGPPeer with no
 *   AS), which the engine diagnoses and BIRD must then give with that message.
 *
 * The seed is printed; LIVEROUTE_SEED=<seed> replays a run. A missing daemon is said and
 * skipped, except in CI (CI=1), where it fails (as in src/verify/configDaemons.test.ts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  calicoResourcesFromDesign,
  formatReadIssue,
  manifestFiles,
  readCalicoResources,
  renderCalicoNode,
  type CalicoResourceSet,
} from '../calico';
import { calicoOwnRefusals } from '../calico/confd/test-support';
import { routerConfigs } from '../config';
import { formatIssue, parseDesign, serializeDesign, type Platform, type Topology } from '../model';
import { onPlatform } from '../model/policy/test-fabric';
import { designArb } from '../model/test-arbitrary';
import { randomDesign } from './randomDesign';
import { birdParse, findDaemon, frrCheck, mapLimit, scratch, type DaemonKind, type Found } from './daemons';

const SEED = process.env.LIVEROUTE_SEED !== undefined ? Number(process.env.LIVEROUTE_SEED) : 20261207;
/** Sized for about a minute on a quiet 2-core machine (FRR's two checks per config dominate). */
const RUNS = 40;
const PARALLEL = 4;

interface Source {
  readonly label: string;
  /** The design as a file: what the reader is given. */
  readonly text: string;
}

const sourceArb: fc.Arbitrary<Source> = fc.oneof(
  {
    arbitrary: designArb.map((doc) => ({
      label: `generated design ${doc.metadata.name}`,
      text: serializeDesign(doc, 'yaml'),
    })),
    weight: 4,
  },
  {
    arbitrary: fc
      .integer({ min: 1, max: 2 ** 31 - 1 })
      .map((seed) => ({ label: `lab design of seed ${seed}`, text: randomDesign(seed).text })),
    weight: 1,
  },
);

const found = new Map<DaemonKind, Found>();
beforeAll(async () => {
  for (const kind of ['bird1', 'bird2', 'vtysh', 'bgpd'] as const) found.set(kind, await findDaemon(kind));
});

/** The platforms a daemon here can check (EOS, NX-OS and Junos have only the structural checks of src/config/structure.test.ts). */
const CHECKED_PLATFORMS = ['bird1', 'bird2', 'frr'] as const satisfies readonly Platform[];
type Bins = { readonly [P in (typeof CHECKED_PLATFORMS)[number]]: string[] | undefined };

/** The paths of the daemons, or undefined (after saying so) when one is missing outside CI. */
function daemons(kinds: readonly DaemonKind[]): string[] | undefined {
  const missing = kinds.map((k) => found.get(k)).filter((f) => f?.path === undefined);
  if (missing.length === 0) return kinds.map((k) => found.get(k)?.path as string);
  const why = missing.map((f) => f?.note ?? 'unknown').join('; ');
  if (process.env.CI) throw new Error(`daemon acceptance of accepted designs: required in CI, but ${why}`);
  console.warn(`SKIPPED the ${kinds.join(' and ')} checks of accepted designs: ${why}`);
  return undefined;
}

function mustRead(source: Source): Topology {
  const r = parseDesign(source.text);
  if (!r.ok)
    throw new Error(
      `${source.label}: the design reader refuses its own output:\n${r.error.map(formatIssue).join('\n')}`,
    );
  return r.value.doc;
}

/** The design's Calico side as `render-calico` reads it: its manifests, through the Calico reader (block affinities from the design, as they are not exported). */
function readBack(doc: Topology, fromDesign: CalicoResourceSet): CalicoResourceSet {
  const text = manifestFiles(doc)
    .filter((f) => f.kind !== undefined)
    .map((f) => f.text)
    .join('---\n');
  const r = readCalicoResources(text);
  if (!r.ok)
    throw new Error(`the Calico reader refuses the design's manifests:\n${r.error.map(formatReadIssue).join('\n')}`);
  return { ...r.value, blockAffinities: fromDesign.blockAffinities };
}

/** One calico-node bird.cfg with its includes in place (what BIRD reads). */
function calicoNodeConfig(set: CalicoResourceSet, node: string): string {
  const cfg = renderCalicoNode(set, node);
  return cfg.birdCfg
    .replace('include "bird_aggr.cfg";', cfg.birdAggrCfg)
    .replace('include "bird_ipam.cfg";', cfg.birdIpamCfg);
}

interface Job {
  readonly what: string;
  readonly text: string;
  readonly check: (file: string) => Promise<string | undefined>;
  /** For calico-node files: the refusals Calico's own output earns (then BIRD must give one of them). */
  readonly expected?: readonly RegExp[];
}

interface Tally {
  designs: number;
  routerConfigs: number;
  nodeConfigs: number;
  calicoRefusals: number;
  /** Designs with the hostile values the run is meant to try, so that a change to the arbitraries cannot quietly drop them. */
  longNames: number;
  edgeCommunities: number;
  bgpConfigurations: number;
}

const EDGE_COMMUNITY = /(^|[^\d])(0:0|65535:65535|4294967295:4294967295:4294967295)($|[^\d:])/;

function countHostile(doc: Topology, tally: Tally): void {
  const names = [...doc.spec.racks, ...doc.spec.nodes, ...doc.spec.routers].map((x) => x.name);
  if (names.some((n) => n.length === 63)) tally.longNames++;
  if (EDGE_COMMUNITY.test(JSON.stringify(doc))) tally.edgeCommunities++;
  const b = doc.spec.cluster?.bgpConfiguration;
  if ((b?.ignoredInterfaces?.length ?? 0) > 0 && (b?.prefixAdvertisements?.length ?? 0) > 0) tally.bgpConfigurations++;
}

function jobs(source: Source, bins: Bins, tally: Tally): Job[] {
  const doc = mustRead(source);
  countHostile(doc, tally);
  const out: Job[] = [];
  for (const platform of CHECKED_PLATFORMS) {
    const bin = bins[platform];
    if (!bin) continue;
    const check =
      platform === 'frr'
        ? (f: string) => frrCheck(bin[0] as string, bin[1] as string, f)
        : (f: string) => birdParse(bin[0] as string, f);
    for (const f of routerConfigs(onPlatform(doc, platform))) out.push({ what: f.fileName, text: f.text, check });
  }
  const set = calicoResourcesFromDesign(doc);
  const read = readBack(doc, set);
  const bird1 = bins.bird1;
  for (const node of doc.spec.nodes) {
    const text = calicoNodeConfig(set, node.name);
    expect(
      calicoNodeConfig(read, node.name),
      `${source.label}: ${node.name}'s bird.cfg from the read-back manifests`,
    ).toBe(text);
    if (bird1)
      out.push({
        what: `calico-node/${node.name}/bird.cfg`,
        text,
        check: (f) => birdParse(bird1[0] as string, f),
        expected: calicoOwnRefusals(set, node.name),
      });
  }
  tally.designs++;
  tally.routerConfigs += out.filter((j) => j.expected === undefined).length;
  tally.nodeConfigs += out.length - out.filter((j) => j.expected === undefined).length;
  return out;
}

describe('the real daemons accept every config of every design the readers accept', () => {
  it(`${RUNS} random designs (hostile but valid values, and lab designs): BIRD 1.6, BIRD 2 and FRR`, async () => {
    console.info(
      `daemon acceptance of accepted designs: seed ${SEED}, ${RUNS} designs (LIVEROUTE_SEED=${SEED} replays this run)`,
    );
    const bins: Bins = { bird1: daemons(['bird1']), bird2: daemons(['bird2']), frr: daemons(['vtysh', 'bgpd']) };
    if (!bins.bird1 && !bins.bird2 && !bins.frr) return;
    const tally: Tally = {
      designs: 0,
      routerConfigs: 0,
      nodeConfigs: 0,
      calicoRefusals: 0,
      longNames: 0,
      edgeCommunities: 0,
      bgpConfigurations: 0,
    };
    const dir = scratch();
    try {
      await fc.assert(
        fc.asyncProperty(sourceArb, async (source) => {
          const results = await mapLimit(jobs(source, bins, tally), PARALLEL, async (job) => ({
            job,
            error: await job.check(dir.file(job.what.replaceAll('/', '_'), job.text)),
          }));
          for (const { job, error } of results) {
            const expected = job.expected ?? [];
            if (expected.length === 0) {
              expect(
                error,
                `${source.label}: ${job.what} is refused:\n${error}\n${job.text}\n--- the design:\n${source.text}`,
              ).toBeUndefined();
            } else {
              // Calico's own output, refused by BIRD as calico-node's would be (the engine says so).
              expect(error, `${source.label}: ${job.what}: BIRD should refuse Calico's output`).toBeDefined();
              expect(
                expected.some((re) => re.test(error ?? '')),
                `${source.label}: ${job.what}: ${error}`,
              ).toBe(true);
              tally.calicoRefusals++;
            }
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      dir.dispose();
    }
    console.info(
      `daemon acceptance of accepted designs: ${tally.designs} designs, ${tally.routerConfigs} router configs and ${tally.nodeConfigs} calico-node configs checked (${tally.calicoRefusals} refused as Calico's own output is, as predicted); ` +
        `${tally.longNames} designs with 63-character names, ${tally.edgeCommunities} with communities at a range edge, ${tally.bgpConfigurations} with ignored interfaces and prefix advertisements`,
    );
    expect(tally.designs).toBe(RUNS);
    expect(tally.routerConfigs).toBeGreaterThan(RUNS);
    expect(tally.nodeConfigs).toBeGreaterThan(RUNS);
    expect(tally.longNames).toBeGreaterThan(0);
    expect(tally.edgeCommunities).toBeGreaterThan(0);
    expect(tally.bgpConfigurations).toBeGreaterThan(0);
  });
});
