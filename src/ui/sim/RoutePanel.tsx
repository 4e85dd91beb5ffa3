/**
 * The route table dock under the canvas: for the speaker it shows (it follows the canvas
 * selection), at the instant the timeline shows, the flow from it, its BGP RIB and its kernel FIB,
 * with what changed since the previous instant. The rows are asked of the engine worker for the
 * speaker and instant shown. "All prefixes" adds the rest of its table (every block and VM of the
 * design, computed on demand by the engine worker, with a progress bar and a Cancel button).
 */
import { useEffect, useMemo, useState } from 'react';
import { diffFib, diffRoutes, type RowDiff } from '../../store/instants';
import { currentInstant, currentPhase, flowOf, PHASES, type PhaseName } from '../../store/simulation';
import type { FibReportEntry, RouteEntry } from '../../worker/protocol';
import { useDesign, useSimulation, useStores } from '../context';
import { FibTable, FlowView, RibTable } from './RouteTables';
import { useRows } from './useRows';
import './routePanel.css';

function SpeakerPicker({ speaker }: { speaker: string }) {
  const stores = useStores();
  const nodes = useDesign((s) => s.doc.spec.nodes);
  const routers = useDesign((s) => s.doc.spec.routers);
  return (
    <label className="row">
      <span className="muted">Speaker</span>
      <select
        value={speaker}
        data-testid="routes-speaker"
        onChange={(e) => stores.simulation.getState().showRoutes(e.target.value)}
      >
        <optgroup label="Routers">
          {routers.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Calico nodes">
          {nodes.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

type Scope = 'vm' | 'all';

const NONE: readonly never[] = [];

/** A whole table shows this many of its other rows at first, and this many more per click (a data-center ToR has thousands). */
export const ROWS_PAGE = 400;

/** The VM's rows at the instant, plus (scope all) the first `limit` other rows of the whole table. */
function withRest<T extends { prefix: string }>(
  diff: RowDiff<T>,
  others: readonly T[] | undefined,
  limit: number,
): RowDiff<T> {
  if (!others) return diff;
  return {
    rows: [...diff.rows, ...others.slice(0, limit).map((row) => ({ row, change: 'same' as const }))],
    removed: diff.removed,
  };
}

/** How many of a whole table's other rows are shown, and the way to show more. */
function MoreRows({
  shown,
  total,
  onMore,
  testId,
}: {
  shown: number;
  total: number;
  onMore: () => void;
  testId: string;
}) {
  if (shown >= total) return null;
  return (
    <p className="muted" data-testid={testId}>
      Showing {shown} of {total} other rows.{' '}
      <button type="button" className="btn" onClick={onMore}>
        Show {Math.min(ROWS_PAGE, total - shown)} more
      </button>
    </p>
  );
}

/** "All prefixes" under way: how far, and the way to stop it. */
function TableProgressBar({ speaker }: { speaker: string }) {
  const stores = useStores();
  const progress = useSimulation((s) => (s.wholeTable?.speaker === speaker ? s.wholeTable.progress : undefined));
  return (
    <div className="table-progress" data-testid="whole-table-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Computing {speaker}’s whole table…
      <progress
        max={progress?.total ?? 1}
        value={progress?.done ?? 0}
        aria-label={`Prefixes converged for ${speaker}`}
        data-testid="whole-table-progress"
      />
      <span className="count" data-testid="whole-table-count">
        {progress ? `${progress.done} / ${progress.total} prefixes` : 'starting…'}
      </span>
      <button
        type="button"
        className="btn"
        data-testid="whole-table-cancel"
        onClick={() => stores.simulation.getState().cancelWholeTable()}
      >
        Cancel
      </button>
    </div>
  );
}

function Body({ speaker, scope }: { speaker: string; scope: Scope }) {
  const stores = useStores();
  const status = useSimulation((s) => s.status);
  const ip = useSimulation((s) => s.report?.migration.ip);
  const instant = useSimulation((s) => s.instant);
  const hasPhase = useSimulation((s) => currentPhase(s) !== undefined);
  const flow = useSimulation((s) => flowOf(s, speaker));
  const changed = useSimulation((s) => currentInstant(s)?.changedSpeakers.has(speaker) ?? false);
  // The status and the table, not the progress: the bar alone follows that.
  const wholeStatus = useSimulation((s) => (s.wholeTable?.speaker === speaker ? s.wholeTable.status : undefined));
  const wholeTable = useSimulation((s) => (s.wholeTable?.speaker === speaker ? s.wholeTable.table : undefined));
  const wholeError = useSimulation((s) => (s.wholeTable?.speaker === speaker ? s.wholeTable.error : undefined));
  const shown = useRows(speaker);
  const [limit, setLimit] = useState(ROWS_PAGE);
  const routesNow: readonly RouteEntry[] = shown.rows?.now.routes ?? NONE;
  const fibNow: readonly FibReportEntry[] = shown.rows?.now.fib ?? NONE;
  const vmPrefixes = useMemo(
    () => new Set([...routesNow.map((r) => r.prefix), ...fibNow.map((f) => f.prefix)]),
    [routesNow, fibNow],
  );
  useEffect(() => {
    if (scope === 'all' && !wholeStatus) void stores.simulation.getState().loadWholeTable(speaker);
  }, [scope, wholeStatus, speaker, stores]);
  if (ip === undefined || !hasPhase) {
    return (
      <p className="muted">
        {status === 'running' || status === 'idle'
          ? 'Simulating…'
          : 'No simulation result: see the status in the phase bar.'}
      </p>
    );
  }
  const rows = shown.rows;
  // The first instant compares with nothing: every row is new then; a settled phase with itself.
  const timeline = instant >= 0;
  const rib = diffRoutes(timeline ? rows?.before?.routes : routesNow, routesNow);
  const fib = diffFib(timeline ? rows?.before?.fib : fibNow, fibNow);
  const rest = scope === 'all' && wholeStatus === 'ready' ? wholeTable : undefined;
  const otherRoutes = rest?.routes.filter((r) => !vmPrefixes.has(r.prefix));
  const otherFib = rest?.fib.filter((f) => !vmPrefixes.has(f.prefix));
  return (
    <>
      {flow ? (
        <FlowView flow={flow} ip={ip} />
      ) : (
        <p className="muted">
          {speaker} sends no traffic of its own here: the clients are the Calico nodes and the border routers.
        </p>
      )}
      {changed && (
        <p className="changed-note" data-testid="routes-changed">
          △ {speaker}’s tables changed at this instant: new and changed rows are marked, withdrawn ones struck through.
        </p>
      )}
      {scope === 'all' && wholeStatus === 'loading' && <TableProgressBar speaker={speaker} />}
      {scope === 'all' && wholeStatus === 'cancelled' && (
        <p className="muted" data-testid="whole-table-cancelled">
          The whole table was not computed (cancelled).{' '}
          <button
            type="button"
            className="btn"
            data-testid="whole-table-retry"
            onClick={() => void stores.simulation.getState().loadWholeTable(speaker)}
          >
            Compute it
          </button>
        </p>
      )}
      {scope === 'all' && wholeStatus === 'error' && <p className="sim-error">⚠ {wholeError}</p>}
      {shown.error && <p className="sim-error">⚠ {shown.error}</p>}
      {!rows && !shown.error && (
        <p className="busy" data-testid="rows-loading">
          <span className="spinner" aria-hidden="true" />
          Loading {speaker}’s tables…
        </p>
      )}
      <div className={shown.stale ? 'rows-stale' : undefined} data-testid="route-rows" data-stale={shown.stale}>
        <h4>
          BGP RIB{' '}
          <span className="muted">
            ·{' '}
            {scope === 'vm'
              ? `every candidate for a prefix containing ${ip}, best first`
              : `every prefix (${rest ? rest.prefixes : '…'} in the design); the rows not about ${ip} are the converged base state, which the migration does not change`}
          </span>
        </h4>
        {rows && <RibTable diff={withRest(rib, otherRoutes, limit)} empty={`No BGP RIB entry contains ${ip} here.`} />}
        {otherRoutes && (
          <MoreRows
            shown={Math.min(limit, otherRoutes.length)}
            total={otherRoutes.length}
            onMore={() => setLimit(limit + ROWS_PAGE)}
            testId="rib-more"
          />
        )}
        <h4>
          Kernel FIB{' '}
          <span className="muted">
            ·{' '}
            {scope === 'vm'
              ? `routes containing ${ip}; the longest prefix, then the lowest metric, forwards`
              : 'every kernel route BIRD or Felix installed'}
          </span>
        </h4>
        {rows && <FibTable diff={withRest(fib, otherFib, limit)} empty={`No kernel route contains ${ip} here.`} />}
        {otherFib && (
          <MoreRows
            shown={Math.min(limit, otherFib.length)}
            total={otherFib.length}
            onMore={() => setLimit(limit + ROWS_PAGE)}
            testId="fib-more"
          />
        )}
      </div>
    </>
  );
}

function InstantLabel() {
  const report = useSimulation((s) => s.report);
  const instant = useSimulation((s) => s.instant);
  const phase = useSimulation((s) => currentPhase(s));
  if (!report || instant < 0 || !phase) return null;
  const t = report.timeline[instant];
  if (!t) return null;
  return (
    <span className="muted mono" data-testid="routes-instant">
      {t.phase} +{Math.round(t.time - phase.start)} ms · instant {instant + 1}/{report.timeline.length}
    </span>
  );
}

export function RoutePanel() {
  const stores = useStores();
  const speaker = useSimulation((s) => s.speaker);
  const phase = useSimulation((s) => s.phase);
  const [scope, setScope] = useState<Scope>('vm');
  if (speaker === undefined) return null;
  return (
    <section className="route-panel" aria-label={`Routes at ${speaker}`} data-testid="route-panel">
      <header className="route-panel-bar">
        <h3>
          Routes at <span data-testid="routes-title">{speaker}</span>
        </h3>
        <SpeakerPicker speaker={speaker} />
        <label className="row">
          <span className="muted">Phase</span>
          <select
            value={phase}
            onChange={(e) => stores.simulation.getState().selectPhase(e.target.value as PhaseName)}
            data-testid="routes-phase"
          >
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <InstantLabel />
        <div className="seg" role="group" aria-label="Which routes">
          <button
            type="button"
            className={`seg-btn${scope === 'vm' ? ' on' : ''}`}
            aria-pressed={scope === 'vm'}
            onClick={() => setScope('vm')}
            data-testid="routes-scope-vm"
          >
            Routes to the VM
          </button>
          <button
            type="button"
            className={`seg-btn${scope === 'all' ? ' on' : ''}`}
            aria-pressed={scope === 'all'}
            onClick={() => setScope('all')}
            data-testid="routes-scope-all"
          >
            All prefixes
          </button>
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          aria-label="Close the route table"
          data-testid="routes-close"
          onClick={() => stores.simulation.getState().showRoutes(undefined)}
        >
          ✕ Close
        </button>
      </header>
      <div className="route-panel-body">
        <Body key={speaker} speaker={speaker} scope={scope} />
      </div>
    </section>
  );
}
