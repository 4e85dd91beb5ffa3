// @vitest-environment jsdom
/**
 * Notices in a DOM with real stores: a notice with an action shows its button, runs it on a click,
 * and stays until dismissed (a plain one fades); past the limit the plain ones go first.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenarios/default';
import { createDesignStore } from '../store/design';
import { createSimulationStore } from '../store/simulation';
import { createUiStore, MAX_NOTICES } from '../store/ui';
import { StoresProvider, type Stores } from './context';
import { inProcessClient } from './diagnostics/test-support';
import { Notices } from './Notices';
import { domHarness } from './test-dom';

const dom = domHarness();

function mount(): { stores: Stores; host: HTMLElement } {
  const design = createDesignStore(DEFAULT_SCENARIO.doc);
  const stores: Stores = {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient),
    worker: inProcessClient,
  };
  const { host, root } = dom.open();
  act(() =>
    root.render(
      <StoresProvider stores={stores}>
        <Notices />
      </StoresProvider>,
    ),
  );
  return { stores, host };
}

const texts = (stores: Stores) => stores.ui.getState().notices.map((n) => n.text);

describe('notices', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('shows an action as a button that runs it, and keeps that notice when plain ones fade', () => {
    const { stores, host } = mount();
    const run = vi.fn();
    act(() =>
      stores.ui.getState().notify('error', 'The autosaved design could not be read', { label: 'Download', run }),
    );
    act(() => stores.ui.getState().notify('error', 'Something passing'));
    // The newest is in view; the others are listed behind "+1".
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="notices-more"]')?.click());
    const button = host.querySelector<HTMLButtonElement>('[data-testid="notice-action"]');
    expect(button?.textContent).toBe('Download');
    act(() => button?.click());
    expect(run).toHaveBeenCalledTimes(1);
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="notices-more"]')?.click());
    act(() => stores.ui.getState().notify('info', 'Opened a file'));
    act(() => void vi.advanceTimersByTime(60_000));
    expect(texts(stores)).toEqual(['The autosaved design could not be read']);
    act(() => host.querySelector<HTMLButtonElement>('[aria-label="Dismiss"]')?.click());
    expect(texts(stores)).toEqual([]);
  });

  it('drops the oldest plain notices past the limit, never one with an action', () => {
    const { stores } = mount();
    act(() => stores.ui.getState().notify('error', 'keep me', { label: 'Download', run: () => undefined }));
    for (let i = 1; i <= MAX_NOTICES + 2; i++) act(() => stores.ui.getState().notify('info', `plain ${i}`));
    expect(texts(stores)).toEqual(['keep me', 'plain 4', 'plain 5', 'plain 6']);
  });
});
