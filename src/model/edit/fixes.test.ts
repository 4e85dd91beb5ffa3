/** Fixes applied as a list (the diagnostics panel's "apply all of this kind"): all or nothing. */
import { describe, expect, it } from 'vitest';
import { applyFix, applyFixes, fixTarget, type Fix } from './fixes';
import { addRack } from './add';
import { smallFabric, unwrap, validationErrors } from '../test-support';
import type { Topology } from '../schema';
import type { BGPPeer } from '../calico/resources';

/** smallFabric with two more racks whose ToRs prefer no community and whose peers have no filter. */
function threeRacks(): Topology {
  let doc = smallFabric();
  delete doc.spec.routers[0]?.policy;
  doc = unwrap(addRack(doc, { torsPerRack: 1, nodesPerRack: 1, liveMigrationFilter: false })).doc;
  doc = unwrap(addRack(doc, { torsPerRack: 1, nodesPerRack: 1, liveMigrationFilter: false })).doc;
  expect(doc.spec.routers.map((r) => `${r.name}: ${r.policy?.elevatedCommunity ?? 'none'}`)).toEqual([
    'tor-a: none',
    'spine-1: none',
    'tor-b: none',
    'tor-c: none',
  ]);
  return doc;
}

const communities = (doc: Topology) =>
  doc.spec.routers.map((r) => `${r.name}: ${r.policy?.elevatedCommunity ?? 'none'}`);

describe('applyFixes', () => {
  it('applies every fix of the list, each on the result of the one before', () => {
    const before = threeRacks();
    const fixes: Fix[] = ['tor-a', 'tor-b', 'tor-c'].map((router) => ({
      kind: 'set-elevated-community',
      router,
      community: '65000:100',
    }));
    const doc = unwrap(applyFixes(before, fixes));
    expect(validationErrors(doc)).toEqual([]);
    expect(communities(doc)).toEqual(['tor-a: 65000:100', 'spine-1: none', 'tor-b: 65000:100', 'tor-c: 65000:100']);
    expect(communities(before)).toEqual(['tor-a: none', 'spine-1: none', 'tor-b: none', 'tor-c: none']);
  });

  it('gives what applying them one by one gives, also when they overlap (one filter added once)', () => {
    const before = threeRacks();
    const fixes: Fix[] = [
      { kind: 'add-live-migration-filter', peers: ['rack-b-tor-b'] },
      { kind: 'add-live-migration-filter', peers: ['rack-c-tor-c', 'rack-b-tor-b'] },
    ];
    const doc = unwrap(applyFixes(before, fixes));
    const oneByOne = unwrap(applyFix(unwrap(applyFix(before, fixes[0] as Fix)), fixes[1] as Fix));
    expect(doc).toEqual(oneByOne);
    expect(doc.spec.calicoResources.filter((r) => r.kind === 'BGPFilter').map((r) => r.metadata.name)).toEqual([
      'kubevirt-live-migration',
    ]);
    expect(
      doc.spec.calicoResources
        .filter((r): r is BGPPeer => r.kind === 'BGPPeer')
        .map((p) => `${p.metadata.name}: ${(p.spec.filters ?? []).join(',')}`),
    ).toEqual([
      'rack-a-tor-a: kubevirt-live-migration',
      'rack-b-tor-b: kubevirt-live-migration',
      'rack-c-tor-c: kubevirt-live-migration',
    ]);
  });

  it('refuses the whole list when one fix cannot be applied, and says which', () => {
    const before = threeRacks();
    const fixes: Fix[] = [
      { kind: 'set-elevated-community', router: 'tor-a', community: '65000:100' },
      { kind: 'set-elevated-community', router: 'tor-z', community: '65000:100' },
      { kind: 'set-elevated-community', router: 'tor-c', community: '65000:100' },
    ];
    expect(applyFixes(before, fixes)).toEqual({
      ok: false,
      error: 'fix 2 of 3 (router tor-z) cannot be applied: unknown router tor-z; none was applied',
    });
    expect(communities(before)).toEqual(['tor-a: none', 'spine-1: none', 'tor-b: none', 'tor-c: none']);
  });

  it('returns the document itself for an empty list', () => {
    const doc = smallFabric();
    expect(applyFixes(doc, [])).toEqual({ ok: true, value: doc });
  });

  it('names what each kind of fix changes', () => {
    expect(fixTarget({ kind: 'add-live-migration-filter', peers: ['a', 'b'] })).toBe('BGPPeers a, b');
    expect(fixTarget({ kind: 'set-peer-as', peer: 'p', asNumber: 1 })).toBe('BGPPeer p');
    expect(fixTarget({ kind: 'set-to-nodes', router: 'r', mode: 'all' })).toBe('router r');
    expect(fixTarget({ kind: 'clear-export-peer-type', filter: 'f' })).toBe('BGPFilter f');
    expect(fixTarget({ kind: 'set-bgp-normal-priority', value: undefined })).toBe('the cluster settings');
  });
});
