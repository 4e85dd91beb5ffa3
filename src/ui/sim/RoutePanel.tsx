/**
 * The route table dock under the canvas: for the speaker it shows (it follows the canvas
 * selection) at the selected phase, the flow from it, its BGP RIB and its kernel FIB.
 */
import { currentPhase, flowOf, PHASES, type PhaseName } from '../../store/simulation';
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

function Body({ speaker }: { speaker: string }) {
  const status = useSimulation((s) => s.status);
  const report = useSimulation((s) => s.report);
  const phase = useSimulation((s) => currentPhase(s));
  const flow = useSimulation((s) => flowOf(s, speaker));
  if (!report || !phase) {
    return <p className="muted">{status === 'running' || status === 'idle' ? 'Simulating…' : 'No simulation result: see the status in the phase bar.'}</p>;
  }
  const ip = report.migration.ip;
  return (
    <>
      {flow ? <FlowView flow={flow} ip={ip} /> : <p className="muted">{speaker} sends no traffic of its own here: the clients are the Calico nodes and the border routers.</p>}
      <h4>BGP RIB <span className="muted">· every candidate for a prefix containing {ip}, best first</span></h4>
      <RibTable routes={phase.routes[speaker] ?? []} />
      <h4>Kernel FIB <span className="muted">· routes containing {ip}; the lowest metric of the longest prefix forwards</span></h4>
      <FibTable entries={phase.fib[speaker] ?? []} />
    </>
  );
}

export function RoutePanel() {
  const stores = useStores();
  const speaker = useSimulation((s) => s.speaker);
  const phase = useSimulation((s) => s.phase);
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
          <select value={phase} onChange={(e) => stores.simulation.getState().selectPhase(e.target.value as PhaseName)}>
            {PHASES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" className="btn" aria-label="Close the route table" data-testid="routes-close" onClick={() => stores.simulation.getState().showRoutes(undefined)}>
          ✕ Close
        </button>
      </header>
      <div className="route-panel-body">
        <Body speaker={speaker} />
      </div>
    </section>
  );
}
