/**
 * A speaker's tables at one instant: its BGP RIB (every candidate, the best marked with why it
 * wins, the filter rule that accepted or changed it) and its kernel FIB (which route forwards and
 * why), each row marked when it appeared or changed since the previous instant, and the rows that
 * went away; and the flow from it.
 */
import type { Change, RowDiff } from '../../store/instants';
import type { FibReportEntry, FlowReport, RouteEntry } from '../../worker/protocol';
import { OUTCOME_ICON, OutcomeBadge } from './outcome';

const dash = <span className="muted">—</span>;

const CHANGE_MARK: Readonly<Record<Change | 'removed', string>> = {
  added: '+ new',
  changed: '△ changed',
  same: '',
  removed: '− gone',
};

function ChangeCell({ change }: { change: Change | 'removed' }) {
  return (
    <td data-col="change" className={`chg-mark ${change}`}>
      {CHANGE_MARK[change]}
    </td>
  );
}

const RIB_COLUMNS = 12;

function RibRow({ r, change }: { r: RouteEntry; change: Change | 'removed' }) {
  const cls = `${r.selected && change !== 'removed' ? 'best' : ''} chg-${change}`;
  return (
    <>
      <tr
        className={`${cls} main`}
        data-testid="rib-row"
        data-selected={r.selected}
        data-prefix={r.prefix}
        data-change={change}
        title={`${r.protocol} · ${r.source}`}
      >
        <ChangeCell change={change} />
        <td data-col="selected">
          {change === 'removed' ? (
            <span className="muted">·</span>
          ) : r.selected ? (
            <span className="best-mark">✓ best</span>
          ) : (
            <span className="muted">·</span>
          )}
        </td>
        <td data-col="prefix" className="mono">
          {r.prefix}
        </td>
        <td data-col="nextHop" className="mono">
          {r.nextHop ?? dash}
        </td>
        <td data-col="learnedFrom">
          {r.learnedFrom === 'local' ? (
            <span className="muted">local ({r.protocol})</span>
          ) : (
            <>
              {r.learnedFrom} <span className="muted mono small">{r.protocol}</span>
            </>
          )}
        </td>
        <td data-col="localPref" className="mono num">
          {r.localPref ?? dash}
        </td>
        <td data-col="asPath" className="mono">
          {r.asPath.length > 0 ? r.asPath.join(' ') : dash}
        </td>
        <td data-col="communities" className="mono">
          {r.communities.length > 0 || r.largeCommunities.length > 0
            ? [...r.communities, ...r.largeCommunities].join(' ')
            : dash}
        </td>
        <td data-col="preference" className="mono num">
          {r.preference}
        </td>
        <td data-col="med" className="mono num">
          {r.med ?? dash}
        </td>
        <td data-col="origin">{r.origin ?? dash}</td>
        <td data-col="metric" className="mono num">
          {r.metric ?? dash}
        </td>
      </tr>
      {/* Why, under the row it explains: the decisive step, then the filter that accepted or changed it. */}
      <tr className={`${cls} why-row`} data-testid="rib-why">
        <td />
        <td colSpan={RIB_COLUMNS - 1} className="why" data-col="why">
          {r.explanation}
          {r.decidedBy && <div className="muted mono decided">accepted by {r.decidedBy}</div>}
          {r.changes.map((c, i) => (
            <div key={i} className="muted mono decided">
              set {c}
            </div>
          ))}
        </td>
      </tr>
    </>
  );
}

export function RibTable({ diff, empty }: { diff: RowDiff<RouteEntry>; empty: string }) {
  if (diff.rows.length === 0 && diff.removed.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="route-table" data-testid="rib-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Change</span>
          </th>
          <th scope="col">Best</th>
          <th scope="col">Prefix</th>
          <th scope="col">Next hop</th>
          <th scope="col">Learned from</th>
          <th scope="col">LOCAL_PREF</th>
          <th scope="col">AS path</th>
          <th scope="col">Communities</th>
          <th scope="col">Pref.</th>
          <th scope="col">MED</th>
          <th scope="col">Origin</th>
          <th scope="col">Metric</th>
        </tr>
      </thead>
      <tbody>
        {diff.rows.map(({ row, change }, i) => (
          <RibRow key={i} r={row} change={change} />
        ))}
        {diff.removed.map((row, i) => (
          <RibRow key={`gone-${i}`} r={row} change="removed" />
        ))}
      </tbody>
    </table>
  );
}

const PROTO_LABEL: Readonly<Record<FibReportEntry['proto'], string>> = {
  felix: 'Felix (boot)',
  bird: 'BIRD',
  bgp: 'BGP',
};

function via(f: FibReportEntry): React.ReactNode {
  if (f.kind === 'local')
    return (
      <span className="mono">
        dev {f.dev ?? 'cali…'} <span className="muted">(the VM’s interface)</span>
      </span>
    );
  if (f.kind === 'blackhole' || f.kind === 'unreachable') return <span className="mono">{f.kind}</span>;
  return f.via.length > 0 ? <span className="mono">{f.via.join(', ')}</span> : dash;
}

function FibRow({ f, change }: { f: FibReportEntry; change: Change | 'removed' }) {
  return (
    <tr
      className={`${f.used && change !== 'removed' ? 'best' : ''} chg-${change}`}
      data-testid="fib-row"
      data-prefix={f.prefix}
      data-proto={f.proto}
      data-used={f.used}
      data-change={change}
    >
      <ChangeCell change={change} />
      <td data-col="used">
        {f.used && change !== 'removed' ? <span className="best-mark">✓ used</span> : <span className="muted">·</span>}
      </td>
      <td data-col="prefix" className="mono">
        {f.prefix}
      </td>
      <td data-col="metric" className="mono num">
        {f.metric}
      </td>
      <td data-col="via">{via(f)}</td>
      <td data-col="proto">{PROTO_LABEL[f.proto]}</td>
      <td data-col="why" className="why">
        {f.explanation}
      </td>
    </tr>
  );
}

export function FibTable({ diff, empty }: { diff: RowDiff<FibReportEntry>; empty: string }) {
  if (diff.rows.length === 0 && diff.removed.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="route-table" data-testid="fib-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Change</span>
          </th>
          <th scope="col">Used</th>
          <th scope="col">Prefix</th>
          <th scope="col">Metric</th>
          <th scope="col">Via</th>
          <th scope="col">Proto</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {diff.rows.map(({ row, change }, i) => (
          <FibRow key={i} f={row} change={change} />
        ))}
        {diff.removed.map((row, i) => (
          <FibRow key={`gone-${i}`} f={row} change="removed" />
        ))}
      </tbody>
    </table>
  );
}

export function FlowView({ flow, ip }: { flow: FlowReport; ip: string }) {
  return (
    <div className="flow" data-testid="flow">
      <p>
        Traffic from <strong>{flow.client}</strong> to <span className="mono">{ip}</span>:{' '}
        <OutcomeBadge outcome={flow.outcome} fraction={flow.deliveredFraction} testId="flow-outcome" />
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
