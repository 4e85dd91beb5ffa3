/**
 * Service advertisement as far as BIRD's files show it (domain spec §4.9): the
 * BGPConfiguration's service CIDRs become static blackhole routes that are exported, and are
 * kept out of the kernel; per-service routes from confd's route generator are exported only.
 * IPv4 only. Lists are in confd's key order (`/staticroutes/<cidr with / as ->`).
 */
import type { NodeContext } from './context';

const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

const key = (cidr: string) => cidr.replace('/', '-');
const byKey = (a: string, b: string) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const isV4 = (cidr: string) => cidr !== '' && !cidr.includes(':');

/** The BGPConfiguration CIDRs advertised from every node: cluster IPs, external IPs, load-balancer ranges. */
function globalServiceCidrs(ctx: NodeContext): string[] {
  const b = ctx.bgp;
  const cidrs = (list: readonly { cidr?: string | undefined }[] | undefined) =>
    (list ?? []).map((x) => x.cidr ?? '').filter(isV4);
  // Single load-balancer addresses are advertised per Service by the route generator, not globally.
  const lb =
    b.serviceLoadBalancerAggregation === 'Disabled'
      ? []
      : cidrs(b.serviceLoadBalancerIPs).filter((c) => !c.endsWith('/32'));
  return [...new Set([...cidrs(b.serviceClusterIPs), ...cidrs(b.serviceExternalIPs), ...lb])];
}

/** `/rejectcidrs`: service ranges BIRD must not program into the kernel. */
export function rejectCidrs(ctx: NodeContext): string[] {
  return globalServiceCidrs(ctx).sort(byKey);
}

/** `/staticroutes`: blackhole routes for the service ranges, plus the per-service routes given. */
export function staticRoutes(ctx: NodeContext): string[] {
  // A node labelled to be excluded from load balancers advertises no service range.
  const excluded = ctx.node.metadata.labels?.[EXCLUDE_LABEL] === 'true';
  const routes = excluded ? [] : [...globalServiceCidrs(ctx), ...(ctx.options.serviceRoutes ?? []).filter(isV4)];
  return [...new Set(routes)].sort(byKey);
}
