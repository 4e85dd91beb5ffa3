// @vitest-environment jsdom
/**
 * The panel with the real stores and engine (in-process): "apply all of this kind" as one undo
 * step, and the design's own findings when there is no VM to migrate.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { isBGPPeer, type Topology } from '../../model';
import { scenarioById } from '../../scenarios';
import { createDesignStore } from '../../store/design';
import { createSimulationStore, findingsCurrent } from '../../store/simulation';
import { createUiStore } from '../../store/ui';
import type { Diagnostic } from '../../worker/protocol';
import type { Stores } from '../context';
import { applyDiagnosticFixes } from './applyDiagnosticFix';
import { inProcessClient } from './test-support';
import { mountDiagnosticsPanel, rerun } from './test-mount';
import { domHarness } from '../test-dom';

const dom = domHarness();
let host: HTMLElement | undefined;

function scenario(id: string): Topology {
  const found = scenarioById(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found.doc;
}

async function mount(doc: Topology): Promise<Stores> {
  const mounted = await mountDiagnosticsPanel(dom, doc);
  host = mounted.host;
  return mounted.stores;
}

const el = () => host as HTMLElement;
const items = () =>
  [...el().querySelectorAll<HTMLElement>('[data-testid="diagnostic"]')].map(
    (li) => `${li.dataset.severity} ${li.dataset.code}${li.dataset.phase ? ` [${li.dataset.phase}]` : ''}`,
  );
const all = (selector: string) => [...el().querySelectorAll<HTMLButtonElement>(selector)];
const text = (testId: string) => el().querySelector(`[data-testid="${testId}"]`)?.textContent;
const state = () => el().querySelector<HTMLElement>('[data-testid="diagnostics-status"]')?.dataset.state;
const click = (b: HTMLElement) => act(() => b.click());

/** Runs the re-run the edit left pending (never a timer) until the findings describe the design. */
async function settle(stores: Stores) {
  await rerun(stores);
  expect(findingsCurrent(stores.simulation.getState())).toBe(true);
}

/** The default design without VM, migration, expectations or lesson, tor-a's BGPPeer in the wrong AS. */
function noVmWithWrongAs(): Topology {
  const d = structuredClone(scenario('two-racks-ebgp'));
  d.spec.vms = [];
  delete d.spec.migration;
  delete d.metadata.expected;
  delete d.lesson;
  const peer = d.spec.calicoResources.find((r) => isBGPPeer(r) && r.metadata.name === 'rack-a-tor');
  if (!peer || !isBGPPeer(peer)) throw new Error('no rack-a-tor');
  peer.spec.asNumber = 65009;
  return d;
}

describe('apply all fixes of a kind', () => {
  it('offers it where several findings of one code have a fix, and applies them as one undo step', async () => {
    const stores = await mount(scenario('downward-default'));
    expect(items()).toEqual([
      'error LR-DOWNWARD-DEFAULT',
      'error LR-DOWNWARD-DEFAULT',
      'error LR-BLACKHOLE [live]',
      'error LR-BLACKHOLE [source-deleted]',
      'error LR-BLACKHOLE [settled]',
      'info LR-TRANSIENT-BLACKHOLE [live]',
    ]);
    const buttons = all('[data-testid="diagnostic-fix-all"]');
    // One per fixable finding of the code; none on the findings without a fix.
    expect(buttons.map((b) => b.textContent)).toEqual(['Apply all 2 of this kind', 'Apply all 2 of this kind']);
    expect(buttons[0]?.title).toBe('Apply the fixes of all 2 LR-DOWNWARD-DEFAULT findings (one undo step)');
    await click(buttons[1] as HTMLButtonElement);
    const modes = stores.design
      .getState()
      .doc.spec.routers.filter((r) => r.role === 'tor')
      .map((r) => `${r.name}: ${r.policy?.toNodes ?? 'all'}`);
    expect(modes).toEqual(['tor-a: default-plus-host-routes', 'tor-b: default-plus-host-routes']);
    expect(stores.design.temporal.getState().pastStates).toHaveLength(1);
    expect(stores.ui.getState().notices.map((n) => `${n.kind}: ${n.text}`)).toEqual([
      'info: Applied 2 fixes for LR-DOWNWARD-DEFAULT as one step; re-simulating',
    ]);
    // Until the re-run is in, the buttons wait.
    expect(all('[data-testid="diagnostic-fix-all"]').every((b) => b.disabled)).toBe(true);
    await settle(stores);
    expect(items().filter((i) => i.includes('LR-DOWNWARD-DEFAULT'))).toEqual([]);
    await act(() => stores.design.temporal.getState().undo());
    await settle(stores);
    expect(items().filter((i) => i.includes('LR-DOWNWARD-DEFAULT'))).toHaveLength(2);
  });

  it('refuses the whole list when one fix cannot be applied, says which, and changes nothing', () => {
    const design = createDesignStore(scenario('downward-default'));
    const stores: Stores = {
      design,
      ui: createUiStore({ animate: false }),
      simulation: createSimulationStore(design, inProcessClient),
      worker: inProcessClient,
    };
    const finding = (router: string): Diagnostic => ({
      code: 'LR-DOWNWARD-DEFAULT',
      severity: 'error',
      subjects: [router],
      message: 'm',
      fix: 'f',
      action: { kind: 'set-to-nodes', router, mode: 'default-plus-host-routes' },
    });
    const before = design.getState().doc;
    expect(applyDiagnosticFixes(stores, [finding('tor-a'), finding('tor-gone'), finding('tor-b')])).toBe('refused');
    expect(design.getState().doc).toBe(before);
    expect(design.temporal.getState().pastStates).toHaveLength(0);
    expect(stores.ui.getState().notices.map((n) => `${n.kind}: ${n.text}`)).toEqual([
      'error: LR-DOWNWARD-DEFAULT: the fixes cannot be applied: fix 2 of 3 (router tor-gone) cannot be applied: unknown router tor-gone; none was applied',
    ]);
  });
});

describe('findings without a VM', () => {
  it('lists the design’s findings (a session down), counts them, and their fix works', async () => {
    const stores = await mount(noVmWithWrongAs());
    await settle(stores);
    expect(stores.simulation.getState().status).toBe('no-migration');
    expect(state()).toBe('no-migration');
    expect(text('diagnostics-status')).toBe(
      'No migration to simulate: these are the findings about the design itself. Pick a VM and its target (Migrate…) for the migration’s.',
    );
    expect(items()).toEqual(['error LR-SESSION-DOWN', 'error LR-SESSION-DOWN']);
    expect(text('diagnostics-summary')).toBe('2 errorsThe design only: no migration simulated.');
    const fixAll = all('[data-testid="diagnostic-fix-all"]')[0] as HTMLButtonElement;
    expect(fixAll.disabled).toBe(false);
    await click(fixAll);
    const peer = stores.design
      .getState()
      .doc.spec.calicoResources.find((r) => isBGPPeer(r) && r.metadata.name === 'rack-a-tor');
    expect(peer && isBGPPeer(peer) && peer.spec.asNumber).toBe(65001);
    await settle(stores);
    expect(items()).toEqual([]);
    expect(text('diagnostics-empty')).toBe('No findings about the design.');
  });
});
