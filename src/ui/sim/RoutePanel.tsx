/**
 * The route table dock under the canvas: for the speaker it shows (it follows the canvas
 * selection), at the instant the timeline shows, the flow from it, its BGP RIB and its kernel FIB,
 * with what changed since the previous instant. "All prefixes" adds the rest of its table (every
 * block and VM of the design, computed on demand by the engine worker).
 */
import { useEffect, useState } from 'react';
import { diffFib, diffRoutes, instantStates, type RowDiff } from '../../store/instants';
import { currentPhase, PHASES, type PhaseName } from '../../store/simulation';
import type { FibReportEntry, RouteEntry } from '../../worker/protocol';
import { useDesign, useSimulation, useStores } from '../context';
import { FibTable, FlowView, RibTable } from './RouteTables';

function SpeakerPicker({ speaker }: { speaker: string }) {
  const stores = useStores();
  const nodes = useDesign((s) => s.doc.spec.nodes);
  const routers = useDesign((s) => s.doc.spec.routers);
  return (
    <label className="row">
      <span className="muted">Speaker</span>
      <select value={speaker} data-testid="routes-speaker" onChange={(e) => stores.simulation.getState().showRoutes(e.target.value)}>
        <optgroup label="Routers">
          {routers.map((r) => <option key={r.name} value={r.name}>{r.name}</option>)}
        </optgroup>
        <optgroup label="Calico nodes">
          {nodes.map((n) => <option key={n.name} value={n.name}>{n.name}</option>)}
        </optgroup>
      </select>
    </label>
  );
}

type Scope = 'vm' | 'all';

/** The VM's rows at the instant, plus (scope all) the other prefixes of the whole table. */
function withRest<T extends { prefix: string }>(diff: RowDiff<T>, rest: readonly T[] | undefined, vmPrefixes: ReadonlySet<string>): RowDiff<T> {
  if (!rest) return diff;
  return { rows: [...diff.rows, ...rest.filter((r) => !vmPrefixes.has(r.prefix)).map((row) => ({ row, change: 'same' as const }))], removed: diff.removed };
}

function Body({ speaker, scope }: { speaker: string; scope: Scope }) {
  const stores = useStores();
  const status = useSimulation((s) => s.status);
  const report = useSimulation((s) => s.report);
  const instant = useSimulation((s) => s.instant);
  const phase = useSimulation((s) => currentPhase(s));
  const whole = useSimulation((s) => (s.wholeTable?.speaker === speaker ? s.wholeTable : undefined));
  useEffect(() => {
    if (scope === 'all' && !whole) void stores.simulation.getState().loadWholeTable(speaker);
  }, [scope, whole, speaker, stores]);
  if (!report || !phase) {
    return <p className="muted">{status === 'running' || status === 'idle' ? 'Simulating…' : 'No simulation result: see the status in the phase bar.'}</p>;
  }
  const states = instantStates(report);
  const now = states[instant];
  const before = instant > 0 ? states[instant - 1] : undefined;
  const routesNow: readonly RouteEntry[] = now ? (now.routes.get(speaker) ?? []) : (phase.routes[speaker] ?? []);
  const fibNow: readonly FibReportEntry[] = now ? (now.fib.get(speaker) ?? []) : (phase.fib[speaker] ?? []);
  const flow = now ? now.flows.get(speaker) : phase.flows.find((f) => f.client === speaker);
  // The first instant compares with nothing: every row is new then.
  const rib = diffRoutes(now ? before?.routes.get(speaker) : routesNow, routesNow);
  const fib = diffFib(now ? before?.fib.get(speaker) : fibNow, fibNow);
  const vmPrefixes = new Set([...routesNow.map((r) => r.prefix), ...fibNow.map((f) => f.prefix)]);
  const rest = scope === 'all' && whole?.status === 'ready' ? whole.table : undefined;
  const ip = report.migration.ip;
  const changed = now?.changedSpeakers.has(speaker) ?? false;
  return (
    <>
      {flow ? <FlowView flow={flow} ip={ip} /> : <p className="muted">{speaker} sends no traffic of its own here: the clients are the Calico nodes and the border routers.</p>}
      {changed && <p className="changed-note" data-testid="routes-changed">△ {speaker}’s tables changed at this instant: new and changed rows are marked, withdrawn ones struck through.</p>}
      {scope === 'all' && whole?.status === 'loading' && <p className="busy" data-testid="whole-table-loading"><span className="spinner" aria-hidden="true" />Computing {speaker}’s whole table…</p>}
      {scope === 'all' && whole?.status === 'error' && <p className="sim-error">⚠ {whole.error}</p>}
      <h4>
        BGP RIB{' '}
        <span className="muted">
          · {scope === 'vm' ? `every candidate for a prefix containing ${ip}, best first` : `every prefix (${rest ? rest.prefixes : '…'} in the design); the rows not about ${ip} are the converged base state, which the migration does not change`}
        </span>
      </h4>
      <RibTable diff={withRest(rib, rest?.routes, vmPrefixes)} empty={`No BGP RIB entry contains ${ip} here.`} />
      <h4>Kernel FIB <span className="muted">· {scope === 'vm' ? `routes containing ${ip}; the longest prefix, then the lowest metric, forwards` : 'every kernel route BIRD or Felix installed'}</span></h4>
      <FibTable diff={withRest(fib, rest?.fib, vmPrefixes)} empty={`No kernel route contains ${ip} here.`} />
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
          <select value={phase} onChange={(e) => stores.simulation.getState().selectPhase(e.target.value as PhaseName)} data-testid="routes-phase">
            {PHASES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <InstantLabel />
        <div className="seg" role="group" aria-label="Which routes">
          <button type="button" className={`seg-btn${scope === 'vm' ? ' on' : ''}`} aria-pressed={scope === 'vm'} onClick={() => setScope('vm')} data-testid="routes-scope-vm">
            Routes to the VM
          </button>
          <button type="button" className={`seg-btn${scope === 'all' ? ' on' : ''}`} aria-pressed={scope === 'all'} onClick={() => setScope('all')} data-testid="routes-scope-all">
            All prefixes
          </button>
        </div>
        <span className="spacer" />
        <button type="button" className="btn" aria-label="Close the route table" data-testid="routes-close" onClick={() => stores.simulation.getState().showRoutes(undefined)}>
          ✕ Close
        </button>
      </header>
      <div className="route-panel-body">
        <Body speaker={speaker} scope={scope} />
      </div>
    </section>
  );
}
