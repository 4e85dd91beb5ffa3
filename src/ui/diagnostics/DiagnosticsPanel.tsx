/**
 * The diagnostics panel: the findings of the last simulation, worst first, each with its phase,
 * subjects (a click highlights them on the canvas), explanation and, where the engine offers
 * one, a one-click fix. Whether the list describes the current design is always said: while a
 * run is under way the previous list stays, faded, and its fixes wait.
 */
import { useEffect, useMemo, useState } from 'react';
import { useDesign, useSimulation, useStores } from '../context';
import { useKeepInView } from '../canvas/keepInView';
import type { Diagnostic, SimulationSummary } from '../../worker/protocol';
import type { SelectionId } from '../../store/ui';
import { applyDiagnosticFix, applyDiagnosticFixes } from './applyDiagnosticFix';
import { DiagnosticItem, type Active } from './DiagnosticItem';
import { describeVerdict, findingsCurrent, findingsOf } from '../../store/simulation';
import {
  clientCount,
  countBySeverity,
  describeCounts,
  diagnosticKey,
  emptyText,
  groupFixable,
  isPhaseName,
  SEVERITIES,
  sortDiagnostics,
  troubledPhases,
} from './findings';
import { SeverityBadge } from './SeverityBadge';
import { highlightOf, resolveSubject, type SubjectTarget } from './subjects';
import './diagnostics.css';

/** The finding whose subjects are highlighted, and the ids handed to the canvas. */
interface Focus {
  readonly key: string;
  readonly active: Exclude<Active, undefined>;
  readonly ids: readonly SelectionId[];
}

/** What the simulation's state means for the list: is it current, stale, or absent and why. */
function StatusLine() {
  const status = useSimulation((s) => s.status);
  const error = useSimulation((s) => s.error);
  const hasFindings = useSimulation((s) => findingsOf(s) !== undefined);
  let state: 'current' | 'stale' | 'waiting' | 'error' | 'no-migration';
  let body: React.ReactNode = null;
  if (status === 'error') {
    state = 'error';
    body = <span className="diag-status-error">⚠ The simulation failed, so there are no findings: {error}</span>;
  } else if (status === 'no-migration') {
    state = 'no-migration';
    body = hasFindings
      ? 'No migration to simulate: these are the findings about the design itself. Pick a VM and its target (Migrate…) for the migration’s.'
      : 'No migration to simulate, so no findings: pick a VM and a target in the design settings.';
  } else if (status === 'running' || status === 'idle') {
    state = hasFindings ? 'stale' : 'waiting';
    body = (
      <>
        <span className="spinner" aria-hidden="true" />
        {hasFindings ? 'Re-simulating: the findings below are from the previous run.' : 'Simulating the design…'}
      </>
    );
  } else state = 'current';
  return (
    <div
      className={`diag-status ${state}`}
      role="status"
      aria-live="polite"
      data-testid="diagnostics-status"
      data-state={state}
    >
      {body}
    </div>
  );
}

/** Counts by severity and, briefly, the phases that do not deliver (the phase bar has the detail). */
function Summary({ report, diagnostics }: { report: SimulationSummary; diagnostics: readonly Diagnostic[] }) {
  const stores = useStores();
  const counts = countBySeverity(diagnostics);
  const trouble = troubledPhases(report);
  const clients = clientCount(report);
  return (
    <div className="diag-summary" data-testid="diagnostics-summary">
      <div className="diag-counts" title={describeCounts(counts)}>
        {diagnostics.length === 0 ? (
          <span>No findings</span>
        ) : (
          SEVERITIES.filter((s) => counts[s] > 0).map((s) => <SeverityBadge key={s} severity={s} count={counts[s]} />)
        )}
      </div>
      {trouble.length === 0 ? (
        <div className="diag-verdict ok">
          <span aria-hidden="true">✓ </span>Every phase delivers to{' '}
          {clients === 1 ? 'its client' : `all ${clients} clients`}.
        </div>
      ) : (
        trouble.map((t) => (
          <div key={t.phase} className="diag-verdict bad">
            <button
              type="button"
              className="diag-phase"
              title={`Show the ${t.phase} phase`}
              onClick={() => stores.simulation.getState().selectPhase(t.phase)}
            >
              {t.phase}
            </button>{' '}
            {describeVerdict(t.verdict)}
          </div>
        ))
      )}
    </div>
  );
}

/** Without a migration: the counts of the design's own findings. */
function DesignSummary({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const counts = countBySeverity(diagnostics);
  return (
    <div className="diag-summary" data-testid="diagnostics-summary">
      <div className="diag-counts" title={describeCounts(counts)}>
        {diagnostics.length === 0 ? (
          <span>No findings</span>
        ) : (
          SEVERITIES.filter((s) => counts[s] > 0).map((s) => <SeverityBadge key={s} severity={s} count={counts[s]} />)
        )}
      </div>
      <div className="muted">The design only: no migration simulated.</div>
    </div>
  );
}

export function DiagnosticsPanel() {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const report = useSimulation((s) => s.report);
  const findings = useSimulation(findingsOf);
  const current = useSimulation(findingsCurrent);
  const shownPhase = useSimulation((s) => s.phase);
  const [focus, setFocus] = useState<Focus | undefined>(undefined);
  const [reveal, setReveal] = useState<string | undefined>(undefined);
  useKeepInView(reveal);

  const items = useMemo(() => {
    const sorted = sortDiagnostics(findings ?? []);
    return sorted.map((d, i) => ({
      d,
      key: diagnosticKey(d),
      reactKey: `${i}:${diagnosticKey(d)}`,
      targets: d.subjects.map((name) => resolveSubject(doc, name)),
    }));
  }, [findings, doc]);
  // The findings with a fix, by code: several of one code can be fixed at once.
  const fixable = useMemo(() => groupFixable(items.map((it) => it.d)), [items]);

  // A highlighted finding that a re-run made disappear (its fix worked) leaves nothing highlighted.
  const focused = focus && items.some((it) => it.key === focus.key) ? focus : undefined;
  const highlightIds = focused?.ids;
  useEffect(() => {
    stores.ui.getState().setHighlight(highlightIds ?? []);
  }, [stores, highlightIds]);
  // Leaving the tab (the panel unmounts) clears the highlight: nothing on the canvas points here any more.
  useEffect(() => () => stores.ui.getState().setHighlight([]), [stores]);

  const stale = !current && findings !== undefined;
  const fixBlocked = current ? undefined : 'Wait until the simulation has re-run: this finding may no longer hold';

  const toggle = (next: Focus | undefined, revealName: string | undefined) => {
    const same =
      focused && next && focused.key === next.key && JSON.stringify(focused.active) === JSON.stringify(next.active);
    setFocus(same ? undefined : next);
    setReveal(same ? undefined : revealName);
    return !same;
  };

  const onSubject = (d: Diagnostic, key: string, t: SubjectTarget) => {
    if (!toggle({ key, active: { subject: t.name }, ids: t.highlight }, t.reveal)) return;
    const ui = stores.ui.getState();
    if (t.select) ui.select(t.select);
    // The finding is about that phase: show the subject as it is there.
    if (isPhaseName(d.phase)) stores.simulation.getState().selectPhase(d.phase);
  };

  const onInspect = (t: SubjectTarget) => {
    if (t.inspect === undefined) return;
    const ui = stores.ui.getState();
    ui.select(t.inspect);
    ui.setSidePanel('inspector');
  };

  return (
    <section className="diagnostics" aria-label="Diagnostics" data-testid="diagnostics-panel" aria-busy={stale}>
      <StatusLine />
      {report && <Summary report={report} diagnostics={report.diagnostics} />}
      {!report && findings && <DesignSummary diagnostics={findings} />}
      {findings && items.length === 0 && (
        <p className="diag-empty" data-testid="diagnostics-empty">
          {report ? emptyText(report) : 'No findings about the design.'}
        </p>
      )}
      {items.length > 0 && (
        <ol className={`diag-list${stale ? ' stale' : ''}`} data-testid="diagnostics-list">
          {items.map(({ d, key, reactKey, targets }) => (
            <DiagnosticItem
              key={reactKey}
              diagnostic={d}
              targets={targets}
              active={focused?.key === key ? focused.active : undefined}
              shownPhase={shownPhase}
              fixBlocked={fixBlocked}
              onSubject={(t) => onSubject(d, key, t)}
              onAll={() => toggle({ key, active: 'all', ids: highlightOf(targets) }, undefined)}
              onInspect={onInspect}
              onPhase={() => isPhaseName(d.phase) && stores.simulation.getState().selectPhase(d.phase)}
              onFix={() => applyDiagnosticFix(stores, d)}
              kindCount={fixable.get(d.code)?.length}
              onFixAll={() => applyDiagnosticFixes(stores, fixable.get(d.code) ?? [])}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
