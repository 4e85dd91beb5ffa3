/**
 * The BGPFilter from Calico's "BGP routing for KubeVirt live migration" guide: on eBGP export,
 * tag elevated routes (priority 512) with 65000:100; on import, restore priority 512 from that
 * community. Priorities follow the cluster's elevated priority.
 */
import { CALICO_API_VERSION, type BGPFilter } from './resources';

export const LIVE_MIGRATION_FILTER_NAME = 'kubevirt-live-migration';
export const LIVE_MIGRATION_COMMUNITY = '65000:100';

export function liveMigrationFilter(elevatedPriority = 512, community = LIVE_MIGRATION_COMMUNITY): BGPFilter {
  const exportRule = {
    action: 'Accept' as const,
    peerType: 'eBGP' as const,
    priority: elevatedPriority,
    operations: [{ addCommunity: { value: community } }],
  };
  const importRule = {
    action: 'Accept' as const,
    communities: { values: [community] },
    operations: [{ setPriority: { value: elevatedPriority } }],
  };
  return {
    apiVersion: CALICO_API_VERSION,
    kind: 'BGPFilter',
    metadata: { name: LIVE_MIGRATION_FILTER_NAME },
    spec: {
      exportV4: [exportRule],
      importV4: [importRule],
      exportV6: [structuredClone(exportRule)],
      importV6: [structuredClone(importRule)],
    },
  };
}
