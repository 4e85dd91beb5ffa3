/**
 * The page object for liveroute and a fixture that fails any test whose page makes a request
 * beyond 127.0.0.1 (the app must work offline) or throws an uncaught error.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

declare global {
  interface Window {
    liveroute: {
      yaml(): string;
      json(): string;
      selection(): string[];
      simulation(): { status: string; phase: string; speaker: string | undefined; error: string | undefined };
      setTime(time: number): void;
      holdTables(on: boolean): void;
      /** Once the config editor has loaded: the text of the open file, and the markers of every file. */
      editorText?(): string | undefined;
      editorMarkers?(): { owner: string; file: string; line: number; message: string }[];
    };
  }
}

export class LiverouteApp {
  constructor(readonly page: Page) {}

  get canvas(): Locator {
    return this.page.locator('.react-flow__pane');
  }
  get inspector(): Locator {
    return this.page.getByTestId('inspector');
  }

  async open(fresh = true): Promise<void> {
    if (fresh) {
      await this.page.goto('./');
      await this.page.evaluate(() => window.localStorage.clear());
    }
    await this.page.goto('./');
    await expect(this.page.locator('.react-flow__node').first()).toBeVisible();
  }

  yaml(): Promise<string> {
    return this.page.evaluate(() => window.liveroute.yaml());
  }
  json(): Promise<string> {
    return this.page.evaluate(() => window.liveroute.json());
  }

  /** Drags a palette item with the real mouse and drops it at a page point. */
  async dragFromPalette(kind: string, to: { x: number; y: number }): Promise<void> {
    const box = await this.page.getByTestId(`palette-${kind}`).boundingBox();
    if (!box) throw new Error(`palette item ${kind} not visible`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
    await this.page.mouse.move(to.x, to.y, { steps: 12 });
    await this.page.mouse.up();
  }

  /**
   * Waits until the canvas's pan and zoom have stood still for 10 animation frames in a row. An
   * animated fit or pan moves them on every frame until it ends; counting frames, not
   * milliseconds, a busy machine that draws fewer frames waits longer rather than taking a
   * stalled animation for a finished one.
   */
  async viewAtRest(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
          let last = viewport?.style.transform;
          let still = 0;
          const frame = () => {
            const now = viewport?.style.transform;
            still = now === last ? still + 1 : 0;
            last = now;
            if (still >= 10) resolve();
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }),
    );
  }

  async center(locator: Locator): Promise<{ x: number; y: number }> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element not visible');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Drags with the real mouse from one point to another (connections, moves). */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
    await this.page.mouse.move(to.x, to.y, { steps: 15 });
    await this.page.mouse.up();
  }

  rack(name: string): Locator {
    return this.page.getByTestId(`rack-${name}`);
  }
  router(name: string): Locator {
    return this.page.getByTestId(`router-${name}`);
  }
  node(name: string): Locator {
    return this.page.getByTestId(`node-${name}`);
  }
  field(testId: string): Locator {
    return this.inspector.getByTestId(testId);
  }

  /* The simulation: phase bar, outcomes on the canvas, the route table dock. */
  get phaseBar(): Locator {
    return this.page.getByTestId('phase-bar');
  }
  phase(name: string): Locator {
    return this.page.getByTestId(`phase-${name}`);
  }
  /** The outcome pill of a client (Calico node or border router) at the selected phase. */
  outcome(client: string): Locator {
    return this.page.getByTestId(`outcome-${client}`);
  }
  get routePanel(): Locator {
    return this.page.getByTestId('route-panel');
  }
  /** A BGP RIB row of the open route table. */
  ribRow(prefix: string, selected: boolean): Locator {
    return this.routePanel.locator(`[data-testid="rib-row"][data-prefix="${prefix}"][data-selected="${selected}"]`);
  }
  fibRow(prefix: string, proto: string): Locator {
    return this.routePanel.locator(`[data-testid="fib-row"][data-prefix="${prefix}"][data-proto="${proto}"]`);
  }
  /** Waits until the engine has answered for the current design. */
  async simulated(): Promise<void> {
    await expect(this.page.getByTestId('sim-status')).toHaveAttribute('data-status', 'ready');
    // The report is shown with its timeline, whose track loads with the first report (lazily).
    await expect(this.timelineTrack).toBeVisible();
  }

  /* The diagnostics tab of the right-hand column. */
  async openDiagnostics(): Promise<Locator> {
    await this.page.getByTestId('tab-diagnostics').click();
    return this.page.getByTestId('diagnostics-panel');
  }
  /** A finding in the diagnostics panel; `phase` '' for a design-wide one. */
  diagnostic(code: string, phase?: string): Locator {
    const where = phase === undefined ? '' : `[data-phase="${phase}"]`;
    return this.page.locator(`[data-testid="diagnostic"][data-code="${code}"]${where}`);
  }

  /** File → New's dialog (Ctrl+Alt+N). */
  get newDesignDialog(): Locator {
    return this.page.getByTestId('new-design-dialog');
  }
  /** Waits until the engine has checked a design that has no migration to simulate (its own findings are in). */
  async checkedWithoutMigration(): Promise<void> {
    await expect(this.page.getByTestId('sim-status')).toHaveAttribute('data-status', 'no-migration');
  }

  /** Builds R racks × N nodes under S spines with the fabric generator. */
  async generateFabric(racks: number, nodes: number, spines: number): Promise<void> {
    await this.page.getByTestId('open-fabric-generator').click();
    await this.page.getByTestId('fabric-racks').fill(String(racks));
    await this.page.getByTestId('fabric-nodes').fill(String(nodes));
    await this.page.getByTestId('fabric-spines').fill(String(spines));
    await this.page.getByTestId('fabric-create').click();
  }

  /** Opens the config editor (Monaco loads lazily) on a generated file; returns the editor. */
  async openEditorFile(file: string): Promise<Locator> {
    await this.page.getByTestId('toggle-editor').click();
    const editor = this.page.locator('.monaco-editor').first();
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await this.page.getByTestId(`file-${file}`).click();
    return editor;
  }

  /** The text of the file open in the config editor (undefined before it has loaded). */
  editorText(): Promise<string | undefined> {
    return this.page.evaluate(() => window.liveroute.editorText?.());
  }
  /** The editor's markers (owner liveroute: the design's own check; yaml: the JSON schema, in monaco-yaml's worker). */
  editorMarkers(): Promise<{ owner: string; file: string; line: number; message: string }[]> {
    return this.page.evaluate(() => window.liveroute.editorMarkers?.() ?? []);
  }

  async menu(menu: string, command: string): Promise<void> {
    await this.page.getByTestId(`menu-${menu}`).click();
    await this.page.getByTestId(command).click();
  }

  /* The timeline under the canvas and the Migrate dialog. */
  get timeline(): Locator {
    return this.page.getByTestId('timeline');
  }
  /** The simulated time shown, as `live +24 ms`. */
  get timelineTime(): Locator {
    return this.page.getByTestId('timeline-time');
  }
  /** Starts recording every simulated time the timeline shows (playback may pass a phase between two polls). */
  async recordTimes(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { lrTimesSeen: string[] }).lrTimesSeen = seen;
      const out = document.querySelector('[data-testid="timeline-time"]') as Element;
      new MutationObserver(() => seen.push(out.textContent ?? '')).observe(out, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
  }
  /** The phases the timeline showed since `recordTimes`, in order, each once. */
  async phasesSeen(): Promise<string[]> {
    const seen = await this.page.evaluate(() => (window as unknown as { lrTimesSeen: string[] }).lrTimesSeen);
    return [...new Set(seen.map((s) => s.split(' ')[0] as string))];
  }
  /** What happens at the time shown. */
  get timelineNow(): Locator {
    return this.page.getByTestId('timeline-now');
  }
  get timelineTrack(): Locator {
    return this.page.getByTestId('timeline-track');
  }
  timelineSegment(phase: string): Locator {
    return this.page.getByTestId(`timeline-segment-${phase}`);
  }
  /** Clicks a phase's segment at a fraction of its width (scrubbing). */
  async scrub(phase: string, fraction: number): Promise<void> {
    const box = await this.timelineSegment(phase).boundingBox();
    if (!box) throw new Error(`segment ${phase} not visible`);
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  }
  get migrateDialog(): Locator {
    return this.page.getByTestId('migrate-dialog');
  }
  /** Sets the migration through the Migrate dialog. */
  async migrate(vm: string, to: string): Promise<void> {
    await this.page.getByTestId('migrate-open').click();
    await this.migrateDialog.getByTestId('migrate-vm').selectOption(vm);
    await this.migrateDialog.getByTestId('migrate-to').selectOption(to);
    await this.migrateDialog.getByTestId('migrate-apply').click();
  }

  /* The canvas overlay: packet paths, BGP messages in flight, its control. */
  /** The packet paths drawn from a client (`data-outcome` is its outcome). */
  packetPath(client: string): Locator {
    return this.page.getByTestId(`packet-path-${client}`);
  }
  /** The ✕ (or ↻) mark at a hop where packet paths end without delivery. */
  packetDrop(hop: string): Locator {
    return this.page.locator(`[data-testid="packet-drop"][data-hop="${hop}"]`);
  }
  get bgpMessages(): Locator {
    return this.page.getByTestId('bgp-message');
  }
  /** Shows the simulation at a simulated time (ms on the report's clock). */
  async setTime(ms: number): Promise<void> {
    await this.page.evaluate((t) => window.liveroute.setTime(t), ms);
  }
}

export const test = base.extend<{ app: LiverouteApp; offsite: string[] }>({
  offsite: async ({ page }, use) => {
    const offsite: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const local =
        url.protocol === 'data:' ||
        url.protocol === 'blob:' ||
        url.hostname === '127.0.0.1' ||
        url.hostname === 'localhost';
      if (local) return route.continue();
      offsite.push(route.request().url());
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(offsite);
    expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    expect(errors, 'uncaught page errors').toEqual([]);
  },
  app: async ({ page, offsite }, use) => {
    void offsite;
    await use(new LiverouteApp(page));
  },
});

/**
 * The same watch as the fixture, for another page of the test's context (a second tab): requests
 * beyond 127.0.0.1 are refused and listed, uncaught errors collected. Check both lists at the end.
 */
export async function watchPage(page: Page): Promise<{ offsite: string[]; errors: string[] }> {
  const watched = { offsite: [] as string[], errors: [] as string[] };
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local =
      url.protocol === 'data:' ||
      url.protocol === 'blob:' ||
      url.hostname === '127.0.0.1' ||
      url.hostname === 'localhost';
    if (local) return route.continue();
    watched.offsite.push(route.request().url());
    return route.abort();
  });
  page.on('pageerror', (e) => watched.errors.push(e.message));
  return watched;
}

export { expect };
