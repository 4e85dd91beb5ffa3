/**
 * The timeline under the canvas: playback controls, the simulated time, the track of the five
 * phases with their events, and what happens at the time shown. While playing, an animation
 * frame loop advances the store's time; each frame is a cheap store update, so input is never
 * blocked by the animation.
 */
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { SPEEDS, type SimulationStore } from '../../store/simulation';
import type { SimulationSummary } from '../../worker/protocol';
import { useSimulation, useStores } from '../context';
import { axisOf } from './axis';
import { describeNow, formatMs, timeLabel } from './describe';
import { migrateDialog, openMigrateDialog } from './migrate';
import { NextIcon, PauseIcon, PlayIcon, PrevIcon } from './icons';
import './timeline.css';

// Loaded when first opened: not part of the first screen.
// The track draws a report: it loads while the first one is computed, not with the app (the initial-JS budget).
const Track = lazy(() => import('./Track').then((m) => ({ default: m.Track })));
const MigrateDialog = lazy(() => import('./MigrateDialog').then((m) => ({ default: m.MigrateDialog })));

/** A frame longer than this (a hidden tab, a breakpoint) counts as this much: playback never leaps. */
const MAX_FRAME_MS = 100;

function usePlayback(simulation: SimulationStore): void {
  const playing = useSimulation((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      simulation.getState().tick(Math.min(MAX_FRAME_MS, Math.max(0, now - last)));
      last = now;
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, simulation]);
}

/** The widest the time and its absolute value get in this report, in characters. */
function timeWidths(report: SimulationSummary): { time: number; abs: number } {
  const segments = axisOf(report).segments;
  const time = Math.max(0, ...segments.map((s) => `${s.phase} +${Math.round(s.end - s.start)} ms`.length));
  return { time, abs: `t = ${formatMs(segments[segments.length - 1]?.end ?? 0)}`.length };
}

/**
 * Text that changes every frame while playing, in a box of fixed size (the widest it gets): its
 * own relayout boundary. Otherwise each change lays out the whole document, the canvas with
 * thousands of cards included (about 8 ms a frame at 32 × 32 racks).
 */
function Fixed({ chars, children }: { chars: number; children: ReactNode }) {
  return (
    <span className="tl-fixed" style={{ width: `${chars}ch` }}>
      {children}
    </span>
  );
}

function Controls({ report }: { report: SimulationSummary | undefined }) {
  const stores = useStores();
  const sim = stores.simulation;
  const playing = useSimulation((s) => s.playing);
  const speed = useSimulation((s) => s.speed);
  const time = useSimulation((s) => s.time);
  const instant = useSimulation((s) => s.instant);
  const busy = useSimulation((s) => s.status === 'running' && s.slow);
  const label = report ? timeLabel(report, time) : undefined;
  const widths = useMemo(() => (report ? timeWidths(report) : undefined), [report]);
  const none = !report || report.timeline.length === 0;
  const lastInstant = report ? report.timeline.length - 1 : -1;
  return (
    <div className="tl-box">
      <div className="tl-controls">
        <button
          type="button"
          className="tl-btn"
          data-testid="timeline-prev"
          disabled={none || instant <= 0}
          aria-label="Previous event"
          title="Previous event (←)"
          onClick={() => sim.getState().stepInstant(-1)}
        >
          <PrevIcon />
        </button>
        <button
          type="button"
          className={`tl-btn tl-play${playing ? ' on' : ''}`}
          data-testid="timeline-play"
          data-playing={playing}
          disabled={none}
          aria-label={playing ? 'Pause' : 'Play'}
          title={`${playing ? 'Pause' : 'Play'} (Space)`}
          onClick={() => sim.getState().togglePlay()}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          className="tl-btn"
          data-testid="timeline-next"
          disabled={none || instant >= lastInstant}
          aria-label="Next event"
          title="Next event (→)"
          onClick={() => sim.getState().stepInstant(1)}
        >
          <NextIcon />
        </button>
        <label className="tl-speed">
          <span className="sr-only">Playback speed</span>
          <select
            value={speed}
            data-testid="timeline-speed"
            onChange={(e) => sim.getState().setSpeed(Number(e.target.value))}
            title="Playback speed"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <output className="tl-time" data-testid="timeline-time" aria-live="off">
          {label && widths ? <Fixed chars={widths.time}>{label.text}</Fixed> : '—'}
        </output>
        {label && widths && (
          <span className="tl-abs muted">
            <Fixed chars={widths.abs}>t = {formatMs(time)}</Fixed>
          </span>
        )}
        {busy && (
          <span className="tl-busy" role="status">
            <span className="spinner" aria-hidden="true" />
            Simulating…
          </span>
        )}
        {/* Each key stays whole; on a narrow timeline they wrap to a second line rather than being cut. */}
        <span className="tl-legend" aria-hidden="true">
          <span>
            <span className="tl-key update" /> UPDATE
          </span>
          <span>
            <span className="tl-key withdraw" /> WITHDRAW
          </span>
          <span>
            <span className="tl-key tables" /> RIB/FIB change
          </span>
          <span>
            <span className="tl-key strip" />
            <span className="tl-key strip delivered" /> worst client outcome
          </span>
        </span>
        <button
          type="button"
          className="btn tl-migrate"
          data-testid="migrate-open"
          onClick={() => openMigrateDialog(stores)}
          title="Pick the VM and the node it migrates to"
        >
          ⇄ Migrate…
        </button>
      </div>
    </div>
  );
}

/**
 * The line holds two lines of text: more items than this are never seen (a fabric-wide burst has
 * hundreds in flight), so they are not put in the page, only in the hover text.
 */
const MAX_NOW_ITEMS = 12;

function Now({ report }: { report: SimulationSummary }) {
  const time = useSimulation((s) => s.time);
  const instant = useSimulation((s) => s.instant);
  const items = describeNow(report, time, instant);
  const text = items.map((i) => i.text).join(' · ');
  return (
    <div className="tl-box">
      <div className="tl-now" data-testid="timeline-now" title={text}>
        {items.slice(0, MAX_NOW_ITEMS).map((i, k) => (
          <span key={k} className={`tl-now-item ${i.kind}${i.outcome ? ` ${i.outcome}` : ''}`}>
            {i.text}
          </span>
        ))}
      </div>
    </div>
  );
}

export function Timeline() {
  const stores = useStores();
  const report = useSimulation((s) => s.report);
  const status = useSimulation((s) => s.status);
  const stale = useSimulation((s) => s.slow && s.status === 'running');
  usePlayback(stores.simulation);
  const migrateOpen = useStore(migrateDialog(stores), (s) => s.open);

  let placeholder: string | undefined;
  if (!report) {
    if (status === 'no-migration')
      placeholder = 'No migration to simulate: pick a VM and its target node with Migrate….';
    else if (status === 'error') placeholder = 'The simulation failed (see the phase bar): no timeline.';
    else placeholder = 'Simulating…';
  }
  return (
    <section className={`timeline${stale ? ' stale' : ''}`} aria-label="Migration timeline" data-testid="timeline">
      <Controls report={report} />
      {report ? (
        <>
          <Suspense fallback={<div className="tl-track" aria-busy="true" />}>
            <Track report={report} />
          </Suspense>
          <Now report={report} />
        </>
      ) : (
        <p className="tl-placeholder muted">{placeholder}</p>
      )}
      {migrateOpen && (
        <Suspense fallback={null}>
          <MigrateDialog />
        </Suspense>
      )}
    </section>
  );
}
