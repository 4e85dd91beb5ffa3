/**
 * How a platform expresses a node group (the Calico nodes of one rack peering with a router).
 * Shared by the BIRD renderers and the other platforms' generators (src/config).
 */
import type { NodeGroup, NodeMember, SessionType } from '../../model/policy/types';

/** What a platform's dynamic-neighbour construct can accept in one group. */
export type DynamicSupport =
  /** No dynamic neighbours (BIRD 1.x): every member is an explicit session. */
  | 'none'
  /** One AS only (Junos `allow` with a group `peer-as`, or iBGP). */
  | 'single-as'
  /** Any set of AS numbers of one session type (FRR `remote-as external`, BIRD 2 `external`, ...). */
  | 'multi-as';

/** A group as rendered: one dynamic listen range, or explicit members sharing options. */
export interface SessionGroup {
  /** The node group's name, with `-ebgp` / `-ibgp` when a mixed group is split in two. */
  readonly name: string;
  readonly group: NodeGroup;
  readonly session: SessionType;
  /** Listen on `group.listenRange` (dynamic neighbours) rather than naming each member. */
  readonly dynamic: boolean;
  readonly members: readonly NodeMember[];
  readonly rrClient: boolean;
  readonly nextHopSelf: boolean;
}

function distinctAs(members: readonly NodeMember[]): number[] {
  return [...new Set(members.map((m) => m.asNumber))].sort((a, b) => a - b);
}

/**
 * The session groups of one node group. A group whose members are all eBGP or all iBGP becomes
 * one group, dynamic when the platform can accept its AS numbers; a mixed group is split into an
 * eBGP and an iBGP group of explicit members (no platform listens on one range with both kinds).
 */
export function sessionGroups(group: NodeGroup, support: DynamicSupport): SessionGroup[] {
  const kinds: SessionType[] = group.session === 'mixed' ? ['ebgp', 'ibgp'] : [group.session];
  return kinds.map((session) => {
    const members = group.members.filter((m) => m.session === session);
    const dynamic =
      group.session !== 'mixed' &&
      (support === 'multi-as' || (support === 'single-as' && distinctAs(members).length === 1));
    return {
      name: group.session === 'mixed' ? `${group.name}-${session}` : group.name,
      group,
      session,
      dynamic,
      members,
      rrClient: members.every((m) => m.rrClient),
      nextHopSelf: members.every((m) => m.nextHopSelf),
    };
  });
}

/** The distinct AS numbers of the members as inclusive ranges (`65101-65103`, `65200`). */
export function asRanges(members: readonly NodeMember[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const as of distinctAs(members)) {
    const last = out[out.length - 1];
    if (last && last.to + 1 === as) last.to = as;
    else out.push({ from: as, to: as });
  }
  return out;
}

/** A short human summary of a member, for comments. */
export function describeMember(m: NodeMember): string {
  return `${m.name} ${m.address} AS ${m.asNumber}`;
}
