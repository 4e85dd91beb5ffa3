/** Same input, byte-identical output (DESIGN §3): twice in a row, and with every list of the file reordered. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseDesign, type Topology } from '../model';
import { diagnose } from './diagnostics';
import { toReport } from './report';
import { simulate } from './simulate';

const DIR = new URL('../scenarios/', import.meta.url);

function reportText(doc: Topology): string {
  const sim = simulate(doc);
  return JSON.stringify(toReport(sim, diagnose(sim)));
}

/** Every list reversed and rotated: a different order, the same design (nodes carry explicit blocks). */
function reorder(doc: Topology): Topology {
  const shuffle = <T>(list: readonly T[]): T[] => {
    const r = [...list].reverse();
    return r.length > 2 ? [...r.slice(1), r[0] as T] : r;
  };
  const s = doc.spec;
  return {
    ...doc,
    spec: {
      ...s,
      racks: shuffle(s.racks),
      nodes: shuffle(s.nodes),
      routers: shuffle(s.routers),
      links: shuffle(s.links.map(([a, b]) => [b, a] as [string, string])),
      sessions: shuffle(s.sessions.map(([a, b]) => [b, a] as [string, string])),
      calicoResources: shuffle(s.calicoResources),
      vms: shuffle(s.vms),
    },
  };
}

describe('determinism', () => {
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.liveroute.yaml'))
    .sort()) {
    it(`${file}: identical reports twice and under reordered lists`, () => {
      const parsed = parseDesign(readFileSync(new URL(file, DIR), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
      const doc = parsed.value.doc;
      expect(doc.spec.nodes.every((n) => (n.blocks?.length ?? 0) > 0)).toBe(true);
      const first = reportText(doc);
      expect(reportText(doc)).toBe(first);
      expect(reportText(reorder(doc))).toBe(first);
    });
  }
});
