/**
 * The built-in designs, kept as liveroute/v1 files next to this module. The first is the design
 * a first visit opens.
 */
import { formatIssue, parseDesign, type Topology } from '../model';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly text: string;
  readonly doc: Topology;
}

const files = import.meta.glob<string>('./*.liveroute.yaml', { query: '?raw', import: 'default', eager: true });

/** Display order; files not listed here follow in name order. */
const ORDER = ['two-racks-ebgp', 'single-rack-mesh', 'two-racks-ebgp-no-filter', 'downward-default', 'second-migration'];

function load(path: string, text: string): Scenario {
  const parsed = parseDesign(text);
  if (!parsed.ok) throw new Error(`built-in scenario ${path} is invalid:\n${parsed.error.map(formatIssue).join('\n')}`);
  const doc = parsed.value.doc;
  return { id: doc.metadata.name, title: doc.metadata.title ?? doc.metadata.name, description: doc.metadata.description ?? '', text, doc };
}

export const SCENARIOS: readonly Scenario[] = Object.entries(files)
  .map(([path, text]) => load(path, text))
  .sort((a, b) => {
    const ia = ORDER.indexOf(a.id);
    const ib = ORDER.indexOf(b.id);
    return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib) || (a.id < b.id ? -1 : 1);
  });

export const DEFAULT_SCENARIO: Scenario = SCENARIOS[0] as Scenario;

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
