import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import './styles.css';
import { App } from './App';
import { StoresProvider, type Stores } from './context';
import { createDesignStore } from '../store/design';
import { createUiStore } from '../store/ui';
import { createSimulationStore, followSelection } from '../store/simulation';
import { createEngineClient } from '../worker/client';
import { restore, save } from '../store/autosave';
import { DEFAULT_SCENARIO } from '../scenarios/default';
import { loadScenarioLibrary } from './scenarioLibrary';
import { serializeDesign } from '../model';
import { followShareLinks } from './share/openShared';
import { registerServiceWorker } from './pwa';

const AUTOSAVE_DELAY_MS = 250;

const restored = restore(window.localStorage);
const design = createDesignStore(restored.doc ?? DEFAULT_SCENARIO.doc);
// Animation is off for users who ask the system for reduced motion (and in the tests that do), or with ?animate=0.
const animate = new URLSearchParams(window.location.search).get('animate') !== '0' && !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
// Whole tables and the config work (files, zips, Calico import) share a worker that a newer simulation never restarts.
const tableClient = createEngineClient();
const stores: Stores = { design, ui: createUiStore({ animate }), simulation: createSimulationStore(design, createEngineClient(), { tableClient }), worker: tableClient };
if (restored.notice) stores.ui.getState().notify('error', restored.notice);
registerServiceWorker((kind, text) => stores.ui.getState().notify(kind, text));
// The scenario library is not in the first load; fetch it once the app is up so the menu opens at once.
window.setTimeout(() => void loadScenarioLibrary(), 500);
followSelection(stores.ui, stores.design, stores.simulation);
void stores.simulation.getState().run();
// A share link in the address (now, or pasted later) asks to open its design.
followShareLinks(stores);

let pending: number | undefined;
const flush = () => {
  pending = undefined;
  try {
    save(window.localStorage, stores.design.getState().doc);
  } catch (e) {
    stores.ui.getState().notify('error', `Autosave failed: ${(e as Error).message}`);
  }
};
save(window.localStorage, stores.design.getState().doc);
stores.design.subscribe((s, prev) => {
  if (s.doc === prev.doc) return;
  if (pending !== undefined) window.clearTimeout(pending);
  pending = window.setTimeout(flush, AUTOSAVE_DELAY_MS);
});
window.addEventListener('beforeunload', () => pending !== undefined && flush());

// A small in-page API for end-to-end tests and the curious: read the design as the file would be.
Object.assign(window, {
  liveroute: {
    yaml: () => serializeDesign(stores.design.getState().doc, 'yaml'),
    json: () => serializeDesign(stores.design.getState().doc, 'json'),
    selection: () => stores.ui.getState().selection,
    simulation: () => {
      const { status, report, error, phase, speaker, time, instant, playing } = stores.simulation.getState();
      return { status, report, error, phase, speaker, time, instant, playing };
    },
    setTime: (time: number) => stores.simulation.getState().setTime(time),
    // Whole tables ("All prefixes") wait before their next slice while held: a test sees one under way however fast the machine.
    holdTables: (on: boolean) => tableClient.holdTables?.(on),
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
