/**
 * BGPPeer as Calico's CRD defines it (domain spec §3.1): the CEL rules with Calico's messages,
 * peerIP forms, selectors checked by the selector parser, enums and limits; and the envelope of
 * every embedded Calico object (apiVersion, kind, metadata).
 */
import { describe, expect, it } from 'vitest';
import { parsePeerIP } from './bgppeer';
import { errorsOf, lineOf, replaceLine } from '../test-support';

const BASE = `apiVersion: liveroute/v1
kind: Topology
metadata: { name: p }
spec:
  racks:
    - { name: rack-a, subnet: 10.0.1.0/24 }
  nodes:
    - { name: node-a1, rack: rack-a, address: 10.0.1.11 }
  calicoResources:
    - apiVersion: projectcalico.org/v3
      kind: BGPPeer
      metadata: { name: peer }
      spec: { peerIP: 10.0.1.1, asNumber: 65001 }
`;

const P = 'spec.calicoResources[0].spec';
/** The issues of the design whose BGPPeer spec (line 13) is `spec`. */
const peer = (spec: string) => errorsOf(replaceLine(BASE, 13, `      spec: ${spec}`));
const line = (at: string, message: string) => `${P}.${at} (line 13): ${message}`;

it('the template is valid, with the BGPPeer spec on line 13', () => {
  expect(errorsOf(BASE)).toEqual([]);
  expect(lineOf(BASE, 13)).toBe('      spec: { peerIP: 10.0.1.1, asNumber: 65001 }');
});

describe('CEL rules', () => {
  it('node and nodeSelector cannot both be set', () => {
    expect(peer('{ node: node-a1, peerIP: 10.0.1.1, asNumber: 65001 }')).toEqual([]);
    expect(peer(`{ nodeSelector: "rack == 'rack-a'", peerIP: 10.0.1.1, asNumber: 65001 }`)).toEqual([]);
    expect(peer(`{ node: node-a1, nodeSelector: "all()", peerIP: 10.0.1.1 }`)).toEqual([
      line('nodeSelector', 'node and nodeSelector cannot both be set'),
    ]);
  });

  it('peerIP and peerSelector cannot both be set', () => {
    expect(peer(`{ peerSelector: "has(route-reflector)" }`)).toEqual([]);
    expect(peer(`{ peerIP: 10.0.1.1, peerSelector: "all()" }`)).toEqual([
      line('peerSelector', 'peerIP and peerSelector cannot both be set'),
    ]);
  });

  it('asNumber must be empty (or 0) with peerSelector', () => {
    expect(peer(`{ peerSelector: "all()", asNumber: 0 }`)).toEqual([]);
    expect(peer(`{ peerSelector: "all()", asNumber: 65001 }`)).toEqual([
      line('asNumber', 'asNumber must be empty when peerSelector is set'),
    ]);
  });

  it('localWorkloadSelector needs asNumber and excludes peerIP and peerSelector', () => {
    expect(peer(`{ localWorkloadSelector: "app == 'bgp'", asNumber: 65010 }`)).toEqual([]);
    expect(peer(`{ localWorkloadSelector: "app == 'bgp'" }`)).toEqual([
      line('asNumber', 'asNumber is required when localWorkloadSelector is set'),
    ]);
    expect(peer(`{ localWorkloadSelector: "app == 'bgp'", asNumber: 0 }`)).toEqual([
      line('asNumber', 'asNumber is required when localWorkloadSelector is set'),
    ]);
    expect(peer(`{ localWorkloadSelector: "app == 'bgp'", asNumber: 65010, peerIP: 10.0.1.1 }`)).toEqual([
      line('peerIP', 'peerIP must be empty when localWorkloadSelector is set'),
    ]);
    expect(peer(`{ localWorkloadSelector: "app == 'bgp'", peerSelector: "all()", asNumber: 0 }`)).toEqual([
      line('peerSelector', 'peerSelector must be empty when localWorkloadSelector is set'),
      line('asNumber', 'asNumber is required when localWorkloadSelector is set'),
    ]);
  });

  it('reachableBy needs peerIP', () => {
    expect(peer('{ peerIP: 10.0.1.1, asNumber: 65001, reachableBy: 10.0.1.254 }')).toEqual([]);
    expect(peer(`{ peerSelector: "all()", reachableBy: 10.0.1.254 }`)).toEqual([
      line('reachableBy', 'reachableBy must be empty when peerIP is empty'),
    ]);
    expect(peer('{ peerIP: 10.0.1.1, reachableBy: gateway }')).toEqual([
      line('reachableBy', 'gateway is not an IP address'),
    ]);
    expect(peer('{ peerIP: 10.0.1.1, asNumber: 65001, reachableBy: "fd00::1" }')).toEqual([
      line('reachableBy', 'reachableBy must be of the same address family as peerIP'),
    ]);
    expect(peer('{ peerIP: "[fd00::1]:179", asNumber: 65001, reachableBy: "fd00::fe" }')).toEqual([]);
  });

  it('keepOriginalNextHop and nextHopMode cannot both be set', () => {
    const message =
      'keepOriginalNextHop and nextHopMode cannot both be set; keepOriginalNextHop is deprecated, use nextHopMode instead';
    expect(peer('{ peerIP: 10.0.1.1, keepOriginalNextHop: true }')).toEqual([]);
    expect(peer('{ peerIP: 10.0.1.1, keepOriginalNextHop: false, nextHopMode: Self }')).toEqual([]);
    expect(peer('{ peerIP: 10.0.1.1, keepOriginalNextHop: true, nextHopMode: Keep }')).toEqual([
      line('keepOriginalNextHop', message),
    ]);
  });

  it('counts empty strings as unset, like the CEL size() == 0 checks', () => {
    expect(peer(`{ nodeSelector: "", peerIP: 10.0.1.1, peerSelector: "" }`)).toEqual([]);
  });
});

describe('peerIP', () => {
  it.each(['10.0.1.1', '10.0.1.1:179', '"10.0.1.1:65535"', '"[fd00::1]:179"', '"fd00::1"', '"::ffff:10.0.1.1"'])(
    'accepts %s',
    (ip) => {
      expect(peer(`{ peerIP: ${ip} }`)).toEqual([]);
    },
  );

  it.each([
    '10.0.1.1:0',
    '10.0.1.1:65536',
    '10.0.1.1:0179',
    '"[10.0.1.1]:179"',
    '"[fd00::1]"',
    '"fd00::1]:179"',
    'tor-a:179',
    '10.0.1.256',
    '"10.0.1.1:"',
  ])('refuses %s', (ip) => {
    const text = ip.replace(/^"|"$/g, '');
    expect(peer(`{ peerIP: ${ip} }`)).toEqual([
      line('peerIP', `${text} is not a peer address (IP, IPv4:port or [IPv6]:port)`),
    ]);
  });

  it('parses address and port', () => {
    expect(parsePeerIP('10.0.1.1')).toEqual({ ip: '10.0.1.1' });
    expect(parsePeerIP('10.0.1.1:1790')).toEqual({ ip: '10.0.1.1', port: 1790 });
    expect(parsePeerIP('[2001:db8::5]:179')).toEqual({ ip: '2001:db8::5', port: 179 });
    expect(parsePeerIP('2001:db8::5')).toEqual({ ip: '2001:db8::5' });
    expect(parsePeerIP('[2001:db8::5]:')).toBeUndefined();
  });
});

describe('selectors', () => {
  it('reports the parser’s message with the character position', () => {
    expect(peer(`{ nodeSelector: "rack = 'a'", peerIP: 10.0.1.1 }`)).toEqual([
      line('nodeSelector', `invalid selector "rack = 'a'": unexpected character "=" at character 6`),
    ]);
    expect(peer(`{ peerSelector: "rack == a" }`)).toEqual([
      line('peerSelector', `invalid selector "rack == a": expected a quoted string at character 9, found "a"`),
    ]);
    expect(peer(`{ localWorkloadSelector: "has(app", asNumber: 1 }`)).toEqual([
      line('localWorkloadSelector', `invalid selector "has(app": expected ')' at character 8, found the end`),
    ]);
  });

  it('limits a selector to 1024 characters', () => {
    const long = `k == '${'v'.repeat(1018)}'`;
    expect(long).toHaveLength(1025);
    expect(peer(`{ nodeSelector: "${long.slice(0, -2)}'", peerIP: 10.0.1.1 }`)).toEqual([]);
    expect(peer(`{ nodeSelector: "${long}", peerIP: 10.0.1.1 }`)).toEqual([
      line('nodeSelector', 'a selector is at most 1024 characters'),
    ]);
  });
});

describe('enums and limits', () => {
  it.each([
    ['nextHopMode: Auto', null],
    ['nextHopMode: self', line('nextHopMode', 'nextHopMode must be Auto, Self or Keep, got the string "self"')],
    ['sourceAddress: None', null],
    [
      'sourceAddress: NodeIP',
      line('sourceAddress', 'sourceAddress must be UseNodeIP or None, got the string "NodeIP"'),
    ],
    ['reversePeering: Manual', null],
    ['reversePeering: Off', line('reversePeering', 'reversePeering must be Auto or Manual, got the string "Off"')],
    ['ttlSecurity: 255', null],
    ['ttlSecurity: 256', line('ttlSecurity', 'ttlSecurity is from 0 to 255')],
    ['numAllowedLocalASNumbers: 0', null],
    ['numAllowedLocalASNumbers: -1', line('numAllowedLocalASNumbers', 'numAllowedLocalASNumbers is at least 0')],
    ['maxRestartTime: 2m', null],
    ['keepaliveTime: 10', line('keepaliveTime', 'expected a string, got number 10')],
    ['maxRestartTime: 2 minutes', line('maxRestartTime', '"2 minutes" is not a duration (e.g. 30s, 1m30s, 500ms)')],
    ['asNumber: 4294967295', null],
    ['asNumber: 4294967296', line('asNumber', 'an AS number is from 0 to 4294967295')],
    ['localASNumber: -5', line('localASNumber', 'an AS number is from 0 to 4294967295')],
    ['filters: [lm, kubevirt.lm]', null],
    [
      'filters: [Bad_Name]',
      `${P}.filters[0] (line 13): "Bad_Name" is not a valid resource name: lowercase letters, digits, '-' and '.', at most 253 characters`,
    ],
    ['password: { secretKeyRef: { name: bgp, key: pw, optional: false } }', null],
    ['password: { secretKeyRef: { name: bgp } }', `${P}.password.secretKeyRef.key (line 13): is required`],
    [
      'password: { secretKeyRef: { key: pw, namespace: x } }',
      `${P}.password.secretKeyRef.namespace (line 13): unknown field "namespace"`,
    ],
  ])('%s', (field, issue) => {
    expect(peer(`{ peerIP: 10.0.1.1, ${field} }`)).toEqual(issue === null ? [] : [issue]);
  });
});

describe('the Calico object envelope', () => {
  const envelope = (n: number, text: string) => errorsOf(replaceLine(BASE, n, text));
  it('needs apiVersion projectcalico.org/v3', () => {
    expect(envelope(10, '    - apiVersion: projectcalico.org/v2')).toEqual([
      'spec.calicoResources[0].apiVersion (line 10): apiVersion must be projectcalico.org/v3, got the string "projectcalico.org/v2"',
    ]);
  });

  it('takes the kinds BGPPeer and BGPFilter only', () => {
    const why =
      'kind must be BGPPeer or BGPFilter (nodes, pools and priorities are written in spec.cluster and spec.nodes)';
    expect(envelope(11, '      kind: IPPool')).toEqual([`spec.calicoResources[0].kind (line 11): ${why}`]);
    expect(envelope(11, '      kinds: BGPPeer')).toEqual([`spec.calicoResources[0].kind (line 10): ${why}`]);
  });

  it('checks metadata: name, labels, annotations, nothing else', () => {
    expect(envelope(12, '      metadata: { name: Peer }')).toEqual([
      `spec.calicoResources[0].metadata.name (line 12): "Peer" is not a valid resource name: lowercase letters, digits, '-' and '.', at most 253 characters`,
    ]);
    expect(
      envelope(12, '      metadata: { name: peer, labels: { team: net }, annotations: { note: "free text: ok" } }'),
    ).toEqual([]);
    expect(envelope(12, '      metadata: { name: peer, annotations: { n: 1 } }')).toEqual([
      'spec.calicoResources[0].metadata.annotations.n (line 12): expected a string, got number 1',
    ]);
    expect(envelope(12, '      metadata: { name: peer, resourceVersion: "12" }')).toEqual([
      'spec.calicoResources[0].metadata.resourceVersion (line 12): unknown field "resourceVersion"',
    ]);
    expect(envelope(12, '      metadata: {}')).toEqual([
      'spec.calicoResources[0].metadata.name (line 12): is required',
    ]);
  });
});
