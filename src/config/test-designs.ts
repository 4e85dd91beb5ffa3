/**
 * Designs for the router config tests (not used by the app): the golden design and the built-in
 * scenarios, read from disk (src/config may not import src/scenarios).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Topology } from '../model';
import { mustParseDesign } from '../model/policy/test-fabric';

export { fabric, linesOf, mustParseDesign, onPlatform, type FabricOptions } from '../model/policy/test-fabric';

const here = import.meta.dirname;

/** The design of the golden files (src/config/golden/design.liveroute.yaml). */
export function goldenDesign(): Topology {
  const file = path.join(here, 'golden', 'design.liveroute.yaml');
  return mustParseDesign(readFileSync(file, 'utf8'), file);
}

/** The built-in scenarios (src/scenarios/*.liveroute.yaml). */
export function builtInDesigns(): { name: string; doc: Topology }[] {
  const dir = path.join(here, '..', 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.liveroute.yaml'))
    .sort()
    .map((f) => ({ name: f, doc: mustParseDesign(readFileSync(path.join(dir, f), 'utf8'), f) }));
}
