/** The files the editor shows for a design: every generated artefact, per-node files for one node. */
import { resourcesYaml, serializeDesign, type Topology } from '../../model';
import type { GeneratedFile } from '../../config/files';

export function editorFiles(doc: Topology, _node: string | undefined): GeneratedFile[] {
  return [
    {
      path: 'calico/bgpfilters.yaml',
      group: 'Calico manifests',
      language: 'yaml',
      text: resourcesYaml(doc, 'BGPFilter'),
      about: 'BGPFilter resources: calicoctl apply -f calico/bgpfilters.yaml',
      editable: 'BGPFilter',
    },
    {
      path: 'calico/bgppeers.yaml',
      group: 'Calico manifests',
      language: 'yaml',
      text: resourcesYaml(doc, 'BGPPeer'),
      about: 'BGPPeer resources: calicoctl apply -f calico/bgppeers.yaml',
      editable: 'BGPPeer',
    },
    {
      path: `${doc.metadata.name}.liveroute.yaml`,
      group: 'Design',
      language: 'yaml',
      text: serializeDesign(doc, 'yaml'),
      about: 'The liveroute/v1 design itself',
    },
  ];
}
