/**
 * The renderer's second line against config injection (issue 15). confd's templates write most
 * values bare (prefixes, addresses, AS numbers, filter names): BIRD has no quoting for them. So
 * before anything is written, every object of the set must pass its reader's schema, which
 * allows only what BIRD reads as that one value. A set built by the readers always passes; one
 * built another way (an API caller, a bug) is refused with the object and field, never rendered.
 * Checked once per set (every node of a large cluster renders from the same set).
 */
import type { z } from 'zod';
import { bgpFilter, bgpPeer } from '../../model/calico/resources';
import { formatPath, fromZodIssues } from '../../model/issues';
import {
  bgpConfigurationResource,
  blockAffinityResource,
  felixConfigurationResource,
  ipPoolResource,
  nodeResource,
} from '../schemas';
import type { CalicoResourceSet } from '../types';
import { CalicoRenderError } from './context';

const CHECKED = new WeakSet<CalicoResourceSet>();

function check(schema: z.ZodType, objects: readonly { kind: string; metadata: { name: string } }[]): void {
  for (const o of objects) {
    // Without reportInput zod takes its compiled fast path; the input is wanted for the message only.
    if (schema.safeParse(o).success) continue;
    const r = schema.safeParse(o, { reportInput: true });
    if (r.success) continue;
    const first = fromZodIssues(r.error.issues)[0];
    const name = typeof o.metadata?.name === 'string' ? o.metadata.name : '?';
    throw new CalicoRenderError(
      `${o.kind} ${JSON.stringify(name)} cannot be rendered: ${first ? `${formatPath(first.path)}: ${first.message}` : 'it is not valid'}`,
    );
  }
}

/** Throws CalicoRenderError unless every object of the set is one its reader accepts. */
export function assertRenderableSet(set: CalicoResourceSet): void {
  if (CHECKED.has(set)) return;
  check(bgpConfigurationResource, set.bgpConfiguration ? [set.bgpConfiguration] : []);
  check(felixConfigurationResource, set.felixConfiguration ? [set.felixConfiguration] : []);
  check(nodeResource, set.nodes);
  check(ipPoolResource, set.ipPools);
  check(bgpPeer, set.bgpPeers);
  check(bgpFilter, set.bgpFilters);
  check(blockAffinityResource, set.blockAffinities);
  CHECKED.add(set);
}
