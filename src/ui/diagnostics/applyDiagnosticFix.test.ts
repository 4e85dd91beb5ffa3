import { describe, expect, it } from 'vitest';
import { scenarioById } from '../../scenarios';
import { isBGPPeer } from '../../model';
import { createDesignStore } from '../../store/design';
import { createSimulationStore } from '../../store/simulation';
import { createUiStore } from '../../store/ui';
import type { Diagnostic } from '../../worker/protocol';
import type { Stores } from '../context';
import { applyDiagnosticFix } from './applyDiagnosticFix';
import { inProcessClient, simulateNow } from './test-support';

function setup(id: string): Stores {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const design = createDesignStore(scenario.doc);
  return {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient),
    worker: inProcessClient,
  };
}

const notices = (s: Stores) => s.ui.getState().notices.map((n) => `${n.kind}: ${n.text}`);
const undoSteps = (s: Stores) => s.design.temporal.getState().pastStates.length;

describe('applying a finding’s fix', () => {
  it('commits the engine’s fix as one undo step, and the engine then no longer finds it', () => {
    const s = setup('two-racks-ebgp-no-filter');
    const d = simulateNow(s.design.getState().doc).diagnostics.find(
      (x) => x.code === 'LR-EBGP-NO-PRIORITY',
    ) as Diagnostic;
    expect(applyDiagnosticFix(s, d)).toBe('applied');
    expect(undoSteps(s)).toBe(1);
    const after = simulateNow(s.design.getState().doc);
    // The scenario expects its live blackhole (metadata.expected): the fixed design no longer matches it.
    expect(after.diagnostics.map((x) => `${x.code} ${x.phase ?? ''}`.trim())).toEqual([
      'LR-EXPECTED-VERDICT live',
      'LR-TRANSIENT-BLACKHOLE live',
    ]);
    expect(after.phases.find((p) => p.name === 'live')?.flows.every((f) => f.outcome === 'delivered')).toBe(true);
  });

  it('says so and adds no undo step when the design already has the fix', () => {
    const s = setup('two-racks-ebgp');
    const d: Diagnostic = {
      code: 'LR-EBGP-NO-PRIORITY',
      severity: 'error',
      subjects: ['rack-a-tor'],
      message: 'm',
      fix: 'Attach the filter.',
      action: { kind: 'add-live-migration-filter', peers: ['rack-a-tor'] },
    };
    const before = s.design.getState().doc;
    expect(applyDiagnosticFix(s, d)).toBe('unchanged');
    expect(s.design.getState().doc).toBe(before);
    expect(undoSteps(s)).toBe(0);
    expect(notices(s)).toEqual(['info: LR-EBGP-NO-PRIORITY: nothing to change, the design already has this fix']);
  });

  it('refuses a fix whose subject is gone, changing nothing', () => {
    const s = setup('downward-default');
    const d: Diagnostic = {
      code: 'LR-DOWNWARD-DEFAULT',
      severity: 'error',
      subjects: ['tor-z'],
      message: 'm',
      fix: 'f',
      action: { kind: 'set-to-nodes', router: 'tor-z', mode: 'default-plus-host-routes' },
    };
    const before = s.design.getState().doc;
    expect(applyDiagnosticFix(s, d)).toBe('refused');
    expect(s.design.getState().doc).toBe(before);
    expect(notices(s)).toEqual(['error: LR-DOWNWARD-DEFAULT: the fix cannot be applied: unknown router tor-z']);
  });

  it('refuses a fix whose result the design store rejects, changing nothing', () => {
    const s = setup('two-racks-ebgp');
    const d: Diagnostic = {
      code: 'LR-SESSION-DOWN',
      severity: 'error',
      subjects: ['rack-a-tor'],
      message: 'm',
      fix: 'f',
      action: { kind: 'set-peer-as', peer: 'rack-a-tor', asNumber: -5 },
    };
    const before = s.design.getState().doc;
    expect(applyDiagnosticFix(s, d)).toBe('refused');
    expect(s.design.getState().doc).toBe(before);
    expect(undoSteps(s)).toBe(0);
    expect(notices(s)[0]).toMatch(/^error: LR-SESSION-DOWN: the fix was refused: .*asNumber/);
    expect(
      s.design
        .getState()
        .doc.spec.calicoResources.filter(isBGPPeer)
        .map((p) => p.spec.asNumber),
    ).toEqual([65001, 65002]);
  });

  it('does nothing for a finding without a fix', () => {
    const s = setup('two-racks-ebgp');
    expect(
      applyDiagnosticFix(s, { code: 'LR-BLACKHOLE', severity: 'error', subjects: [], message: 'm', fix: 'f' }),
    ).toBe('no-action');
    expect(notices(s)).toEqual([]);
  });
});
