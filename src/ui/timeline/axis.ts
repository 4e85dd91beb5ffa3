/**
 * The timeline's horizontal axis. A run spans ~33 s of simulated time, but everything happens in
 * a few tens of milliseconds after each phase starts (Felix's timers leave long quiet gaps), so a
 * linear axis would squeeze each phase into a pixel. Instead every phase gets its own segment of
 * roughly equal width, linear inside, and the quiet gaps between segments are drawn as short
 * breaks labelled with their length. Positions are fractions of the track (0 left, 1 right).
 */
import { PHASE_HOLD_MS } from '../../store/simulation';
import type { EventReport, SimulationSummary } from '../../worker/protocol';

/** A phase where nothing is exchanged still gets this much simulated time to show its trigger. */
export const MIN_SPAN_MS = 24;
/** The break between two segments, as a fraction of the track. */
export const GAP = 0.035;
/** The narrowest segment, relative to the widest: short phases stay readable. */
const MIN_WEIGHT = 0.6;

export interface Segment {
  readonly phase: string;
  /** Simulated ms: the phase's trigger. */
  readonly start: number;
  readonly settledAt: number;
  /** Simulated ms: where the segment ends (settled, plus the hold playback keeps). */
  readonly end: number;
  /** Fractions of the track. */
  readonly left: number;
  readonly width: number;
  /** The events of this phase, by time. */
  readonly events: readonly EventReport[];
}

export interface Break {
  readonly left: number;
  readonly width: number;
  /** From the earlier phase settling to the next one starting: the quiet simulated time. */
  readonly ms: number;
}

export interface Axis {
  readonly segments: readonly Segment[];
  readonly breaks: readonly Break[];
}

const cache = new WeakMap<SimulationSummary, Axis>();

/** The segments of a report, one per phase, in order. */
export function axisOf(report: SimulationSummary): Axis {
  const hit = cache.get(report);
  if (hit) return hit;
  const lastInstant = new Map<string, number>();
  for (const i of report.timeline) lastInstant.set(i.phase, i.time);
  const spans = report.phases.map((p) => {
    // Playback holds PHASE_HOLD_MS after the phase's last instant; the segment shows the same.
    const last = Math.max(p.settledAt, lastInstant.get(p.name) ?? p.start, p.start + MIN_SPAN_MS);
    return { phase: p.name, start: p.start, settledAt: p.settledAt, end: last + PHASE_HOLD_MS };
  });
  const longest = Math.max(1, ...spans.map((s) => s.end - s.start));
  const weights = spans.map((s) => MIN_WEIGHT + (1 - MIN_WEIGHT) * ((s.end - s.start) / longest));
  const total = weights.reduce((a, b) => a + b, 0);
  const room = 1 - GAP * Math.max(0, spans.length - 1);
  const segments: Segment[] = [];
  const breaks: Break[] = [];
  let left = 0;
  spans.forEach((s, k) => {
    const width = (room * (weights[k] as number)) / total;
    const next = spans[k + 1];
    const events = report.events.filter((e) => e.time >= s.start && (next === undefined || e.time < next.start));
    segments.push({ ...s, left, width, events });
    left += width;
    if (next) {
      breaks.push({ left, width: GAP, ms: next.start - s.settledAt });
      left += GAP;
    }
  });
  const axis = { segments, breaks };
  cache.set(report, axis);
  return axis;
}

/** Where a simulated time sits on the track; a time in a quiet gap sits at the end of the segment before it. */
export function positionOf(axis: Axis, time: number): number {
  let at = 0;
  for (const s of axis.segments) {
    if (time < s.start) return at;
    if (time <= s.end) return s.left + (s.width * (time - s.start)) / (s.end - s.start);
    at = s.left + s.width;
  }
  return at;
}

/** The simulated time at a track position (scrubbing): in a break, the nearer segment edge. Whole ms. */
export function timeAt(axis: Axis, position: number): number {
  const segs = axis.segments;
  const first = segs[0];
  if (!first) return 0;
  for (const [k, s] of segs.entries()) {
    if (position <= s.left + s.width) {
      if (position >= s.left) return Math.round(s.start + ((position - s.left) / s.width) * (s.end - s.start));
      // In the break before s: snap to the nearer side.
      const prev = segs[k - 1];
      if (!prev) return s.start;
      return position - (prev.left + prev.width) < s.left - position ? prev.end : s.start;
    }
  }
  return (segs[segs.length - 1] as Segment).end;
}

/** The segment a time falls in (a time in a gap: the segment before it). */
export function segmentAt(axis: Axis, time: number): Segment | undefined {
  let found: Segment | undefined;
  for (const s of axis.segments) if (s.start <= time) found = s;
  return found;
}

/** `1 s`, `30 s`, `250 ms`: a quiet gap's length. */
export function formatGap(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
  return `${Math.round(ms)} ms`;
}
