/**
 * Helpers for the renderer's unit tests (not used by the app): a resource set from YAML on top
 * of three or four nodes shaped like Calico's test inputs, and one protocol block of bird.cfg.
 */
import { formatReadIssue, readCalicoResources } from '../read';
import type { CalicoResourceSet } from '../types';
import { calicoNodePeers, invalidPrefixRanges } from './index';

const node = (name: string, ip: string, extra = '') =>
  `apiVersion: projectcalico.org/v3
kind: Node
metadata: { name: ${name}, labels: { role: ${name === 'kube-master' ? 'master' : 'worker'} } }
spec: { bgp: { ipv4Address: ${ip}/16${extra} } }
`;

/** kube-master 10.192.0.2, kube-node-1 10.192.0.3, kube-node-2 10.192.0.4, kube-node-10 10.192.0.10. */
export const NODES = [
  node('kube-master', '10.192.0.2'),
  node('kube-node-1', '10.192.0.3'),
  node('kube-node-2', '10.192.0.4'),
  node('kube-node-10', '10.192.0.10'),
].join('---\n');

/** Resources from YAML documents (after NODES unless `withNodes` is false). */
export function resources(yaml: string, withNodes = true): CalicoResourceSet {
  const r = readCalicoResources(withNodes ? `${NODES}---\n${yaml}` : yaml);
  if (!r.ok) throw new Error(r.error.map(formatReadIssue).join('\n'));
  return r.value;
}

/** The `protocol bgp <name>` block of a bird.cfg, or undefined. */
export function protocolBlock(birdCfg: string, name: string): string | undefined {
  const start = birdCfg.indexOf(`protocol bgp ${name} from`);
  if (start < 0) return undefined;
  const end = birdCfg.indexOf('\n}\n', start);
  return birdCfg.slice(start, end + 3);
}

export const protocolNames = (birdCfg: string) => [...birdCfg.matchAll(/^protocol bgp (\S+) from/gm)].map((m) => m[1]);

/**
 * The refusals Calico's own output earns from BIRD for this node, as BIRD words them: a BGPFilter
 * prefix range that is empty after clamping (domain §10.4) and a peerIP BGPPeer with no AS number
 * (`as 0`). calico-node renders them as liveroute does, and the engine diagnoses both.
 */
export function calicoOwnRefusals(set: CalicoResourceSet, node: string): RegExp[] {
  const out: RegExp[] = [];
  if (invalidPrefixRanges(set.bgpFilters).some((r) => r.list.endsWith('V4'))) out.push(/Invalid prefix pattern range/);
  if (calicoNodePeers(set, node).some((p) => p.asNumber === '0')) out.push(/Remote AS number must be set/);
  return out;
}
