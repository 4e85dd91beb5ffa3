/**
 * calico/settings.sh: the design's cluster settings for a running cluster, as commands that
 * change only the fields the design sets. `calicoctl patch` merges a patch into the stored object
 * (calicoctl's resourcemgr applies it with a strategic merge patch: maps merge, lists are
 * replaced), so every other field the cluster has stays as it is. An object that does not exist
 * yet is created from calico/reference/ (create never replaces). Every value reaches the shell
 * inside single quotes, with single quotes escaped, so no value can become a command.
 */
import { commentText } from '../lib/text';
import { nodeLabels } from '../model/resolve';
import type { Topology } from '../model/schema';
import type { CalicoResourceSet } from './types';

/** `'text'` for a POSIX shell: nothing inside is interpreted; a quote becomes `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One line of a comment: line breaks and other control characters cannot end the comment. */
function comment(text: string): string {
  return `# ${commentText(text)}`;
}

const patch = (kind: string, name: string, spec: unknown) =>
  `calicoctl patch ${kind} ${shellQuote(name)} --patch ${shellQuote(JSON.stringify({ spec }))}`;

function patchOrCreate(kind: string, name: string, spec: unknown, referenceFile: string): string[] {
  return [
    `if calicoctl get ${kind} ${shellQuote(name)} >/dev/null 2>&1; then`,
    `  ${patch(kind, name, spec)}`,
    'else',
    `  calicoctl create -f ${shellQuote(referenceFile)}${referenceFile.endsWith('ippools.yaml') ? ' --skip-exists' : ''}`,
    'fi',
  ];
}

/** The pool fields a design writes itself; cidr and blockSize are fixed once a pool exists. */
function poolPatch(doc: Topology, name: string): Record<string, unknown> {
  const written = (doc.spec.cluster?.ipPools ?? []).find((p) => p.name === name);
  if (!written) return {};
  const { name: _n, cidr: _c, blockSize: _b, ...fields } = written;
  return fields;
}

/** The settings script of a design, from its Calico resources (`calicoResourcesFromDesign`). */
export function settingsScript(doc: Topology, set: CalicoResourceSet): string {
  const lines = [
    '#!/bin/sh',
    comment(`Cluster settings of the liveroute design ${doc.metadata.name}, for a running cluster.`),
    '# Each command changes only the fields the design sets: calicoctl patch merges them into the',
    "# cluster's object and leaves every other field as it is. What does not exist yet is created",
    '# from reference/. Apply calico-manifests.yaml (the BGPFilters and BGPPeers) first, so the new',
    '# sessions are up before the node-to-node mesh is turned off. Review before running.',
    'set -eu',
    'cd "$(dirname "$0")"',
    '',
  ];
  if (set.bgpConfiguration) {
    const s = set.bgpConfiguration.spec;
    lines.push(
      comment(
        `BGPConfiguration default: AS ${s.asNumber}, node-to-node mesh ${s.nodeToNodeMeshEnabled ? 'on' : 'off'}, normal priority ${s.ipv4NormalRoutePriority}`,
      ),
    );
    lines.push(...patchOrCreate('bgpconfiguration', 'default', s, 'reference/bgpconfiguration.yaml'), '');
  }
  if (set.felixConfiguration) {
    const s = set.felixConfiguration.spec;
    lines.push(
      comment(
        `FelixConfiguration default: route priorities ${s.ipv4NormalRoutePriority} / ${s.ipv4ElevatedRoutePriority}, convergence time ${s.liveMigrationRouteConvergenceTime}`,
      ),
    );
    lines.push(...patchOrCreate('felixconfiguration', 'default', s, 'reference/felixconfiguration.yaml'), '');
  }
  for (const pool of set.ipPools) {
    const fields = poolPatch(doc, pool.metadata.name);
    lines.push(
      comment(
        `IPPool ${pool.metadata.name} (${pool.spec.cidr}): live migration needs ipipMode and vxlanMode Never (no encapsulation)`,
      ),
    );
    if (Object.keys(fields).length === 0) {
      lines.push(
        `calicoctl get ippool ${shellQuote(pool.metadata.name)} >/dev/null 2>&1 || calicoctl create -f ${shellQuote('reference/ippools.yaml')} --skip-exists`,
        '',
      );
    } else {
      lines.push(...patchOrCreate('ippool', pool.metadata.name, fields, 'reference/ippools.yaml'), '');
    }
  }
  for (const node of doc.spec.nodes) {
    const bgp = {
      ...(node.asNumber !== undefined ? { asNumber: node.asNumber } : {}),
      ...(node.routeReflectorClusterID !== undefined ? { routeReflectorClusterID: node.routeReflectorClusterID } : {}),
    };
    // Labels under kubernetes.io/ and k8s.io/ are the kubelet's and Kubernetes' own: never set here.
    const labels = Object.entries(nodeLabels(node))
      .filter(([k]) => !/^([^/]*\.)?(kubernetes\.io|k8s\.io)\//.test(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    lines.push(
      comment(
        `Node ${node.name} (${node.address}): calico-node creates it; only its BGP fields and labels are set here`,
      ),
    );
    lines.push(`if calicoctl get node ${shellQuote(node.name)} >/dev/null 2>&1; then`);
    if (Object.keys(bgp).length > 0) lines.push(`  ${patch('node', node.name, { bgp })}`);
    lines.push(
      `  kubectl label node ${shellQuote(node.name)} ${labels.map(([k, v]) => shellQuote(`${k}=${v}`)).join(' ')} --overwrite`,
    );
    lines.push(
      'else',
      `  echo ${shellQuote(`Node ${node.name} does not exist yet (calico-node creates it): run this again once it does`)} >&2`,
      'fi',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
