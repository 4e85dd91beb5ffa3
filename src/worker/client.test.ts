import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios';
import { CANCELLED, createEngineClient, DISPOSED, SUPERSEDED, type WorkerLike } from './client';
import type { EngineRequest, EngineResponse, TableProgress, WireSummary } from './protocol';
import { decodeSummary } from './summary';

/** A stand-in for the worker: records what it is sent, answers when the test says so. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly sent: EngineRequest[] = [];
  terminated = false;
  postMessage(message: EngineRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(response: EngineResponse): void {
    this.onmessage?.({ data: response } as MessageEvent<EngineResponse>);
  }
  fail(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

/** A wire summary with nothing in it but its name. */
const wire = (topology: string): WireSummary => ({
  strings: [],
  session: `s-${topology}`,
  topology,
  migration: { vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-b1' },
  flows: [],
  phases: [],
  timeline: [],
  transients: [],
  diagnostics: [],
  events: { time: [], kind: [], prefix: [], a: [], to: [], arrive: [], paths: [] },
});
const summary = (topology: string) => decodeSummary(wire(topology));
const packed = { strings: [], fields: [], rows: [] };
const doc = DEFAULT_SCENARIO.doc;

function harness() {
  const workers: FakeWorker[] = [];
  const client = createEngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

describe('engine client', () => {
  it('sends the design and the migration, and resolves with the decoded summary', async () => {
    const { client, workers } = harness();
    const p = client.simulate(doc, { vm: 'vm-1', to: 'node-b2' });
    const w = workers[0] as FakeWorker;
    expect(w.sent).toEqual([{ id: 1, kind: 'simulate', design: doc, vm: 'vm-1', to: 'node-b2' }]);
    w.reply({ id: 1, ok: true, summary: wire('x') });
    expect(await p).toEqual({ ok: true, value: summary('x') });
  });

  it("asks for a speaker's rows by session, several at once, each answered by its id", async () => {
    const { client, workers } = harness();
    const a = client.rows?.('s-x', 'tor-a', 3, 'live');
    const b = client.rows?.('s-x', 'tor-b', 3, 'live');
    const w = workers[0] as FakeWorker;
    expect(w.sent).toEqual([
      { id: 1, kind: 'rows', session: 's-x', speaker: 'tor-a', instant: 3, phase: 'live' },
      { id: 2, kind: 'rows', session: 's-x', speaker: 'tor-b', instant: 3, phase: 'live' },
    ]);
    w.reply({ id: 2, ok: true, rows: { speaker: 'tor-b', now: {} } });
    w.reply({ id: 1, ok: false, kind: 'session', error: 'gone' });
    expect(await b).toEqual({ ok: true, value: { speaker: 'tor-b', now: {} } });
    expect(await a).toEqual({ ok: false, error: 'gone' });
  });

  it("asks for a speaker's whole table, reports its progress and unpacks it; a reply of the wrong kind is an error", async () => {
    const { client, workers } = harness();
    const seen: TableProgress[] = [];
    const p = client.table?.(doc, 'tor-a', { onProgress: (x) => seen.push(x) });
    const w = workers[0] as FakeWorker;
    expect(w.sent).toEqual([{ id: 1, kind: 'table', design: doc, speaker: 'tor-a' }]);
    w.reply({ id: 1, ok: true, progress: { done: 0, total: 2 } });
    w.reply({ id: 1, ok: true, progress: { done: 1, total: 2 } });
    w.reply({
      id: 1,
      ok: true,
      table: {
        speaker: 'tor-a',
        prefixes: 2,
        routes: { strings: ['10.0.0.0/8'], fields: ['prefix'], rows: [{ prefix: 0, selected: true }] },
        fib: packed,
      },
    });
    expect(await p).toEqual({
      ok: true,
      value: { speaker: 'tor-a', prefixes: 2, routes: [{ prefix: '10.0.0.0/8', selected: true }], fib: [] },
    });
    expect(seen).toEqual([
      { done: 0, total: 2 },
      { done: 1, total: 2 },
    ]);
    const q = client.table?.(doc, 'tor-a');
    w.reply({ id: 2, ok: true, summary: wire('x') });
    expect(await q).toEqual({ ok: false, error: 'the engine answered with something else than a table' });
  });

  it('cancels a whole table by a message (the worker lives on); a newer table cancels the older', async () => {
    const { client, workers } = harness();
    const p = client.table?.(doc, 'tor-a');
    client.cancelTable?.();
    expect(await p).toEqual({ ok: false, error: CANCELLED });
    const w = workers[0] as FakeWorker;
    expect(w.sent[1]).toEqual({ id: 2, kind: 'cancel', target: 1 });
    expect(w.terminated).toBe(false);
    // The worker's own confirmation comes later and is dropped.
    w.reply({ id: 1, ok: false, kind: 'cancelled', error: 'cancelled' });
    const older = client.table?.(doc, 'tor-a');
    const newer = client.table?.(doc, 'tor-b');
    expect(await older).toEqual({ ok: false, error: CANCELLED });
    expect(w.sent.slice(2)).toEqual([
      { id: 3, kind: 'table', design: doc, speaker: 'tor-a' },
      { id: 4, kind: 'cancel', target: 3 },
      { id: 5, kind: 'table', design: doc, speaker: 'tor-b' },
    ]);
    w.reply({ id: 5, ok: true, table: { speaker: 'tor-b', prefixes: 0, routes: packed, fib: packed } });
    expect(await newer).toMatchObject({ ok: true, value: { speaker: 'tor-b' } });
    expect(workers).toHaveLength(1);
  });

  it('keeps one worker for calls that do not overlap', async () => {
    const { client, workers } = harness();
    const a = client.simulate(doc);
    workers[0]?.reply({ id: 1, ok: true, summary: wire('a') });
    await a;
    const b = client.simulate(doc);
    workers[0]?.reply({ id: 2, ok: true, summary: wire('b') });
    expect(await b).toEqual({ ok: true, value: summary('b') });
    expect(workers).toHaveLength(1);
    expect(workers[0]?.sent.map((m) => m.id)).toEqual([1, 2]);
  });

  it('cancels the simulation in flight when a newer one comes: only the newest result is applied', async () => {
    const { client, workers } = harness();
    const older = client.simulate(doc);
    const rows = client.rows?.('s-old', 'tor-a', 0, 'base');
    const newer = client.simulate(doc);
    expect(await older).toEqual({ ok: false, error: SUPERSEDED });
    // Everything asked of the terminated worker is answered too.
    expect(await rows).toEqual({ ok: false, error: SUPERSEDED });
    expect(workers[0]?.terminated).toBe(true);
    // A late answer of the terminated worker is ignored.
    workers[0]?.reply({ id: 1, ok: true, summary: wire('old') });
    const w = workers[1] as FakeWorker;
    expect(w.sent.map((m) => m.id)).toEqual([3]);
    w.reply({ id: 3, ok: true, summary: wire('new') });
    expect(await newer).toEqual({ ok: true, value: summary('new') });
  });

  it('passes the engine’s error text on', async () => {
    const { client, workers } = harness();
    const p = client.simulate(doc);
    workers[0]?.reply({ id: 1, ok: false, kind: 'input', error: 'unknown VM "vm-9"' });
    expect(await p).toEqual({ ok: false, error: 'unknown VM "vm-9"' });
  });

  it('reports a crashed worker as an error and starts a new one for the next call', async () => {
    const { client, workers } = harness();
    const p = client.simulate(doc);
    workers[0]?.fail('SyntaxError in engine.worker.js');
    expect(await p).toEqual({ ok: false, error: 'the engine worker failed: SyntaxError in engine.worker.js' });
    const q = client.simulate(doc);
    expect(workers).toHaveLength(2);
    workers[1]?.reply({ id: 2, ok: true, summary: wire('again') });
    expect((await q).ok).toBe(true);
  });

  it('resolves the call in flight and refuses new ones after dispose', async () => {
    const { client, workers } = harness();
    const p = client.simulate(doc);
    client.dispose();
    expect(await p).toEqual({ ok: false, error: DISPOSED });
    expect(workers[0]?.terminated).toBe(true);
    expect(await client.simulate(doc)).toEqual({ ok: false, error: DISPOSED });
    expect(workers).toHaveLength(1);
  });
});
