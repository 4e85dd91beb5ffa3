/**
 * Registers the service worker that keeps liveroute working offline, in production builds only
 * (vite's dev server and the unit tests never register one), and holds the waiting update for the
 * toolbar. Everything else (workbox-window, the notices) loads lazily after start-up.
 */
/// <reference types="vite-plugin-pwa/vanillajs" />
import { useSyncExternalStore } from 'react';
import type { UiState } from '../store/ui';

/* The waiting update: how to switch to it, or undefined when there is none. */
let pendingUpdate: (() => void) | undefined;
const listeners = new Set<() => void>();

function offerUpdate(apply: (() => void) | undefined): void {
  pendingUpdate = apply;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The function that switches to a waiting new version (the page reloads), or undefined. */
export function useAppUpdate(): (() => void) | undefined {
  return useSyncExternalStore(subscribe, () => pendingUpdate);
}

/** `storage` is the app's own (browser storage, or its in-memory stand-in when the browser refuses it). */
export function registerServiceWorker(notify: UiState['notify'], storage: Pick<Storage, 'getItem' | 'setItem'>): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // The entry chunk's name carries the build's content hash: a new name is a new version.
  const version = new URL(import.meta.url).pathname.split('/').pop() ?? '';
  // Read now: the first install may take over this page before the modules below arrive.
  const startedControlled = navigator.serviceWorker.controller !== null;
  Promise.all([import('./pwaNotices'), import('virtual:pwa-register')])
    .then(([notices, { registerSW }]) => {
      notices.noteVersion(storage, version, notify);
      notices.announceOfflineReady(startedControlled, navigator.serviceWorker.ready, storage, notify);
      const switchToWaiting = () => {
        navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
        void update();
      };
      const update = registerSW(notices.serviceWorkerCallbacks(notify, switchToWaiting, offerUpdate));
    })
    .catch((e: unknown) =>
      notify('error', `liveroute could not be set up to work offline: ${e instanceof Error ? e.message : String(e)}`),
    );
}
