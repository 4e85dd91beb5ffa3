/**
 * The probes bench/browser.ts installs in the page before the app loads. Plain JavaScript in a
 * string: a function compiled by tsx may call helpers (`__name`) that do not exist in the page.
 */

export interface BenchWindow {
  lrBench: {
    /** ms since navigation when the first canvas node was in the DOM, and when a verdict was first ready. */
    firstCardAt: number | undefined;
    verdictAt: number | undefined;
    /** ms from `armVerdict` to the next verdict after the status left `ready`. */
    generatedVerdictMs: number | undefined;
    armVerdict(): void;
    /** How often the timeline's time changed since `startFrames`. */
    timeUpdates: number;
    startFrames(): void;
    /** Frames per second since `startFrames`. */
    stopFrames(): number;
    /** The longest main-thread task since the last call (ms), 0 when none over 50 ms. */
    takeLongest(): number;
    viewAtRest(): Promise<void>;
    panePoint(): { x: number; y: number } | undefined;
  };
}

export const runInPage = `
(() => {
  const b = {
    firstCardAt: undefined,
    verdictAt: undefined,
    generatedVerdictMs: undefined,
    timeUpdates: 0,
  };
  window.lrBench = b;
  let longest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no longtask support */ }
  b.takeLongest = () => { const l = longest; longest = 0; return l; };

  let armed;
  const status = () => document.querySelector('[data-testid="sim-status"]')?.getAttribute('data-status');
  const verdictShown = () => status() === 'ready' && document.querySelector('.phase-bar .verdict .count') !== null;
  const watch = () => {
    if (b.firstCardAt === undefined && document.querySelector('.react-flow__node')) b.firstCardAt = performance.now();
    if (b.verdictAt === undefined && verdictShown()) b.verdictAt = performance.now();
    if (armed) {
      if (status() !== 'ready') armed.left = true;
      else if (armed.left && verdictShown()) { b.generatedVerdictMs = performance.now() - armed.at; armed = undefined; }
    }
  };
  b.armVerdict = () => { armed = { at: performance.now(), left: false }; b.generatedVerdictMs = undefined; };
  const start = () => new MutationObserver(watch).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);

  let frames = 0, counting = false, t0 = 0, timeObserver;
  const frame = () => { if (!counting) return; frames++; requestAnimationFrame(frame); };
  b.startFrames = () => {
    frames = 0; counting = true; t0 = performance.now(); b.timeUpdates = 0;
    const out = document.querySelector('[data-testid="timeline-time"]');
    timeObserver = out ? new MutationObserver(() => b.timeUpdates++) : undefined;
    timeObserver?.observe(out, { childList: true, characterData: true, subtree: true });
    requestAnimationFrame(frame);
  };
  b.stopFrames = () => { counting = false; timeObserver?.disconnect(); return (frames * 1000) / (performance.now() - t0); };

  b.viewAtRest = () => new Promise((resolve) => {
    const viewport = document.querySelector('.react-flow__viewport');
    let last = viewport?.style.transform, still = 0;
    const f = () => {
      const now = viewport?.style.transform;
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= 10) resolve(); else requestAnimationFrame(f);
    };
    requestAnimationFrame(f);
  });

  b.panePoint = () => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return undefined;
    const r = pane.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    let best;
    for (let y = r.top + 20; y < r.bottom - 20; y += 8) for (let x = r.left + 20; x < r.right - 200; x += 8) {
      if (document.elementFromPoint(x, y) !== pane) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (!best || d < best.d) best = { x, y, d };
    }
    return best && { x: best.x, y: best.y };
  };
})();
`;
