/**
 * BGPFilter rules as Calico's CRD defines them (domain spec §2.1–§2.2): field formats, the three
 * CEL cross-field rules with Calico's messages, operations, communities, interface patterns and
 * the V4/V6 differences.
 */
import { describe, expect, it } from 'vitest';
import { bgpFilter } from './resources';
import { liveMigrationFilter, LIVE_MIGRATION_FILTER_NAME } from './documented';
import { errorsOf, lineOf, replaceLine } from '../test-support';

const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: f }
spec:
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPFilter
      metadata: { name: lm }
      spec:
        exportV4:
          - { action: Accept }
        importV6:
          - { action: Reject }
`;

const V4 = 'spec.calicoResources[0].spec.exportV4[0]';
const V6 = 'spec.calicoResources[0].spec.importV6[0]';
/** The issues of the design whose exportV4 rule (line 11) is `rule`. */
const v4 = (rule: string) => errorsOf(replaceLine(BASE, 11, `          - ${rule}`));
/** The issues of the design whose importV6 rule (line 13) is `rule`. */
const v6 = (rule: string) => errorsOf(replaceLine(BASE, 13, `          - ${rule}`));

it('the template is valid, with the V4 rule on line 11 and the V6 rule on line 13', () => {
  expect(errorsOf(BASE)).toEqual([]);
  expect(lineOf(BASE, 11)).toBe('          - { action: Accept }');
  expect(lineOf(BASE, 13)).toBe('          - { action: Reject }');
});

describe('action', () => {
  it('is required and is Accept or Reject', () => {
    expect(v4('{ peerType: eBGP }')).toEqual([`${V4}.action (line 11): is required`]);
    expect(v4('{ action: Drop }')).toEqual([
      `${V4}.action (line 11): action must be Accept or Reject, got the string "Drop"`,
    ]);
    expect(v4('{ action: accept }')).toEqual([
      `${V4}.action (line 11): action must be Accept or Reject, got the string "accept"`,
    ]);
  });
});

describe('cidr and matchOperator (CEL rule 1)', () => {
  it('accepts both, and neither', () => {
    for (const op of ['Equal', 'NotEqual', 'In', 'NotIn'])
      expect(v4(`{ action: Accept, cidr: 10.244.0.0/16, matchOperator: ${op} }`)).toEqual([]);
    expect(v4('{ action: Accept, source: RemotePeers }')).toEqual([]);
  });

  it('refuses one without the other, at the missing one', () => {
    expect(v4('{ action: Accept, cidr: 10.244.0.0/16 }')).toEqual([
      `${V4}.matchOperator (line 11): cidr and matchOperator must both be set or both be empty`,
    ]);
    expect(v4('{ action: Reject, matchOperator: In }')).toEqual([
      `${V4}.cidr (line 11): cidr and matchOperator must both be set or both be empty`,
    ]);
  });

  it('refuses an unknown operator', () => {
    expect(v4('{ action: Accept, cidr: 10.0.0.0/8, matchOperator: Equals }')).toEqual([
      `${V4}.matchOperator (line 11): matchOperator must be Equal, NotEqual, In or NotIn, got the string "Equals"`,
    ]);
  });
});

describe('prefixLength', () => {
  it('needs a cidr (CEL rule 2)', () => {
    expect(v4('{ action: Accept, prefixLength: { min: 24 } }')).toEqual([
      `${V4}.prefixLength (line 11): cidr is required when prefixLength is set`,
    ]);
    expect(v4('{ action: Accept, cidr: 10.0.0.0/8, matchOperator: In, prefixLength: { min: 24 } }')).toEqual([]);
  });

  it('is 0..32 in V4 lists', () => {
    const rule = (pl: string) => `{ action: Accept, cidr: 10.0.0.0/8, matchOperator: In, prefixLength: ${pl} }`;
    expect(v4(rule('{ min: 0, max: 32 }'))).toEqual([]);
    expect(v4(rule('{ max: 33 }'))).toEqual([`${V4}.prefixLength.max (line 11): a prefix length is from 0 to 32`]);
    expect(v4(rule('{ min: -1 }'))).toEqual([`${V4}.prefixLength.min (line 11): a prefix length is from 0 to 32`]);
    expect(v4(rule('{ min: 1.5 }'))).toEqual([
      `${V4}.prefixLength.min (line 11): a prefix length is a whole number, got number 1.5`,
    ]);
    expect(v4(rule('{ len: 24 }'))).toEqual([`${V4}.prefixLength.len (line 11): unknown field "len"`]);
  });

  it('is 0..128 in V6 lists', () => {
    const rule = (pl: string) => `{ action: Accept, cidr: "fd00::/8", matchOperator: In, prefixLength: ${pl} }`;
    expect(v6(rule('{ min: 0, max: 128 }'))).toEqual([]);
    expect(v6(rule('{ min: 33, max: 128 }'))).toEqual([]);
    expect(v6(rule('{ max: 129 }'))).toEqual([`${V6}.prefixLength.max (line 13): a prefix length is from 0 to 128`]);
  });
});

describe('cidr family', () => {
  it('takes IPv4 prefixes in V4 lists and IPv6 prefixes in V6 lists', () => {
    expect(v6('{ action: Accept, cidr: "2001:db8::/32", matchOperator: Equal }')).toEqual([]);
    expect(v6('{ action: Accept, cidr: 10.0.0.0/8, matchOperator: Equal }')).toEqual([
      `${V6}.cidr (line 13): 10.0.0.0/8 is not an IPv6 prefix (expected address/length)`,
    ]);
    expect(v4('{ action: Accept, cidr: "2001:db8::/32", matchOperator: Equal }')).toEqual([
      `${V4}.cidr (line 11): 2001:db8::/32 is not an IPv4 prefix (expected address/length)`,
    ]);
  });

  it('refuses host bits in either family', () => {
    expect(v4('{ action: Accept, cidr: 10.244.1.5/24, matchOperator: In }')).toEqual([
      `${V4}.cidr (line 11): 10.244.1.5/24 has host bits set: write the network address of the prefix`,
    ]);
    expect(v6('{ action: Accept, cidr: "2001:db8::1/32", matchOperator: In }')).toEqual([
      `${V6}.cidr (line 13): 2001:db8::1/32 has host bits set: write the network address of the prefix`,
    ]);
  });
});

describe('operations', () => {
  it('only go with Accept (CEL rule 3)', () => {
    expect(v4('{ action: Accept, operations: [{ setPriority: { value: 512 } }] }')).toEqual([]);
    expect(v4('{ action: Reject, operations: [{ setPriority: { value: 512 } }] }')).toEqual([
      `${V4}.operations (line 11): operations may only be used with action Accept`,
    ]);
  });

  it('list 1 to 10 operations', () => {
    const ten = Array.from({ length: 10 }, () => '{ addCommunity: { value: "1:1" } }').join(', ');
    expect(v4(`{ action: Accept, operations: [${ten}] }`)).toEqual([]);
    expect(v4(`{ action: Accept, operations: [${ten}, { setPriority: { value: 1 } }] }`)).toEqual([
      `${V4}.operations (line 11): operations lists at most 10 operations`,
    ]);
    expect(v4('{ action: Accept, operations: [] }')).toEqual([
      `${V4}.operations (line 11): operations, when present, lists 1 to 10 operations`,
    ]);
  });

  it('set exactly one key each', () => {
    const one = 'an operation sets exactly one of addCommunity, prependASPath, setPriority';
    expect(v4('{ action: Accept, operations: [{}] }')).toEqual([`${V4}.operations[0] (line 11): ${one}`]);
    expect(
      v4('{ action: Accept, operations: [{ setPriority: { value: 1 }, addCommunity: { value: "1:1" } }] }'),
    ).toEqual([`${V4}.operations[0] (line 11): ${one}`]);
    expect(v4('{ action: Accept, operations: [{ setMED: { value: 1 } }] }')).toEqual([
      `${V4}.operations[0].setMED (line 11): unknown field "setMED"`,
      `${V4}.operations[0] (line 11): ${one}`,
    ]);
  });

  it('prependASPath takes 1 to 10 AS numbers, each 0..4294967295', () => {
    const prepend = (list: string) => v4(`{ action: Accept, operations: [{ prependASPath: { prefix: ${list} } }] }`);
    const at = `${V4}.operations[0].prependASPath.prefix`;
    expect(prepend('[65000, 65001]')).toEqual([]);
    expect(prepend('[0, 4294967295]')).toEqual([]);
    expect(prepend(`[${Array(10).fill(1).join(', ')}]`)).toEqual([]);
    expect(prepend('[]')).toEqual([`${at} (line 11): prependASPath.prefix needs 1 to 10 AS numbers`]);
    expect(prepend(`[${Array(11).fill(1).join(', ')}]`)).toEqual([
      `${at} (line 11): prependASPath.prefix takes at most 10 AS numbers`,
    ]);
    expect(prepend('[4294967296]')).toEqual([`${at}[0] (line 11): an AS number is from 0 to 4294967295`]);
    expect(v4('{ action: Accept, operations: [{ prependASPath: {} }] }')).toEqual([`${at} (line 11): is required`]);
  });

  it('setPriority is a route priority and addCommunity a community', () => {
    expect(v4('{ action: Accept, operations: [{ setPriority: { value: 0 } }] }')).toEqual([
      `${V4}.operations[0].setPriority.value (line 11): a route priority is from 1 to 2147483646`,
    ]);
    expect(v4('{ action: Accept, operations: [{ setPriority: { value: 2147483646 } }] }')).toEqual([]);
    expect(v4('{ action: Accept, operations: [{ addCommunity: { value: "65536:1" } }] }')).toEqual([
      `${V4}.operations[0].addCommunity.value (line 11): "65536:1" is not a BGP community: use aa:nn (each 0..65535) or aa:nn:mm (each 0..4294967295)`,
    ]);
    expect(v4('{ action: Accept, operations: [{ addCommunity: { value: "4200000000:1:2" } }] }')).toEqual([]);
    expect(v4('{ action: Accept, operations: [{ addCommunity: {} }] }')).toEqual([
      `${V4}.operations[0].addCommunity.value (line 11): is required`,
    ]);
  });
});

describe('match fields', () => {
  it('communities.values holds exactly one community', () => {
    expect(v4('{ action: Accept, communities: { values: ["65000:100"] } }')).toEqual([]);
    expect(v4('{ action: Accept, communities: { values: [] } }')).toEqual([
      `${V4}.communities.values (line 11): communities.values needs exactly one value`,
    ]);
    expect(v4('{ action: Accept, communities: { values: ["1:1", "1:2"] } }')).toEqual([
      `${V4}.communities.values (line 11): communities.values takes exactly one value`,
    ]);
    expect(v4('{ action: Accept, communities: { values: ["1:01"] } }')).toEqual([
      `${V4}.communities.values[0] (line 11): "1:01" is not a BGP community: use aa:nn (each 0..65535) or aa:nn:mm (each 0..4294967295)`,
    ]);
    expect(v4('{ action: Accept, communities: {} }')).toEqual([`${V4}.communities.values (line 11): is required`]);
  });

  it('interface is "*" or 1 to 15 of [a-zA-Z0-9_.*-]', () => {
    for (const ok of ['"*"', 'eth0', '"cali*"', 'a.b_c-D*', 'x'.repeat(15)])
      expect(v4(`{ action: Accept, interface: ${ok} }`)).toEqual([]);
    const bad = (v: string) =>
      `${V4}.interface (line 11): ${JSON.stringify(v)} is not an interface pattern: 1 to 15 of letters, digits, '_', '.', '-', '*'`;
    expect(v4(`{ action: Accept, interface: ${'x'.repeat(16)} }`)).toEqual([bad('x'.repeat(16))]);
    expect(v4('{ action: Accept, interface: "eth 0" }')).toEqual([bad('eth 0')]);
    expect(v4('{ action: Accept, interface: eth0/1 }')).toEqual([bad('eth0/1')]);
    expect(v4('{ action: Accept, interface: "" }')).toEqual([bad('')]);
  });

  it('source, peerType, asPathPrefix and priority', () => {
    expect(
      v4('{ action: Accept, source: RemotePeers, peerType: iBGP, asPathPrefix: [65000, 0], priority: 512 }'),
    ).toEqual([]);
    expect(v4('{ action: Accept, source: Local }')).toEqual([
      `${V4}.source (line 11): source must be RemotePeers, got the string "Local"`,
    ]);
    expect(v4('{ action: Accept, peerType: ebgp }')).toEqual([
      `${V4}.peerType (line 11): peerType must be eBGP or iBGP, got the string "ebgp"`,
    ]);
    expect(v4('{ action: Accept, asPathPrefix: [-1] }')).toEqual([
      `${V4}.asPathPrefix[0] (line 11): an AS number is from 0 to 4294967295`,
    ]);
    expect(v4('{ action: Accept, priority: 2147483647 }')).toEqual([
      `${V4}.priority (line 11): a route priority is from 1 to 2147483646`,
    ]);
  });
});

describe('unknown fields and structure', () => {
  it('refuses unknown fields in rules, operations and the filter spec', () => {
    expect(v4('{ action: Accept, med: 5 }')).toEqual([`${V4}.med (line 11): unknown field "med"`]);
    expect(v4('{ action: Accept, operations: [{ addCommunity: { value: "1:1", to: all } }] }')).toEqual([
      `${V4}.operations[0].addCommunity.to (line 11): unknown field "to"`,
    ]);
    expect(v4('{ action: Accept, communities: { values: ["1:1"], match: any } }')).toEqual([
      `${V4}.communities.match (line 11): unknown field "match"`,
    ]);
    expect(errorsOf(replaceLine(BASE, 12, '        exportV5:'))).toEqual([
      'spec.calicoResources[0].spec.exportV5 (line 12): unknown field "exportV5"',
    ]);
  });

  it('takes rule lists only', () => {
    expect(errorsOf(replaceLine(replaceLine(BASE, 11, ''), 10, '        exportV4: { action: Accept }'))).toEqual([
      'spec.calicoResources[0].spec.exportV4 (line 10): expected a list, got a mapping',
    ]);
  });
});

describe('the documented live-migration filter', () => {
  it('is a valid BGPFilter with the guide’s rules', () => {
    const f = liveMigrationFilter();
    expect(bgpFilter.safeParse(f).success).toBe(true);
    expect(f.metadata.name).toBe(LIVE_MIGRATION_FILTER_NAME);
    expect(f.spec.exportV4).toEqual([
      { action: 'Accept', peerType: 'eBGP', priority: 512, operations: [{ addCommunity: { value: '65000:100' } }] },
    ]);
    expect(f.spec.importV6).toEqual([
      { action: 'Accept', communities: { values: ['65000:100'] }, operations: [{ setPriority: { value: 512 } }] },
    ]);
  });

  it('follows the elevated priority and community it is given, without shared objects', () => {
    const f = liveMigrationFilter(100, '64512:7');
    expect(f.spec.exportV4?.[0]).toEqual({
      action: 'Accept',
      peerType: 'eBGP',
      priority: 100,
      operations: [{ addCommunity: { value: '64512:7' } }],
    });
    expect(f.spec.importV4?.[0]?.operations).toEqual([{ setPriority: { value: 100 } }]);
    expect(f.spec.exportV6?.[0]).not.toBe(f.spec.exportV4?.[0]);
  });
});
