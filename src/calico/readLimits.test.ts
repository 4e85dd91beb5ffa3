/**
 * The Calico YAML reader against hostile files (issue 15, findings 3, 7 and 12): bombs refused
 * with the limit named, keys that are lists or mappings refused without the yaml package's console
 * warning, thousands of identical objects answered with the first problems and a count, and an
 * import of thousands of nodes and peers done by look-ups, not searches of the design.
 */
import { describe, expect, it } from 'vitest';
import { recordPrinted } from '../lib/test-printed';
import { emptyDesign } from '../model/empty';
import { formatReadIssue, readCalicoResources } from './read';
import { importCalicoResources } from './toDesign';

const issues = (text: string) => {
  const r = readCalicoResources(text);
  return r.ok ? [] : r.error.map(formatReadIssue);
};

const PEER =
  'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: p }\nspec: { peerIP: 10.0.0.1, asNumber: 65000 }\n';

describe('Calico YAML bombs', () => {
  it('refuses a billion laughs at the alias that crosses 4,000,000 elements', () => {
    const levels = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++)
      levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    expect(issues(`${PEER}---\n${levels.join('\n')}\n`)).toEqual([
      'document 2, l6[2] (line 12): more than 4,000,000 elements (values, lists, mappings, aliases expanded): the most a Calico resource file may have',
    ]);
  });

  it('refuses nesting deeper than 64 levels, a self-containing alias, and a text over 64,000,000 characters', () => {
    expect(issues(`${PEER}---\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toEqual([
      'document 2, (document) (line 6): lists and mappings nested more than 64 deep (aliases expanded): the most a Calico resource file may have',
    ]);
    expect(issues(`${PEER}---\nitems: &i [{ kind: List, items: *i }]\n`)).toEqual([
      'document 2, items[0].items (line 6): alias *i refers to a list or mapping that contains it',
    ]);
    const long = `${PEER}#${'x'.repeat(64_000_000)}\n`;
    expect(issues(long)).toEqual([
      `document 1, (document): the text has ${long.length.toLocaleString('en-US')} characters: more than the 64,000,000 a Calico resource file may have`,
    ]);
  });
});

describe('Calico selectors', () => {
  it('refuses a selector nested 100,000 deep, quoting only its start (it overflowed the stack)', () => {
    const sel = `${'('.repeat(100_000)}all()${')'.repeat(100_000)}`;
    expect(
      issues(
        `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: { name: p }\nspec: { cidr: 10.0.0.0/16, nodeSelector: "${sel}" }\n`,
      ),
    ).toEqual([
      `document 1, spec.nodeSelector (line 4): invalid selector "${'('.repeat(120)}…": more than 128 levels of '!' and '(' at character 129`,
    ]);
  });
});

describe('Calico keys', () => {
  const warnings = recordPrinted();

  it('refuses a key that is a list or a mapping with its own message only', () => {
    expect(issues(`${PEER.replace('spec: {', 'spec: { ? [a] : 1,')}`)).toEqual([
      'document 1, spec (line 4): a key is a list: keys are plain text',
    ]);
    expect(
      issues(`apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  ? { a: 1 }\n  : x\n  name: p\n`),
    ).toEqual(['document 1, metadata (line 4): a key is a mapping: keys are plain text']);
    expect(warnings()).toEqual([]);
  });

  it('refuses a key given twice, naming both lines', () => {
    expect(issues(`${PEER}kind: BGPFilter\n`)).toEqual([
      'document 1, kind (line 5): key "kind" is given twice in this mapping (first at line 2)',
    ]);
  });
});

describe('thousands of objects', () => {
  it('5,000 copies of one BGPPeer: the first duplicates listed and the rest counted', () => {
    const r = readCalicoResources(`${PEER}---\n`.repeat(5000));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(21);
    expect(formatReadIssue(r.error[0]!)).toBe(
      'document 2, metadata.name (line 8): BGPPeer p is defined twice (first in document 1)',
    );
    expect(formatReadIssue(r.error[20]!)).toBe('document 2, (document): … and 4,979 more objects defined twice');
    expect(r.error[20]?.omitted).toBe(4979);
  });

  it('5,000 objects with the same wrong field: listed per field, the rest counted', () => {
    const r = readCalicoResources(`${PEER.replace('asNumber: 65000', 'asNumber: high')}---\n`.repeat(5000));
    const lines = r.ok ? [] : r.error.map(formatReadIssue);
    expect(lines[0]).toBe('document 1, spec.asNumber (line 4): expected an AS number, got the string "high"');
    expect(lines.slice(20)).toEqual(['document 1, (document): … and 4,980 more problems with spec.asNumber']);
  });

  it('imports 8,000 nodes in 250 racks and their 8,000 peers (ToRs made once per rack)', () => {
    const n = 8000;
    const nodes = Array.from({ length: n }, (_, i) => ({
      apiVersion: 'projectcalico.org/v3' as const,
      kind: 'Node' as const,
      metadata: { name: `node-${i}`, labels: { rack: `rack-${i >> 5}` } },
      spec: { bgp: { ipv4Address: `10.${i >> 13}.${(i >> 5) & 255}.${(i & 31) + 10}/24`, asNumber: 65001 } },
    }));
    const bgpPeers = Array.from({ length: n }, (_, i) => ({
      apiVersion: 'projectcalico.org/v3' as const,
      kind: 'BGPPeer' as const,
      metadata: { name: `peer-${i}` },
      spec: { node: `node-${i}`, peerIP: `10.${i >> 13}.${(i >> 5) & 255}.1`, asNumber: 65000 },
    }));
    const r = importCalicoResources(emptyDesign(), {
      nodes,
      ipPools: [],
      bgpPeers,
      bgpFilters: [],
      blockAffinities: [],
      ignored: [],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const spec = r.value.doc.spec;
    expect([spec.nodes.length, spec.racks.length, spec.routers.length, spec.calicoResources.length]).toEqual([
      8000, 250, 250, 8000,
    ]);
    expect(spec.routers[249]).toEqual({
      name: 'tor-249',
      role: 'tor',
      rack: 'rack-249',
      asNumber: 65000,
      address: '10.0.249.1',
      platform: 'bird1',
    });
    expect(spec.nodes[7999]).toEqual({ name: 'node-7999', rack: 'rack-249', address: '10.0.249.41', asNumber: 65001 });
  });
});
