/**
 * Field formats of the liveroute/v1 file (src/model/primitives.ts and the enums of schema.ts):
 * for each, values that load and values that are refused with the exact issue.
 */
import { describe, expect, it } from 'vitest';
import { durationMs, isLabelKey, isLabelValue, parseCommunity } from './primitives';
import { errorsOf, lineOf } from './test-support';

// One field per line, so that each case below names the line it changes.
const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata:
  name: lab
spec:
  cluster:
    asNumber: 64512
    ipPools:
      - name: pool-a
        cidr: 10.244.0.0/16
        blockSize: 26
    routePriority:
      normal: 1024
      elevated: 512
    bgpNormalRoutePriority: 1024
    liveMigrationRouteConvergenceTime: 30s
  racks:
    - name: rack-a
      subnet: 10.0.1.0/24
  nodes:
    - name: node-a1
      rack: rack-a
      address: 10.0.1.11
      asNumber: 65101
      routeReflectorClusterID: 224.0.0.1
      labels:
        zone: z1
      blocks: [10.244.1.0/26]
  routers:
    - name: tor-a
      role: tor
      rack: rack-a
      asNumber: 65001
      address: 10.0.1.1
      platform: bird1
      policy:
        elevatedCommunity: "65000:100"
        toNodes: all
    - name: rr-1
      role: route-reflector
      asNumber: 65000
      address: 10.0.0.1
      platform: junos
      routeReflector:
        clusterId: 10.0.0.1
  links:
    - [tor-a, rr-1]
  vms:
    - name: vm-1
      ip: 10.244.1.5
      node: node-a1
`;

/** BASE with the value of line `line` (what follows its first ': ') replaced. */
function withValue(line: number, value: string): string {
  const lines = BASE.split('\n');
  const old = lines[line - 1] as string;
  lines[line - 1] = `${old.slice(0, old.indexOf(': ') + 2)}${value}`;
  return lines.join('\n');
}

/** BASE with line `line` replaced entirely. */
function withLine(line: number, text: string): string {
  const lines = BASE.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

type Case = readonly [line: number, value: string, issue: string | null];

function check(cases: readonly Case[]) {
  it.each(cases)('line %i = %s', (line, value, issue) => {
    expect(errorsOf(withValue(line, value))).toEqual(issue === null ? [] : [issue]);
  });
}

const NAME_RULE =
  "is not a valid name: use lowercase letters, digits and '-', start and end with a letter or digit, at most 63 characters";

it('the template is valid and laid out as the cases expect', () => {
  expect(errorsOf(BASE)).toEqual([]);
  expect(lineOf(BASE, 23)).toBe('      address: 10.0.1.11');
  expect(lineOf(BASE, 37)).toBe('        elevatedCommunity: "65000:100"');
  expect(lineOf(BASE, 50)).toBe('      ip: 10.244.1.5');
});

describe('names are DNS-1123 labels', () => {
  check([
    [4, 'lab-2', null],
    [4, 'a'.repeat(63), null],
    [4, '"0"', null],
    [4, 'a'.repeat(64), `metadata.name (line 4): "${'a'.repeat(64)}" ${NAME_RULE}`],
    [4, 'Lab', `metadata.name (line 4): "Lab" ${NAME_RULE}`],
    [18, 'rack_a', `spec.racks[0].name (line 18): "rack_a" ${NAME_RULE}`],
    [21, 'node-a1-', `spec.nodes[0].name (line 21): "node-a1-" ${NAME_RULE}`],
    [22, 'rack.a', `spec.nodes[0].rack (line 22): "rack.a" ${NAME_RULE}`],
    [30, '-tor', `spec.routers[0].name (line 30): "-tor" ${NAME_RULE}`],
    [32, 'Rack-A', `spec.routers[0].rack (line 32): "Rack-A" ${NAME_RULE}`],
    [49, 'vm 1', `spec.vms[0].name (line 49): "vm 1" ${NAME_RULE}`],
    [51, '""', `spec.vms[0].node (line 51): "" ${NAME_RULE}`],
    [21, '42', 'spec.nodes[0].name (line 21): expected a string, got number 42'],
  ]);

  it('in links, names each end', () => {
    expect(errorsOf(withLine(47, '    - [tor-a, RR-1]'))).toEqual([`spec.links[0][1] (line 47): "RR-1" ${NAME_RULE}`]);
  });

  describe('pool names are Kubernetes resource names', () => {
    check([
      [9, 'pool.a-1', null],
      [9, 'a'.repeat(253), null],
      [
        9,
        'Pool',
        `spec.cluster.ipPools[0].name (line 9): "Pool" is not a valid resource name: lowercase letters, digits, '-' and '.', at most 253 characters`,
      ],
      [
        9,
        'a'.repeat(254),
        `spec.cluster.ipPools[0].name (line 9): "${'a'.repeat(254)}" is not a valid resource name: lowercase letters, digits, '-' and '.', at most 253 characters`,
      ],
      [
        9,
        'pool..a',
        `spec.cluster.ipPools[0].name (line 9): "pool..a" is not a valid resource name: lowercase letters, digits, '-' and '.', at most 253 characters`,
      ],
    ]);
  });
});

describe('IPv4 addresses', () => {
  check([
    [23, '10.0.1.12', null],
    [23, '10.0.2.300', 'spec.nodes[0].address (line 23): 10.0.2.300 is not an IPv4 address'],
    [23, '010.0.1.11', 'spec.nodes[0].address (line 23): 010.0.1.11 is not an IPv4 address'],
    [23, '10.0.1.11/32', 'spec.nodes[0].address (line 23): 10.0.1.11/32 is not an IPv4 address'],
    [23, '10', 'spec.nodes[0].address (line 23): expected a string, got number 10'],
    [25, '1.2.3.4', null],
    [25, '224.0.0.256', 'spec.nodes[0].routeReflectorClusterID (line 25): 224.0.0.256 is not an IPv4 address'],
    [34, 'fe80::1', 'spec.routers[0].address (line 34): fe80::1 is not an IPv4 address'],
    [45, 'x', 'spec.routers[1].routeReflector.clusterId (line 45): x is not an IPv4 address'],
    [50, '10.244.1.6', null],
    [50, '10.244.1.', 'spec.vms[0].ip (line 50): 10.244.1. is not an IPv4 address'],
  ]);
});

describe('IPv4 prefixes', () => {
  check([
    [19, '10.0.0.0/23', null],
    [
      19,
      '10.0.1.5/24',
      'spec.racks[0].subnet (line 19): 10.0.1.5/24 has host bits set: write the network address of the prefix',
    ],
    [19, '10.0.1.0', 'spec.racks[0].subnet (line 19): 10.0.1.0 is not an IPv4 prefix (expected address/length)'],
    [19, '10.0.1.0/33', 'spec.racks[0].subnet (line 19): 10.0.1.0/33 is not an IPv4 prefix (expected address/length)'],
    [
      19,
      '2001:db8::/64',
      'spec.racks[0].subnet (line 19): 2001:db8::/64 is not an IPv4 prefix (expected address/length)',
    ],
    [10, '10.244.0.0/15', null],
    [
      10,
      '10.244.0.0/8',
      'spec.cluster.ipPools[0].cidr (line 10): 10.244.0.0/8 has host bits set: write the network address of the prefix',
    ],
    [
      28,
      '[10.244.1.1/26]',
      'spec.nodes[0].blocks[0] (line 28): 10.244.1.1/26 has host bits set: write the network address of the prefix',
    ],
    [
      28,
      '[10.244.1.0/26, 10.244.2.0]',
      'spec.nodes[0].blocks[1] (line 28): 10.244.2.0 is not an IPv4 prefix (expected address/length)',
    ],
  ]);
});

describe('AS numbers are 1..4294967295', () => {
  check([
    [7, '1', null],
    [7, '4294967295', null],
    [7, '0', 'spec.cluster.asNumber (line 7): an AS number is from 1 to 4294967295'],
    [7, '4294967296', 'spec.cluster.asNumber (line 7): an AS number is from 1 to 4294967295'],
    [7, '1.5', 'spec.cluster.asNumber (line 7): an AS number is a whole number, got number 1.5'],
    [7, '"64512"', 'spec.cluster.asNumber (line 7): expected an AS number, got the string "64512"'],
    [24, '-1', 'spec.nodes[0].asNumber (line 24): an AS number is from 1 to 4294967295'],
    [33, '0', 'spec.routers[0].asNumber (line 33): an AS number is from 1 to 4294967295'],
  ]);
});

describe('route priorities are 1..2147483646', () => {
  check([
    [13, '1', null],
    [13, '2147483646', null],
    [13, '0', 'spec.cluster.routePriority.normal (line 13): a route priority is from 1 to 2147483646'],
    [13, '2147483647', 'spec.cluster.routePriority.normal (line 13): a route priority is from 1 to 2147483646'],
    [13, 'high', 'spec.cluster.routePriority.normal (line 13): expected a route priority, got the string "high"'],
    [
      14,
      '511.5',
      'spec.cluster.routePriority.elevated (line 14): a route priority is a whole number, got number 511.5',
    ],
    [15, '0', 'spec.cluster.bgpNormalRoutePriority (line 15): a route priority is from 1 to 2147483646'],
  ]);
});

describe('IPv4 block sizes are 20..32', () => {
  check([
    [11, '19', 'spec.cluster.ipPools[0].blockSize (line 11): an IPv4 blockSize is from 20 to 32'],
    [11, '33', 'spec.cluster.ipPools[0].blockSize (line 11): an IPv4 blockSize is from 20 to 32'],
    [11, '26.5', 'spec.cluster.ipPools[0].blockSize (line 11): a block size is a whole number, got number 26.5'],
    [11, '"26"', 'spec.cluster.ipPools[0].blockSize (line 11): expected a block size, got the string "26"'],
  ]);
});

describe('liveMigrationRouteConvergenceTime takes what the FelixConfiguration CRD allows', () => {
  const rule = 'is not a FelixConfiguration duration: digits with ms, s, m or h (e.g. 30s, 1m30s, 500ms)';
  const at = 'spec.cluster.liveMigrationRouteConvergenceTime (line 16):';
  check([
    [16, '1m30s', null],
    [16, '500ms', null],
    [16, '1.5h', null],
    [16, '2h45m0.5s', null],
    [16, '0s', null],
    ...(['10µs', '250us', '"0"', '.5s', '+1s', '1.s', '-1s', '1d', '""'] as const).map((v): Case => [
      16,
      v,
      `${at} ${JSON.stringify(v.startsWith('"') ? JSON.parse(v) : v)} ${rule}`,
    ]),
    [16, '"30"', `${at} "30" ${rule}`],
    [16, '30 s', `${at} "30 s" ${rule}`],
    [16, '30', `${at} expected a string, got number 30`],
  ]);
});

describe('BGPPeer durations are Go durations', () => {
  it('accepts what time.ParseDuration accepts, without negatives', async () => {
    const { duration } = await import('./primitives');
    for (const v of ['10µs', '250us', '0', '.5s', '+1s', '1.s', '2h45m0.5s'])
      expect(duration.safeParse(v).success, v).toBe(true);
    for (const v of ['-1s', '1d', '', '30 s']) expect(duration.safeParse(v).success, v).toBe(false);
  });

  it('converts to milliseconds', () => {
    expect(durationMs('30s')).toBe(30000);
    expect(durationMs('1m30s')).toBe(90000);
    expect(durationMs('1.5h')).toBe(5400000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('250us')).toBe(0.25);
    expect(durationMs('2000000ns')).toBe(2);
    expect(durationMs('.5s')).toBe(500);
    expect(durationMs('+1m')).toBe(60000);
    expect(durationMs('0')).toBe(0);
  });
});

describe('BGP communities (standard and large)', () => {
  const rule = 'is not a BGP community: use aa:nn (each 0..65535) or aa:nn:mm (each 0..4294967295)';
  const at = (v: string) => `spec.routers[0].policy.elevatedCommunity (line 37): "${v}" ${rule}`;
  check([
    [37, '"0:0"', null],
    [37, '"65535:65535"', null],
    [37, '65000:100', null],
    [37, '"1:2:3"', null],
    [37, '"4294967295:4294967295:4294967295"', null],
    [37, '"65536:1"', at('65536:1')],
    [37, '"1:65536"', at('1:65536')],
    [37, '"4294967296:1:1"', at('4294967296:1:1')],
    [37, '"01:1"', at('01:1')],
    [37, '"1:00"', at('1:00')],
    [37, '"1:2:03"', at('1:2:03')],
    [37, '"1"', at('1')],
    [37, '"1:2:3:4"', at('1:2:3:4')],
    [37, '":1"', at(':1')],
    [37, '"a:b"', at('a:b')],
    [37, '"1:-1"', at('1:-1')],
    [37, '"0004294967295:1:1"', at('0004294967295:1:1')],
  ]);

  it('parses the kind and the parts', () => {
    expect(parseCommunity('65000:100')).toEqual({ kind: 'standard', parts: [65000, 100] });
    expect(parseCommunity('4200000000:1:0')).toEqual({ kind: 'large', parts: [4200000000, 1, 0] });
    expect(parseCommunity('1:2:3:4')).toBeUndefined();
  });
});

describe('node labels', () => {
  const line = (kv: string) => withLine(27, `        ${kv}`);
  it.each([
    ['zone: z1'],
    ['example.com/zone: z1'],
    ['a_b.c-D9: v'],
    ['zone: ""'],
    ['zone: A1_b.c-D'],
    [`${'k'.repeat(63)}: ${'v'.repeat(63)}`],
    [`${'p'.repeat(253)}/zone: z`],
  ])('accepts %s', (kv) => {
    expect(errorsOf(line(kv))).toEqual([]);
  });

  it.each([
    ['"-zone": z1', 'spec.nodes[0].labels["-zone"] (line 27): "-zone" is not a valid label key'],
    [
      'Example.com/zone: z1',
      'spec.nodes[0].labels["Example.com/zone"] (line 27): "Example.com/zone" is not a valid label key',
    ],
    ['a/b/c: z1', 'spec.nodes[0].labels["a/b/c"] (line 27): "a/b/c" is not a valid label key'],
    ['/zone: z1', 'spec.nodes[0].labels["/zone"] (line 27): "/zone" is not a valid label key'],
    ['zone/: z1', 'spec.nodes[0].labels["zone/"] (line 27): "zone/" is not a valid label key'],
    [
      `${'k'.repeat(64)}: v`,
      `spec.nodes[0].labels.${'k'.repeat(64)} (line 27): "${'k'.repeat(64)}" is not a valid label key`,
    ],
    ['zone: a b', 'spec.nodes[0].labels.zone (line 27): "a b" is not a valid label value'],
    ['zone: x-', 'spec.nodes[0].labels.zone (line 27): "x-" is not a valid label value'],
    [`zone: ${'v'.repeat(64)}`, `spec.nodes[0].labels.zone (line 27): "${'v'.repeat(64)}" is not a valid label value`],
    ['zone: 5', 'spec.nodes[0].labels.zone (line 27): a label value is a string, got number 5'],
  ])('refuses %s', (kv, issue) => {
    expect(errorsOf(line(kv))).toEqual([issue]);
  });

  it('isLabelKey / isLabelValue agree with Kubernetes', () => {
    expect(isLabelKey('kubernetes.io/hostname')).toBe(true);
    expect(isLabelKey(`${'p'.repeat(254)}/x`)).toBe(false);
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('_x')).toBe(false);
  });
});

describe('router enums', () => {
  check([
    [40, 'spine', null],
    [40, 'border', null],
    [
      40,
      'leaf',
      'spec.routers[1].role (line 40): role must be one of tor, spine, route-reflector, border, got the string "leaf"',
    ],
    ...(['bird1', 'bird2', 'frr', 'eos', 'nxos', 'junos'] as const).map((p): Case => [35, p, null]),
    [
      35,
      'cisco',
      'spec.routers[0].platform (line 35): platform must be one of bird1, bird2, frr, eos, nxos, junos, got the string "cisco"',
    ],
    [38, 'default-only', null],
    [38, 'default-plus-host-routes', null],
    [
      38,
      'some',
      'spec.routers[0].policy.toNodes (line 38): toNodes must be one of all, default-only, default-plus-host-routes, got the string "some"',
    ],
  ]);

  it('policy flags are booleans', () => {
    expect(errorsOf(withLine(38, '        sendCommunity: "false"'))).toEqual([
      'spec.routers[0].policy.sendCommunity (line 38): expected true or false, got the string "false"',
    ]);
    expect(
      errorsOf(withLine(38, '        multipath: true\n        addPaths: false\n        sendCommunity: false')),
    ).toEqual([]);
  });
});
