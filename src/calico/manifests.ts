/**
 * The Calico manifests of a design, as projectcalico.org/v3 YAML written with the `yaml`
 * library (never by string concatenation), split by what applying them does to a live cluster:
 *
 * - BGPFilters and BGPPeers are the design's own: `calicoctl apply` creates or replaces them
 *   whole, which is what the design means (calico-manifests.yaml holds them).
 * - The default BGPConfiguration and FelixConfiguration, the IP pools and the Nodes are the
 *   cluster's: an apply replaces the whole object, so a file that lacks one of the cluster's
 *   fields would erase it (a Node without spec.addresses and orchRefs, a FelixConfiguration
 *   with three of its settings). They are written for reference (calico/reference/), and
 *   calico/settings.sh changes only the fields the design sets (settingsScript.ts).
 */
import { bgpFilter, bgpPeer } from '../model/calico/resources';
import { canonicalize, toYaml } from '../model/serialize';
import type { Topology } from '../model/schema';
import { calicoResourcesFromDesign } from './fromDesign';
import { bgpConfigurationResource, felixConfigurationResource, ipPoolResource, nodeResource } from './schemas';
import { settingsScript } from './settingsScript';
import type { CalicoResourceSet } from './types';
import type { z } from 'zod';

export type ManifestKind = 'BGPConfiguration' | 'FelixConfiguration' | 'IPPool' | 'Node' | 'BGPFilter' | 'BGPPeer';

export interface ManifestFile {
  readonly path: string;
  /** The kind of the objects in the file; absent for the settings script. */
  readonly kind?: ManifestKind;
  /** `apply`: safe to `calicoctl apply`; `reference`: full objects, not to apply to a running cluster; `script`: settings.sh. */
  readonly use: 'apply' | 'reference' | 'script';
  readonly text: string;
  readonly about: string;
}

function documents(schema: z.core.$ZodType, objects: readonly unknown[]): string {
  return objects.map((o) => toYaml(canonicalize(schema, o))).join('---\n');
}

const REFERENCE_NOTE = [
  '# For reference: the whole object as the design sees it. `calicoctl apply` would replace the',
  "# cluster's object with this one and erase every field it does not list; on a running cluster",
  '# use ../settings.sh, which changes only the fields the design sets.',
  '',
].join('\n');

const reference = (text: string) => (text.trim() === '' ? '' : `${REFERENCE_NOTE}${text}`);

/** Manifests in the order they are applied: filters before the peers that name them; then the settings. */
export function manifestFiles(doc: Topology, set: CalicoResourceSet = calicoResourcesFromDesign(doc)): ManifestFile[] {
  const files: ManifestFile[] = [
    {
      path: 'calico/bgpfilters.yaml',
      kind: 'BGPFilter',
      use: 'apply',
      text: documents(bgpFilter, set.bgpFilters),
      about:
        'BGPFilter resources (editable in liveroute). Apply before the BGPPeers that name them: `calicoctl apply -f`.',
    },
    {
      path: 'calico/bgppeers.yaml',
      kind: 'BGPPeer',
      use: 'apply',
      text: documents(bgpPeer, set.bgpPeers),
      about:
        'BGPPeer resources (editable in liveroute): the sessions from the nodes to the routers. `calicoctl apply -f`.',
    },
    {
      path: 'calico/settings.sh',
      use: 'script',
      text: settingsScript(doc, set),
      about:
        'The cluster settings for a running cluster: `calicoctl patch` of only the fields the design sets on the default BGPConfiguration and FelixConfiguration, the IP pools and the Nodes (labels with `kubectl label`); an object that does not exist yet is created from `calico/reference/`. Review, then run it after the BGPPeers are up.',
    },
    {
      path: 'calico/reference/bgpconfiguration.yaml',
      kind: 'BGPConfiguration',
      use: 'reference',
      text: reference(set.bgpConfiguration ? documents(bgpConfigurationResource, [set.bgpConfiguration]) : ''),
      about:
        'The default BGPConfiguration as the design sees it: cluster AS, node-to-node mesh, normal route priority and every other field it keeps. For reference and for `calicoctl create` on a cluster without one; do not apply it over a running cluster’s.',
    },
    {
      path: 'calico/reference/felixconfiguration.yaml',
      kind: 'FelixConfiguration',
      use: 'reference',
      text: reference(set.felixConfiguration ? documents(felixConfigurationResource, [set.felixConfiguration]) : ''),
      about:
        'The default FelixConfiguration as the design sees it: route priorities, live-migration convergence time and every other setting it keeps. For reference; `settings.sh` patches the fields.',
    },
    {
      path: 'calico/reference/ippools.yaml',
      kind: 'IPPool',
      use: 'reference',
      text: reference(documents(ipPoolResource, set.ipPools)),
      about:
        'The IP pools (BGP-routed and unencapsulated unless the design says otherwise). For reference and for `calicoctl create`; `settings.sh` patches the fields the design writes.',
    },
    {
      path: 'calico/reference/nodes.yaml',
      kind: 'Node',
      use: 'reference',
      text: reference(documents(nodeResource, set.nodes)),
      about:
        'The Nodes as the design sees them (address, AS, route-reflector cluster ID, labels). Never apply: calico-node creates its Node itself, with addresses and orchestrator references this file does not have. `settings.sh` patches the AS and cluster ID and sets the labels.',
    },
  ];
  return files.filter((f) => f.text.trim() !== '');
}

export function designManifestFiles(doc: Topology): ManifestFile[] {
  return manifestFiles(doc);
}
