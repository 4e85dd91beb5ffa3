import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios';
import { handleRequest } from './handle';

describe('engine worker request handler', () => {
  it('simulates the default design: every client delivered in every phase', () => {
    const res = handleRequest({ id: 7, design: DEFAULT_SCENARIO.doc });
    expect(res.id).toBe(7);
    if (!res.ok) throw new Error(res.error);
    if (!('report' in res)) throw new Error('no report');
    expect(res.report.phases.map((p) => p.name)).toEqual(['base', 'target', 'live', 'source-deleted', 'settled']);
    for (const p of res.report.phases) expect(p.flows.every((f) => f.outcome === 'delivered')).toBe(true);
    // The report crosses the boundary by structured clone: it must be plain data.
    expect(JSON.parse(JSON.stringify(res.report))).toEqual(res.report);
  });

  it('honours the VM and target of the request', () => {
    const res = handleRequest({ id: 1, design: DEFAULT_SCENARIO.doc, vm: 'vm-1', to: 'node-a2' });
    if (!res.ok) throw new Error(res.error);
    if (!('report' in res)) throw new Error('no report');
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

  it("answers a speaker's whole table: every prefix of the design, the forwarding route of each marked", () => {
    const res = handleRequest({ id: 9, design: DEFAULT_SCENARIO.doc, table: { speaker: 'tor-a' } });
    if (!res.ok || !('table' in res)) throw new Error('no table');
    expect(res.table.speaker).toBe('tor-a');
    expect(res.table.prefixes).toBe(5);
    // vm-1's /32 sits inside node-a1's own block at normal priority: node-a1 exports only the block.
    expect([...new Set(res.table.routes.map((r) => r.prefix))].sort()).toEqual(['10.244.1.0/26', '10.244.1.64/26', '10.244.2.0/26', '10.244.2.64/26']);
    expect(res.table.routes.find((r) => r.prefix === '10.244.2.0/26')).toMatchObject({ selected: true, learnedFrom: 'spine-1', asPath: [65000, 65002, 65201] });
    expect(res.table.fib.filter((f) => f.used).map((f) => `${f.prefix} via ${f.via.join(',')}`).sort()).toEqual([
      '10.244.1.0/26 via 10.0.1.11',
      '10.244.1.64/26 via 10.0.1.12',
      '10.244.2.0/26 via 10.0.0.1',
      '10.244.2.64/26 via 10.0.0.1',
    ]);
    expect(handleRequest({ id: 10, design: DEFAULT_SCENARIO.doc, table: { speaker: 'nope' } })).toEqual({ id: 10, ok: false, kind: 'input', error: 'no speaker "nope" in the design' });
  });

  it("answers a design without a migration with its own findings (no VM needed for them)", () => {
    const doc = structuredClone(DEFAULT_SCENARIO.doc);
    doc.spec.vms = [];
    delete doc.spec.migration;
    delete doc.metadata.expected;
    delete doc.lesson;
    const peer = doc.spec.calicoResources.find((r) => r.kind === 'BGPPeer' && r.metadata.name === 'rack-b-tor');
    if (peer?.kind !== 'BGPPeer') throw new Error('no rack-b-tor');
    peer.spec.asNumber = 65099;
    const res = handleRequest({ id: 11, design: doc, findings: true });
    if (!res.ok || !('findings' in res)) throw new Error('no findings');
    expect(res.findings.map((d) => `${d.code}: ${d.subjects.join(', ')}`)).toEqual(['LR-SESSION-DOWN: node-b1, tor-b, rack-b-tor', 'LR-SESSION-DOWN: node-b2, tor-b, rack-b-tor']);
    expect(res.findings[0]?.action).toEqual({ kind: 'set-peer-as', peer: 'rack-b-tor', asNumber: 65002 });
    expect(JSON.parse(JSON.stringify(res.findings))).toEqual(res.findings);
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
