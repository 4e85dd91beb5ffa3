import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios';
import { createEngineClient, DISPOSED, SUPERSEDED, type WorkerLike } from './client';
import type { EngineRequest, EngineResponse, SimulationReport } from './protocol';

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

const report = (topology: string) => ({ topology }) as unknown as SimulationReport;
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
  it('sends the design and the migration, and resolves with the report', async () => {
    const { client, workers } = harness();
    const p = client.simulate(doc, { vm: 'vm-1', to: 'node-b2' });
    const w = workers[0] as FakeWorker;
    expect(w.sent).toEqual([{ id: 1, design: doc, vm: 'vm-1', to: 'node-b2' }]);
    w.reply({ id: 1, ok: true, report: report('x') });
    expect(await p).toEqual({ ok: true, value: report('x') });
  });

  it("asks for a speaker's whole table and resolves with it; a reply of the wrong kind is an error", async () => {
    const { client, workers } = harness();
    const p = client.table?.(doc, 'tor-a');
    const w = workers[0] as FakeWorker;
    expect(w.sent).toEqual([{ id: 1, design: doc, table: { speaker: 'tor-a' } }]);
    const table = { speaker: 'tor-a', prefixes: 1, routes: [], fib: [] };
    w.reply({ id: 1, ok: true, table });
    expect(await p).toEqual({ ok: true, value: table });
    const q = client.table?.(doc, 'tor-a');
    w.reply({ id: 2, ok: true, report: report('x') });
    expect(await q).toEqual({ ok: false, error: 'the engine answered with something else than a table' });
  });

  it('keeps one worker for calls that do not overlap', async () => {
    const { client, workers } = harness();
    const a = client.simulate(doc);
    workers[0]?.reply({ id: 1, ok: true, report: report('a') });
    await a;
    const b = client.simulate(doc);
    workers[0]?.reply({ id: 2, ok: true, report: report('b') });
    expect(await b).toEqual({ ok: true, value: report('b') });
    expect(workers).toHaveLength(1);
    expect(workers[0]?.sent.map((m) => m.id)).toEqual([1, 2]);
  });

  it('cancels the call in flight when a newer one comes: only the newest result is applied', async () => {
    const { client, workers } = harness();
    const older = client.simulate(doc);
    const newer = client.simulate(doc);
    expect(await older).toEqual({ ok: false, error: SUPERSEDED });
    expect(workers[0]?.terminated).toBe(true);
    // A late answer of the terminated worker is ignored.
    workers[0]?.reply({ id: 1, ok: true, report: report('old') });
    const w = workers[1] as FakeWorker;
    expect(w.sent.map((m) => m.id)).toEqual([2]);
    w.reply({ id: 2, ok: true, report: report('new') });
    expect(await newer).toEqual({ ok: true, value: report('new') });
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
    workers[1]?.reply({ id: 2, ok: true, report: report('again') });
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
