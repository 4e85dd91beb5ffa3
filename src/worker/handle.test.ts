import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios';
import { handleRequest } from './handle';

describe('engine worker request handler', () => {
  it('simulates the default design: every client delivered in every phase', () => {
    const res = handleRequest({ id: 7, design: DEFAULT_SCENARIO.doc });
    expect(res.id).toBe(7);
    if (!res.ok) throw new Error(res.error);
    expect(res.report.phases.map((p) => p.name)).toEqual(['base', 'target', 'live', 'source-deleted', 'settled']);
    for (const p of res.report.phases) expect(p.flows.every((f) => f.outcome === 'delivered')).toBe(true);
    // The report crosses the boundary by structured clone: it must be plain data.
    expect(JSON.parse(JSON.stringify(res.report))).toEqual(res.report);
  });

  it('honours the VM and target of the request', () => {
    const res = handleRequest({ id: 1, design: DEFAULT_SCENARIO.doc, vm: 'vm-1', to: 'node-a2' });
    if (!res.ok) throw new Error(res.error);
    expect(res.report.migration).toEqual({ vm: 'vm-1', ip: '10.244.1.5', from: 'node-a1', to: 'node-a2' });
  });

  it('turns an input problem into a readable error, never a throw', () => {
    const doc = structuredClone(DEFAULT_SCENARIO.doc);
    delete doc.spec.migration;
    expect(handleRequest({ id: 2, design: doc })).toEqual({
      id: 2,
      ok: false,
      kind: 'input',
      error: 'no migration to simulate: the design has no spec.migration (give --migrate VM --to NODE)',
    });
    expect(handleRequest({ id: 3, design: DEFAULT_SCENARIO.doc, vm: 'vm-9' })).toMatchObject({ id: 3, ok: false, kind: 'input', error: 'unknown VM "vm-9" (known: vm-1)' });
  });

  it('refuses an invalid design and a malformed request with a message', () => {
    const bad = structuredClone(DEFAULT_SCENARIO.doc) as { spec: { nodes: { address: string }[] } };
    (bad.spec.nodes[0] as { address: string }).address = '10.0.1.300';
    const res = handleRequest({ id: 4, design: bad });
    expect(res).toMatchObject({ id: 4, ok: false, kind: 'input' });
    if (!res.ok) expect(res.error).toMatch(/^the design is not valid: spec\.nodes\[0\]\.address: /);
    expect(handleRequest('hello')).toEqual({ id: -1, ok: false, kind: 'internal', error: 'malformed engine request: expected { id, design }' });
    expect(handleRequest({ id: 5 })).toMatchObject({ id: 5, ok: false, kind: 'input' });
  });
});
