/**
 * What the engine worker does with one request, as a plain function (the worker entry only
 * wires it to messages, so it can be tested in Node): check the design, simulate the migration,
 * build the report (or, for a design without a migration, list its own findings). It never throws: every failure becomes an error response.
 */
import { formatIssue, validateDesign } from '../model';
import { simulate, SimulationInputError } from '../engine/simulate';
import { toReport } from '../engine/report';
import { diagnose, diagnoseDesign } from '../engine/diagnostics';
import { buildNetwork } from '../engine/network';
import { speakerTable } from '../engine/table';
import type { EngineRequest, EngineResponse } from './protocol';

const MAX_LISTED_ISSUES = 3;

function requestId(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? id : -1;
}

export function handleRequest(data: unknown): EngineResponse {
  const id = requestId(data);
  try {
    const req = data as Partial<EngineRequest> | null;
    if (id < 0 || !req || typeof req !== 'object') return { id, ok: false, kind: 'internal', error: 'malformed engine request: expected { id, design }' };
    // The store only holds validated designs, but the worker is a boundary: anything may arrive.
    const checked = validateDesign(req.design);
    if (!checked.ok) {
      const listed = checked.error.slice(0, MAX_LISTED_ISSUES).map(formatIssue).join('; ');
      const more = checked.error.length > MAX_LISTED_ISSUES ? ` (and ${checked.error.length - MAX_LISTED_ISSUES} more)` : '';
      return { id, ok: false, kind: 'input', error: `the design is not valid: ${listed}${more}` };
    }
    if (req.table) {
      const speaker = req.table.speaker;
      const net = buildNetwork(checked.value);
      if (!net.speakers.has(speaker)) return { id, ok: false, kind: 'input', error: `no speaker ${JSON.stringify(speaker)} in the design` };
      return { id, ok: true, table: speakerTable(net, speaker) };
    }
    if (req.findings) return { id, ok: true, findings: diagnoseDesign(checked.value) };
    const sim = simulate(checked.value, { ...(req.vm !== undefined ? { vm: req.vm } : {}), ...(req.to !== undefined ? { to: req.to } : {}) });
    return { id, ok: true, report: toReport(sim, diagnose(sim)) };
  } catch (e) {
    if (e instanceof SimulationInputError) return { id, ok: false, kind: 'input', error: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { id, ok: false, kind: 'internal', error: `the engine failed: ${message}` };
  }
}
