/**
 * The built-in designs, kept as liveroute/v1 files next to this module. The first is the design
 * a first visit opens (`./default.ts`, which the app loads on its own; this library loads lazily).
 */
import { DEFAULT_SCENARIO } from './default';
import { loadScenario, type Scenario } from './scenario';

export type { Scenario } from './scenario';
export { DEFAULT_SCENARIO } from './default';

const files = import.meta.glob<string>('./*.liveroute.yaml', { query: '?raw', import: 'default', eager: true });

/**
 * Display order: the default design, then DESIGN §9's scenarios 1, 2, 4–10 in their order. Files
 * not listed here follow in name order.
 */
const ORDER = [
  'two-racks-ebgp',
  'single-rack-mesh',
  'two-racks-ebgp-no-filter',
  'hardware-tors',
  'as-path-prepend',
  'downward-default',
  'second-migration',
  'spine-route-reflectors',
  'tor-pair',
  'as-per-rack',
];

export const SCENARIOS: readonly Scenario[] = Object.entries(files)
  .map(([path, text]) => (text === DEFAULT_SCENARIO.text ? DEFAULT_SCENARIO : loadScenario(path, text)))
  .sort((a, b) => {
    const ia = ORDER.indexOf(a.id);
    const ib = ORDER.indexOf(b.id);
    return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib) || (a.id < b.id ? -1 : 1);
  });

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
