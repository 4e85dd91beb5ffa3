/**
 * Issue 15, findings 1, 2 and 13: values of Calico resources that confd writes into bird.cfg
 * are validated at the reader as Calico validates them (the interface pattern of
 * ignoredInterfaces, communities of two 16-bit or three 32-bit parts, names that are defined),
 * and refused with their path; the renderer writes nothing it cannot quote or has not checked.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign } from '../model';
import { formatReadIssue, readCalicoResources } from './read';
import { CalicoRenderError, renderCalicoNode } from './confd';
import { NODES, resources } from './confd/test-support';
import type { CalicoResourceSet } from './types';

/** The payload of the issue: closes the interface list and adds a static blackhole default route. */
const PAYLOAD =
  'eth9", "*";\n}\nprotocol static lrinj_injected { route 0.0.0.0/0 blackhole; }\ntemplate direct lrinj_t {\n  interface "x';

const bgpConfiguration = (spec: object) =>
  `apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: { name: default }\nspec: ${JSON.stringify(spec)}\n`;

/** The issues of reading NODES and a default BGPConfiguration with `spec`, formatted; [] when it reads. */
function refusals(spec: object): string[] {
  const r = readCalicoResources(`${NODES}---\n${bgpConfiguration(spec)}`);
  return r.ok ? [] : r.error.map(formatReadIssue);
}

describe('BGPConfiguration.ignoredInterfaces (finding 1)', () => {
  it("refuses the issue's payload with its path, and renders nothing", () => {
    expect(refusals({ ignoredInterfaces: ['eth0', PAYLOAD] })).toEqual([
      `document 5, spec.ignoredInterfaces[1] (line 24): ${JSON.stringify(PAYLOAD)} is not an interface name or pattern: 1 to 15 of letters, digits, '_', '.', '-' and '*' (and not "*" alone)`,
    ]);
  });

  it('refuses it in a design too (spec.cluster.bgpConfiguration)', () => {
    const design = `apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: d }\nspec:\n  cluster:\n    bgpConfiguration:\n      ignoredInterfaces: ${JSON.stringify([PAYLOAD])}\n`;
    const r = parseDesign(design);
    expect(r.ok ? [] : r.error.map(formatIssue)).toEqual([
      `spec.cluster.bgpConfiguration.ignoredInterfaces[0] (line 7): ${JSON.stringify(PAYLOAD)} is not an interface name or pattern: 1 to 15 of letters, digits, '_', '.', '-' and '*' (and not "*" alone)`,
    ]);
  });

  it('accepts what Calico accepts: 1 to 15 of [a-zA-Z0-9_.*-], "*" alone excepted, each once', () => {
    expect(refusals({ ignoredInterfaces: ['eth0', 'vxlan*', 'a.b_c-D*', 'x'.repeat(15), '*.cali'] })).toEqual([]);
    const bad = ['*', '', 'x'.repeat(16), 'eth0 ', 'eth"0', 'eth\n0', 'eth\u00000', 'eth0;', 'é', 'eth+'];
    for (const name of bad) expect(refusals({ ignoredInterfaces: [name] }), name).toHaveLength(1);
    expect(refusals({ ignoredInterfaces: ['eth0', 'eth0'] })).toEqual([
      'document 5, spec.ignoredInterfaces[1] (line 24): "eth0" is listed twice (ignoredInterfaces is a set)',
    ]);
  });
});

describe('line breaks, quotes and NUL in BGPConfiguration fields (finding 13)', () => {
  const HOSTILE = ['x"; }', 'x\n}', 'x\u0000'];
  const FIELDS: [string, (v: string) => object][] = [
    ['ignoredInterfaces', (v) => ({ ignoredInterfaces: [v] })],
    ['logSeverityScreen', (v) => ({ logSeverityScreen: `Info${v}` })],
    [
      'communities[].name',
      (v) => ({
        communities: [{ name: v, value: '65000:1' }],
        prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: [v] }],
      }),
    ],
    [
      'communities[].value',
      (v) => ({
        communities: [{ name: 'c', value: `65000:1${v}` }],
        prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['c'] }],
      }),
    ],
    [
      'prefixAdvertisements[].communities',
      (v) => ({ prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: [`65000:1${v}`] }] }),
    ],
    ['localWorkloadPeeringIPV4', (v) => ({ localWorkloadPeeringIPV4: `169.254.0.1${v}` })],
  ];
  it.each(FIELDS)('%s: every hostile value is refused at the reader', (field, spec) => {
    for (const v of HOSTILE) {
      const issues = refusals(spec(v));
      expect(issues.length, `${field} with ${JSON.stringify(v)}`).toBeGreaterThan(0);
      expect(issues.every((i) => i.startsWith('document 5, spec.'))).toBe(true);
    }
  });
});

describe('community values (finding 2)', () => {
  it("refuses the issue's values: a standard community has 16-bit parts", () => {
    expect(
      refusals({
        communities: [{ name: 'big', value: '99999999999:1' }],
        prefixAdvertisements: [{ cidr: '10.244.0.0/16', communities: ['4294967296:1'] }],
      }),
    ).toEqual([
      'document 5, spec.communities[0].value (line 24): "99999999999:1" is not a standard community: each of its two parts is from 0 to 65535 (16 bits); use aa:nn:mm for a large community',
      'document 5, spec.prefixAdvertisements[0].communities[0] (line 24): "4294967296:1" is not a standard community: each of its two parts is from 0 to 65535 (16 bits); use aa:nn:mm for a large community',
    ]);
  });

  it('takes the range edges and refuses one past them, standard and large', () => {
    const adv = (communities: string[]) => ({ prefixAdvertisements: [{ cidr: '10.244.0.0/16', communities }] });
    expect(refusals(adv(['0:0', '65535:65535', '0:0:0', '4294967295:4294967295:4294967295']))).toEqual([]);
    for (const v of ['65536:0', '0:65536', '4294967296:0:0', '0:0:4294967296', '1:2:3:4', '1', '-1:2', '1:x'])
      expect(refusals(adv([v])), v).toHaveLength(1);
  });

  it('takes a name only when spec.communities defines it, and defined communities only when some prefix is advertised', () => {
    expect(
      refusals({
        communities: [{ name: 'lm', value: '65000:100' }],
        prefixAdvertisements: [{ cidr: '10.244.0.0/16', communities: ['lm'] }],
      }),
    ).toEqual([]);
    expect(refusals({ prefixAdvertisements: [{ cidr: '10.244.0.0/16', communities: ['lm'] }] })).toEqual([
      'document 5, spec.prefixAdvertisements[0].communities[0] (line 24): "lm" is neither a community value (aa:nn or aa:nn:mm) nor the name of one of spec.communities',
    ]);
    expect(refusals({ communities: [{ name: 'lm', value: '65000:100' }] })).toEqual([
      'document 5, spec.communities (line 24): communities are defined but not used in prefixAdvertisements',
    ]);
    expect(
      refusals({
        communities: [{ name: 'Not_A_Name', value: '65000:100' }],
        prefixAdvertisements: [{ cidr: '10.244.0.0/16', communities: ['Not_A_Name'] }],
      }),
    ).toHaveLength(1);
  });

  it('renders the values in range as BIRD reads them', () => {
    const set = resources(
      bgpConfiguration({
        communities: [{ name: 'edge', value: '65535:65535' }],
        prefixAdvertisements: [{ cidr: '10.244.0.0/16', communities: ['edge', '4294967295:0:4294967295'] }],
      }),
    );
    const cfg = renderCalicoNode(set, 'kube-master').birdCfg;
    expect(cfg.slice(0, cfg.indexOf('\n}\n') + 2)).toBe(
      'function apply_communities ()\n{\n      if ( net ~ 10.244.0.0/16 ) then {\n          bgp_large_community.add((4294967295, 0, 4294967295));\n          bgp_community.add((65535, 65535));\n      }\n}',
    );
  });
});

describe('the renderer writes nothing unchecked (second line)', () => {
  /** A set that did not come through the reader, with one BGPConfiguration spec. */
  function unread(spec: Record<string, unknown>): CalicoResourceSet {
    const set = resources('');
    return {
      ...set,
      bgpConfiguration: {
        apiVersion: 'projectcalico.org/v3',
        kind: 'BGPConfiguration',
        metadata: { name: 'default' },
        spec,
      } as CalicoResourceSet['bgpConfiguration'],
    };
  }

  it("refuses the issue's payload in a set built without the reader", () => {
    expect(() => renderCalicoNode(unread({ ignoredInterfaces: [PAYLOAD] }), 'kube-master')).toThrow(
      new CalicoRenderError(
        `BGPConfiguration "default" cannot be rendered: spec.ignoredInterfaces[0]: ${JSON.stringify(PAYLOAD)} is not an interface name or pattern: 1 to 15 of letters, digits, '_', '.', '-' and '*' (and not "*" alone)`,
      ),
    );
    expect(() =>
      renderCalicoNode(
        unread({ prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['99999999999:1'] }] }),
        'kube-master',
      ),
    ).toThrow(CalicoRenderError);
  });

  it('refuses a password BIRD cannot quote, and writes one it can', () => {
    const set = resources(
      `apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: p }\nspec: { peerIP: 10.192.0.100, asNumber: 65001, password: { secretKeyRef: { name: s, key: k } } }\n`,
    );
    expect(renderCalicoNode(set, 'kube-master', { secrets: { 's/k': 'pa$$ w0rd\\' } }).birdCfg).toContain(
      '  password "pa$$ w0rd\\";\n',
    );
    expect(() => renderCalicoNode(set, 'kube-master', { secrets: { 's/k': 'x";\n}\nprotocol static y {' } })).toThrow(
      new CalicoRenderError(
        'the password in secret s/k "x\\";\\n}\\nprotocol static y {" cannot be written as a BIRD string: it contains U+0022 (double quote)',
      ),
    );
    expect(() => renderCalicoNode(set, 'kube-master', { secrets: { 's/k': 'x\u0000' } })).toThrow(/U\+0000 \(NUL\)/);
  });

  it('refuses a service route that is not a prefix', () => {
    expect(() =>
      renderCalicoNode(resources(''), 'kube-master', {
        serviceRoutes: ['10.0.0.1/32 blackhole; }\nprotocol static x { route 0.0.0.0/0'],
      }),
    ).toThrow(CalicoRenderError);
    expect(
      renderCalicoNode(resources(''), 'kube-master', { serviceRoutes: ['10.101.0.101/32'] }).birdAggrCfg,
    ).toContain('   route 10.101.0.101/32 blackhole;');
  });
});
