import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDesign } from '../parse';
import type { Topology } from '../schema';
import { formatIssue } from '../issues';
import { applyResourcesYaml, resourcesYaml } from './yamlText';

const text = readFileSync(new URL('../../scenarios/two-racks-ebgp.liveroute.yaml', import.meta.url), 'utf8');
const parsed = parseDesign(text);
if (!parsed.ok) throw new Error('fixture');
const doc: Topology = parsed.value.doc;

describe('Calico objects as editable YAML', () => {
  it('prints the BGPPeers as multi-document YAML', () => {
    expect(resourcesYaml(doc, 'BGPPeer')).toBe(
      [
        'apiVersion: projectcalico.org/v3',
        'kind: BGPPeer',
        'metadata: { name: rack-a-tor }',
        'spec:',
        "  nodeSelector: rack == 'rack-a'",
        '  peerIP: 10.0.1.1',
        '  asNumber: 65001',
        '  filters: [ kubevirt-live-migration ]',
        '---',
        'apiVersion: projectcalico.org/v3',
        'kind: BGPPeer',
        'metadata: { name: rack-b-tor }',
        'spec:',
        "  nodeSelector: rack == 'rack-b'",
        '  peerIP: 10.0.2.1',
        '  asNumber: 65002',
        '  filters: [ kubevirt-live-migration ]',
        '',
      ].join('\n'),
    );
  });

  it('round-trips: applying the printed text changes nothing', () => {
    for (const kind of ['BGPPeer', 'BGPFilter'] as const) {
      const r = applyResourcesYaml(doc, kind, resourcesYaml(doc, kind));
      expect(r.ok && r.value).toStrictEqual(doc);
    }
  });

  it('applies an edited community to the design, keeping the object order', () => {
    const edited = resourcesYaml(doc, 'BGPFilter').replaceAll('65000:100', '65000:200');
    const r = applyResourcesYaml(doc, 'BGPFilter', edited);
    if (!r.ok) throw new Error(r.error.map(formatIssue).join('\n'));
    const filter = r.value.spec.calicoResources[0];
    expect(filter?.kind === 'BGPFilter' && filter.spec.exportV4?.[0]?.operations?.[0]).toEqual({
      addCommunity: { value: '65000:200' },
    });
    expect(r.value.spec.calicoResources.map((x) => x.metadata.name)).toEqual([
      'kubevirt-live-migration',
      'rack-a-tor',
      'rack-b-tor',
    ]);
  });

  it('reports invalid YAML with its line, and schema problems with document, path and line', () => {
    const broken = applyResourcesYaml(
      doc,
      'BGPPeer',
      'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: { name: x\n',
    );
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error[0]?.line).toBe(4);
    const bad = resourcesYaml(doc, 'BGPPeer').replace('peerIP: 10.0.2.1', 'peerIP: 10.0.2.300');
    const r = applyResourcesYaml(doc, 'BGPPeer', bad);
    expect(r.ok ? [] : r.error.map(formatIssue)).toEqual([
      '[1].spec.peerIP (line 15): 10.0.2.300 is not a peer address (IP, IPv4:port or [IPv6]:port)',
    ]);
  });

  it('maps a whole-design problem back to the document that causes it', () => {
    const bad = resourcesYaml(doc, 'BGPPeer').replace("nodeSelector: rack == 'rack-b'", 'node: node-z9');
    const r = applyResourcesYaml(doc, 'BGPPeer', bad);
    expect(r.ok ? [] : r.error.map(formatIssue)).toEqual([
      '[1].spec.node (line 14): unknown node "node-z9" (known: node-a1, node-a2, node-b1, node-b2)',
    ]);
  });
});
