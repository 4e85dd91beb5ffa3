/** A design with nothing in it: the start of File → New and of an import with no design to merge into. */
import { isDnsLabel } from '../lib/names';
import { API_VERSION, KIND, type Topology } from './schema';

export const EMPTY_DESIGN_NAME = 'new-design';

export function emptyDesign(name: string = EMPTY_DESIGN_NAME): Topology {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name: isDnsLabel(name) ? name : EMPTY_DESIGN_NAME },
    spec: { racks: [], nodes: [], routers: [], links: [], sessions: [], calicoResources: [], vms: [] },
  };
}
