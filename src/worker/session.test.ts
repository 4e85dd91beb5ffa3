/**
 * The worker's session answers what the full report (DESIGN §5, `toReport`) holds, in pieces:
 * the summary carries the report's phases, timeline changes, events and findings without rows;
 * the rows of any speaker at any instant equal the report's timeline folded to that instant.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../engine/diagnostics';
import { toReport, type FibReportEntry, type RouteEntry, type SimulationReport } from '../engine/report';
import { simulate } from '../engine/simulate';
import { DEFAULT_SCENARIO, SCENARIOS } from '../scenarios';
import { EngineSession, designKey, KEPT } from './session';
import { decodeSummary } from './summary';
import type { Topology } from '../model';

const withMigration = SCENARIOS.filter((s) => s.doc.spec.migration);

function reportOf(doc: Topology): SimulationReport {
  const sim = simulate(doc);
  return toReport(sim, diagnose(sim));
}

/** The report's rows of `speaker` after instant `i`: the last change at or before it. */
function foldedAt(
  report: SimulationReport,
  speaker: string,
  i: number,
): { routes?: readonly RouteEntry[]; fib?: readonly FibReportEntry[] } {
  let routes: readonly RouteEntry[] | undefined;
  let fib: readonly FibReportEntry[] | undefined;
  for (const inst of report.timeline.slice(0, i + 1)) {
    routes = inst.routes[speaker] ?? routes;
    fib = inst.fib[speaker] ?? fib;
  }
  return { ...(routes ? { routes } : {}), ...(fib ? { fib } : {}) };
}

describe('engine session', () => {
  it('has built-in scenarios with a migration to compare on', () => {
    expect(withMigration.length).toBeGreaterThanOrEqual(5);
  });

  for (const scenario of withMigration) {
    it(`${scenario.id}: the summary holds the report's phases, timeline changes, events and findings`, () => {
      const report = reportOf(scenario.doc);
      const summary = decodeSummary(new EngineSession().summarize(scenario.doc));
      expect(summary.topology).toBe(report.topology);
      expect(summary.migration).toEqual(report.migration);
      expect(summary.phases).toEqual(report.phases.map(({ routes: _r, fib: _f, ...p }) => p));
      expect(summary.timeline).toEqual(
        report.timeline.map((i) => ({
          time: i.time,
          phase: i.phase,
          speakers: [...new Set([...Object.keys(i.routes), ...Object.keys(i.fib)])].sort(),
          flows: i.flows,
        })),
      );
      expect(summary.events).toEqual(report.events);
      expect(summary.transients).toEqual(report.transients);
      expect(summary.diagnostics).toEqual(report.diagnostics);
    });

    it(`${scenario.id}: every speaker's rows at every instant and in every settled phase are the report's`, () => {
      const report = reportOf(scenario.doc);
      const session = new EngineSession();
      const key = session.summarize(scenario.doc).session;
      const speakers = [...scenario.doc.spec.nodes.map((n) => n.name), ...scenario.doc.spec.routers.map((r) => r.name)];
      for (const speaker of speakers) {
        report.timeline.forEach((_, i) => {
          const rows = session.rowsAt(key, speaker, i, 'ignored');
          expect(rows?.now, `${speaker} at instant ${i}`).toEqual(foldedAt(report, speaker, i));
          if (i > 0) expect(rows?.before, `${speaker} before instant ${i}`).toEqual(foldedAt(report, speaker, i - 1));
          else expect(rows?.before).toBeUndefined();
        });
        for (const phase of report.phases) {
          const rows = session.rowsAt(key, speaker, -1, phase.name);
          expect(rows?.now.routes, `${speaker} settled in ${phase.name}`).toEqual(phase.routes[speaker]);
          expect(rows?.now.fib).toEqual(phase.fib[speaker]);
        }
      }
    });
  }

  it('answers the same design again from memory; a change of layout is the same design', () => {
    const session = new EngineSession();
    const first = session.summarize(DEFAULT_SCENARIO.doc);
    const moved = structuredClone(DEFAULT_SCENARIO.doc);
    moved.spec.layout = { ...moved.spec.layout, positions: { ...moved.spec.layout?.positions, 'tor-a': [1, 2] } };
    expect(designKey(moved)).toBe(designKey(DEFAULT_SCENARIO.doc));
    expect(session.summarize(moved)).toBe(first);
    expect(session.simulations).toBe(1);
  });

  it('simulates again when the design, the VM or the target changes, and keeps the last two', () => {
    const session = new EngineSession();
    const a = session.summarize(DEFAULT_SCENARIO.doc);
    const b = session.summarize(DEFAULT_SCENARIO.doc, 'vm-1', 'node-a2');
    expect(b.session).not.toBe(a.session);
    expect(b.migration.to).toBe('node-a2');
    const changed = structuredClone(DEFAULT_SCENARIO.doc);
    changed.metadata.name = 'renamed';
    const c = session.summarize(changed);
    expect(c.topology).toBe('renamed');
    expect(session.simulations).toBe(3);
    expect(KEPT).toBe(2);
    // The oldest is forgotten: its rows are no longer answered, and asking again simulates again.
    expect(session.has(a.session)).toBe(false);
    expect(session.rowsAt(a.session, 'tor-a', 0, 'base')).toBeUndefined();
    expect(session.has(b.session) && session.has(c.session)).toBe(true);
    session.summarize(DEFAULT_SCENARIO.doc);
    expect(session.simulations).toBe(4);
  });

  it('the summary is a small part of the report: strings interned, flows sent once', () => {
    const report = reportOf(DEFAULT_SCENARIO.doc);
    const wire = new EngineSession().summarize(DEFAULT_SCENARIO.doc);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(report).length / 4);
    expect(new Set(wire.strings).size).toBe(wire.strings.length);
  });
});
