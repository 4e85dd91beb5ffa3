/**
 * Autosave to browser storage. The current design is written on every change (debounced); the
 * copy it replaces, which was valid when written, is kept as the backup. On load, an unreadable
 * autosave falls back to the backup, and its text is kept aside, never thrown away silently.
 *
 * Browser storage is hostile ground: it may be full (every write throws QuotaExceededError),
 * disabled (every access throws SecurityError), or hold anything another version, another tool or
 * a damaged disk left there. Restoring never throws: the app always starts, with the autosave, the
 * backup or the default design, and a notice says which and why. Unreadable text that cannot be
 * set aside in storage is handed back to be offered as a download.
 */
import { formatIssue, parseDesign, serializeDesign, type Topology } from '../model';

export const AUTOSAVE_KEY = 'liveroute.design';
export const BACKUP_KEY = 'liveroute.design.backup';
export const RESCUE_KEY = 'liveroute.design.unreadable';
/** Unreadable copies kept side by side (`RESCUE_KEY`, then `.2` …): a second incident never overwrites the first. */
export const MAX_RESCUE_COPIES = 9;
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

const reasonOf = (e: unknown): string => {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return clip(text);
};
const clip = (text: string) => (text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text);

type Slot =
  | { kind: 'absent' }
  | { kind: 'readable'; doc: Topology }
  | { kind: 'unreadable'; problem: string; text: string }
  | { kind: 'inaccessible'; problem: string };

function read(storage: KeyValueStorage, key: string): Slot {
  let value: unknown;
  try {
    value = storage.getItem(key);
  } catch (e) {
    return { kind: 'inaccessible', problem: reasonOf(e) };
  }
  if (value === null || value === undefined) return { kind: 'absent' };
  // Storage holds strings; a wrapper or a test double may hand back anything.
  if (typeof value !== 'string') return { kind: 'unreadable', problem: `it is a ${typeof value}, not text`, text: String(value) };
  try {
    const parsed = parseDesign(value);
    if (parsed.ok) return { kind: 'readable', doc: parsed.value.doc };
    return { kind: 'unreadable', problem: clip(parsed.error.slice(0, 3).map(formatIssue).join('; ')), text: value };
  } catch (e) {
    // A reader must not throw; if one does, the app still starts.
    return { kind: 'unreadable', problem: `reading it failed (${reasonOf(e)})`, text: value };
  }
}

/** The first rescue key that is free or already holds this very text (undefined when all are taken). */
function rescueKey(storage: KeyValueStorage, text: string): string | undefined {
  for (let n = 1; n <= MAX_RESCUE_COPIES; n++) {
    const key = n === 1 ? RESCUE_KEY : `${RESCUE_KEY}.${n}`;
    let held: string | null;
    try {
      held = storage.getItem(key);
    } catch {
      return undefined;
    }
    if (held === null || held === text) return key;
  }
  return undefined;
}

/** Storage is full (Chromium and Safari say QuotaExceededError; older Firefox NS_ERROR_DOM_QUOTA_REACHED). */
const isQuotaError = (e: unknown) => typeof e === 'object' && e !== null && /quota/i.test(`${String((e as Error).name)} ${String((e as Error).message)}`);

const removeQuietly = (storage: KeyValueStorage, key: string) => {
  try {
    storage.removeItem(key);
  } catch {
    // Only frees room; the copy is kept either way.
  }
};

type Kept = { where: 'rescue'; key: string } | { where: 'in place'; reason: string } | { where: 'nowhere'; reason: string };

/**
 * Moves unreadable text from its slot to a rescue key. Copying needs room for two copies; when
 * storage is full it moves instead (removes, then writes). When even that fails, the text goes
 * back into its slot, where it lasts until the next autosave.
 */
function setAside(storage: KeyValueStorage, slotKey: string, text: string): Kept {
  const key = rescueKey(storage, text);
  if (key === undefined) return putBack(storage, slotKey, text, `${MAX_RESCUE_COPIES} earlier unreadable copies already fill "${RESCUE_KEY}…"`);
  try {
    storage.setItem(key, text);
    removeQuietly(storage, slotKey);
    return { where: 'rescue', key };
  } catch (e) {
    // Refused for another reason than room (writes blocked): the text stays where it is.
    if (!isQuotaError(e)) return putBack(storage, slotKey, text, reasonOf(e));
  }
  // No room for a second copy: move it.
  removeQuietly(storage, slotKey);
  try {
    storage.setItem(key, text);
    return { where: 'rescue', key };
  } catch (e) {
    return putBack(storage, slotKey, text, reasonOf(e));
  }
}

function putBack(storage: KeyValueStorage, slotKey: string, text: string, reason: string): Kept {
  try {
    if (storage.getItem(slotKey) !== text) storage.setItem(slotKey, text);
    return { where: 'in place', reason };
  } catch {
    return { where: 'nowhere', reason };
  }
}

function fate(kept: Kept): string {
  if (kept.where === 'rescue') return `Its text is kept in browser storage under "${kept.key}".`;
  if (kept.where === 'in place') {
    return `Its text could not be set aside in browser storage (${kept.reason}); it stays there only until the design changes: download it to keep it.`;
  }
  return `Its text could not be kept in browser storage (${kept.reason}): download it now, or it is lost when this page closes.`;
}

/** The design to open: the autosave, else its backup, else nothing (the caller opens the default). Never throws. */
export function restore(storage: KeyValueStorage): Restored {
  const current = read(storage, AUTOSAVE_KEY);
  if (current.kind === 'readable') return { doc: current.doc };
  if (current.kind === 'absent') return { doc: undefined };
  if (current.kind === 'inaccessible') {
    return { doc: undefined, notice: `Browser storage cannot be read (${current.problem}); the default design was opened, and changes may not be kept.` };
  }
  const kept = setAside(storage, AUTOSAVE_KEY, current.text);
  const unkept: Unkept[] = kept.where === 'rescue' ? [] : [{ slot: 'autosave', text: current.text }];
  const hold = kept.where === 'in place' ? { holdAutosave: true } : {};
  const backup = read(storage, BACKUP_KEY);
  const opening = `The autosaved design could not be read (${current.problem})`;
  if (backup.kind === 'readable') {
    return { doc: backup.doc, notice: `${opening}; the previous copy was restored. ${fate(kept)}`, ...(unkept.length > 0 ? { unkept } : {}), ...hold };
  }
  let why = 'there is no usable backup';
  let backupFate = '';
  if (backup.kind === 'inaccessible') why = `the backup cannot be read from storage (${backup.problem})`;
  if (backup.kind === 'unreadable') {
    why = `the backup could not be read either (${backup.problem})`;
    const backupKept = setAside(storage, BACKUP_KEY, backup.text);
    if (backupKept.where !== 'rescue') unkept.push({ slot: 'backup', text: backup.text });
    backupFate = ` The backup's text: ${fate(backupKept).replace(/^Its text /, '')}`;
  }
  return { doc: undefined, notice: `${opening} and ${why}; the default design was opened. ${fate(kept)}${backupFate}`, ...(unkept.length > 0 ? { unkept } : {}), ...hold };
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
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, String(v)), removeItem: (k) => void data.delete(k) };
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
    return { storage: memoryStorage(), problem: `Browser storage is not available (${reasonOf(e)}): the design is not saved when this page closes.` };
  }
}
