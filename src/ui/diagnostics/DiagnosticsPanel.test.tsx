// @vitest-environment jsdom
/**
 * The panel rendered in a DOM with the real stores and the real engine (run in-process instead
 * of in a worker): what it lists, what clicks do to the canvas state, and a fix with its re-run.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { isBGPPeer } from '../../model';
import { scenarioById } from '../../scenarios';
import type { Stores } from '../context';
import { mountDiagnosticsPanel, rerun } from './test-mount';
import { domHarness } from '../test-dom';

const dom = domHarness();
let host: HTMLElement | undefined;

async function mount(scenario: string) {
  const found = scenarioById(scenario);
  if (!found) throw new Error(`no scenario ${scenario}`);
  const mounted = await mountDiagnosticsPanel(dom, found.doc);
  host = mounted.host;
  return mounted.stores;
}

const el = () => host as HTMLElement;
const items = () =>
  [...el().querySelectorAll<HTMLElement>('[data-testid="diagnostic"]')].map(
    (li) => `${li.dataset.severity} ${li.dataset.code}${li.dataset.phase ? ` [${li.dataset.phase}]` : ''}`,
  );
const item = (code: string, phase = '') => {
  const li = el().querySelector<HTMLElement>(`[data-testid="diagnostic"][data-code="${code}"][data-phase="${phase}"]`);
  if (!li) throw new Error(`no finding ${code} [${phase}]`);
  return li;
};
const button = (scope: HTMLElement, selector: string) => {
  const b = scope.querySelector<HTMLButtonElement>(selector);
  if (!b) throw new Error(`no ${selector}`);
  return b;
};
const click = (b: HTMLElement) => act(() => b.click());
const state = () => el().querySelector<HTMLElement>('[data-testid="diagnostics-status"]')?.dataset.state;

/** Runs the re-run the store has pending (what its debounce timer would do) and lets it finish. */
async function settle(stores: Stores) {
  expect(stores.simulation.getState().status).toBe('running');
  await rerun(stores);
  expect(stores.simulation.getState().status).toBe('ready');
}

describe('the diagnostics panel', () => {
  it('lists the findings worst first, with severity words, codes, phases and the verdict', async () => {
    await mount('two-racks-ebgp-no-filter');
    expect(state()).toBe('current');
    expect(items()).toEqual([
      'error LR-EBGP-NO-PRIORITY',
      'error LR-BLACKHOLE [live]',
      'info LR-TRANSIENT-BLACKHOLE [live]',
    ]);
    expect(el().querySelector('[data-testid="diagnostics-summary"]')?.textContent).toBe(
      '2 errors1 infolive 4 delivered, 1 blackhole',
    );
    const ebgp = item('LR-EBGP-NO-PRIORITY');
    expect(ebgp.querySelector('.sev-badge')?.textContent).toBe('error');
    expect(ebgp.querySelector('.diag-fix')?.textContent).toMatch(
      /^Fix: Attach the live-migration BGPFilter .* to rack-a-tor, rack-b-tor\.$/,
    );
    expect(
      [...ebgp.querySelectorAll<HTMLElement>('[data-testid="diagnostic-subject"]')].map(
        (b) => `${b.dataset.kind}:${b.dataset.subject}`,
      ),
    ).toEqual(['peer:rack-a-tor', 'router:tor-a', 'peer:rack-b-tor', 'router:tor-b']);
    expect(button(ebgp, '[data-testid="diagnostic-fix"]').title).toMatch(/^Apply: Attach the live-migration BGPFilter/);
    // Findings without a machine-applicable fix have no button.
    expect(item('LR-BLACKHOLE', 'live').querySelector('[data-testid="diagnostic-fix"]')).toBeNull();
  });

  it('highlights, selects and shows the phase of a clicked subject; a second click clears the highlight', async () => {
    const stores = await mount('two-racks-ebgp-no-filter');
    await act(() => stores.simulation.getState().selectPhase('base'));
    const chip = button(item('LR-BLACKHOLE', 'live'), '[data-subject="node-a1"]');
    await click(chip);
    expect(stores.ui.getState().highlight).toEqual(['node-a1']);
    expect(stores.ui.getState().selection).toEqual(['node-a1']);
    expect(stores.simulation.getState().phase).toBe('live');
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    await click(chip);
    expect(stores.ui.getState().highlight).toEqual([]);
    expect(chip.getAttribute('aria-pressed')).toBe('false');
  });

  it('highlights every subject of a finding, opens a BGPPeer in the inspector, and clears the highlight on leaving', async () => {
    const stores = await mount('two-racks-ebgp-no-filter');
    await click(button(item('LR-EBGP-NO-PRIORITY'), '[data-testid="diagnostic-highlight-all"]'));
    expect(stores.ui.getState().highlight).toEqual(['peer:rack-a-tor', 'tor-a', 'peer:rack-b-tor', 'tor-b']);
    await click(button(item('LR-EBGP-NO-PRIORITY'), '[data-testid="diagnostic-inspect"][data-subject="rack-b-tor"]'));
    expect(stores.ui.getState().selection).toEqual(['peer:rack-b-tor']);
    expect(stores.ui.getState().sidePanel).toBe('inspector');
    dom.unmount();
    expect(stores.ui.getState().highlight).toEqual([]);
  });

  it('applies a fix as one undo step; the re-run drops the finding and its blackhole; undo brings them back', async () => {
    const stores = await mount('two-racks-ebgp-no-filter');
    await click(button(item('LR-BLACKHOLE', 'live'), '[data-subject="node-a1"]'));
    await click(button(item('LR-EBGP-NO-PRIORITY'), '[data-testid="diagnostic-fix"]'));
    const peers = stores.design.getState().doc.spec.calicoResources.filter(isBGPPeer);
    expect(peers.map((p) => `${p.metadata.name}: ${(p.spec.filters ?? []).join(',')}`)).toEqual([
      'rack-a-tor: kubevirt-live-migration',
      'rack-b-tor: kubevirt-live-migration',
    ]);
    expect(stores.design.temporal.getState().pastStates).toHaveLength(1);
    expect(stores.ui.getState().notices.map((n) => `${n.kind}: ${n.text}`)).toEqual([
      'info: Applied: Attach the live-migration BGPFilter (export: priority 512 → community; import: community → setPriority 512) to rack-a-tor, rack-b-tor; re-simulating',
    ]);
    // Until the re-run is in, the old list stays, faded, and no fix can be applied to it.
    expect(state()).toBe('stale');
    expect(el().querySelector('.diag-list')?.classList.contains('stale')).toBe(true);
    expect(button(el(), '[data-testid="diagnostic-fix"]').disabled).toBe(true);

    await settle(stores);
    expect(state()).toBe('current');
    // The scenario expects its live blackhole (metadata.expected): the fixed design no longer matches it.
    expect(items()).toEqual(['warning LR-EXPECTED-VERDICT [live]', 'info LR-TRANSIENT-BLACKHOLE [live]']);
    expect(el().querySelector('[data-testid="diagnostics-summary"]')?.textContent).toBe(
      '1 warning1 info✓ Every phase delivers to all 5 clients.',
    );
    // The highlighted finding is gone, and so is its highlight.
    expect(stores.ui.getState().highlight).toEqual([]);

    await act(() => stores.design.temporal.getState().undo());
    await settle(stores);
    expect(items()).toEqual([
      'error LR-EBGP-NO-PRIORITY',
      'error LR-BLACKHOLE [live]',
      'info LR-TRANSIENT-BLACKHOLE [live]',
    ]);
  });

  it('fixes one router of downward-default at a time', async () => {
    const stores = await mount('downward-default');
    const downward = () =>
      [
        ...el().querySelectorAll<HTMLElement>('[data-code="LR-DOWNWARD-DEFAULT"] [data-testid="diagnostic-subject"]'),
      ].map((b) => b.dataset.subject);
    expect(downward()).toEqual(['tor-a', 'tor-b']);
    await click(button(item('LR-DOWNWARD-DEFAULT'), '[data-testid="diagnostic-fix"]'));
    expect(stores.design.getState().doc.spec.routers.find((r) => r.name === 'tor-a')?.policy?.toNodes).toBe(
      'default-plus-host-routes',
    );
    await settle(stores);
    expect(downward()).toEqual(['tor-b']);
  });
});
