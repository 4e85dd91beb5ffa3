/** The far-out view of a rack (canvas level of detail `racks`), loaded with the first large design. */
import type { RackData } from './toFlow';
import { useRackMarks } from '../sim/rackMarks';
import { OutcomeBadge } from '../sim/outcome';

/** A rack far out: its name, size, the worst outcome of its clients and the VM when it runs here. */
export function RackSummary({ data }: { data: RackData }) {
  const { rack, nodeCount, torAnchors, members } = data;
  const marks = useRackMarks(rack.name, members);
  return (
    <div
      className="rack-summary"
      data-testid={`rack-summary-${rack.name}`}
      data-worst={marks.worst}
      data-vm={marks.vmHere}
    >
      <div className="name">{rack.name}</div>
      <div className="counts" data-testid={`rack-count-${rack.name}`}>
        {nodeCount} node{nodeCount === 1 ? '' : 's'} · {torAnchors.length} ToR{torAnchors.length === 1 ? '' : 's'}
      </div>
      {(marks.worst || marks.vmHere) && (
        <div className="marks">
          {marks.worst && (
            <span
              className="worst"
              data-testid={`rack-worst-${rack.name}`}
              data-outcome={marks.worst}
              data-count={marks.worstCount}
              title={`worst outcome of the rack's clients: ${marks.worst} (${marks.worstCount})`}
            >
              <OutcomeBadge outcome={marks.worst} short /> <span className="n">× {marks.worstCount}</span>
            </span>
          )}
          {marks.vmHere && (
            <span
              className="vm-pill"
              data-testid={`rack-vmhost-${rack.name}`}
              title={`${marks.vmHere} runs on ${marks.vmNode}`}
            >
              ▣ {marks.vmHere}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
