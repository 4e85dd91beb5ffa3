/**
 * The proof against the real daemons: every generated config of every built-in design, of the
 * golden and feature designs, of generated fabrics and of 100 random designs (fast-check,
 * fixed seed), with every router set to BIRD 1.x, then BIRD 2, then FRR, is accepted by
 * `bird -p` (BIRD 1.6.8 and 2.0.12) and by FRR 8.4's checks (`vtysh --dryrun`, `bgpd -C`).
 * Each checker is first shown to refuse a broken config. The daemons come from
 * scripts/install-daemons.sh (LIVEROUTE_DAEMON_DIR=DIR looks in DIR only); where one is missing
 * the test says so and passes, except in CI (CI=1), where a missing daemon fails.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { designArb } from '../model/test-arbitrary';
import { generateFabric } from '../model/edit/generate';
import type { Platform, Topology } from '../model';
import { routerConfigs } from '../config/index';
import { builtInDesigns, fabric, goldenDesign, onPlatform } from '../config/test-designs';
import { birdParse, findDaemon, frrCheck, mapLimit, scratch, type DaemonKind, type Found } from './daemons';

const SEED = 20261121;
const RANDOM_DESIGNS = 100;
const PARALLEL = 4;

function designs(): { name: string; doc: Topology }[] {
  const random = fc.sample(designArb, { numRuns: RANDOM_DESIGNS, seed: SEED });
  return [
    ...builtInDesigns(),
    { name: 'golden', doc: goldenDesign() },
    {
      name: 'features: RR + mixed group',
      doc: fabric({ platform: 'bird1', routeReflector: true, torAs: 64512, nodeAs: [undefined, 65102, undefined] }),
    },
    {
      name: 'features: uniform iBGP group',
      doc: fabric({ platform: 'bird1', routeReflector: true, torAs: 64512, nodeAs: [undefined, undefined] }),
    },
    {
      name: 'features: multihop + tor pair + nodes to spine',
      doc: fabric({ platform: 'bird1', multihopSpine: true, torPair: true, nodesToSpine: true }),
    },
    {
      name: 'features: large community, no communities, default',
      doc: fabric({
        platform: 'bird1',
        policy: {
          elevatedCommunity: '4200000000:1:2',
          sendCommunity: false,
          toNodes: 'default-plus-host-routes',
          multipath: true,
          addPaths: true,
        },
      }),
    },
    {
      name: 'fabric 3 racks x 4 nodes, 2 ToRs, 2 spines',
      doc: generateFabric({ racks: 3, nodesPerRack: 4, spines: 2, torsPerRack: 2, vms: 4 }),
    },
    {
      name: 'fabric 1 rack x 150 nodes',
      doc: generateFabric({ racks: 1, nodesPerRack: 150, spines: 1, torsPerRack: 1, vms: 1 }),
    },
    ...random.map((doc, i) => ({ name: `random #${i} (seed ${SEED})`, doc })),
  ];
}

const found = new Map<DaemonKind, Found>();
beforeAll(async () => {
  for (const kind of ['bird1', 'bird2', 'vtysh', 'bgpd'] as const)
    found.set(kind, await findDaemon(kind, process.env.LIVEROUTE_DAEMON_DIR));
});

/** The daemons a check needs, or undefined after saying why the check is skipped. */
function need(kinds: readonly DaemonKind[], what: string): string[] | undefined {
  const missing = kinds.map((k) => found.get(k)).filter((f) => f?.path === undefined);
  if (missing.length === 0) return kinds.map((k) => found.get(k)?.path as string);
  const why = missing.map((f) => f?.note ?? 'unknown').join('; ');
  if (process.env.CI) throw new Error(`${what}: required in CI, but ${why}`);
  console.warn(`SKIPPED ${what}: ${why}`);
  return undefined;
}

const CHECKS: {
  platform: Platform;
  daemons: DaemonKind[];
  check: (bins: string[], file: string) => Promise<string | undefined>;
}[] = [
  { platform: 'bird1', daemons: ['bird1'], check: ([bird], file) => birdParse(bird as string, file) },
  { platform: 'bird2', daemons: ['bird2'], check: ([bird], file) => birdParse(bird as string, file) },
  {
    platform: 'frr',
    daemons: ['vtysh', 'bgpd'],
    check: ([vtysh, bgpd], file) => frrCheck(vtysh as string, bgpd as string, file),
  },
];

describe('the checkers refuse broken configs', () => {
  const BROKEN = {
    bird1:
      'router id 10.0.0.1;\nprotocol device {}\nprotocol bgp x { local as 65000; neighbor 10.0.0.2 as 65001; import filter nowhere; }\n',
    bird2:
      'router id 10.0.0.1;\nprotocol device {}\nprotocol bgp x { local as 65000; neighbor 10.0.0.2 as 65001; ipv4 { import filter nowhere; }; }\n',
  };
  // BIRD 1.6 and 2.0 word the error differently; both name the line and column.
  const MESSAGE = {
    bird1: /bad\.conf:3:\d+ No such filter/,
    bird2: /bad\.conf:3:\d+ syntax error, unexpected CF_SYM_UNDEFINED/,
  };
  it.each([['bird1'], ['bird2']] as const)('%s: bird -p refuses an undefined filter', async (kind) => {
    const bins = need([kind], `${kind} negative check`);
    if (!bins) return;
    const dir = scratch();
    try {
      expect(
        await birdParse(bins[0] as string, dir.file('ok.conf', 'router id 10.0.0.1;\nprotocol device {}\n')),
      ).toBeUndefined();
      expect(await birdParse(bins[0] as string, dir.file('bad.conf', BROKEN[kind]))).toMatch(MESSAGE[kind]);
    } finally {
      dir.dispose();
    }
  });

  it('FRR: vtysh --dryrun refuses an unknown command, bgpd -C a command bgpd cannot apply', async () => {
    const bins = need(['vtysh', 'bgpd'], 'FRR negative check');
    if (!bins) return;
    const [vtysh, bgpd] = bins as [string, string];
    const dir = scratch();
    try {
      const ok =
        'router bgp 65001\n neighbor G peer-group\n neighbor G remote-as external\n bgp listen range 10.0.1.0/24 peer-group G\nexit\n';
      expect(await frrCheck(vtysh, bgpd, dir.file('ok.conf', ok))).toBeUndefined();
      // A reserved AS (RFC 7300) is taken with a warning: not a refusal.
      expect(
        await frrCheck(vtysh, bgpd, dir.file('reserved.conf', ok.replace('router bgp 65001', 'router bgp 4294967295'))),
      ).toBeUndefined();
      const typo = ok.replace('remote-as external', 'remote-ass external');
      expect(await frrCheck(vtysh, bgpd, dir.file('typo.conf', typo))).toMatch(
        /^vtysh --dryrun: exit [1-9].*Unknown command/s,
      );
      // Well-formed, so vtysh accepts it, but bgpd refuses it: the peer-group does not exist.
      const undefinedGroup = ok.replace(' neighbor G peer-group\n neighbor G remote-as external\n', '');
      expect(await frrCheck(vtysh, bgpd, dir.file('group.conf', undefinedGroup))).toMatch(
        /^bgpd -C: .*Configure the peer-group first/s,
      );
      // route-reflector-client on an eBGP peer-group.
      const rrOnEbgp = ok.replace(
        'exit\n',
        ' address-family ipv4 unicast\n  neighbor G route-reflector-client\n exit-address-family\nexit\n',
      );
      expect(await frrCheck(vtysh, bgpd, dir.file('rr.conf', rrOnEbgp))).toMatch(
        /^bgpd -C: .*Not an internal neighbor/s,
      );
    } finally {
      dir.dispose();
    }
  });
});

describe.each(CHECKS)('every generated $platform config passes the real daemon', ({ platform, daemons, check }) => {
  it('built-in, golden, feature, fabric and 100 random designs', async () => {
    const bins = need(daemons, `${platform} configs`);
    if (!bins) return;
    const all = designs();
    const files = all.flatMap(({ name, doc }) =>
      routerConfigs(onPlatform(doc, platform)).map((f) => ({ design: name, ...f })),
    );
    const dir = scratch();
    try {
      const errors = await mapLimit(files, PARALLEL, async (f) => {
        const error = await check(bins, dir.file(f.fileName.replace('routers/', ''), f.text));
        return error === undefined ? undefined : `${f.design} ${f.fileName}: ${error}\n${f.text}`;
      });
      const failures = errors.filter((e): e is string => e !== undefined);
      expect(failures.slice(0, 3)).toEqual([]);
      console.info(
        `${platform}: ${files.length} configs of ${all.length} designs accepted by ${daemons.map((k) => found.get(k)?.note).join(' and ')}`,
      );
      expect(files.length).toBeGreaterThan(RANDOM_DESIGNS);
    } finally {
      dir.dispose();
    }
  });
});
