/**
 * For component tests in jsdom: React's act environment, a host element with a root, and both
 * taken down after each test. Call `domHarness()` once at the top of a test file.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll } from 'vitest';

export interface DomHarness {
  /** A fresh host element in the document, with a React root on it. */
  open(): { host: HTMLElement; root: Root };
  /** Unmounts now, within the test (what leaving a panel does). */
  unmount(): void;
}

export function domHarness(): DomHarness {
  let root: Root | undefined;
  let host: HTMLElement | undefined;
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });
  const unmount = () => {
    act(() => root?.unmount());
    root = undefined;
  };
  afterEach(() => {
    unmount();
    host?.remove();
    host = undefined;
  });
  return {
    unmount,
    open() {
      host = document.createElement('div');
      document.body.append(host);
      root = createRoot(host);
      return { host, root };
    },
  };
}
