import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, scenarioById } from '../scenarios';
import { serializeDesign, type Topology } from '../model';
import { AUTOSAVE_KEY, BACKUP_KEY, RESCUE_KEY, restore, save, type KeyValueStorage } from './autosave';

function memory(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => (k in data ? (data[k] as string) : null), setItem: (k, v) => void (data[k] = v) };
}

const other = scenarioById('single-rack-mesh')?.doc as Topology;

describe('autosave', () => {
  it('opens nothing on a first visit (the caller opens the default)', () => {
    expect(restore(memory())).toEqual({ doc: undefined });
  });

  it('restores the saved design, and keeps the previous copy as the backup', () => {
    const storage = memory();
    save(storage, DEFAULT_SCENARIO.doc);
    expect(storage.data[BACKUP_KEY]).toBeUndefined();
    save(storage, other);
    expect(storage.data[BACKUP_KEY]).toBe(serializeDesign(DEFAULT_SCENARIO.doc, 'json'));
    expect(restore(storage).doc).toEqual(other);
  });

  it('falls back to the backup when the autosave is unreadable, and keeps the unreadable text', () => {
    const storage = memory({ [AUTOSAVE_KEY]: '{"apiVersion": "liveroute/v1", "kind": "Topology"', [BACKUP_KEY]: serializeDesign(other, 'json') });
    const r = restore(storage);
    expect(r.doc).toEqual(other);
    expect(r.notice).toMatch(/^The autosaved design could not be read \(\(document\) \(line 1\): JSON syntax: .*\); the previous copy was restored\. Its text is kept in browser storage under "liveroute\.design\.unreadable"\.$/);
    expect(storage.data[RESCUE_KEY]).toBe('{"apiVersion": "liveroute/v1", "kind": "Topology"');
  });

  it('says so when neither copy can be read', () => {
    const storage = memory({ [AUTOSAVE_KEY]: 'apiVersion: liveroute/v9\n' });
    const r = restore(storage);
    expect(r.doc).toBeUndefined();
    expect(r.notice).toContain('no usable backup; the default design was opened');
    expect(r.notice).toContain('liveroute/v9 is not supported by this version of liveroute');
  });

  it('writes nothing when the design did not change', () => {
    const storage = memory();
    save(storage, DEFAULT_SCENARIO.doc);
    save(storage, DEFAULT_SCENARIO.doc);
    expect(storage.data[BACKUP_KEY]).toBeUndefined();
  });
});
