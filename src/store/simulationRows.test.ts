/**
 * The store asks the engine worker for rows and whole tables: rows of the speaker and instant
 * shown (kept per instant, asked once), whole tables with their progress, cancelled by the
 * Cancel button or by a change of design.
 */
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../lib/result';
import { DEFAULT_SCENARIO } from '../scenarios';
import type { EngineClient, TableOptions } from '../worker/client';
import { createInProcessClient } from '../worker/inProcess';
import type { SpeakerTable } from '../worker/protocol';
import { EngineSession } from '../worker/session';
import { createDesignStore } from './design';
import { createSimulationStore, rowsOf } from './simulation';

/** The in-process engine, counting the rows asked of it. */
function countingClient() {
  const inner = createInProcessClient();
  const asked: string[] = [];
  const client: EngineClient = {
    ...inner,
    simulate: (doc, opts) => inner.simulate(doc, opts),
    rows: (session, speaker, instant, phase) => {
      asked.push(`${speaker}@${instant}`);
      return inner.rows?.(session, speaker, instant, phase) ?? Promise.resolve(ok({ speaker, now: {} }));
    },
  };
  return { client, asked };
}

/** A table client the test drives: it records progress callbacks and cancels. */
function tableClient() {
  const calls: { speaker: string; opts: TableOptions; resolve: (r: Result<SpeakerTable, string>) => void }[] = [];
  let cancels = 0;
  const client: EngineClient = {
    simulate: () => new Promise(() => undefined),
    table: (_doc, speaker, opts = {}) => new Promise((resolve) => calls.push({ speaker, opts, resolve })),
    cancelTable: () => {
      cancels++;
      const last = calls[calls.length - 1];
      last?.resolve({ ok: false, error: 'cancelled' });
    },
    dispose: () => undefined,
  };
  return { client, calls, cancels: () => cancels };
}

describe('rows in the simulation store', () => {
  it("asks for the rows of the speaker and instant shown once, and holds the session's answer", async () => {
    const design = createDesignStore(DEFAULT_SCENARIO.doc);
    const { client, asked } = countingClient();
    const sim = createSimulationStore(design, client);
    await sim.getState().run();
    const { instant, report } = sim.getState();
    expect(instant).toBeGreaterThan(0);
    expect(rowsOf(sim.getState(), 'tor-a')).toBeUndefined();
    const loading = sim.getState().loadRows('tor-a');
    expect(rowsOf(sim.getState(), 'tor-a')?.status).toBe('loading');
    await loading;
    await sim.getState().loadRows('tor-a');
    expect(asked).toEqual([`tor-a@${instant}`]);
    const expected = new EngineSession();
    const key = expected.summarize(DEFAULT_SCENARIO.doc).session;
    expect(report?.session).toBe(key);
    expect(rowsOf(sim.getState(), 'tor-a')).toEqual({
      status: 'ready',
      rows: expected.rowsAt(key, 'tor-a', instant, 'live'),
    });
    // Another instant is another question.
    sim.getState().stepInstant(-1);
    expect(rowsOf(sim.getState(), 'tor-a')).toBeUndefined();
    await sim.getState().loadRows('tor-a');
    expect(asked).toEqual([`tor-a@${instant}`, `tor-a@${instant - 1}`]);
    expect(rowsOf(sim.getState(), 'tor-a')?.rows?.now.routes?.[0]?.prefix).toBe('10.244.1.5/32');
  });
});

describe('whole tables in the simulation store', () => {
  it('shows the progress, then the table', async () => {
    const design = createDesignStore(DEFAULT_SCENARIO.doc);
    const tables = tableClient();
    const sim = createSimulationStore(design, countingClient().client, { tableClient: tables.client });
    const done = sim.getState().loadWholeTable('tor-a');
    expect(sim.getState().wholeTable).toEqual({ speaker: 'tor-a', status: 'loading' });
    const call = tables.calls[0];
    call?.opts.onProgress?.({ done: 2, total: 5 });
    expect(sim.getState().wholeTable).toEqual({ speaker: 'tor-a', status: 'loading', progress: { done: 2, total: 5 } });
    const table = { speaker: 'tor-a', prefixes: 5, routes: [], fib: [] };
    call?.resolve(ok(table));
    await done;
    expect(sim.getState().wholeTable).toEqual({ speaker: 'tor-a', status: 'ready', table });
  });

  it('Cancel stops the job and says so; a late progress report changes nothing', async () => {
    const design = createDesignStore(DEFAULT_SCENARIO.doc);
    const tables = tableClient();
    const sim = createSimulationStore(design, countingClient().client, { tableClient: tables.client });
    const done = sim.getState().loadWholeTable('tor-a');
    sim.getState().cancelWholeTable();
    await done;
    expect(tables.cancels()).toBe(1);
    expect(sim.getState().wholeTable).toEqual({ speaker: 'tor-a', status: 'cancelled' });
    tables.calls[0]?.opts.onProgress?.({ done: 3, total: 5 });
    expect(sim.getState().wholeTable).toEqual({ speaker: 'tor-a', status: 'cancelled' });
  });

  it('a change of design cancels the table under way and drops it', async () => {
    const design = createDesignStore(DEFAULT_SCENARIO.doc);
    const tables = tableClient();
    const sim = createSimulationStore(design, countingClient().client, { tableClient: tables.client });
    const done = sim.getState().loadWholeTable('tor-a');
    design.getState().update((d) => void ((d.spec.routers[0] as { asNumber: number }).asNumber = 65010));
    await done;
    expect(tables.cancels()).toBe(1);
    expect(sim.getState().wholeTable).toBeUndefined();
    sim.getState().dispose();
  });
});
