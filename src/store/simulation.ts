/**
 * The simulation of the design's migration: the engine runs in a worker (through the client) and
 * its summary is kept here with what the user looks at: the phase, the instant, and the speaker
 * whose route table is open. The rows of a speaker's tables stay in the worker's session: they
 * are asked for one speaker at one instant (`loadRows`) and kept here per instant shown. The design store drives it: every change that can change the routing re-runs
 * the engine after a pause (layout moves cannot, so they do not).
 */
import { createStore } from 'zustand/vanilla';
import { countOutcomes, PHASE_NAMES, type PhaseName, type Topology } from '../model';
import { CANCELLED, type EngineClient } from '../worker/client';
import type {
  Diagnostic,
  FlowReport,
  PhaseSummary,
  RowsAt,
  SimulationSummary,
  SpeakerTable,
  TableProgress,
} from '../worker/protocol';
import type { DesignStore } from './design';
import { instantAt, instantStates, phaseInstants, type InstantState } from './instants';
import { parseSelectionId, type UiStore } from './ui';

/** Felix's five phases, in order (DESIGN §7): the model's list, which the engine runs too. */
export const PHASES = PHASE_NAMES;
export type { PhaseName };

export type Outcome = FlowReport['outcome'];
export const OUTCOMES: readonly Outcome[] = ['delivered', 'blackhole', 'split', 'loop'];

/**
 * `running`: a result is on its way (the engine runs, or will after the pause that follows an edit).
 * `no-migration`: the design has no migration to simulate; its own findings are in `designFindings`.
 */
export type SimulationStatus = 'idle' | 'running' | 'ready' | 'error' | 'no-migration';

export interface SimulationState {
  readonly status: SimulationStatus;
  /** The last summary; kept while a newer run is under way so the canvas does not flicker. */
  readonly report: SimulationSummary | undefined;
  /**
   * The findings of a design without a migration (sessions, filters, priorities: they need no
   * VM); undefined when the design has a migration (its report holds them) or none were asked.
   */
  readonly designFindings: readonly Diagnostic[] | undefined;
  readonly error: string | undefined;
  readonly phase: PhaseName;
  /** The simulated time shown (ms on the report's clock). */
  readonly time: number;
  /** The timeline instant in force at `time` (index into report.timeline; -1: none). */
  readonly instant: number;
  /** The timeline plays: `tick` advances the time. */
  readonly playing: boolean;
  /** Playback speed, 0.25× to 4×. */
  readonly speed: number;
  /** The speaker whose route table is shown; undefined: none is. */
  readonly speaker: string | undefined;
  /** The current run has taken longer than `slowMs`: worth showing progress. */
  readonly slow: boolean;
  /** A speaker's whole table (every prefix), asked for by the route panel; dropped when the design changes. */
  readonly wholeTable: WholeTable | undefined;
  readonly loadWholeTable: (speaker: string) => Promise<void>;
  /** Stops computing the whole table (the route panel's Cancel). */
  readonly cancelWholeTable: () => void;
  /** Rows of speakers at instants of the current summary, by `rowsKey` (a few dozen kept). */
  readonly rows: ReadonlyMap<string, RowsEntry>;
  /** Asks the worker for a speaker's rows at the instant shown, unless they are here or on their way. */
  readonly loadRows: (speaker: string) => Promise<void>;
  /** Runs the engine on the current design now; resolves when its result (or a newer run) is in. */
  readonly run: () => Promise<void>;
  /** Shows a phase at its settled state (its last instant). */
  readonly selectPhase: (phase: PhaseName) => void;
  readonly stepPhase: (delta: 1 | -1) => void;
  /** Shows the state at a simulated time (scrubbing). */
  readonly setTime: (time: number) => void;
  /** Moves to the next or previous instant of the timeline. */
  readonly stepInstant: (delta: 1 | -1) => void;
  readonly play: () => void;
  readonly pause: () => void;
  readonly togglePlay: () => void;
  readonly setSpeed: (speed: number) => void;
  /** Advances a playing timeline by `wallMs` of real time (the animation loop calls it). */
  readonly tick: (wallMs: number) => void;
  readonly showRoutes: (speaker: string | undefined) => void;
  /** Stops following the design and drops pending timers. */
  readonly dispose: () => void;
}

export interface WholeTable {
  readonly speaker: string;
  readonly status: 'loading' | 'ready' | 'error' | 'cancelled';
  /** While loading: how many of the design's prefixes are converged (once the worker said). */
  readonly progress?: TableProgress;
  readonly table?: SpeakerTable;
  readonly error?: string;
}

export interface RowsEntry {
  readonly status: 'loading' | 'ready' | 'error';
  readonly rows?: RowsAt;
  readonly error?: string;
}

/** How many speaker-instant rows the store keeps (the panel's speaker across a played timeline, the inspector's). */
export const KEPT_ROWS = 64;

export interface SimulationOptions {
  /** A client of its own for whole tables, so that they do not cancel the simulation (and back). */
  readonly tableClient?: EngineClient;
  /** The pause after a design change before the engine re-runs. */
  readonly debounceMs?: number;
  /** How long a run may take before `slow` is set. */
  readonly slowMs?: number;
}

export const DEBOUNCE_MS = 300;
export const SLOW_MS = 300;
/** At 1×, one simulated millisecond lasts this long on screen: a 50 ms exchange plays in a second. */
export const WALL_MS_PER_SIM_MS = 20;
/** Playback holds this long (simulated) after a phase's last change before moving to the next phase. */
export const PHASE_HOLD_MS = 24;
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

/** The time and instant that show `phase` settled in `report` (its last instant). */
function settledView(
  report: SimulationSummary | undefined,
  phase: PhaseName,
): { time: number; instant: number } | undefined {
  const span = report ? phaseInstants(report, phase) : undefined;
  if (!report || !span) return undefined;
  return { time: (report.timeline[span.last] as { time: number }).time, instant: span.last };
}

/** The instant and phase at `time`. */
function viewAt(
  report: SimulationSummary,
  time: number,
  fallback: PhaseName,
): { time: number; instant: number; phase: PhaseName } {
  const instant = instantAt(report, time);
  const phase = (report.timeline[instant]?.phase as PhaseName | undefined) ?? fallback;
  return { time, instant, phase };
}

/** What of a design the engine reads: everything but the canvas layout and the prose. */
function simulationKey(doc: Topology): string {
  const { layout: _layout, ...spec } = doc.spec;
  return JSON.stringify([doc.metadata.name, spec]);
}

const isSpeaker = (doc: Topology, name: string) =>
  doc.spec.nodes.some((n) => n.name === name) || doc.spec.routers.some((r) => r.name === name);

export function createSimulationStore(design: DesignStore, client: EngineClient, options: SimulationOptions = {}) {
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const slowMs = options.slowMs ?? SLOW_MS;
  let latest = 0;
  let lastKey: string | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let slowTimer: ReturnType<typeof setTimeout> | undefined;
  const clear = (t: ReturnType<typeof setTimeout> | undefined) => t !== undefined && clearTimeout(t);

  const store = createStore<SimulationState>()((set, get) => ({
    status: 'idle',
    report: undefined,
    designFindings: undefined,
    error: undefined,
    phase: 'live',
    time: 0,
    instant: -1,
    playing: false,
    speed: 1,
    speaker: undefined,
    slow: false,
    wholeTable: undefined,
    loadWholeTable: async (speaker) => {
      const tables = options.tableClient;
      if (!tables?.table) return;
      const doc = design.getState().doc;
      const current = () => get().wholeTable?.speaker === speaker && design.getState().doc === doc;
      set({ wholeTable: { speaker, status: 'loading' } });
      const result = await tables.table(doc, speaker, {
        onProgress: (progress) =>
          current() &&
          get().wholeTable?.status === 'loading' &&
          set({ wholeTable: { speaker, status: 'loading', progress } }),
      });
      // Still the question asked (same speaker, same design)?
      if (!current() || get().wholeTable?.status !== 'loading') return;
      if (result.ok) set({ wholeTable: { speaker, status: 'ready', table: result.value } });
      else if (result.error === CANCELLED) set({ wholeTable: { speaker, status: 'cancelled' } });
      else set({ wholeTable: { speaker, status: 'error', error: result.error } });
    },
    cancelWholeTable: () => {
      const whole = get().wholeTable;
      if (whole?.status !== 'loading') return;
      set({ wholeTable: { speaker: whole.speaker, status: 'cancelled' } });
      options.tableClient?.cancelTable?.();
    },
    rows: new Map(),
    loadRows: async (speaker) => {
      const s = get();
      const key = rowsKey(s, speaker);
      if (!key || !s.report || !client.rows || s.rows.has(key)) return;
      const report = s.report;
      const keep = (entry: RowsEntry) => {
        if (get().report !== report) return;
        const rows = new Map(get().rows);
        rows.delete(key);
        rows.set(key, entry);
        while (rows.size > KEPT_ROWS) rows.delete(rows.keys().next().value as string);
        set({ rows });
      };
      keep({ status: 'loading' });
      const result = await client.rows(report.session, speaker, s.instant, s.phase);
      keep(result.ok ? { status: 'ready', rows: result.value } : { status: 'error', error: result.error });
    },
    run: async () => {
      clear(debounce);
      debounce = undefined;
      clear(slowTimer);
      const run = ++latest;
      const doc = design.getState().doc;
      lastKey = simulationKey(doc);
      if (!doc.spec.migration && !client.findings) {
        set({ status: 'no-migration', report: undefined, designFindings: undefined, error: undefined, slow: false });
        return;
      }
      set({ status: 'running', slow: false });
      slowTimer = setTimeout(() => run === latest && set({ slow: true }), slowMs);
      if (!doc.spec.migration && client.findings) {
        // Nothing to simulate, but the design's own findings need no VM.
        const found = await client.findings(doc);
        if (run !== latest) return;
        clear(slowTimer);
        if (found.ok)
          set({
            status: 'no-migration',
            report: undefined,
            designFindings: found.value,
            error: undefined,
            slow: false,
            playing: false,
          });
        else set({ status: 'error', report: undefined, designFindings: undefined, error: found.error, slow: false });
        return;
      }
      const result = await client.simulate(doc);
      // A newer run owns the state now; this result describes a design that is gone.
      if (run !== latest) return;
      clear(slowTimer);
      // A new result keeps the phase in view, at its settled state.
      if (result.ok)
        set({
          status: 'ready',
          report: result.value,
          rows: new Map(),
          designFindings: undefined,
          error: undefined,
          slow: false,
          playing: false,
          ...(settledView(result.value, get().phase) ?? { time: 0, instant: -1 }),
        });
      else set({ status: 'error', report: undefined, designFindings: undefined, error: result.error, slow: false });
    },
    selectPhase: (phase) => set({ phase, playing: false, ...(settledView(get().report, phase) ?? {}) }),
    stepPhase: (delta) => {
      const i = PHASES.indexOf(get().phase) + delta;
      get().selectPhase(PHASES[Math.min(PHASES.length - 1, Math.max(0, i))] as PhaseName);
    },
    setTime: (time) => {
      const report = get().report;
      if (report) set({ ...viewAt(report, time, get().phase), playing: false });
    },
    stepInstant: (delta) => {
      const report = get().report;
      if (!report || report.timeline.length === 0) return;
      const i = Math.min(report.timeline.length - 1, Math.max(0, get().instant + delta));
      set({ ...viewAt(report, (report.timeline[i] as { time: number }).time, get().phase), playing: false });
    },
    play: () => {
      const report = get().report;
      if (!report || report.timeline.length === 0) return;
      const last = report.timeline[report.timeline.length - 1] as { time: number };
      // At the end: play again from the start.
      if (get().time >= last.time)
        set({ ...viewAt(report, (report.timeline[0] as { time: number }).time, get().phase), playing: true });
      else set({ playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    setSpeed: (speed) => set({ speed: Math.min(4, Math.max(0.25, speed)) }),
    tick: (wallMs) => {
      const { report, playing, speed, time, phase } = get();
      if (!playing || !report) return;
      let next = time + (wallMs * speed) / WALL_MS_PER_SIM_MS;
      const span = phaseInstants(report, phase);
      const end = span ? (report.timeline[span.last] as { time: number }).time + PHASE_HOLD_MS : next;
      if (next > end) {
        // Between phases nothing happens for a while (Felix's timers): jump to the next trigger.
        const following = report.timeline.find((i) => i.time > end);
        if (!following) return set({ ...viewAt(report, end, phase), playing: false });
        next = following.time;
      }
      set(viewAt(report, next, phase));
    },
    showRoutes: (speaker) => set({ speaker }),
    dispose: () => {
      unsubscribe();
      clear(debounce);
      clear(slowTimer);
      latest++;
    },
  }));

  const unsubscribe = design.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    const speaker = store.getState().speaker;
    if (speaker !== undefined && !isSpeaker(s.doc, speaker)) store.setState({ speaker: undefined });
    if (store.getState().wholeTable) {
      // The table describes a design that is gone: stop computing it.
      if (store.getState().wholeTable?.status === 'loading') options.tableClient?.cancelTable?.();
      store.setState({ wholeTable: undefined });
    }
    // Back to the design last run, with no other run pending: nothing to do.
    if (simulationKey(s.doc) === lastKey && debounce === undefined) return;
    // The run in flight (if any) describes a design that is gone: its result must not be applied.
    latest++;
    clear(debounce);
    store.setState({ status: 'running' });
    debounce = setTimeout(() => void store.getState().run(), debounceMs);
  });

  return store;
}

export type SimulationStore = ReturnType<typeof createSimulationStore>;

/**
 * While a route table is open, it follows the canvas: selecting one node or router shows its
 * table. Returns the unsubscribe function.
 */
export function followSelection(ui: UiStore, design: DesignStore, simulation: SimulationStore): () => void {
  return ui.subscribe((s, prev) => {
    if (s.selection === prev.selection || s.selection.length !== 1 || simulation.getState().speaker === undefined)
      return;
    const sel = parseSelectionId(s.selection[0] as string);
    if (sel.kind === 'element' && isSpeaker(design.getState().doc, sel.name))
      simulation.getState().showRoutes(sel.name);
  });
}

/* Selectors: what the views read from the report. */

/** The findings on show: the report's, or those of a design without a migration. */
export function findingsOf(s: Pick<SimulationState, 'report' | 'designFindings'>): readonly Diagnostic[] | undefined {
  return s.report?.diagnostics ?? s.designFindings;
}

/** Whether the findings on show describe the current design (no run is under way). */
export function findingsCurrent(s: Pick<SimulationState, 'status' | 'designFindings'>): boolean {
  return s.status === 'ready' || (s.status === 'no-migration' && s.designFindings !== undefined);
}

export function currentPhase(s: Pick<SimulationState, 'report' | 'phase'>): PhaseSummary | undefined {
  return s.report?.phases.find((p) => p.name === s.phase);
}

/** The state at the instant shown, if the report has a timeline. */
export function currentInstant(s: Pick<SimulationState, 'report' | 'instant'>): InstantState | undefined {
  return s.report && s.instant >= 0 ? instantStates(s.report)[s.instant] : undefined;
}

// Every card asks for its own flow on every store change: index each phase's flows once.
const phaseFlows = new WeakMap<PhaseSummary, ReadonlyMap<string, FlowReport>>();

/** Every client's flow at the instant shown (or, without a timeline, in the phase's settled state). Stable per instant. */
export function shownFlows(
  s: Pick<SimulationState, 'report' | 'phase' | 'instant'>,
): ReadonlyMap<string, FlowReport> | undefined {
  const instant = currentInstant(s);
  if (instant) return instant.flows;
  const phase = currentPhase(s);
  if (!phase) return undefined;
  let flows = phaseFlows.get(phase);
  if (!flows) {
    flows = new Map(phase.flows.map((f) => [f.client, f]));
    phaseFlows.set(phase, flows);
  }
  return flows;
}

/** The client's flow at the instant shown (or, without a timeline, in the selected phase's settled state). */
export function flowOf(
  s: Pick<SimulationState, 'report' | 'phase' | 'instant'>,
  client: string,
): FlowReport | undefined {
  return shownFlows(s)?.get(client);
}

/** The client's outcome in the selected phase; undefined when it is no client or there is no report. */
export function outcomeOf(
  s: Pick<SimulationState, 'report' | 'phase' | 'instant'>,
  client: string,
): Outcome | undefined {
  return flowOf(s, client)?.outcome;
}

/** The node that runs the VM at the instant shown. */
export function vmHostOf(s: Pick<SimulationState, 'report' | 'phase' | 'instant'>): string | undefined {
  return currentInstant(s)?.vmHost ?? currentPhase(s)?.vmHost;
}

export type Verdict = Readonly<Record<Outcome, number>>;

/** How many clients end each way in a phase. */
export function verdictOf(phase: Pick<PhaseSummary, 'flows'>): Verdict {
  return countOutcomes(phase.flows);
}

/** "4 delivered, 1 blackhole": the outcomes that have clients, in display order. */
export function describeVerdict(v: Verdict): string {
  return OUTCOMES.filter((o) => v[o] > 0)
    .map((o) => `${v[o]} ${o}`)
    .join(', ');
}

/** The phase at a glance: `ok` every client delivered, `bad` some client gets nothing, `partial` only splits. */
export function verdictTone(v: Verdict): 'ok' | 'partial' | 'bad' {
  if (v.blackhole + v.loop > 0) return 'bad';
  return v.split > 0 ? 'partial' : 'ok';
}

/** The key of a speaker's rows at the instant shown (or the phase's settled state without a timeline). */
export function rowsKey(s: Pick<SimulationState, 'report' | 'phase' | 'instant'>, speaker: string): string | undefined {
  if (!s.report) return undefined;
  return `${s.report.session}|${speaker}|${s.instant}|${s.instant < 0 ? s.phase : ''}`;
}

/** A speaker's rows at the instant shown, if they are here (see `loadRows`). */
export function rowsOf(
  s: Pick<SimulationState, 'report' | 'phase' | 'instant' | 'rows'>,
  speaker: string,
): RowsEntry | undefined {
  const key = rowsKey(s, speaker);
  return key === undefined ? undefined : s.rows.get(key);
}
