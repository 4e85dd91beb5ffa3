/**
 * Versioned loading (src/model/migrate.ts): a current document passes through untouched; a
 * registry of steps lifts older versions one at a time; unknown versions are refused with a
 * message that says what this version reads.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToCurrent, type RawDocument, type SchemaMigration } from './migrate';
import { API_VERSION } from './schema';
import { parseDesign } from './parse';

const V1: RawDocument = {
  apiVersion: 'liveroute/v1',
  kind: 'Topology',
  metadata: { name: 'm', title: 'Old title' },
  spec: { racks: [{ name: 'rack-a', subnet: '10.0.1.0/24' }] },
};

/** A test-only v1 → v2 step: metadata.title becomes metadata.displayName. */
const v1ToV2: SchemaMigration = {
  from: 'liveroute/v1',
  to: 'liveroute/v2',
  up: (doc) => {
    const { title, ...metadata } = doc.metadata as Record<string, unknown>;
    return { ...doc, apiVersion: 'liveroute/v2', metadata: { ...metadata, displayName: title } };
  },
};

/** And a v2 → v3 step, to check the chain: spec.racks becomes spec.rows. */
const v2ToV3: SchemaMigration = {
  from: 'liveroute/v2',
  to: 'liveroute/v3',
  up: (doc) => {
    const { racks, ...spec } = doc.spec as Record<string, unknown>;
    return { ...doc, apiVersion: 'liveroute/v3', spec: { ...spec, rows: racks } };
  },
};

const messages = (r: ReturnType<typeof migrateToCurrent>) =>
  r.ok ? [] : r.error.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the shipped registry', () => {
  it('reads liveroute/v1 as current, with no steps', () => {
    expect(API_VERSION).toBe('liveroute/v1');
    expect(MIGRATIONS).toEqual([]);
    const r = migrateToCurrent(V1);
    expect(r).toEqual({ ok: true, value: { doc: V1, applied: [] } });
    expect(r.ok && r.value.doc).toBe(V1);
  });

  it('reports migratedFrom = [] through parseDesign', () => {
    const r = parseDesign('apiVersion: liveroute/v1\nkind: Topology\nmetadata: { name: m }\nspec: {}\n');
    expect(r.ok && r.value.migratedFrom).toEqual([]);
  });
});

describe('a registry with a v1 → v2 step', () => {
  it('migrates a v1 document and names the version it came from', () => {
    const r = migrateToCurrent(V1, [v1ToV2], 'liveroute/v2');
    expect(r).toEqual({
      ok: true,
      value: {
        doc: {
          apiVersion: 'liveroute/v2',
          kind: 'Topology',
          metadata: { name: 'm', displayName: 'Old title' },
          spec: V1.spec,
        },
        applied: ['liveroute/v1'],
      },
    });
  });

  it('does not mutate its input', () => {
    const before = structuredClone(V1);
    migrateToCurrent(V1, [v1ToV2], 'liveroute/v2');
    expect(V1).toEqual(before);
  });

  it('passes a current (v2) document through', () => {
    const v2 = { ...V1, apiVersion: 'liveroute/v2' };
    expect(migrateToCurrent(v2, [v1ToV2], 'liveroute/v2')).toEqual({ ok: true, value: { doc: v2, applied: [] } });
  });

  it('chains steps oldest first', () => {
    const r = migrateToCurrent(V1, [v2ToV3, v1ToV2], 'liveroute/v3');
    expect(r.ok && r.value.applied).toEqual(['liveroute/v1', 'liveroute/v2']);
    expect(r.ok && r.value.doc).toEqual({
      apiVersion: 'liveroute/v3',
      kind: 'Topology',
      metadata: { name: 'm', displayName: 'Old title' },
      spec: { rows: [{ name: 'rack-a', subnet: '10.0.1.0/24' }] },
    });
  });

  it('refuses unknown versions with what it reads', () => {
    const registry = [v1ToV2];
    const at = (apiVersion: unknown) => messages(migrateToCurrent({ ...V1, apiVersion }, registry, 'liveroute/v2'));
    expect(at('liveroute/v0')).toEqual([
      'apiVersion: liveroute/v0 is not supported by this version of liveroute (it reads liveroute/v2, liveroute/v1)',
    ]);
    expect(at('liveroute/v3')).toEqual([
      'apiVersion: liveroute/v3 is not supported by this version of liveroute (it reads liveroute/v2, liveroute/v1)',
    ]);
    expect(at('example.com/v1')).toEqual([
      'apiVersion: example.com/v1 is not a liveroute design (expected apiVersion liveroute/v2 or liveroute/v1)',
    ]);
    expect(at('projectcalico.org/v3')).toEqual([
      'apiVersion: projectcalico.org/v3 is a Calico resource, not a liveroute design: put BGPPeer and BGPFilter objects under spec.calicoResources, or use the Calico import',
    ]);
    expect(at(undefined)).toEqual(['apiVersion: is required (this version reads liveroute/v2, liveroute/v1)']);
    expect(at(2)).toEqual(['apiVersion: expected a string such as liveroute/v2']);
  });

  it('stops a chain that loops instead of reaching the current version (naming where it stopped)', () => {
    const loop: SchemaMigration[] = [
      { from: 'liveroute/v1', to: 'liveroute/v2', up: (d) => ({ ...d, apiVersion: 'liveroute/v2' }) },
      { from: 'liveroute/v2', to: 'liveroute/v1', up: (d) => ({ ...d, apiVersion: 'liveroute/v1' }) },
    ];
    expect(messages(migrateToCurrent(V1, loop, 'liveroute/v3'))).toEqual([
      'apiVersion: migration chain from liveroute/v2 does not reach liveroute/v3',
    ]);
  });

  it('throws when a step forgets to set its apiVersion (a bug in the step)', () => {
    const broken: SchemaMigration = { from: 'liveroute/v1', to: 'liveroute/v2', up: (d) => ({ ...d }) };
    expect(() => migrateToCurrent(V1, [broken], 'liveroute/v2')).toThrow(
      'migration liveroute/v1 → liveroute/v2 produced apiVersion liveroute/v1',
    );
  });
});
