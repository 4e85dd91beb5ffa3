import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, scenarioById } from '../scenarios';
import { parseDesign, serializeDesign, type Topology } from '../model';
import { AUTOSAVE_KEY, BACKUP_KEY, memoryStorage, openStorage, RESCUE_KEY, save, type Restored } from './autosave';
import { MAX_RESCUE_COPIES, restore } from './autosaveRescue';
import { CHROMIUM_QUOTA, FakeStorage } from './test-storage';

const SEED = 20261215;
const other = scenarioById('single-rack-mesh')?.doc as Topology;
const otherJson = serializeDesign(other, 'json');

/** A big design damaged on disk: a 3 MB description, cut short inside it (JSON that never ends). */
const DAMAGED_3MB = `{"apiVersion":"liveroute/v1","kind":"Topology","metadata":{"name":"big","description":"${'x'.repeat(3 * 1024 * 1024)}`;
const DAMAGED_PROBLEM = '(document) (line 1): JSON syntax: Unterminated string';
const RESTORED_BACKUP = `The autosaved design could not be read (${DAMAGED_PROBLEM}); the previous copy was restored.`;

describe('autosave', () => {
  it('opens nothing on a first visit (the caller opens the default)', () => {
    expect(restore(new FakeStorage())).toEqual({ doc: undefined });
  });

  it('restores the saved design, and keeps the previous copy as the backup', () => {
    const storage = new FakeStorage();
    save(storage, DEFAULT_SCENARIO.doc);
    expect(storage.data.get(BACKUP_KEY)).toBeUndefined();
    save(storage, other);
    expect(storage.data.get(BACKUP_KEY)).toBe(serializeDesign(DEFAULT_SCENARIO.doc, 'json'));
    expect(restore(storage).doc).toEqual(other);
  });

  it('falls back to the backup when the autosave is unreadable, and keeps the unreadable text', () => {
    const storage = new FakeStorage({
      [AUTOSAVE_KEY]: '{"apiVersion": "liveroute/v1", "kind": "Topology"',
      [BACKUP_KEY]: otherJson,
    });
    const r = restore(storage);
    expect(r.doc).toEqual(other);
    expect(r.notice).toMatch(
      /^The autosaved design could not be read \(\(document\) \(line 1\): JSON syntax: .*\); the previous copy was restored\. Its text is kept in browser storage under "liveroute\.design\.unreadable"\.$/,
    );
    expect(storage.data.get(RESCUE_KEY)).toBe('{"apiVersion": "liveroute/v1", "kind": "Topology"');
    // Set aside, not copied: the slot is free for the next autosave.
    expect(storage.data.has(AUTOSAVE_KEY)).toBe(false);
    expect(r.unkept).toBeUndefined();
    expect(r.holdAutosave).toBeUndefined();
  });

  it('says so when neither copy can be read, and sets both aside', () => {
    const storage = new FakeStorage({ [AUTOSAVE_KEY]: 'apiVersion: liveroute/v9\n', [BACKUP_KEY]: '{"broken": ' });
    const r = restore(storage);
    expect(r.doc).toBeUndefined();
    expect(r.notice).toBe(
      'The autosaved design could not be read (apiVersion (line 1): liveroute/v9 is not supported by this version of liveroute (it reads liveroute/v1)) and the backup could not be read either ((document) (line 1): JSON syntax: Unexpected end of JSON input); the default design was opened. ' +
        'Its text is kept in browser storage under "liveroute.design.unreadable". The backup\'s text: is kept in browser storage under "liveroute.design.unreadable.2".',
    );
    expect(storage.data.get(RESCUE_KEY)).toBe('apiVersion: liveroute/v9\n');
    expect(storage.data.get(`${RESCUE_KEY}.2`)).toBe('{"broken": ');
  });

  it('says there is no backup when there is none', () => {
    const r = restore(new FakeStorage({ [AUTOSAVE_KEY]: '[]' }));
    expect(r.notice).toBe(
      'The autosaved design could not be read ((document) (line 1): a liveroute design is a mapping with apiVersion, kind, metadata and spec) and there is no usable backup; the default design was opened. Its text is kept in browser storage under "liveroute.design.unreadable".',
    );
  });

  it('writes nothing when the design did not change', () => {
    const storage = new FakeStorage();
    save(storage, DEFAULT_SCENARIO.doc);
    save(storage, DEFAULT_SCENARIO.doc);
    expect(storage.data.get(BACKUP_KEY)).toBeUndefined();
  });

  it('never overwrites an earlier unreadable copy: a second one goes beside it, the same one is not kept twice', () => {
    const storage = new FakeStorage({
      [RESCUE_KEY]: 'first incident',
      [AUTOSAVE_KEY]: 'second incident',
      [BACKUP_KEY]: otherJson,
    });
    expect(restore(storage).notice).toBe(
      `The autosaved design could not be read ((document) (line 1): a liveroute design is a mapping with apiVersion, kind, metadata and spec); the previous copy was restored. Its text is kept in browser storage under "${RESCUE_KEY}.2".`,
    );
    expect(storage.data.get(RESCUE_KEY)).toBe('first incident');
    expect(storage.data.get(`${RESCUE_KEY}.2`)).toBe('second incident');
    storage.data.set(AUTOSAVE_KEY, 'first incident');
    expect(restore(storage).notice).toContain(`kept in browser storage under "${RESCUE_KEY}".`);
    expect([...storage.data.keys()].filter((k) => k.startsWith(RESCUE_KEY))).toEqual([RESCUE_KEY, `${RESCUE_KEY}.2`]);
  });
});

describe('autosave on hostile storage (issue 15, finding 8)', () => {
  it('starts from the backup beside a 3 MB unreadable autosave that cannot be copied within the quota: it is moved', () => {
    const storage = new FakeStorage({ [AUTOSAVE_KEY]: DAMAGED_3MB, [BACKUP_KEY]: otherJson });
    const r = restore(storage);
    expect(r.doc).toEqual(other);
    expect(r.notice).toBe(`${RESTORED_BACKUP} Its text is kept in browser storage under "${RESCUE_KEY}".`);
    expect(storage.data.get(RESCUE_KEY)).toBe(DAMAGED_3MB);
    expect(storage.data.has(AUTOSAVE_KEY)).toBe(false);
    // The app's first autosave then fits.
    save(storage, r.doc as Topology);
    expect(storage.data.get(AUTOSAVE_KEY)).toBe(otherJson);
  });

  it('with storage full to the last unit: the unreadable text stays in its slot, held until the design changes, and is offered as a download', () => {
    const storage = new FakeStorage({ [AUTOSAVE_KEY]: DAMAGED_3MB, [BACKUP_KEY]: otherJson });
    storage.fill();
    expect(storage.used()).toBe(CHROMIUM_QUOTA);
    const r = restore(storage);
    expect(r.doc).toEqual(other);
    expect(r.notice).toBe(
      `${RESTORED_BACKUP} Its text could not be set aside in browser storage (QuotaExceededError: Failed to execute 'setItem' on 'Storage': Setting the value of '${RESCUE_KEY}' exceeded the quota.); it stays there only until the design changes: download it to keep it.`,
    );
    expect(r.unkept).toEqual([{ slot: 'autosave', text: DAMAGED_3MB }]);
    expect(r.holdAutosave).toBe(true);
    expect(storage.data.get(AUTOSAVE_KEY)).toBe(DAMAGED_3MB);
    expect(storage.data.has(RESCUE_KEY)).toBe(false);
    expect(storage.used()).toBe(CHROMIUM_QUOTA);
  });

  it('when the text cannot even be put back, says it is lost when the page closes and offers it', () => {
    // A storage that lets a key go but refuses every write (and so the way back) after the first refusal.
    const storage = new FakeStorage({ [AUTOSAVE_KEY]: DAMAGED_3MB, [BACKUP_KEY]: otherJson });
    storage.fill();
    const setItem = storage.setItem.bind(storage);
    let refusals = 0;
    storage.setItem = (k, v) => {
      if (refusals > 0) storage.denyWrites = true;
      try {
        setItem(k, v);
      } catch (e) {
        refusals++;
        throw e;
      }
    };
    const r = restore(storage);
    expect(r.doc).toEqual(other);
    expect(r.notice).toBe(
      `${RESTORED_BACKUP} Its text could not be kept in browser storage (SecurityError: The operation is insecure.): download it now, or it is lost when this page closes.`,
    );
    expect(storage.data.has(AUTOSAVE_KEY)).toBe(false);
    expect(r.unkept).toEqual([{ slot: 'autosave', text: DAMAGED_3MB }]);
    expect(r.holdAutosave).toBeUndefined();
  });

  it('keeps the text in place when writes are blocked for another reason than room', () => {
    const storage = new FakeStorage({ [AUTOSAVE_KEY]: DAMAGED_3MB, [BACKUP_KEY]: otherJson });
    storage.denyWrites = true;
    const r = restore(storage);
    expect(r.notice).toBe(
      `${RESTORED_BACKUP} Its text could not be set aside in browser storage (SecurityError: The operation is insecure.); it stays there only until the design changes: download it to keep it.`,
    );
    expect(storage.data.get(AUTOSAVE_KEY)).toBe(DAMAGED_3MB);
    expect(r.holdAutosave).toBe(true);
  });

  it('starts with the default design when reading storage throws SecurityError', () => {
    const storage = new FakeStorage({ [AUTOSAVE_KEY]: otherJson });
    storage.denyReads = true;
    expect(restore(storage)).toEqual({
      doc: undefined,
      notice:
        'Browser storage cannot be read (SecurityError: The operation is insecure.); the default design was opened, and changes may not be kept.',
    });
  });

  it('replaces storage that throws on first touch by one in memory, and says so', () => {
    const blocked = openStorage(() => {
      throw new DOMException(
        "Failed to read the 'localStorage' property from 'Window': Access is denied for this document.",
        'SecurityError',
      );
    });
    expect(blocked.problem).toBe(
      "Browser storage is not available (SecurityError: Failed to read the 'localStorage' property from 'Window': Access is denied for this document.): the design is not saved when this page closes.",
    );
    save(blocked.storage, other);
    expect(restore(blocked.storage).doc).toEqual(other);
    const fine = new FakeStorage();
    expect(openStorage(() => fine)).toEqual({ storage: fine });
  });

  it('reads planted values of other types as unreadable, and clips a huge reason', () => {
    const r = restore(new FakeStorage({ [AUTOSAVE_KEY]: 42, [BACKUP_KEY]: otherJson }) as never);
    expect(r.notice).toBe(
      `The autosaved design could not be read (it is a number, not text); the previous copy was restored. Its text is kept in browser storage under "${RESCUE_KEY}".`,
    );
    const hugeKey = `{"apiVersion":"liveroute/v1","kind":"Topology","metadata":{"name":"a"},"spec":{},"${'k'.repeat(100_000)}":1}`;
    const notice = restore(new FakeStorage({ [AUTOSAVE_KEY]: hugeKey })).notice as string;
    expect(notice.length).toBeLessThan(1000);
    expect(notice).toMatch(/^The autosaved design could not be read \(.{300}…\) and there is no usable backup/);
  });

  it("keeps a full storage's older backup rather than fail to save the current design", () => {
    const storage = new FakeStorage({
      [AUTOSAVE_KEY]: serializeDesign(DEFAULT_SCENARIO.doc, 'json'),
      [BACKUP_KEY]: 'x',
    });
    storage.fill();
    // The backup slot cannot grow; the autosave (the same size or smaller) still can be written.
    const smaller = structuredClone(DEFAULT_SCENARIO.doc);
    delete smaller.metadata.description;
    save(storage, smaller);
    expect(storage.data.get(AUTOSAVE_KEY)).toBe(serializeDesign(smaller, 'json'));
    expect(storage.data.get(BACKUP_KEY)).toBe('x');
  });

  it('gives up on an earlier rescue when every rescue key is taken, keeping the text in place', () => {
    const earlier = Object.fromEntries(
      Array.from({ length: MAX_RESCUE_COPIES }, (_, i) => [
        i === 0 ? RESCUE_KEY : `${RESCUE_KEY}.${i + 1}`,
        `incident ${i}`,
      ]),
    );
    const storage = new FakeStorage({ ...earlier, [AUTOSAVE_KEY]: 'yet another', [BACKUP_KEY]: otherJson });
    const r = restore(storage);
    expect(r.notice).toContain(
      `Its text could not be set aside in browser storage (9 earlier unreadable copies already fill "${RESCUE_KEY}…")`,
    );
    expect(storage.data.get(AUTOSAVE_KEY)).toBe('yet another');
    expect(memoryStorage().getItem(AUTOSAVE_KEY)).toBeNull();
  });
});

/** Where a text can be after restore: still in storage under some key, or handed back to download. */
function keptSomewhere(storage: FakeStorage, r: Restored, text: string): boolean {
  return [...storage.data.values()].some((v) => String(v) === text) || (r.unkept ?? []).some((u) => u.text === text);
}

/** The design a planted value reads as, if any. */
function designIn(value: unknown): Topology | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseDesign(value);
  return parsed.ok ? parsed.value.doc : undefined;
}

const slotValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 200 }) },
  fc.constantFrom(
    otherJson,
    otherJson.slice(0, -1),
    otherJson.replace('liveroute/v1', 'liveroute/v2'),
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '- a\n- b',
    'a: &a [*a]',
    '? [a]\n: 1',
    '\u0000\ufeff',
  ),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(undefined), fc.object({ maxDepth: 1 })),
);

describe('restore, property over hostile storage contents', () => {
  it('never throws, opens the autosave, the backup or nothing, and keeps every unreadable text somewhere', () => {
    fc.assert(
      fc.property(
        fc.record({
          autosave: fc.option(slotValue, { nil: undefined }),
          backup: fc.option(slotValue, { nil: undefined }),
          rescue: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
          // Room to spare, none, or a quota smaller than what is already stored.
          quota: fc.oneof(fc.constant(100_000), fc.integer({ min: 0, max: 20_000 })),
          fill: fc.boolean(),
          denyWrites: fc.boolean(),
          denyReads: fc.boolean(),
        }),
        ({ autosave, backup, rescue, quota, fill, denyWrites, denyReads }) => {
          const initial: Record<string, unknown> = {};
          if (autosave !== undefined) initial[AUTOSAVE_KEY] = autosave;
          if (backup !== undefined) initial[BACKUP_KEY] = backup;
          if (rescue !== undefined) initial[RESCUE_KEY] = rescue;
          const storage = new FakeStorage(initial, quota);
          if (fill) storage.fill();
          storage.denyWrites = denyWrites;
          storage.denyReads = denyReads;
          const r = restore(storage);
          storage.denyReads = false;
          if (denyReads) {
            expect(r.notice).toMatch(/^Browser storage cannot be read/);
            return;
          }
          const autosaveDoc = designIn(autosave);
          if (autosave === undefined || autosaveDoc) {
            expect(r).toEqual({ doc: autosaveDoc });
            return;
          }
          expect(r.doc).toEqual(designIn(backup));
          expect(r.notice).toMatch(/^The autosaved design could not be read \(/);
          expect(keptSomewhere(storage, r, String(autosave))).toBe(true);
          if (r.holdAutosave) expect(storage.data.get(AUTOSAVE_KEY)).toBe(String(autosave));
          if (backup !== undefined && !designIn(backup)) expect(keptSomewhere(storage, r, String(backup))).toBe(true);
          if (rescue !== undefined) expect(storage.data.get(RESCUE_KEY)).toBe(rescue);
          // Whatever is not kept in storage is offered, and the notice says how.
          if (r.unkept) expect(r.notice).toMatch(/download it/);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});
