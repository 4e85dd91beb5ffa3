/** A speaker's tables at one phase: its BGP RIB and kernel FIB for the VM's IP, and its flow. */
import type { FibReportEntry, FlowReport, RouteEntry } from '../../worker/protocol';
import { OUTCOME_ICON, OutcomeBadge } from './outcome';

const dash = <span className="muted">—</span>;

export function RibTable({ routes }: { routes: readonly RouteEntry[] }) {
  if (routes.length === 0) return <p className="muted">No BGP RIB entry contains the VM’s IP here.</p>;
  return (
    <table className="route-table" data-testid="rib-table">
      <thead>
        <tr>
          <th scope="col">Best</th>
          <th scope="col">Prefix</th>
          <th scope="col">Next hop</th>
          <th scope="col">Learned from</th>
          <th scope="col">LOCAL_PREF</th>
          <th scope="col">AS path</th>
          <th scope="col">Communities</th>
          <th scope="col">Pref.</th>
          <th scope="col">Metric</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {routes.map((r, i) => (
          <tr key={i} className={r.selected ? 'best' : undefined} data-testid="rib-row" data-selected={r.selected} data-prefix={r.prefix} title={`${r.protocol} · ${r.source}${r.origin ? ` · origin ${r.origin}` : ''}${r.med !== null ? ` · MED ${r.med}` : ''}`}>
            <td data-col="selected">{r.selected ? <span className="best-mark">✓ best</span> : <span className="muted">·</span>}</td>
            <td data-col="prefix" className="mono">{r.prefix}</td>
            <td data-col="nextHop" className="mono">{r.nextHop ?? dash}</td>
            <td data-col="learnedFrom">{r.learnedFrom === 'local' ? <span className="muted">local ({r.protocol})</span> : r.learnedFrom}</td>
            <td data-col="localPref" className="mono num">{r.localPref ?? dash}</td>
            <td data-col="asPath" className="mono">{r.asPath.length > 0 ? r.asPath.join(' ') : dash}</td>
            <td data-col="communities" className="mono">{r.communities.length > 0 ? r.communities.join(' ') : dash}</td>
            <td data-col="preference" className="mono num">{r.preference}</td>
            <td data-col="metric" className="mono num">{r.metric ?? dash}</td>
            <td data-col="why" className="why">
              {r.explanation}
              {r.decidedBy && <div className="muted mono decided">import filter: {r.decidedBy}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PROTO_LABEL: Readonly<Record<FibReportEntry['proto'], string>> = { felix: 'Felix', bird: 'BIRD', bgp: 'BGP' };

function via(f: FibReportEntry): React.ReactNode {
  if (f.kind === 'local') return <span className="muted">the VM’s interface</span>;
  return f.via.length > 0 ? f.via.join(', ') : dash;
}

export function FibTable({ entries }: { entries: readonly FibReportEntry[] }) {
  if (entries.length === 0) return <p className="muted">No kernel route contains the VM’s IP here.</p>;
  return (
    <table className="route-table" data-testid="fib-table">
      <thead>
        <tr>
          <th scope="col">Prefix</th>
          <th scope="col">Metric</th>
          <th scope="col">Via</th>
          <th scope="col">Proto</th>
          <th scope="col">Kind</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((f, i) => (
          <tr key={i} data-testid="fib-row" data-prefix={f.prefix} data-proto={f.proto}>
            <td data-col="prefix" className="mono">{f.prefix}</td>
            <td data-col="metric" className="mono num">{f.metric}</td>
            <td data-col="via" className="mono">{via(f)}</td>
            <td data-col="proto">{PROTO_LABEL[f.proto]}</td>
            <td data-col="kind">{f.kind}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FlowView({ flow, ip }: { flow: FlowReport; ip: string }) {
  return (
    <div className="flow" data-testid="flow">
      <p>
        Traffic from <strong>{flow.client}</strong> to <span className="mono">{ip}</span>: <OutcomeBadge outcome={flow.outcome} fraction={flow.deliveredFraction} testId="flow-outcome" />
      </p>
      <ol className="paths">
        {flow.paths.map((hops, i) => {
          const end = flow.pathEnds[i];
          return (
            <li key={i} data-testid="flow-path">
              <span className="mono">{hops.join(' → ')}</span>
              {end && (
                <span className={`path-end ${end.end}`}>
                  {' '}
                  {OUTCOME_ICON[end.end]} {end.why}
                  {end.fraction < 1 ? ` (${Math.round(end.fraction * 1000) / 10}% of the traffic)` : ''}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
