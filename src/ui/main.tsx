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
import { AUTOSAVE_KEY, openedFrom, openStorage, readSlot, save, type Restored, type Unkept } from '../store/autosave';
import { DEFAULT_SCENARIO } from '../scenarios/default';
import { loadScenarioLibrary } from './scenarioLibrary';
import { detectFormat, serializeDesign } from '../model';
import { downloadBlob } from './download';
import { downloadDesign } from './actions';
import { followShareLinks } from './share/openShared';
import { registerServiceWorker } from './pwa';

const AUTOSAVE_DELAY_MS = 250;

// Storage may be blocked (SecurityError), full, or hold anything: neither stops the app from starting.
const opened = openStorage(() => window.localStorage);
const storage = opened.storage;
const autosaved = readSlot(storage, AUTOSAVE_KEY);
if (autosaved.kind !== 'unreadable') start(openedFrom(autosaved));
else {
  // An autosave that does not read is set aside by code loaded only then (it stays out of the first load).
  // If that code cannot load, the text is left where it is and offered (the rejection handler covers the import only).
  void import('../store/autosaveRescue').then(
    ({ restoreUnreadable }) => start(restoreUnreadable(storage, autosaved)),
    (e: unknown) =>
      start({
        doc: undefined,
        notice: `The autosaved design could not be read (${autosaved.problem}), and setting it aside failed (${e instanceof Error ? e.message : String(e)}); the default design was opened. Its text stays in browser storage only until the design changes: download it to keep it.`,
        unkept: [{ slot: 'autosave', text: autosaved.text }],
        holdAutosave: true,
      }),
  );
}

/** Unreadable autosaved text that storage could not keep, as files named after the slot it came from. */
function downloadUnkept(unkept: readonly Unkept[]): void {
  for (const { slot, text } of unkept)
    downloadBlob(`liveroute-${slot}-unreadable.${detectFormat(text)}`, new Blob([text], { type: 'text/plain' }));
}

/** Creates the stores on the restored design, starts autosaving and the in-page API, and renders the app. */
function start(restored: Restored): void {
  const design = createDesignStore(restored.doc ?? DEFAULT_SCENARIO.doc);
  // Animation is off for users who ask the system for reduced motion (and in the tests that do), or with ?animate=0.
  const animate =
    new URLSearchParams(window.location.search).get('animate') !== '0' &&
    !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  // Whole tables and the config work (files, zips, Calico import) share a worker that a newer simulation never restarts.
  const tableClient = createEngineClient();
  const stores: Stores = {
    design,
    ui: createUiStore({ animate }),
    simulation: createSimulationStore(design, createEngineClient(), { tableClient }),
    worker: tableClient,
  };
  if (opened.problem) stores.ui.getState().notify('error', opened.problem);
  if (restored.notice)
    stores.ui
      .getState()
      .notify(
        'error',
        restored.notice,
        restored.unkept ? { label: 'Download', run: () => downloadUnkept(restored.unkept ?? []) } : undefined,
      );
  registerServiceWorker((kind, text) => stores.ui.getState().notify(kind, text), storage);
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
      save(storage, stores.design.getState().doc);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      stores.ui
        .getState()
        .notify('error', `Autosave failed (${reason}): the design on screen is not saved in this browser.`, {
          label: 'Download',
          run: () => downloadDesign(stores, 'yaml'),
        });
    }
  };
  // The unreadable text still in the autosave slot (no room to move it) stays there until the design changes.
  if (!restored.holdAutosave) flush();
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
}
