/** The projectcalico.org/v3 objects a liveroute design embeds verbatim in spec.calicoResources. */
import { z } from 'zod';
import { objectMeta } from './metadata';
import { bgpPeerSpec } from './bgppeer';
import { bgpFilterSpec } from './bgpfilter';

export const CALICO_API_VERSION = 'projectcalico.org/v3' as const;

const apiVersion = z.literal(CALICO_API_VERSION, { error: `apiVersion must be ${CALICO_API_VERSION}` });

export const bgpPeer = z.strictObject({
  apiVersion,
  kind: z.literal('BGPPeer'),
  metadata: objectMeta,
  spec: bgpPeerSpec,
});
export type BGPPeer = z.infer<typeof bgpPeer>;

export const bgpFilter = z.strictObject({
  apiVersion,
  kind: z.literal('BGPFilter'),
  metadata: objectMeta,
  spec: bgpFilterSpec,
});
export type BGPFilter = z.infer<typeof bgpFilter>;

export const EMBEDDED_KINDS = ['BGPPeer', 'BGPFilter'] as const;

export const calicoResource = z.discriminatedUnion('kind', [bgpPeer, bgpFilter], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `kind must be BGPPeer or BGPFilter (nodes, pools and priorities are written in spec.cluster and spec.nodes)`
      : undefined,
});
export type CalicoResource = z.infer<typeof calicoResource>;

export const isBGPPeer = (r: CalicoResource): r is BGPPeer => r.kind === 'BGPPeer';
export const isBGPFilter = (r: CalicoResource): r is BGPFilter => r.kind === 'BGPFilter';
