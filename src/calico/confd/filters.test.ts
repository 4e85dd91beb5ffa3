import { describe, expect, it } from 'vitest';
import type { BGPFilterRule } from '../../model/calico/bgpfilter';
import type { BGPFilter } from '../types';
import {
  filterCalls,
  filterFunctionName,
  filterFunctionsSection,
  invalidPrefixRanges,
  ruleStatement,
  truncateFilterName,
} from './filters';

const filter = (name: string, spec: BGPFilter['spec']): BGPFilter => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'BGPFilter',
  metadata: { name },
  spec,
});

describe('filter function names (domain §4.3)', () => {
  it('keeps names of up to 45 characters and shortens longer ones with a SHA-256 suffix', () => {
    expect(truncateFilterName('45characters.exactly.so.should.not.truncate-1')).toBe(
      '45characters.exactly.so.should.not.truncate-1',
    );
    expect(truncateFilterName('46characters.exactly.so.should.truncate-123456')).toBe(
      '46characters.exactly.so.shou_9615CBDC00BAC628',
    );
    expect(truncateFilterName('greater-than-64-characters.so.this.should.definitely.truncate-1234567890')).toBe(
      'greater-than-64-characters.s_4C5DB3273E544641',
    );
  });

  it('quotes the name and never exceeds BIRD’s 64-character symbols', () => {
    expect(filterFunctionName('kubevirt-lm', 'import', 4)).toBe("'bgp_kubevirt-lm_importFilterV4'");
    expect(filterFunctionName('kubevirt-lm', 'export', 6)).toBe("'bgp_kubevirt-lm_exportFilterV6'");
    expect(filterFunctionName('x'.repeat(253), 'export', 4).length).toBe(64 + 2);
  });
});

describe('rule statements (domain §4.3)', () => {
  const s = (rule: BGPFilterRule, family: 4 | 6 = 4) => ruleStatement(rule, family);

  it('writes the conditions in confd’s fixed order, whatever the YAML order', () => {
    expect(
      s({
        priority: 512,
        asPathPrefix: [65000, 65001],
        communities: { values: ['65000:100'] },
        interface: 'eth*',
        source: 'RemotePeers',
        matchOperator: 'In',
        cidr: '10.244.0.0/16',
        action: 'Accept',
      }),
    ).toBe(
      'if ((net ~ 10.244.0.0/16)&&((defined(source))&&(source ~ [ RTS_BGP ]))&&((defined(ifname))&&(ifname ~ "eth*"))&&((65000, 100) ~ bgp_community)&&(bgp_path ~ [= 65000 65001 * =])&&(defined(bgp_local_pref)&&(bgp_local_pref = 2147483135))) then { accept; }',
    );
  });

  it('maps the four match operators', () => {
    expect(s({ cidr: '10.0.0.0/8', matchOperator: 'Equal', action: 'Reject' })).toBe(
      'if ((net = 10.0.0.0/8)) then { reject; }',
    );
    expect(s({ cidr: '10.0.0.0/8', matchOperator: 'NotEqual', action: 'Reject' })).toBe(
      'if ((net != 10.0.0.0/8)) then { reject; }',
    );
    expect(s({ cidr: '10.0.0.0/8', matchOperator: 'In', action: 'Reject' })).toBe(
      'if ((net ~ 10.0.0.0/8)) then { reject; }',
    );
    expect(s({ cidr: '10.0.0.0/8', matchOperator: 'NotIn', action: 'Reject' })).toBe(
      'if ((net !~ 10.0.0.0/8)) then { reject; }',
    );
  });

  it('clamps prefix lengths to the CIDR and the family, and writes an empty range as is', () => {
    expect(s({ cidr: '55.4.0.0/16', matchOperator: 'In', prefixLength: { min: 16, max: 24 }, action: 'Accept' })).toBe(
      'if ((net ~ [ 55.4.0.0/16{16,24} ])) then { accept; }',
    );
    expect(s({ cidr: '88.7.0.0/16', matchOperator: 'In', prefixLength: { max: 24 }, action: 'Accept' })).toBe(
      'if ((net ~ [ 88.7.0.0/16{16,24} ])) then { accept; }',
    );
    expect(s({ cidr: '7000:1::0/64', matchOperator: 'In', prefixLength: { max: 96 }, action: 'Accept' }, 6)).toBe(
      'if ((net ~ [ 7000:1::0/64{64,96} ])) then { accept; }',
    );
    expect(s({ cidr: '6000:1::0/64', matchOperator: 'In', prefixLength: { min: 96 }, action: 'Accept' }, 6)).toBe(
      'if ((net ~ [ 6000:1::0/64{96,128} ])) then { accept; }',
    );
    expect(s({ cidr: '10.244.0.0/24', matchOperator: 'Equal', prefixLength: { max: 16 }, action: 'Accept' })).toBe(
      'if ((net = [ 10.244.0.0/24{24,16} ])) then { accept; }',
    );
  });

  it('puts operations before the action, prepending in reverse order', () => {
    expect(
      s({
        action: 'Accept',
        operations: [
          { addCommunity: { value: '65000:200' } },
          { prependASPath: { prefix: [65000, 65001] } },
          { setPriority: { value: 100 } },
          { addCommunity: { value: '65001:300:400' } },
        ],
      }),
    ).toBe(
      'bgp_community.add((65000, 200)); bgp_path.prepend(65001); bgp_path.prepend(65000); bgp_local_pref = 2147483547; bgp_large_community.add((65001, 300, 400)); accept;',
    );
  });

  it('matches large communities in bgp_large_community', () => {
    expect(s({ communities: { values: ['65000:100:200'] }, action: 'Accept' })).toBe(
      'if (((65000, 100, 200) ~ bgp_large_community)) then { accept; }',
    );
  });

  it('guards peerType rules with is_same_as', () => {
    expect(s({ peerType: 'eBGP', priority: 100, action: 'Accept' })).toBe(
      'if (!is_same_as) then { if ((defined(bgp_local_pref)&&(bgp_local_pref = 2147483547))) then { accept; } }',
    );
    expect(s({ peerType: 'iBGP', action: 'Reject' })).toBe('if (is_same_as) then { reject; }');
  });

  it('ignores an empty asPathPrefix', () => {
    expect(s({ asPathPrefix: [], action: 'Reject' })).toBe('reject;');
  });
});

describe('the BGP Filters section and the calls', () => {
  const a = filter('b-filter', {
    importV4: [{ action: 'Accept' }],
    exportV4: [{ peerType: 'iBGP', action: 'Reject' }],
  });
  const b = filter('a-filter', { exportV6: [{ action: 'Reject' }] });
  const c = filter('c-filter', { exportV4: [{ action: 'Accept', source: 'RemotePeers' }] });

  it('lists filters by name, import before export, only those with rules of the family', () => {
    expect(filterFunctionsSection([a, b, c], 4)).toEqual([
      '# v4 BGPFilter b-filter',
      "function 'bgp_b-filter_importFilterV4'() {",
      '  accept;',
      '}',
      "function 'bgp_b-filter_exportFilterV4'(bool is_same_as) {",
      '  if (is_same_as) then { reject; }',
      '}',
      '# v4 BGPFilter c-filter',
      "function 'bgp_c-filter_exportFilterV4'() {",
      '  if (((defined(source))&&(source ~ [ RTS_BGP ]))) then { accept; }',
      '}',
    ]);
    expect(filterFunctionsSection([b], 4)).toEqual(['# No v4 BGPFilters configured']);
    expect(filterFunctionsSection([], 6)).toEqual(['# No v6 BGPFilters configured']);
  });

  it('calls filters in the peer’s order, skipping missing ones and ones without rules', () => {
    const byName = new Map([a, b, c].map((f) => [f.metadata.name, f]));
    expect(filterCalls(['c-filter', 'missing', 'a-filter', 'b-filter'], byName, 'export', 4, false)).toEqual([
      "'bgp_c-filter_exportFilterV4'();",
      "'bgp_b-filter_exportFilterV4'(false);",
    ]);
    expect(filterCalls(['b-filter', 'c-filter'], byName, 'import', 4, true)).toEqual([
      "'bgp_b-filter_importFilterV4'();",
    ]);
  });

  it('finds the prefix ranges BIRD refuses', () => {
    const f = filter('ranges', {
      importV4: [
        { cidr: '10.0.0.0/24', matchOperator: 'In', prefixLength: { min: 8, max: 16 }, action: 'Accept' },
        { cidr: '10.0.0.0/8', matchOperator: 'In', prefixLength: { max: 16 }, action: 'Accept' },
      ],
      exportV6: [{ cidr: 'fd00::/64', matchOperator: 'In', prefixLength: { max: 48 }, action: 'Accept' }],
    });
    expect(invalidPrefixRanges([f])).toEqual([
      { filter: 'ranges', list: 'importV4', index: 0, min: 24, max: 16 },
      { filter: 'ranges', list: 'exportV6', index: 0, min: 64, max: 48 },
    ]);
  });
});
