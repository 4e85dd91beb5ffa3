/**
 * The canvas's controls, one row at the top right: zoom in, zoom out, fit; whose packet paths are
 * drawn (all clients, none, or one) and whether the canvas animates. The key to the line styles
 * is the legend's, beside it.
 */
import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useSimulation, useStores, useUi } from '../../context';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../outcome';
import type { Outcome } from '../../../store/simulation';
import { shownFlows } from '../../../store/simulation';
import { choosePaths, MAX_DRAWN_FLOWS } from './packetPaths';

/** Up to this many clients, the list of clients shows each one's outcome. */
const LABELLED_CLIENTS = 100;

export function OverlayControls() {
  const ui = useStores().ui;
  const flow = useReactFlow();
  const flows = useSimulation(shownFlows);
  const pathsFrom = useUi((s) => s.pathsFrom);
  const animate = useUi((s) => s.animate);
  const choice = useMemo(() => choosePaths(flows, pathsFrom), [flows, pathsFrom]);
  const clients = useMemo(() => [...(flows?.values() ?? [])].sort((a, b) => (a.client < b.client ? -1 : 1)), [flows]);
  // Each client's outcome beside its name, while the list is short enough to read; a fabric's
  // thousand clients are listed by name only, so a new instant does not rewrite every option.
  const labelled = clients.length <= LABELLED_CLIENTS;
  const optionsKey = labelled
    ? clients.map((f) => `${f.client}\u0000${f.outcome}`).join('\n')
    : clients.map((f) => f.client).join('\n');
  const options = useMemo(
    () =>
      optionsKey === ''
        ? []
        : optionsKey.split('\n').map((line) => {
            const [client, outcome] = line.split('\u0000') as [string, Outcome | undefined];
            return (
              <option key={client} value={client}>
                {outcome ? `${client} (${OUTCOME_ICON[outcome]} ${OUTCOME_LABEL[outcome]})` : client}
              </option>
            );
          }),
    [optionsKey],
  );
  // A client that is gone (the design changed) shows as "all", which is what is drawn.
  const value = pathsFrom === 'none' ? 'none' : choice.mode === 'one' ? pathsFrom : 'all';
  const total = clients.length;
  const partial = choice.mode === 'all' && choice.hidden > 0;
  return (
    // One short row: the fitted view keeps a band clear of it (data-canvas-overlay).
    <div className="overlay-controls" role="group" aria-label="Zoom, packet paths and animation" data-canvas-overlay>
      <span className="zoom-buttons">
        <button
          type="button"
          className="zoom-btn"
          onClick={() => void flow.zoomIn({ duration: 150 })}
          aria-label="Zoom in"
          title="Zoom in (Ctrl+=)"
          data-testid="zoom-in"
        >
          +
        </button>
        <button
          type="button"
          className="zoom-btn"
          onClick={() => void flow.zoomOut({ duration: 150 })}
          aria-label="Zoom out"
          title="Zoom out (Ctrl+−)"
          data-testid="zoom-out"
        >
          −
        </button>
        <button
          type="button"
          className="zoom-btn"
          onClick={() => ui.getState().requestFit({ duration: 200 })}
          aria-label="Fit view"
          title="Fit the design in view (Shift+1)"
          data-testid="zoom-fit"
        >
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <path d="M1 4V1h3M8 1h3v3M11 8v3H8M4 11H1V8" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
      </span>
      <label className="overlay-row">
        <span>Packet paths from</span>
        <select value={value} onChange={(e) => ui.getState().setPathsFrom(e.target.value)} data-testid="paths-from">
          <option value="all">all clients</option>
          <option value="none">no client</option>
          {clients.length > 0 && <optgroup label="one client">{options}</optgroup>}
        </select>
      </label>
      {partial && (
        <span
          className="overlay-note"
          data-testid="paths-hidden"
          title={`${choice.flows.length} of ${total} clients drawn: those not delivered${choice.flows.length >= MAX_DRAWN_FLOWS ? ` (the first ${MAX_DRAWN_FLOWS})` : ''}. Pick one client to see any path.`}
        >
          {choice.flows.length} of {total} drawn
        </span>
      )}
      <label
        className="overlay-row"
        title="BGP messages in flight, speakers whose routes changed, the VM moving (View → Toggle animation)"
      >
        <input
          type="checkbox"
          checked={animate}
          onChange={(e) => ui.getState().setAnimate(e.target.checked)}
          data-testid="animate-toggle"
        />
        <span>Animate</span>
      </label>
    </div>
  );
}
