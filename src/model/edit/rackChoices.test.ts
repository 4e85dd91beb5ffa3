/**
 * The rack template and the fabric generator offer the same choices (AS schemes, the
 * live-migration filter, ToRs, platform) and carry them out the same way.
 */
import { describe, expect, it } from 'vitest';
import { addRack } from './add';
import { generateFabric } from './generate';
import { emptyDesign, newDesign, NEW_DESIGN_NAME } from './newDesign';
import { liveMigrationFilter } from '../calico/documented';
import { mustParse, smallFabric, unwrap, validationErrors } from '../test-support';
import type { BGPPeer } from '../calico/resources';
import type { Topology } from '../schema';

const peers = (doc: Topology) =>
  doc.spec.calicoResources
    .filter((r): r is BGPPeer => r.kind === 'BGPPeer')
    .map((p) => ({ name: p.metadata.name, ...p.spec }));
const routers = (doc: Topology) =>
  doc.spec.routers.map(
    (r) =>
      `${r.name} AS ${r.asNumber}${r.routeReflector ? ` rr ${r.routeReflector.clusterId}` : ''}${r.policy?.elevatedCommunity ? ` prefers ${r.policy.elevatedCommunity}` : ''}`,
  );

describe('the fabric generator’s choices', () => {
  it('without the filter: no BGPFilter, no peer names one, no router prefers the community', () => {
    const doc = generateFabric({
      racks: 2,
      nodesPerRack: 1,
      spines: 1,
      torsPerRack: 1,
      vms: 1,
      liveMigrationFilter: false,
    });
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.spec.calicoResources.filter((r) => r.kind === 'BGPFilter')).toEqual([]);
    expect(peers(doc).map((p) => p.filters)).toEqual([undefined, undefined]);
    expect(routers(doc)).toEqual(['spine-1 AS 65000', 'border-1 AS 64900', 'tor-01 AS 65001', 'tor-02 AS 65002']);
  });

  it('ToRs in the spines’ AS: the spines reflect, the peers name that AS', () => {
    const doc = generateFabric({ racks: 2, nodesPerRack: 1, spines: 2, torsPerRack: 1, vms: 0, torAs: 'spines' });
    expect(validationErrors(doc)).toEqual([]);
    expect(routers(doc)).toEqual([
      'spine-1 AS 65000 rr 10.0.0.100 prefers 65000:100',
      'spine-2 AS 65000 rr 10.0.0.100 prefers 65000:100',
      'border-1 AS 64900 prefers 65000:100',
      'tor-01 AS 65000 prefers 65000:100',
      'tor-02 AS 65000 prefers 65000:100',
    ]);
    expect(peers(doc).map((p) => `${p.name} ${p.asNumber}`)).toEqual(['rack-01-tor-01 65000', 'rack-02-tor-02 65000']);
  });

  it('nodes in the cluster AS: no node AS, and the peers allow the nodes’ own AS once (no mesh)', () => {
    const doc = generateFabric({ racks: 1, nodesPerRack: 2, spines: 1, torsPerRack: 1, vms: 0, nodeAs: 'cluster' });
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.spec.nodes.map((n) => n.asNumber)).toEqual([undefined, undefined]);
    expect(peers(doc)).toEqual([
      {
        name: 'rack-01-tor-01',
        nodeSelector: "rack == 'rack-01'",
        peerIP: '10.0.1.1',
        asNumber: 65001,
        filters: ['kubevirt-live-migration'],
        numAllowedLocalASNumbers: 1,
      },
    ]);
  });
});

describe('the rack template’s choices', () => {
  it('with the filter into a design without it: adds the documented filter, attaches it, ToR and spines prefer its community', () => {
    const before = smallFabric();
    before.spec.calicoResources = before.spec.calicoResources.filter((r) => r.kind !== 'BGPFilter');
    delete (before.spec.calicoResources[0] as BGPPeer).spec.filters;
    delete before.spec.routers[0]?.policy;
    const doc = unwrap(addRack(before, { torsPerRack: 1, nodesPerRack: 1, liveMigrationFilter: true })).doc;
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.spec.calicoResources[0]).toEqual(liveMigrationFilter());
    expect(peers(doc).map((p) => `${p.name}: ${(p.filters ?? []).join(',')}`)).toEqual([
      'rack-a-tor-a: ',
      'rack-b-tor-b: kubevirt-live-migration',
    ]);
    // tor-a is not the new rack's: it is left as it was (the diagnostics say what it lacks).
    expect(routers(doc)).toEqual([
      'tor-a AS 65001',
      'spine-1 AS 65000 prefers 65000:100',
      'tor-b AS 65002 prefers 65000:100',
    ]);
  });

  it('without the filter: the new peer names none, even where the design’s other peers do', () => {
    const doc = unwrap(addRack(smallFabric(), { torsPerRack: 1, nodesPerRack: 1, liveMigrationFilter: false })).doc;
    expect(peers(doc).map((p) => `${p.name}: ${(p.filters ?? []).join(',')}`)).toEqual([
      'rack-a-tor-a: kubevirt-live-migration',
      'rack-b-tor-b: ',
    ]);
  });

  it('ToRs in the spines’ AS: the ToR pair joins AS 65000 and the spine becomes a route reflector', () => {
    const doc = unwrap(
      addRack(smallFabric(), { torsPerRack: 2, nodesPerRack: 1, torAs: 'spines', platform: 'frr' }),
    ).doc;
    expect(validationErrors(doc)).toEqual([]);
    expect(routers(doc)).toEqual([
      'tor-a AS 65001 prefers 65000:100',
      'spine-1 AS 65000 rr 10.0.0.100',
      'tor-b1 AS 65000 prefers 65000:100',
      'tor-b2 AS 65000 prefers 65000:100',
    ]);
    expect(doc.spec.routers.slice(2).map((r) => r.platform)).toEqual(['frr', 'frr']);
    expect(
      peers(doc)
        .slice(1)
        .map((p) => `${p.name} → ${p.peerIP} AS ${p.asNumber}`),
    ).toEqual(['rack-b-tor-b1 → 10.0.2.1 AS 65000', 'rack-b-tor-b2 → 10.0.2.2 AS 65000']);
  });

  it('nodes in the cluster AS without a mesh: the new peer allows the nodes’ own AS once; with the mesh it does not', () => {
    const noMesh = unwrap(addRack(smallFabric(), { torsPerRack: 1, nodesPerRack: 1, nodeAs: 'cluster' })).doc;
    expect(peers(noMesh).at(-1)?.numAllowedLocalASNumbers).toBe(1);
    const mesh = unwrap(addRack(emptyDesign(), { torsPerRack: 1, nodesPerRack: 1, nodeAs: 'cluster' })).doc;
    expect(peers(mesh).at(-1)?.numAllowedLocalASNumbers).toBeUndefined();
  });
});

describe('newDesign (File → New)', () => {
  it('empty: only the name, nothing in it', () => {
    const doc = unwrap(newDesign({ kind: 'empty' }));
    expect(validationErrors(doc)).toEqual([]);
    expect(doc).toEqual(
      mustParse(`apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: ${NEW_DESIGN_NAME} }\nspec: {}\n`),
    );
    expect(doc.lesson).toBeUndefined();
  });

  it('one rack: a ToR, N nodes, the filter, a VM moving inside the rack', () => {
    const doc = unwrap(newDesign({ kind: 'one-rack', nodesPerRack: 3 }));
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.metadata).toEqual({ name: 'new-design' });
    expect(doc.spec.racks).toEqual([{ name: 'rack-a', subnet: '10.0.1.0/24' }]);
    expect(routers(doc)).toEqual(['tor-a AS 65001 prefers 65000:100']);
    expect(doc.spec.nodes.map((n) => `${n.name} ${n.address} ${n.asNumber ?? 'cluster AS'}`)).toEqual([
      'node-a1 10.0.1.11 cluster AS',
      'node-a2 10.0.1.12 cluster AS',
      'node-a3 10.0.1.13 cluster AS',
    ]);
    expect(peers(doc).map((p) => `${p.name} → ${p.peerIP} AS ${p.asNumber} ${(p.filters ?? []).join(',')}`)).toEqual([
      'rack-a-tor-a → 10.0.1.1 AS 65001 kubevirt-live-migration',
    ]);
    expect(doc.spec.vms).toEqual([{ name: 'vm-1', ip: '10.244.0.1', node: 'node-a1' }]);
    expect(doc.spec.migration).toEqual({ vm: 'vm-1', to: 'node-a2' });
    expect(doc.spec.layout).toBeUndefined();
  });

  it('one rack with one node: a VM but nothing to migrate to', () => {
    const doc = unwrap(newDesign({ kind: 'one-rack', nodesPerRack: 1 }));
    expect(doc.spec.vms).toHaveLength(1);
    expect(doc.spec.migration).toBeUndefined();
  });

  it('two racks: the generator’s eBGP fabric, under the new name and no title', () => {
    const doc = unwrap(newDesign({ kind: 'two-racks', nodesPerRack: 2 }));
    expect(validationErrors(doc)).toEqual([]);
    expect(doc.metadata).toEqual({ name: 'new-design' });
    expect(doc.spec).toEqual(generateFabric({ racks: 2, nodesPerRack: 2, spines: 1, torsPerRack: 1, vms: 1 }).spec);
    expect(doc.spec.migration).toEqual({ vm: 'vm-1', to: 'node-02-1' });
  });

  it('refuses node counts outside 1..16', () => {
    expect(newDesign({ kind: 'one-rack', nodesPerRack: 0 })).toEqual({
      ok: false,
      error: 'a template has 1 to 16 nodes per rack',
    });
    expect(newDesign({ kind: 'two-racks', nodesPerRack: 17 })).toEqual({
      ok: false,
      error: 'a template has 1 to 16 nodes per rack',
    });
  });
});
