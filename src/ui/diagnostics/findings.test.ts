import { describe, expect, it } from 'vitest';
import { scenarioById } from '../../scenarios';
import type { Diagnostic } from '../../worker/protocol';
import { describeVerdict } from '../../store/simulation';
import {
  countBySeverity,
  describeCounts,
  diagnosticKey,
  emptyText,
  isPhaseName,
  sortDiagnostics,
  troubledPhases,
} from './findings';
import { simulateNow } from './test-support';

const report = (id: string) => {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return simulateNow(scenario.doc);
};

const finding = (
  code: Diagnostic['code'],
  severity: Diagnostic['severity'],
  phase?: string,
  subjects: string[] = [],
): Diagnostic => ({
  code,
  severity,
  ...(phase !== undefined ? { phase } : {}),
  subjects,
  message: `${code} message`,
  fix: `${code} fix`,
});

const line = (d: Diagnostic) => `${d.severity} ${d.code}${d.phase ? ` [${d.phase}]` : ''}`;

describe('ordering findings', () => {
  it('puts errors first, then warnings, then info; design-wide before phases, phases in migration order', () => {
    const list = [
      finding('LR-TRANSIENT-BLACKHOLE', 'info', 'live'),
      finding('LR-BLACKHOLE', 'error', 'settled'),
      finding('LR-TOR-IGNORES-COMMUNITY', 'warning'),
      finding('LR-BLACKHOLE', 'error', 'live'),
      finding('LR-LOOP', 'error', 'base'),
      finding('LR-EBGP-NO-PRIORITY', 'error'),
      finding('LR-TRANSIENT-BLACKHOLE', 'info', 'target'),
    ];
    expect(sortDiagnostics(list).map(line)).toEqual([
      'error LR-EBGP-NO-PRIORITY',
      'error LR-LOOP [base]',
      'error LR-BLACKHOLE [live]',
      'error LR-BLACKHOLE [settled]',
      'warning LR-TOR-IGNORES-COMMUNITY',
      'info LR-TRANSIENT-BLACKHOLE [target]',
      'info LR-TRANSIENT-BLACKHOLE [live]',
    ]);
  });

  it("keeps the engine's order among equals and does not touch the input", () => {
    const a = finding('LR-DOWNWARD-DEFAULT', 'error', undefined, ['tor-b']);
    const b = finding('LR-DOWNWARD-DEFAULT', 'error', undefined, ['tor-a']);
    const input = [finding('LR-TRANSIENT-BLACKHOLE', 'info', 'live'), a, b];
    expect(sortDiagnostics(input).map((d) => d.subjects[0])).toEqual(['tor-b', 'tor-a', undefined]);
    expect(input[0]?.code).toBe('LR-TRANSIENT-BLACKHOLE');
  });

  it('orders the findings of downward-default as the engine reports them', () => {
    expect(
      sortDiagnostics(report('downward-default').diagnostics).map((d) => `${line(d)} ${d.subjects.join(',')}`),
    ).toEqual([
      'error LR-DOWNWARD-DEFAULT tor-a',
      'error LR-DOWNWARD-DEFAULT tor-b',
      'error LR-BLACKHOLE [live] node-a1',
      'error LR-BLACKHOLE [source-deleted] node-a1',
      'error LR-BLACKHOLE [settled] node-a1',
      'info LR-TRANSIENT-BLACKHOLE [live] node-a2,border-1,node-b2',
    ]);
  });
});

describe('naming and summing up findings', () => {
  it('keys a finding by code, phase and subjects', () => {
    expect(diagnosticKey(finding('LR-BLACKHOLE', 'error', 'live', ['node-a1']))).toBe('LR-BLACKHOLE|live|node-a1');
    expect(diagnosticKey(finding('LR-EBGP-NO-PRIORITY', 'error', undefined, ['rack-a-tor', 'tor-a']))).toBe(
      'LR-EBGP-NO-PRIORITY||rack-a-tor,tor-a',
    );
  });

  it('counts by severity in words', () => {
    const r = report('two-racks-ebgp-no-filter');
    expect(countBySeverity(r.diagnostics)).toEqual({ error: 2, warning: 0, info: 1 });
    expect(describeCounts(countBySeverity(r.diagnostics))).toBe('3 findings: 2 errors, 1 info');
    expect(describeCounts({ error: 0, warning: 1, info: 0 })).toBe('1 finding: 1 warning');
    expect(describeCounts({ error: 0, warning: 0, info: 0 })).toBe('No findings');
  });

  it('lists the phases that do not deliver, with their verdict', () => {
    const trouble = troubledPhases(report('two-racks-ebgp-no-filter'));
    expect(trouble.map((t) => `${t.phase}: ${describeVerdict(t.verdict)}`)).toEqual(['live: 4 delivered, 1 blackhole']);
    expect(troubledPhases(report('downward-default')).map((t) => t.phase)).toEqual([
      'live',
      'source-deleted',
      'settled',
    ]);
    expect(troubledPhases(report('two-racks-ebgp'))).toEqual([]);
  });

  it('says "every phase delivers" only when the report shows it', () => {
    expect(emptyText(report('two-racks-ebgp'))).toBe('No findings: every phase delivers.');
    expect(emptyText(report('two-racks-ebgp-no-filter'))).toBe(
      'No findings, but not every phase delivers (live: 4 delivered, 1 blackhole).',
    );
  });

  it('knows the phase names', () => {
    expect(isPhaseName('source-deleted')).toBe(true);
    expect(isPhaseName('later')).toBe(false);
    expect(isPhaseName(undefined)).toBe(false);
  });
});
