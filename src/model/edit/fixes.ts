/**
 * The one-click fixes diagnostics suggest, as data, and how each changes the design. The app
 * applies them as one undoable edit; the engine's diagnostics propose them.
 */
import { err, ok, type Result } from '../../lib/result';
import { LIVE_MIGRATION_FILTER_NAME } from '../calico/documented';
import { isBGPFilter, isBGPPeer } from '../calico/resources';
import type { Topology } from '../schema';
import { draft } from './common';
import { ensureLiveMigrationFilter } from './rackChoices';

export type Fix =
  | { readonly kind: 'add-live-migration-filter'; readonly peers: readonly string[] }
  | { readonly kind: 'remove-filter-reference'; readonly peer: string; readonly filter: string }
  | { readonly kind: 'set-elevated-community'; readonly router: string; readonly community: string }
  | { readonly kind: 'set-send-community'; readonly router: string }
  | { readonly kind: 'set-to-nodes'; readonly router: string; readonly mode: 'all' | 'default-plus-host-routes' }
  | { readonly kind: 'set-bgp-normal-priority'; readonly value: number | undefined }
  | { readonly kind: 'set-filter-priority'; readonly filter: string; readonly from: number; readonly to: number }
  | { readonly kind: 'set-peer-as'; readonly peer: string; readonly asNumber: number }
  | { readonly kind: 'clear-export-peer-type'; readonly filter: string }
  | { readonly kind: 'unencapsulate-pool'; readonly pool: string };

export function applyFix(doc: Topology, fix: Fix): Result<Topology, string> {
  const d = draft(doc);
  const s = d.spec;
  const router = (name: string) => s.routers.find((r) => r.name === name);
  switch (fix.kind) {
    case 'add-live-migration-filter': {
      ensureLiveMigrationFilter(d);
      for (const r of s.calicoResources) {
        if (!isBGPPeer(r) || !fix.peers.includes(r.metadata.name)) continue;
        const list = r.spec.filters ?? [];
        if (!list.includes(LIVE_MIGRATION_FILTER_NAME)) r.spec.filters = [...list, LIVE_MIGRATION_FILTER_NAME];
      }
      return ok(d);
    }
    case 'remove-filter-reference': {
      const peer = s.calicoResources.find((r) => isBGPPeer(r) && r.metadata.name === fix.peer);
      if (!peer || !isBGPPeer(peer)) return err(`unknown BGPPeer ${fix.peer}`);
      const list = (peer.spec.filters ?? []).filter((f) => f !== fix.filter);
      if (list.length > 0) peer.spec.filters = list;
      else delete peer.spec.filters;
      return ok(d);
    }
    case 'set-elevated-community':
    case 'set-send-community':
    case 'set-to-nodes': {
      const r = router(fix.router);
      if (!r) return err(`unknown router ${fix.router}`);
      const policy = { ...(r.policy ?? {}) };
      if (fix.kind === 'set-elevated-community') policy.elevatedCommunity = fix.community;
      else if (fix.kind === 'set-send-community') delete policy.sendCommunity;
      else if (fix.mode === 'all') delete policy.toNodes;
      else policy.toNodes = fix.mode;
      r.policy = policy;
      return ok(d);
    }
    case 'set-bgp-normal-priority': {
      if (!s.cluster) return ok(d);
      if (fix.value === undefined) delete s.cluster.bgpNormalRoutePriority;
      else s.cluster.bgpNormalRoutePriority = fix.value;
      return ok(d);
    }
    case 'set-filter-priority': {
      const f = s.calicoResources.find((r) => isBGPFilter(r) && r.metadata.name === fix.filter);
      if (!f || !isBGPFilter(f)) return err(`unknown BGPFilter ${fix.filter}`);
      for (const list of [f.spec.exportV4, f.spec.importV4]) {
        for (const rule of list ?? []) {
          if (rule.priority === fix.from) rule.priority = fix.to;
          for (const op of rule.operations ?? []) if (op.setPriority?.value === fix.from) op.setPriority.value = fix.to;
        }
      }
      return ok(d);
    }
    case 'clear-export-peer-type': {
      const f = s.calicoResources.find((r) => isBGPFilter(r) && r.metadata.name === fix.filter);
      if (!f || !isBGPFilter(f)) return err(`unknown BGPFilter ${fix.filter}`);
      for (const rule of [...(f.spec.exportV4 ?? []), ...(f.spec.exportV6 ?? [])]) delete rule.peerType;
      return ok(d);
    }
    case 'set-peer-as': {
      const peer = s.calicoResources.find((r) => isBGPPeer(r) && r.metadata.name === fix.peer);
      if (!peer || !isBGPPeer(peer)) return err(`unknown BGPPeer ${fix.peer}`);
      peer.spec.asNumber = fix.asNumber;
      return ok(d);
    }
    case 'unencapsulate-pool': {
      const pool = s.cluster?.ipPools?.find((p) => p.name === fix.pool);
      if (!pool) return err(`unknown IP pool ${fix.pool}`);
      // Never is the default: the pool then says nothing about encapsulation.
      delete pool.ipipMode;
      delete pool.vxlanMode;
      return ok(d);
    }
  }
}

/** What a fix changes, in words, to say which one of a list failed. */
export function fixTarget(fix: Fix): string {
  switch (fix.kind) {
    case 'add-live-migration-filter':
      return `BGPPeer${fix.peers.length === 1 ? '' : 's'} ${fix.peers.join(', ')}`;
    case 'remove-filter-reference':
    case 'set-peer-as':
      return `BGPPeer ${fix.peer}`;
    case 'set-elevated-community':
    case 'set-send-community':
    case 'set-to-nodes':
      return `router ${fix.router}`;
    case 'set-filter-priority':
    case 'clear-export-peer-type':
      return `BGPFilter ${fix.filter}`;
    case 'set-bgp-normal-priority':
      return 'the cluster settings';
    case 'unencapsulate-pool':
      return `IP pool ${fix.pool}`;
  }
}

/**
 * Several fixes as one change (the app commits it as one undo step): each applies to the result of
 * the previous one. All or nothing: when one cannot be applied, nothing is, and the error says
 * which one and why.
 */
export function applyFixes(doc: Topology, fixes: readonly Fix[]): Result<Topology, string> {
  let result = doc;
  for (const [i, fix] of fixes.entries()) {
    const next = applyFix(result, fix);
    if (!next.ok)
      return err(
        `fix ${i + 1} of ${fixes.length} (${fixTarget(fix)}) cannot be applied: ${next.error}; none was applied`,
      );
    result = next.value;
  }
  return ok(result);
}
