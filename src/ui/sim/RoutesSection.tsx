/** The inspector's "Routes" section for a node or router: its outcome and best route at the instant shown, and the way to its full table. */
import { flowOf, vmHostOf } from '../../store/simulation';
import { useSimulation, useStores } from '../context';
import { OutcomeBadge } from './outcome';
import { useRows } from './useRows';

export function RoutesSection({ name }: { name: string }) {
  const stores = useStores();
  const phase = useSimulation((s) => s.phase);
  const flow = useSimulation((s) => flowOf(s, name));
  const rows = useRows(name).rows;
  const best = rows?.now.routes?.find((r) => r.selected);
  const vmHere = useSimulation((s) => vmHostOf(s) === name);
  const ip = useSimulation((s) => s.report?.migration.ip);
  return (
    <div className="section routes-section" data-testid="routes-section">
      <h3>Routes · {phase}</h3>
      {ip === undefined ? (
        <p className="muted">No simulation result yet.</p>
      ) : (
        <>
          {flow && (
            <p>
              Traffic to <span className="mono">{ip}</span>:{' '}
              <OutcomeBadge outcome={flow.outcome} fraction={flow.deliveredFraction} />
            </p>
          )}
          {vmHere && <p>▣ The VM runs here in this phase.</p>}
          <p className="muted">
            {best ? (
              <>
                Best: <span className="mono">{best.prefix}</span> from {best.learnedFrom}
                {best.localPref !== null ? `, LOCAL_PREF ${best.localPref}` : ''} ({best.explanation})
              </>
            ) : rows ? (
              `No BGP route to ${ip}.`
            ) : (
              'Loading its best route…'
            )}
          </p>
        </>
      )}
      <button
        type="button"
        className="btn"
        data-testid="show-routes"
        onClick={() => stores.simulation.getState().showRoutes(name)}
      >
        Show route table
      </button>
    </div>
  );
}
