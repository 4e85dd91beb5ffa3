/** How the panel orders, names and sums up a report's findings (pure: tested without a browser). */
import { describeVerdict, PHASES, verdictOf, type PhaseName, type Verdict } from '../../store/simulation';
import type { Diagnostic, SimulationSummary } from '../../worker/protocol';

export type Severity = Diagnostic['severity'];

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const phaseRank = (phase: string | undefined): number => {
  // Design-wide findings come first: they are usually the cause of the phase ones.
  if (phase === undefined) return -1;
  const i = PHASES.indexOf(phase as PhaseName);
  return i < 0 ? PHASES.length : i;
};

/** Errors, then warnings, then info; within each, design-wide first, then by phase; otherwise the engine's order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.d.severity) - SEVERITIES.indexOf(b.d.severity) ||
        phaseRank(a.d.phase) - phaseRank(b.d.phase) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}

/**
 * A finding's identity across runs: the same code, phase and subjects are the same finding, so
 * the panel can tell whether the one the user is looking at survived a re-run.
 */
export function diagnosticKey(d: Diagnostic): string {
  return `${d.code}|${d.phase ?? ''}|${d.subjects.join(',')}`;
}

export function isPhaseName(phase: string | undefined): phase is PhaseName {
  return phase !== undefined && (PHASES as readonly string[]).includes(phase);
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

export function countBySeverity(list: readonly Diagnostic[]): SeverityCounts {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) c[d.severity]++;
  return c;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 findings: 2 errors, 1 info" (only the severities present). */
export function describeCounts(c: SeverityCounts): string {
  const total = c.error + c.warning + c.info;
  if (total === 0) return 'No findings';
  const parts = [
    c.error > 0 && plural(c.error, 'error'),
    c.warning > 0 && plural(c.warning, 'warning'),
    c.info > 0 && `${c.info} info`,
  ].filter(Boolean);
  return `${plural(total, 'finding')}: ${parts.join(', ')}`;
}

export interface PhaseTrouble {
  readonly phase: PhaseName;
  readonly verdict: Verdict;
}

/** The phases where some client's traffic is not simply delivered, in phase order. */
export function troubledPhases(report: SimulationSummary): PhaseTrouble[] {
  const out: PhaseTrouble[] = [];
  for (const name of PHASES) {
    const p = report.phases.find((x) => x.name === name);
    if (!p) continue;
    const verdict = verdictOf(p);
    if (verdict.delivered < p.flows.length) out.push({ phase: name, verdict });
  }
  return out;
}

/** How many clients the report follows (the same in every phase). */
export function clientCount(report: SimulationSummary): number {
  return Math.max(0, ...report.phases.map((p) => p.flows.length));
}

/**
 * The line shown when there is nothing to list. "Every phase delivers" is said only when the
 * report shows it; an empty list beside a failing phase says so instead.
 */
export function emptyText(report: SimulationSummary): string {
  const trouble = troubledPhases(report);
  if (trouble.length === 0) return 'No findings: every phase delivers.';
  return `No findings, but not every phase delivers (${trouble.map((t) => `${t.phase}: ${describeVerdict(t.verdict)}`).join('; ')}).`;
}

/**
 * The findings that have a fix, by code, where a code has more than one: "apply all of this kind".
 * In the order given (the panel's).
 */
export function groupFixable(list: readonly Diagnostic[]): ReadonlyMap<string, readonly Diagnostic[]> {
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of list) if (d.action) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  for (const [code, ds] of byCode) if (ds.length < 2) byCode.delete(code);
  return byCode;
}
