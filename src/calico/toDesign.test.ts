import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign, formatIssue, type Topology } from '../model';
import { designManifestFiles } from './manifests';
import { calicoResourcesFromDesign } from './fromDesign';
import { toYaml } from '../model/serialize';
import { readCalicoResources } from './read';
import { importCalicoResources } from './toDesign';

/** Every manifest of a design (to apply and for reference), as one multi-document text. */
const manifestsYaml = (doc: Topology) =>
  designManifestFiles(doc)
    .filter((f) => f.kind !== undefined)
    .map((f) => f.text)
    .join('---\n');

const design = (name: string): Topology => {
  const r = parseDesign(readFileSync(new URL(`../scenarios/${name}.liveroute.yaml`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value.doc;
};

const empty = (): Topology => ({
  apiVersion: 'liveroute/v1',
  kind: 'Topology',
  metadata: { name: 'imported' },
  spec: { racks: [], nodes: [], routers: [], links: [], sessions: [], calicoResources: [], vms: [] },
});

function importText(doc: Topology, text: string) {
  const set = readCalicoResources(text);
  if (!set.ok) throw new Error(JSON.stringify(set.error));
  const r = importCalicoResources(doc, set.value);
  if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
  return r.value;
}

describe('importing Calico resources into a design', () => {
  it("round-trips the design's Calico side: manifests → import into an empty design", () => {
    const original = design('two-racks-ebgp');
    // Block affinities are IPAM's (not applied manifests); a cluster dump has them.
    const affinities = calicoResourcesFromDesign(original)
      .blockAffinities.map((b) => toYaml(b))
      .join('---\n');
    const { doc, report } = importText(empty(), `${manifestsYaml(original)}---\n${affinities}`);
    expect(doc.spec.nodes).toEqual(original.spec.nodes);
    expect(doc.spec.racks).toEqual(original.spec.racks);
    expect(doc.spec.calicoResources).toEqual(original.spec.calicoResources);
    expect(doc.spec.cluster).toEqual({
      asNumber: 64512,
      nodeToNodeMeshEnabled: false,
      // The manifests state liveroute's pool defaults, and the import keeps what they state.
      ipPools: [
        {
          name: 'default-ipv4-ippool',
          cidr: '10.244.0.0/16',
          blockSize: 26,
          disableBGPExport: false,
          ipipMode: 'Never',
          vxlanMode: 'Never',
          natOutgoing: false,
        },
      ],
      routePriority: { normal: 1024, elevated: 512 },
      liveMigrationRouteConvergenceTime: '30s',
    });
    // The ToRs are not Calico resources: the peers' addresses become routers to be completed.
    expect(doc.spec.routers.map((r) => `${r.name} ${r.role} ${r.rack} ${r.asNumber} ${r.address}`)).toEqual([
      'tor-a tor rack-a 65001 10.0.1.1',
      'tor-b tor rack-b 65002 10.0.2.1',
    ]);
    expect(report).toContain(
      'router tor-a (tor, AS 65001, 10.0.1.1) created for BGPPeer rack-a-tor: set its platform and policy',
    );
  });

  it('reads kubectl output (a List of crd.projectcalico.org objects) and places nodes in racks by subnet', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: crd.projectcalico.org/v1',
      '  kind: Node',
      '  metadata: { name: worker-1, uid: 1234, resourceVersion: "99" }',
      '  spec: { bgp: { ipv4Address: 192.168.10.21/24 } }',
      '- apiVersion: crd.projectcalico.org/v1',
      '  kind: BGPPeer',
      '  metadata: { name: tor }',
      '  spec: { peerIP: 192.168.10.1, asNumber: 65010 }',
      '',
    ].join('\n');
    const { doc, report } = importText(empty(), text);
    expect(doc.spec.racks).toEqual([{ name: 'rack-1', subnet: '192.168.10.0/24' }]);
    expect(doc.spec.nodes).toEqual([{ name: 'worker-1', rack: 'rack-1', address: '192.168.10.21' }]);
    expect(doc.spec.routers).toEqual([
      { name: 'tor-1', role: 'tor', rack: 'rack-1', asNumber: 65010, address: '192.168.10.1', platform: 'bird1' },
    ]);
    expect(report[0]).toBe('rack rack-1 (192.168.10.0/24) created for node addresses in it');
  });

  it('merges into an existing design: same-named objects are replaced, the rest kept', () => {
    const original = design('two-racks-ebgp');
    const text = manifestsYaml(original).replace('asNumber: 65101', 'asNumber: 65111');
    const { doc } = importText(original, text);
    expect(doc.spec.nodes.find((n) => n.name === 'node-a1')?.asNumber).toBe(65111);
    expect(doc.spec.routers).toEqual(original.spec.routers);
    expect(doc.spec.vms).toEqual(original.spec.vms);
  });
});
