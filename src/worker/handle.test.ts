import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios';
import { EngineWorkerCore } from './handle';
import type { EngineRequest, EngineResponse, PackedTable } from './protocol';
import { unpackRows } from './rows';
import { decodeSummary } from './summary';
import type { FibReportEntry, RouteEntry } from '../engine/report';

/** Sends one request to a core and collects what it posts (synchronous answers only). */
function ask(core: EngineWorkerCore, req: unknown): EngineResponse {
  const out: EngineResponse[] = [];
  core.receive(req, (r) => out.push(r));
  if (out.length !== 1) throw new Error(`expected one answer, got ${out.length}`);
  return out[0] as EngineResponse;
}

/** Runs a table job to its end (the core yields with a resolved promise here); returns everything posted. */
async function tableJob(
  core: EngineWorkerCore,
  req: EngineRequest,
  beforeEachYield?: (posted: EngineResponse[]) => void,
): Promise<EngineResponse[]> {
  const out: EngineResponse[] = [];
  core.receive(req, (r) => out.push(r));
  for (let i = 0; i < 10_000 && !out.some((r) => !('progress' in r)); i++) {
    beforeEachYield?.(out);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

const unpack = (t: PackedTable) => ({
  routes: unpackRows<RouteEntry>(t.routes),
  fib: unpackRows<FibReportEntry>(t.fib),
});

describe('engine worker core', () => {
  it('simulates the default design: a summary with every client delivered in every phase, plain data', () => {
    const res = ask(new EngineWorkerCore(), { id: 7, kind: 'simulate', design: DEFAULT_SCENARIO.doc });
    expect(res.id).toBe(7);
    if (!res.ok || !('summary' in res)) throw new Error(res.ok ? 'no summary' : res.error);
    const summary = decodeSummary(res.summary);
    expect(summary.phases.map((p) => p.name)).toEqual(['base', 'target', 'live', 'source-deleted', 'settled']);
    for (const p of summary.phases) expect(p.flows.every((f) => f.outcome === 'delivered')).toBe(true);
    // The summary crosses the boundary by structured clone: it must be plain data.
    expect(JSON.parse(JSON.stringify(res.summary))).toEqual(res.summary);
  });

  it('honours the VM and target of the request', () => {
    const res = ask(new EngineWorkerCore(), {
      id: 1,
      kind: 'simulate',
      design: DEFAULT_SCENARIO.doc,
      vm: 'vm-1',
      to: 'node-a2',
    });
    if (!res.ok || !('summary' in res)) throw new Error('no summary');
    expect(res.summary.migration).toEqual({ vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-a2' });
  });

  it('turns an input problem into a readable error, never a throw', () => {
    const core = new EngineWorkerCore();
    const doc = structuredClone(DEFAULT_SCENARIO.doc);
    delete doc.spec.migration;
    expect(ask(core, { id: 2, kind: 'simulate', design: doc })).toEqual({
      id: 2,
      ok: false,
      kind: 'input',
      error: 'no migration to simulate: the design has no spec.migration (give --migrate VM --to NODE)',
    });
    expect(ask(core, { id: 3, kind: 'simulate', design: DEFAULT_SCENARIO.doc, vm: 'vm-9' })).toMatchObject({
      id: 3,
      ok: false,
      kind: 'input',
      error: 'unknown VM "vm-9" (known: vm-1)',
    });
  });

  it('answers rows of one speaker by session, and says so when it no longer holds the session', () => {
    const core = new EngineWorkerCore();
    const sim = ask(core, { id: 1, kind: 'simulate', design: DEFAULT_SCENARIO.doc });
    if (!sim.ok || !('summary' in sim)) throw new Error('no summary');
    const last = sim.summary.timeline.length - 1;
    const res = ask(core, {
      id: 2,
      kind: 'rows',
      session: sim.summary.session,
      speaker: 'tor-a',
      instant: last,
      phase: 'settled',
    });
    if (!res.ok || !('rows' in res)) throw new Error('no rows');
    expect(res.rows.speaker).toBe('tor-a');
    expect(res.rows.now.routes?.find((r) => r.selected)).toMatchObject({
      prefix: '10.244.1.5/32',
      learnedFrom: 'spine-1',
    });
    expect(ask(core, { id: 3, kind: 'rows', session: 'gone', speaker: 'tor-a', instant: 0, phase: 'base' })).toEqual({
      id: 3,
      ok: false,
      kind: 'session',
      error: 'the engine no longer holds this simulation: it runs again',
    });
  });

  it("streams a speaker's whole table: progress from 0 to every prefix, then the table with the forwarding route of each marked", async () => {
    const core = new EngineWorkerCore({ sliceMs: 0, progressMs: 0 });
    const out = await tableJob(core, { id: 9, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'tor-a' });
    const progress = out.flatMap((r) => (r.ok && 'progress' in r ? [r.progress] : []));
    expect(progress[0]).toEqual({ done: 0, total: 5 });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5].slice(0, progress.length));
    const last = out[out.length - 1];
    if (!last?.ok || !('table' in last)) throw new Error('no table');
    expect(last.table.speaker).toBe('tor-a');
    expect(last.table.prefixes).toBe(5);
    const table = unpack(last.table);
    // vm-1's /32 sits inside node-a1's own block at normal priority: node-a1 exports only the block.
    expect([...new Set(table.routes.map((r) => r.prefix))].sort()).toEqual([
      '10.244.1.0/26',
      '10.244.1.64/26',
      '10.244.2.0/26',
      '10.244.2.64/26',
    ]);
    expect(table.routes.find((r) => r.prefix === '10.244.2.0/26')).toMatchObject({
      selected: true,
      learnedFrom: 'spine-1',
      asPath: [65000, 65002, 65201],
    });
    expect(
      table.fib
        .filter((f) => f.used)
        .map((f) => `${f.prefix} via ${f.via.join(',')}`)
        .sort(),
    ).toEqual([
      '10.244.1.0/26 via 10.0.1.11',
      '10.244.1.64/26 via 10.0.1.12',
      '10.244.2.0/26 via 10.0.0.1',
      '10.244.2.64/26 via 10.0.0.1',
    ]);
    expect(await tableJob(core, { id: 10, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'nope' })).toEqual([
      { id: 10, ok: false, kind: 'input', error: 'no speaker "nope" in the design' },
    ]);
  });

  it('cancels a table job between slices and keeps answering rows while it runs', async () => {
    const core = new EngineWorkerCore({ sliceMs: 0, progressMs: 0 });
    const sim = ask(core, { id: 1, kind: 'simulate', design: DEFAULT_SCENARIO.doc });
    if (!sim.ok || !('summary' in sim)) throw new Error('no summary');
    let rowsMeanwhile: EngineResponse | undefined;
    const out = await tableJob(
      core,
      { id: 2, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'tor-a' },
      (posted) => {
        if (posted.length === 2 && !rowsMeanwhile) {
          rowsMeanwhile = ask(core, {
            id: 3,
            kind: 'rows',
            session: sim.summary.session,
            speaker: 'tor-b',
            instant: 0,
            phase: 'base',
          });
          core.receive({ id: 4, kind: 'cancel', target: 2 }, () => undefined);
        }
      },
    );
    expect(rowsMeanwhile).toMatchObject({ id: 3, ok: true });
    expect(
      out.map((r) => (r.ok && 'progress' in r ? `${r.progress.done}/${r.progress.total}` : r.ok ? 'table' : r.kind)),
    ).toEqual(['0/5', '1/5', 'cancelled']);
  });

  it('holds a table job at its progress until let go, however fast it could run; a cancel ends a held job', async () => {
    const core = new EngineWorkerCore({ sliceMs: 1_000_000, progressMs: 1_000_000 });
    const out: EngineResponse[] = [];
    core.receive({ id: 1, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'tor-a', hold: true }, (r) =>
      out.push(r),
    );
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    // One slice would do the whole table; held, it shows 0 of 5 and waits.
    expect(out).toEqual([{ id: 1, ok: true, progress: { done: 0, total: 5 } }]);
    core.receive({ id: 2, kind: 'hold', on: false }, () => undefined);
    for (let i = 0; i < 20 && out.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out[1]).toMatchObject({ id: 1, ok: true, table: { speaker: 'tor-a', prefixes: 5 } });

    const held: EngineResponse[] = [];
    core.receive({ id: 3, kind: 'hold', on: true }, () => undefined);
    core.receive({ id: 4, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'tor-b' }, (r) => held.push(r));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    core.receive({ id: 5, kind: 'cancel', target: 4 }, () => undefined);
    for (let i = 0; i < 20 && held.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(held).toEqual([
      { id: 4, ok: true, progress: { done: 0, total: 5 } },
      { id: 4, ok: false, kind: 'cancelled', error: 'cancelled' },
    ]);
  });

  it('a newer table job cancels the one under way', async () => {
    const core = new EngineWorkerCore({ sliceMs: 0, progressMs: 0 });
    const first: EngineResponse[] = [];
    core.receive({ id: 1, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'tor-a' }, (r) => first.push(r));
    const second = await tableJob(core, { id: 2, kind: 'table', design: DEFAULT_SCENARIO.doc, speaker: 'tor-b' });
    expect(first[first.length - 1]).toEqual({ id: 1, ok: false, kind: 'cancelled', error: 'cancelled' });
    expect(second[second.length - 1]).toMatchObject({ id: 2, ok: true, table: { speaker: 'tor-b', prefixes: 5 } });
  });

  it('answers a design without a migration with its own findings (no VM needed for them)', () => {
    const doc = structuredClone(DEFAULT_SCENARIO.doc);
    doc.spec.vms = [];
    delete doc.spec.migration;
    delete doc.metadata.expected;
    delete doc.lesson;
    const peer = doc.spec.calicoResources.find((r) => r.kind === 'BGPPeer' && r.metadata.name === 'rack-b-tor');
    if (peer?.kind !== 'BGPPeer') throw new Error('no rack-b-tor');
    peer.spec.asNumber = 65099;
    const res = ask(new EngineWorkerCore(), { id: 11, kind: 'findings', design: doc });
    if (!res.ok || !('findings' in res)) throw new Error('no findings');
    expect(res.findings.map((d) => `${d.code}: ${d.subjects.join(', ')}`)).toEqual([
      'LR-SESSION-DOWN: node-b1, tor-b, rack-b-tor',
      'LR-SESSION-DOWN: node-b2, tor-b, rack-b-tor',
    ]);
    expect(res.findings[0]?.action).toEqual({ kind: 'set-peer-as', peer: 'rack-b-tor', asNumber: 65002 });
  });

  it('refuses an invalid design and a malformed request with a message', () => {
    const core = new EngineWorkerCore();
    const bad = structuredClone(DEFAULT_SCENARIO.doc) as { spec: { nodes: { address: string }[] } };
    (bad.spec.nodes[0] as { address: string }).address = '10.0.1.300';
    const res = ask(core, { id: 4, kind: 'simulate', design: bad });
    expect(res).toMatchObject({ id: 4, ok: false, kind: 'input' });
    if (!res.ok) expect(res.error).toMatch(/^the design is not valid: spec\.nodes\[0\]\.address: /);
    expect(ask(core, 'hello')).toEqual({
      id: -1,
      ok: false,
      kind: 'internal',
      error: 'malformed engine request: expected { id, kind, … }',
    });
    expect(ask(core, { id: 5, kind: 'simulate' })).toMatchObject({ id: 5, ok: false, kind: 'input' });
    expect(ask(core, { id: 6, kind: 'launch' })).toEqual({
      id: 6,
      ok: false,
      kind: 'internal',
      error: 'unknown engine request kind "launch"',
    });
  });
});
