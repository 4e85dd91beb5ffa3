/**
 * The overlay's corner control: whose packet paths are drawn (all clients, none, or one), whether
 * the canvas animates, and a key to the line styles and message shapes.
 */
import { useMemo } from 'react';
import { Panel } from '@xyflow/react';
import { useSimulation, useStores, useUi } from '../../context';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../outcome';
import { shownFlows } from '../../../store/simulation';
import { choosePaths, MAX_DRAWN_FLOWS } from './packetPaths';

function LineSample({ end }: { end: 'delivered' | 'blackhole' | 'loop' }) {
  return (
    <svg className="key-sample" width="26" height="8" aria-hidden="true">
      <path className={`path-line ${end}`} d="M2,4 L24,4" />
    </svg>
  );
}

export function OverlayControls() {
  const ui = useStores().ui;
  const flows = useSimulation(shownFlows);
  const pathsFrom = useUi((s) => s.pathsFrom);
  const animate = useUi((s) => s.animate);
  const choice = useMemo(() => choosePaths(flows, pathsFrom), [flows, pathsFrom]);
  const clients = useMemo(() => [...(flows?.values() ?? [])].sort((a, b) => (a.client < b.client ? -1 : 1)), [flows]);
  // A client that is gone (the design changed) shows as "all", which is what is drawn.
  const value = pathsFrom === 'none' ? 'none' : choice.mode === 'one' ? pathsFrom : 'all';
  const total = clients.length;
  return (
    // Top left, right of the zoom buttons: the legend holds the top right, the minimap the bottom
    // right, and the fitted view keeps the top band free of the design.
    <Panel position="top-left" className="overlay-controls" aria-label="Packet paths and animation">
      <div className="overlay-row">
        <label className="overlay-row">
          <span>Packet paths from</span>
          <select value={value} onChange={(e) => ui.getState().setPathsFrom(e.target.value)} data-testid="paths-from">
            <option value="all">all clients</option>
            <option value="none">no client</option>
            {clients.length > 0 && (
              <optgroup label="one client">
                {clients.map((f) => (
                  <option key={f.client} value={f.client}>
                    {`${f.client} (${OUTCOME_ICON[f.outcome]} ${OUTCOME_LABEL[f.outcome]})`}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <span className="overlay-key">
          <span><LineSample end="delivered" />✓ delivered</span>
          <span><LineSample end="blackhole" />✕ blackhole</span>
          <span><LineSample end="loop" />↻ loop</span>
        </span>
      </div>
      {choice.mode === 'all' && choice.hidden > 0 && (
        <div className="overlay-note" data-testid="paths-hidden">
          {choice.flows.length} of {total} clients drawn: those not delivered{choice.flows.length >= MAX_DRAWN_FLOWS ? ` (the first ${MAX_DRAWN_FLOWS})` : ''}. Pick one client to see any path.
        </div>
      )}
      <div className="overlay-row">
        <label className="overlay-row" title="BGP messages in flight, speakers whose routes changed, the VM moving (View → Toggle animation)">
          <input type="checkbox" checked={animate} onChange={(e) => ui.getState().setAnimate(e.target.checked)} data-testid="animate-toggle" />
          <span>Animate</span>
        </label>
        {animate && (
          <span className="overlay-key">
            <span><span className="key-update" aria-hidden="true" />UPDATE</span>
            <span><span className="key-withdraw" aria-hidden="true" />WITHDRAW</span>
            <span><span className="key-flash" aria-hidden="true" />routes changed</span>
          </span>
        )}
      </div>
    </Panel>
  );
}
