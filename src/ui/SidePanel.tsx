/**
 * The right-hand column: the inspector or the diagnostics, as two tabs. The diagnostics tab
 * shows how many findings the current design has, coloured by the worst. The route table and
 * the config editor dock above them (Docks), and the column widens while they do.
 */
import { lazy, Suspense } from 'react';
import { Inspector } from './inspector/Inspector';
import { useSimulation, useStores, useUi } from './context';
import { findingsOf } from '../store/simulation';
import { useOpenDocks } from './openDocks';

// Loaded when first shown: not part of the first screen.
const Docks = lazy(() => import('./Docks'));
const DiagnosticsPanel = lazy(() =>
  import('./diagnostics/DiagnosticsPanel').then((m) => ({ default: m.DiagnosticsPanel })),
);

export function SidePanel() {
  const stores = useStores();
  const panel = useUi((s) => s.sidePanel);
  const diagnostics = useSimulation(findingsOf);
  const count = diagnostics?.length ?? 0;
  const worst = diagnostics?.some((d) => d.severity === 'error')
    ? 'error'
    : diagnostics?.some((d) => d.severity === 'warning')
      ? 'warning'
      : count > 0
        ? 'info'
        : 'none';
  const tab = (id: 'inspector' | 'diagnostics', label: React.ReactNode) => (
    <button
      type="button"
      role="tab"
      aria-selected={panel === id}
      className={`side-tab${panel === id ? ' selected' : ''}`}
      data-testid={`tab-${id}`}
      onClick={() => stores.ui.getState().setSidePanel(id)}
    >
      {label}
    </button>
  );
  const docks = useOpenDocks();
  return (
    <div className="side-column">
      {(docks.lesson || docks.routes || docks.editor) && (
        <Suspense fallback={<div className="dock-area" />}>
          <Docks />
        </Suspense>
      )}
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {tab('inspector', 'Inspector')}
        {tab(
          'diagnostics',
          <>
            Diagnostics{' '}
            <span className={`side-count ${worst}`} data-testid="diagnostics-count">
              {count}
            </span>
          </>,
        )}
      </div>
      {panel === 'inspector' ? (
        <Inspector />
      ) : (
        <Suspense fallback={<p className="muted">Loading the diagnostics…</p>}>
          <DiagnosticsPanel />
        </Suspense>
      )}
    </div>
  );
}
