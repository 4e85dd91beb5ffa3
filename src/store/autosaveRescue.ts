/**
 * Restoring when the autosave does not read (loaded by the app only then): the unreadable text
 * is moved to a rescue key (`liveroute.design.unreadable`, then `.2` …), never over an earlier
 * one; copied when storage has room for two copies, moved (removed, then written) when it has
 * not, and put back into its slot when even that fails, to be offered as a download. The app then
 * opens the backup, or the default design, and the notice says what happened to each text.
 */
import {
  AUTOSAVE_KEY,
  BACKUP_KEY,
  openedFrom,
  RESCUE_KEY,
  readSlot,
  reasonOf,
  type KeyValueStorage,
  type Restored,
  type Slot,
  type Unkept,
} from './autosave';

/** Unreadable copies kept side by side (`RESCUE_KEY`, then `.2` …): a second incident never overwrites the first. */
export const MAX_RESCUE_COPIES = 9;

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
const isQuotaError = (e: unknown) =>
  typeof e === 'object' && e !== null && /quota/i.test(`${String((e as Error).name)} ${String((e as Error).message)}`);

const removeQuietly = (storage: KeyValueStorage, key: string) => {
  try {
    storage.removeItem(key);
  } catch {
    // Only frees room; the copy is kept either way.
  }
};

type Kept =
  { where: 'rescue'; key: string } | { where: 'in place'; reason: string } | { where: 'nowhere'; reason: string };

/**
 * Moves unreadable text from its slot to a rescue key. Copying needs room for two copies; when
 * storage is full it moves instead (removes, then writes). When even that fails, the text goes
 * back into its slot, where it lasts until the next autosave.
 */
function setAside(storage: KeyValueStorage, slotKey: string, text: string): Kept {
  const key = rescueKey(storage, text);
  if (key === undefined)
    return putBack(
      storage,
      slotKey,
      text,
      `${MAX_RESCUE_COPIES} earlier unreadable copies already fill "${RESCUE_KEY}…"`,
    );
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
  const current = readSlot(storage, AUTOSAVE_KEY);
  return current.kind === 'unreadable' ? restoreUnreadable(storage, current) : openedFrom(current);
}

/** Sets the unreadable autosave aside and opens the backup, or nothing; says what became of each text. */
export function restoreUnreadable(storage: KeyValueStorage, current: Extract<Slot, { kind: 'unreadable' }>): Restored {
  const kept = setAside(storage, AUTOSAVE_KEY, current.text);
  const unkept: Unkept[] = kept.where === 'rescue' ? [] : [{ slot: 'autosave', text: current.text }];
  const hold = kept.where === 'in place' ? { holdAutosave: true } : {};
  const backup = readSlot(storage, BACKUP_KEY);
  const opening = `The autosaved design could not be read (${current.problem})`;
  if (backup.kind === 'readable') {
    return {
      doc: backup.doc,
      notice: `${opening}; the previous copy was restored. ${fate(kept)}`,
      ...(unkept.length > 0 ? { unkept } : {}),
      ...hold,
    };
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
  return {
    doc: undefined,
    notice: `${opening} and ${why}; the default design was opened. ${fate(kept)}${backupFate}`,
    ...(unkept.length > 0 ? { unkept } : {}),
    ...hold,
  };
}
