/**
 * For the panel's DOM tests: the diagnostics panel with the real stores and the engine run
 * in-process. The store's debounce never fires by itself: a test runs the pending re-run with
 * `rerun`, so nothing waits for a timer (a short one could fire before the test has looked at the
 * stale list on a busy machine, or not yet when it looks).
 */
import { act } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { Topology } from '../../model';
import { createDesignStore } from '../../store/design';
import { createSimulationStore } from '../../store/simulation';
import { createUiStore } from '../../store/ui';
import { StoresProvider, type Stores } from '../context';
import type { DomHarness } from '../test-dom';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { inProcessClient } from './test-support';

/** A debounce no test waits out. */
const NEVER_MS = 3_600_000;

/** Renders the panel on `doc` and lets its first run finish; returns the stores and the host element. */
export async function mountDiagnosticsPanel(
  dom: DomHarness,
  doc: Topology,
): Promise<{ stores: Stores; host: HTMLElement }> {
  const design = createDesignStore(doc);
  const stores: Stores = {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient, { debounceMs: NEVER_MS }),
    worker: inProcessClient,
  };
  stores.ui.getState().setSidePanel('diagnostics');
  const { host, root } = dom.open();
  await act(async () => {
    root.render(
      <StoresProvider stores={stores}>
        <ReactFlowProvider>
          <DiagnosticsPanel />
        </ReactFlowProvider>
      </StoresProvider>,
    );
    await stores.simulation.getState().run();
  });
  return { stores, host };
}

/** Runs the re-run the store has pending (what its debounce timer would do) and lets it finish. */
export async function rerun(stores: Stores): Promise<void> {
  await act(() => stores.simulation.getState().run());
}
