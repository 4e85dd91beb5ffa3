/** The inspector: edits every field of the selection, or the design when nothing is selected. */
import { parseSelectionId } from '../../store/ui';
import { copySelection, deleteSelection } from '../actions';
import { useDesign, useStores, useUi } from '../context';
import { lazy, Suspense } from 'react';
import { DesignPanel } from './DesignPanel';

// The panels of a selection load with the first one (the initial-JS budget); the design's is on the first screen.
const elementPanels = () => import('./ElementPanels');
const resourcePanels = () => import('./ResourcePanels');
const RackPanel = lazy(() => elementPanels().then((m) => ({ default: m.RackPanel })));
const NodePanel = lazy(() => elementPanels().then((m) => ({ default: m.NodePanel })));
const RouterPanel = lazy(() => elementPanels().then((m) => ({ default: m.RouterPanel })));
const VmPanel = lazy(() => elementPanels().then((m) => ({ default: m.VmPanel })));
const PeerPanel = lazy(() => resourcePanels().then((m) => ({ default: m.PeerPanel })));
const FilterPanel = lazy(() => resourcePanels().then((m) => ({ default: m.FilterPanel })));
const PairPanel = lazy(() => resourcePanels().then((m) => ({ default: m.PairPanel })));

export function Inspector() {
  const stores = useStores();
  const selection = useUi((s) => s.selection);
  const doc = useDesign((s) => s.doc);
  let body;
  if (selection.length === 0) body = <DesignPanel />;
  else if (selection.length > 1) {
    body = (
      <>
        <h2>{selection.length} selected</h2>
        <p className="muted">
          {selection
            .map((id) => parseSelectionId(id))
            .map((s) => ('name' in s ? s.name : `${s.a}↔${s.b}`))
            .join(', ')}
        </p>
        <div className="row">
          <button className="btn" type="button" onClick={() => copySelection(stores)}>
            Copy
          </button>
          <button className="btn danger" type="button" onClick={() => deleteSelection(stores)}>
            Delete
          </button>
        </div>
      </>
    );
  } else {
    const s = parseSelectionId(selection[0] as string);
    const key = JSON.stringify(s);
    if (s.kind === 'peer') body = <PeerPanel key={key} name={s.name} />;
    else if (s.kind === 'filter') body = <FilterPanel key={key} name={s.name} />;
    else if (s.kind === 'vm') body = <VmPanel key={key} name={s.name} />;
    else if (s.kind === 'pair') body = <PairPanel key={key} a={s.a} b={s.b} />;
    else if (doc.spec.racks.some((r) => r.name === s.name)) body = <RackPanel key={key} name={s.name} />;
    else if (doc.spec.nodes.some((n) => n.name === s.name)) body = <NodePanel key={key} name={s.name} />;
    else if (doc.spec.routers.some((r) => r.name === s.name)) body = <RouterPanel key={key} name={s.name} />;
    else body = <DesignPanel />;
  }
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <Suspense fallback={<p className="muted">Loading…</p>}>{body}</Suspense>
      {selection.length === 1 && (
        <div className="section row">
          <button className="btn" type="button" onClick={() => stores.ui.getState().select([])}>
            Design settings
          </button>
          <button
            className="btn danger"
            type="button"
            onClick={() => deleteSelection(stores)}
            data-testid="delete-selection"
          >
            Delete
          </button>
        </div>
      )}
    </aside>
  );
}
