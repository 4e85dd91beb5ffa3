/**
 * The Calico manifests of a design, as projectcalico.org/v3 YAML written with the `yaml`
 * library (never by string concatenation): one file per kind, keys in schema order.
 */
import { bgpFilter, bgpPeer } from '../model/calico/resources';
import { canonicalize, toYaml } from '../model/serialize';
import type { Topology } from '../model/schema';
import { calicoResourcesFromDesign } from './fromDesign';
import { bgpConfigurationResource, felixConfigurationResource, ipPoolResource, nodeResource } from './schemas';
import type { CalicoResourceSet } from './types';
import type { z } from 'zod';

export interface ManifestFile {
  readonly path: string;
  readonly kind: 'BGPConfiguration' | 'FelixConfiguration' | 'IPPool' | 'Node' | 'BGPFilter' | 'BGPPeer';
  readonly text: string;
  readonly about: string;
}

function documents(schema: z.core.$ZodType, objects: readonly unknown[]): string {
  return objects.map((o) => toYaml(canonicalize(schema, o))).join('---\n');
}

/** Manifests in the order they are applied: cluster settings, pools, nodes, filters, then the peers that name them. */
export function manifestFiles(set: CalicoResourceSet): ManifestFile[] {
  const files: ManifestFile[] = [
    {
      path: 'calico/bgpconfiguration.yaml',
      kind: 'BGPConfiguration',
      text: set.bgpConfiguration ? documents(bgpConfigurationResource, [set.bgpConfiguration]) : '',
      about: 'The default BGPConfiguration: cluster AS, node-to-node mesh, normal route priority. `calicoctl apply -f`.',
    },
    {
      path: 'calico/felixconfiguration.yaml',
      kind: 'FelixConfiguration',
      text: set.felixConfiguration ? documents(felixConfigurationResource, [set.felixConfiguration]) : '',
      about: 'The default FelixConfiguration: normal and elevated route priorities, live-migration convergence time. `calicoctl apply -f` (or `kubectl apply -f` with the Calico API server).',
    },
    {
      path: 'calico/ippools.yaml',
      kind: 'IPPool',
      text: documents(ipPoolResource, set.ipPools),
      about: 'IP pools: BGP-routed, no encapsulation (live migration needs it), not masqueraded. `calicoctl apply -f`.',
    },
    {
      path: 'calico/nodes.yaml',
      kind: 'Node',
      text: documents(nodeResource, set.nodes),
      about:
        'Node overrides: AS number, route-reflector cluster ID, labels. calico-node creates Node objects itself: set these fields with `calicoctl patch node <name> --patch` (labels with `kubectl label node`), or apply the file before calico-node starts.',
    },
    {
      path: 'calico/bgpfilters.yaml',
      kind: 'BGPFilter',
      text: documents(bgpFilter, set.bgpFilters),
      about: 'BGPFilter resources (editable in liveroute). Apply before the BGPPeers that name them: `calicoctl apply -f`.',
    },
    {
      path: 'calico/bgppeers.yaml',
      kind: 'BGPPeer',
      text: documents(bgpPeer, set.bgpPeers),
      about: 'BGPPeer resources (editable in liveroute): the sessions from the nodes to the routers. `calicoctl apply -f`.',
    },
  ];
  return files.filter((f) => f.text.trim() !== '');
}

export function designManifestFiles(doc: Topology): ManifestFile[] {
  return manifestFiles(calicoResourcesFromDesign(doc));
}

/** Every manifest as one multi-document YAML (`calicoctl apply -f` takes it whole). */
export function manifestsYaml(doc: Topology): string {
  return designManifestFiles(doc)
    .map((f) => f.text)
    .join('---\n');
}
