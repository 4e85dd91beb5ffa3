/**
 * Autosave to browser storage. The current design is written on every change (debounced); the
 * copy it replaces, which was valid when written, is kept as the backup. On load, an unreadable
 * autosave falls back to the backup, and its text is kept aside, never thrown away silently.
 *
 * Browser storage is hostile ground: it may be full (every write throws QuotaExceededError),
 * disabled (every access throws SecurityError), or hold anything another version, another tool or
 * a damaged disk left there. Restoring never throws: the app always starts, with the autosave, the
 * backup or the default design, and a notice says which and why. Unreadable text that cannot be
 * set aside in storage is handed back to be offered as a download. That rare path (autosaveRescue.ts)
 * is loaded only when it is needed, to keep it out of the app's first load.
 */
import { formatIssue, parseDesign, serializeDesign, type Topology } from '../model';

export const AUTOSAVE_KEY = 'liveroute.design';
export const BACKUP_KEY = 'liveroute.design.backup';
export const RESCUE_KEY = 'liveroute.design.unreadable';
/** Longest reason quoted in a notice: an issue may quote a megabyte-long key. */
const MAX_REASON_CHARS = 300;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Unreadable text that storage could not keep elsewhere: the app offers it as a file. */
export interface Unkept {
  /** `autosave` or `backup`: which slot it came from. */
  readonly slot: 'autosave' | 'backup';
  readonly text: string;
}

export interface Restored {
  readonly doc: Topology | undefined;
  readonly notice?: string;
  /** Unreadable copies to offer as downloads (they are not safe in storage). */
  readonly unkept?: readonly Unkept[];
  /**
   * The autosave slot still holds the unreadable text (there was no room to move it): the caller
   * must not write the slot before the design changes, so a reload finds the text again.
   */
  readonly holdAutosave?: boolean;
}

export const reasonOf = (e: unknown): string => {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return clip(text);
};
const clip = (text: string) => (text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text);

export type Slot =
  | { kind: 'absent' }
  | { kind: 'readable'; doc: Topology }
  | { kind: 'unreadable'; problem: string; text: string }
  | { kind: 'inaccessible'; problem: string };

/** What a storage slot holds. Never throws. */
export function readSlot(storage: KeyValueStorage, key: string): Slot {
  let value: unknown;
  try {
    value = storage.getItem(key);
  } catch (e) {
    return { kind: 'inaccessible', problem: reasonOf(e) };
  }
  if (value === null || value === undefined) return { kind: 'absent' };
  // Storage holds strings; a wrapper or a test double may hand back anything.
  if (typeof value !== 'string')
    return { kind: 'unreadable', problem: `it is a ${typeof value}, not text`, text: String(value) };
  try {
    const parsed = parseDesign(value);
    if (parsed.ok) return { kind: 'readable', doc: parsed.value.doc };
    return { kind: 'unreadable', problem: clip(parsed.error.slice(0, 3).map(formatIssue).join('; ')), text: value };
  } catch (e) {
    // A reader must not throw; if one does, the app still starts.
    return { kind: 'unreadable', problem: `reading it failed (${reasonOf(e)})`, text: value };
  }
}

/**
 * The design to open from an autosave slot that needs no rescue: its design, nothing on a first
 * visit (the caller opens the default), or the default with a notice when storage cannot be read.
 * An unreadable slot goes to autosaveRescue.ts, loaded only then.
 */
export function openedFrom(current: Exclude<Slot, { kind: 'unreadable' }>): Restored {
  if (current.kind === 'readable') return { doc: current.doc };
  if (current.kind === 'absent') return { doc: undefined };
  return {
    doc: undefined,
    notice: `Browser storage cannot be read (${current.problem}); the default design was opened, and changes may not be kept.`,
  };
}

/** Writes `doc` as the autosave, moving the previous autosave to the backup slot. Throws when storage refuses the autosave itself. */
export function save(storage: KeyValueStorage, doc: Topology): void {
  const text = serializeDesign(doc, 'json');
  const previous = storage.getItem(AUTOSAVE_KEY);
  if (previous === text) return;
  if (previous !== null && parseDesign(previous).ok) {
    try {
      storage.setItem(BACKUP_KEY, previous);
    } catch {
      // A full storage keeps the older backup; the current design matters more.
    }
  }
  storage.setItem(AUTOSAVE_KEY, text);
}

/** An in-memory stand-in for browser storage when the browser refuses it (nothing outlives the page). */
export function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

/**
 * The browser's storage, or an in-memory stand-in with the reason when merely touching it throws
 * (Chromium throws SecurityError from `window.localStorage` when site data is blocked).
 */
export function openStorage(get: () => KeyValueStorage): { storage: KeyValueStorage; problem?: string } {
  try {
    const storage = get();
    storage.getItem(AUTOSAVE_KEY);
    return { storage };
  } catch (e) {
    return {
      storage: memoryStorage(),
      problem: `Browser storage is not available (${reasonOf(e)}): the design is not saved when this page closes.`,
    };
  }
}
