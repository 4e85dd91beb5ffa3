/**
 * What the user is told about the service worker that keeps liveroute working offline: once, that
 * the app is ready offline; that a new version is waiting (the toolbar's Update switches to it, or
 * closing every liveroute tab does); and, the first time a new version runs, that it did. Loaded
 * lazily by pwa.ts after start-up, so none of it weighs on the initial JavaScript.
 */
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import type { Notice } from '../store/ui';

export const OFFLINE_READY_TEXT =
  'liveroute is ready to work offline: it is stored in this browser and starts without a network.';
export const UPDATE_WAITING_TEXT =
  'A new version of liveroute is ready. Update (in the toolbar) switches to it; your design is kept.';
export const UPDATED_TEXT = 'liveroute was updated to a new version. Your design is as you left it.';
export const VERSION_KEY = 'liveroute.version';
export const OFFLINE_READY_KEY = 'liveroute.offlineReady';
// A tab left open for days still learns of new versions (browsers check on navigations only).
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** The notices said here carry no action. */
type Notify = (kind: Notice['kind'], text: string) => void;

/**
 * Remembers which build runs in this browser and says so when it changed since the last visit
 * (after Update, or after every tab was closed). The first visit says nothing.
 */
export function noteVersion(storage: Pick<Storage, 'getItem' | 'setItem'>, version: string, notify: Notify): void {
  try {
    const previous = storage.getItem(VERSION_KEY);
    if (previous === version) return;
    if (previous !== null) notify('info', UPDATED_TEXT);
    storage.setItem(VERSION_KEY, version);
  } catch {
    // Storage refused (full, or disabled): the notice is a courtesy, nothing depends on it.
  }
}

/**
 * Says once that liveroute now works offline: when a service worker first becomes active for a
 * page that started without one. workbox-window's own "offline ready" only fires on the page that
 * started the install, so a reload during the first install would never say it. The mark in storage
 * keeps a hard reload (which starts uncontrolled) quiet; clearing the site's data clears both.
 */
export function announceOfflineReady(
  startedControlled: boolean,
  ready: Promise<unknown>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  notify: Notify,
): void {
  if (startedControlled) return;
  void ready.then(() => {
    try {
      if (storage.getItem(OFFLINE_READY_KEY) !== null) return;
      storage.setItem(OFFLINE_READY_KEY, 'told');
    } catch {
      // Storage refused: say it, perhaps once more than needed.
    }
    notify('info', OFFLINE_READY_TEXT);
  });
}

/**
 * The registration's reports turned into notices and the toolbar's Update. `switchToWaiting` lets
 * the waiting version take over and reloads the page into it (the design is autosaved).
 */
export function serviceWorkerCallbacks(
  notify: Notify,
  switchToWaiting: () => void,
  offer: (apply: (() => void) | undefined) => void,
  every: (run: () => void, ms: number) => void = (run, ms) => void window.setInterval(run, ms),
): RegisterSWOptions {
  let offered = false;
  return {
    // workbox-window may report one waiting version twice (as installed, then as waiting).
    onNeedRefresh: () => {
      if (offered) return;
      offered = true;
      offer(() => {
        offer(undefined);
        switchToWaiting();
      });
      notify('info', UPDATE_WAITING_TEXT);
    },
    // switchToWaiting reloads. workbox-window would only on a page that started controlled, not on
    // the page of the first install (which clientsClaim took over), so it must not reload as well.
    onNeedReload: () => undefined,
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      every(() => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError: (e: unknown) =>
      notify(
        'error',
        `liveroute could not be set up to work offline (${e instanceof Error ? e.message : String(e)}); it still works while online.`,
      ),
  };
}
