import { describe, expect, it } from 'vitest';
import {
  announceOfflineReady,
  noteVersion,
  OFFLINE_READY_KEY,
  OFFLINE_READY_TEXT,
  serviceWorkerCallbacks,
  UPDATE_CHECK_MS,
  UPDATE_WAITING_TEXT,
  UPDATED_TEXT,
  VERSION_KEY,
} from './pwaNotices';

type Notice = [kind: 'info' | 'error', text: string];

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('noteVersion', () => {
  it('says nothing on the first visit and remembers the build', () => {
    const notices: Notice[] = [];
    const storage = memoryStorage();
    noteVersion(storage, 'index-AAAA.js', (...n) => notices.push(n));
    expect(notices).toEqual([]);
    expect(storage.items.get(VERSION_KEY)).toBe('index-AAAA.js');
  });

  it('says nothing when the same build runs again', () => {
    const notices: Notice[] = [];
    noteVersion(memoryStorage({ [VERSION_KEY]: 'index-AAAA.js' }), 'index-AAAA.js', (...n) => notices.push(n));
    expect(notices).toEqual([]);
  });

  it('tells once that a new build runs', () => {
    const notices: Notice[] = [];
    const storage = memoryStorage({ [VERSION_KEY]: 'index-AAAA.js' });
    noteVersion(storage, 'index-BBBB.js', (...n) => notices.push(n));
    noteVersion(storage, 'index-BBBB.js', (...n) => notices.push(n));
    expect(notices).toEqual([['info', UPDATED_TEXT]]);
    expect(storage.items.get(VERSION_KEY)).toBe('index-BBBB.js');
  });

  it('shrugs off storage that refuses', () => {
    const notices: Notice[] = [];
    const refusing = {
      getItem: () => 'index-AAAA.js',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => noteVersion(refusing, 'index-BBBB.js', (...n) => notices.push(n))).not.toThrow();
    expect(notices).toEqual([['info', UPDATED_TEXT]]);
  });
});

describe('announceOfflineReady', () => {
  it('tells once, when the first service worker is active, that the app works offline', async () => {
    const notices: Notice[] = [];
    const storage = memoryStorage();
    let activate: (v: unknown) => void = () => undefined;
    const ready = new Promise((resolve) => (activate = resolve));
    announceOfflineReady(false, ready, storage, (...n) => notices.push(n));
    await Promise.resolve();
    expect(notices).toEqual([]);
    activate(undefined);
    await ready;
    await Promise.resolve();
    expect(notices).toEqual([
      ['info', 'liveroute is ready to work offline: it is stored in this browser and starts without a network.'],
    ]);
    expect(OFFLINE_READY_TEXT).toBe(notices[0]?.[1]);
    expect(storage.items.get(OFFLINE_READY_KEY)).toBe('told');

    // A hard reload starts uncontrolled again: it says nothing the second time.
    announceOfflineReady(false, Promise.resolve(), storage, (...n) => notices.push(n));
    await new Promise((r) => setTimeout(r, 0));
    expect(notices).toHaveLength(1);
  });

  it('says nothing on a page that a service worker already served', async () => {
    const notices: Notice[] = [];
    announceOfflineReady(true, Promise.resolve(), memoryStorage(), (...n) => notices.push(n));
    await new Promise((r) => setTimeout(r, 0));
    expect(notices).toEqual([]);
  });
});

describe('serviceWorkerCallbacks', () => {
  it('leaves "offline ready" to announceOfflineReady and the reload to the switch', () => {
    const callbacks = serviceWorkerCallbacks(
      () => undefined,
      () => undefined,
      () => undefined,
    );
    expect(callbacks.onOfflineReady).toBeUndefined();
    expect(callbacks.onNeedReload?.()).toBeUndefined();
  });

  it('offers a waiting update once, which switches once and then withdraws the offer', () => {
    const notices: Notice[] = [];
    const offers: ((() => void) | undefined)[] = [];
    let switches = 0;
    const callbacks = serviceWorkerCallbacks(
      (...n) => notices.push(n),
      () => void switches++,
      (apply) => offers.push(apply),
    );
    callbacks.onNeedRefresh?.();
    callbacks.onNeedRefresh?.();
    expect(notices).toEqual([['info', UPDATE_WAITING_TEXT]]);
    expect(UPDATE_WAITING_TEXT).toBe(
      'A new version of liveroute is ready. Update (in the toolbar) switches to it; your design is kept.',
    );
    expect(offers).toHaveLength(1);
    offers[0]?.();
    expect(switches).toBe(1);
    expect(offers).toHaveLength(2);
    expect(offers[1]).toBeUndefined();
  });

  it('checks for a new version every hour once registered', () => {
    const schedules: number[] = [];
    const callbacks = serviceWorkerCallbacks(
      () => undefined,
      () => undefined,
      () => undefined,
      (_run, ms) => schedules.push(ms),
    );
    callbacks.onRegisteredSW?.('./sw.js', undefined);
    expect(schedules).toEqual([]);
    callbacks.onRegisteredSW?.('./sw.js', {} as ServiceWorkerRegistration);
    expect(schedules).toEqual([UPDATE_CHECK_MS]);
    expect(UPDATE_CHECK_MS).toBe(3_600_000);
  });

  it('explains a failed registration and that the app still works online', () => {
    const notices: Notice[] = [];
    serviceWorkerCallbacks(
      (...n) => notices.push(n),
      () => undefined,
      () => undefined,
    ).onRegisterError?.(new Error('The operation is insecure.'));
    expect(notices).toEqual([
      [
        'error',
        'liveroute could not be set up to work offline (The operation is insecure.); it still works while online.',
      ],
    ]);
  });
});
