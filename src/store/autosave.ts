/**
 * Autosave to browser storage. The current design is written on every change (debounced); the
 * copy it replaces, which was valid when written, is kept as the backup. On load, an unreadable
 * autosave falls back to the backup, and its text is kept aside, never thrown away.
 */
import { formatIssue, parseDesign, serializeDesign, type Topology } from '../model';

export const AUTOSAVE_KEY = 'liveroute.design';
export const BACKUP_KEY = 'liveroute.design.backup';
export const RESCUE_KEY = 'liveroute.design.unreadable';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Restored {
  readonly doc: Topology | undefined;
  readonly notice?: string;
}

function read(storage: KeyValueStorage, key: string): { doc?: Topology; problem?: string; text?: string } {
  const text = storage.getItem(key);
  if (text === null) return {};
  const parsed = parseDesign(text);
  if (parsed.ok) return { doc: parsed.value.doc, text };
  return { problem: parsed.error.slice(0, 3).map(formatIssue).join('; '), text };
}

/** The design to open: the autosave, else its backup, else nothing (the caller opens the default). */
export function restore(storage: KeyValueStorage): Restored {
  const current = read(storage, AUTOSAVE_KEY);
  if (current.doc) return { doc: current.doc };
  if (current.problem === undefined) return { doc: undefined };
  storage.setItem(RESCUE_KEY, current.text ?? '');
  const backup = read(storage, BACKUP_KEY);
  const kept = `Its text is kept in browser storage under "${RESCUE_KEY}".`;
  if (backup.doc) {
    return { doc: backup.doc, notice: `The autosaved design could not be read (${current.problem}); the previous copy was restored. ${kept}` };
  }
  return { doc: undefined, notice: `The autosaved design could not be read (${current.problem}) and there is no usable backup; the default design was opened. ${kept}` };
}

/** Writes `doc` as the autosave, moving the previous autosave to the backup slot. */
export function save(storage: KeyValueStorage, doc: Topology): void {
  const text = serializeDesign(doc, 'json');
  const previous = storage.getItem(AUTOSAVE_KEY);
  if (previous === text) return;
  if (previous !== null && parseDesign(previous).ok) storage.setItem(BACKUP_KEY, previous);
  storage.setItem(AUTOSAVE_KEY, text);
}
