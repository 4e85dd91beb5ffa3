/**
 * The phase bar above the canvas: the five phases of the migration as a radio group (arrow keys
 * move between them), each with its verdict, and what the engine is doing.
 */
import { useMemo, useRef } from 'react';
import {
  describeVerdict,
  OUTCOMES,
  PHASES,
  verdictOf,
  verdictTone,
  type PhaseName,
  type Verdict,
} from '../../store/simulation';
import { useSimulation, useStores } from '../context';
import { OUTCOME_ICON } from './outcome';

/** What holds in each phase (DESIGN §7), for the buttons' tooltips. */
const PHASE_HINT: Readonly<Record<PhaseName, string>> = {
  base: 'The VM runs on the source node; Felix routes it at normal priority.',
  target: 'The migration starts: the target pod exists, Felix suppresses its route.',
  live: 'The VM runs on the target (after the GARP/RARP): the target routes it at elevated priority, the source still at normal.',
  'source-deleted': 'The source pod is deleted: only the target’s elevated route is left.',
  settled: 'liveMigrationRouteConvergenceTime has passed: the target is back at normal priority.',
};

function VerdictCounts({ v }: { v: Verdict }) {
  return (
    <span className="verdict" aria-hidden="true">
      {OUTCOMES.filter((o) => v[o] > 0).map((o) => (
        <span key={o} className={`count ${o}`}>
          {OUTCOME_ICON[o]}
          {v[o]}
        </span>
      ))}
    </span>
  );
}

function Status() {
  const status = useSimulation((s) => s.status);
  const slow = useSimulation((s) => s.slow);
  const error = useSimulation((s) => s.error);
  const migration = useSimulation((s) => s.report?.migration);
  let body: React.ReactNode = null;
  if (status === 'running' && slow)
    body = (
      <span className="busy">
        <span className="spinner" aria-hidden="true" />
        Simulating…
      </span>
    );
  else if (status === 'error')
    body = (
      <span className="sim-error" title={error}>
        ⚠ {error}
      </span>
    );
  else if (status === 'no-migration')
    body = <span className="muted">No migration to simulate: pick a VM and a target in the design settings.</span>;
  else if (migration)
    body = (
      <span
        className="muted mono"
        title={`${migration.vm} (${migration.ip}) migrates from ${migration.from} to ${migration.to}`}
      >
        {migration.vm} {migration.ip}: {migration.from} → {migration.to}
      </span>
    );
  return (
    <div className="sim-status" role="status" aria-live="polite" data-testid="sim-status" data-status={status}>
      {body}
    </div>
  );
}

export function PhaseBar() {
  const stores = useStores();
  const phase = useSimulation((s) => s.phase);
  const report = useSimulation((s) => s.report);
  const verdicts = useMemo(() => new Map(report?.phases.map((p) => [p.name, verdictOf(p)])), [report]);
  // The longest a client lost traffic while the routes moved into each phase (DESIGN §7).
  const transients = useMemo(() => {
    const out = new Map<string, { client: string; ms: number }>();
    for (const t of report?.transients ?? [])
      if (t.blackholeMs > (out.get(t.phase)?.ms ?? 0)) out.set(t.phase, { client: t.client, ms: t.blackholeMs });
    return out;
  }, [report]);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const pick = (p: PhaseName, focus: boolean) => {
    stores.simulation.getState().selectPhase(p);
    if (focus) buttons.current[PHASES.indexOf(p)]?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = PHASES.indexOf(phase);
    const to = {
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      Home: 0,
      End: PHASES.length - 1,
    }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    pick(PHASES[(to + PHASES.length) % PHASES.length] as PhaseName, true);
  };

  return (
    <div className="phase-bar" data-testid="phase-bar">
      <span className="phase-bar-label" id="phase-bar-label">
        Phase
      </span>
      <div className="phases" role="radiogroup" aria-labelledby="phase-bar-label" onKeyDown={onKeyDown}>
        {PHASES.map((p, i) => {
          const v = verdicts.get(p);
          const transient = transients.get(p);
          const selected = p === phase;
          return (
            <button
              key={p}
              ref={(el) => void (buttons.current[i] = el)}
              type="button"
              role="radio"
              aria-checked={selected}
              tabIndex={selected ? 0 : -1}
              className={`phase-btn${selected ? ' selected' : ''}${v ? ` tone-${verdictTone(v)}` : ''}`}
              data-testid={`phase-${p}`}
              aria-label={v ? `${p}: ${describeVerdict(v)}` : p}
              aria-description={
                transient
                  ? `while the routes converge, ${transient.client} loses traffic for ${transient.ms} ms (the longest)`
                  : undefined
              }
              title={`${PHASE_HINT[p]}${transient ? `\nWhile the routes converge into ${p}, clients lose traffic for a while: the longest is ${transient.client}, ${transient.ms} ms of simulated time.` : ''}`}
              onClick={() => pick(p, false)}
            >
              <span className="phase-name">{p}</span>
              {v && <VerdictCounts v={v} />}
              {transient && (
                <span className="transient" aria-hidden="true" data-testid={`transient-${p}`}>
                  gap {transient.ms} ms
                </span>
              )}
            </button>
          );
        })}
      </div>
      <Status />
    </div>
  );
}
