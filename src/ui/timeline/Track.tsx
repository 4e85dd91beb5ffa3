/**
 * The track of the timeline: one segment per phase (its verdict, its events as ticks, the
 * clients' outcome as a strip), the quiet breaks between them, and the cursor. The whole track is
 * one slider: click or drag to scrub, arrow keys to step from instant to instant.
 */
import { Fragment, memo, useMemo, useRef } from 'react';
import { instantStates } from '../../store/instants';
import { OUTCOMES, verdictOf, verdictTone, type Outcome } from '../../store/simulation';
import type { EventReport, SimulationSummary } from '../../worker/protocol';
import { useSimulation, useStores } from '../context';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../sim/outcome';
import { axisOf, formatGap, positionOf, timeAt, type Segment } from './axis';
import { formatMs, timeLabel } from './describe';

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;
/** Outcomes from worst to best: a strip interval shows the worst among the clients. */
const SEVERITY: readonly Outcome[] = ['blackhole', 'loop', 'split', 'delivered'];

function worst(outcomes: Iterable<Outcome>): Outcome {
  const seen = new Set(outcomes);
  return SEVERITY.find((o) => seen.has(o)) ?? 'delivered';
}

/** The icon standing for a whole phase: the worst outcome any client has when it has settled. */
function phaseIcon(v: Record<Outcome, number>): Outcome {
  return worst(OUTCOMES.filter((o) => v[o] > 0));
}

interface Tick {
  readonly time: number;
  readonly kind: 'update' | 'withdraw' | 'tables';
  readonly arrive: number | undefined;
  readonly title: string;
}

/** A tooltip lists this many lines at most (a data-center fabric sends thousands at once). */
const TITLE_LINES = 12;

/** The first lines of a group of `total`, and how many more there are. */
function listed(lines: readonly string[], total: number): string {
  const more = total - TITLE_LINES;
  return more > 0 ? `${lines.slice(0, TITLE_LINES).join('\n')}\n… and ${more} more` : lines.join('\n');
}

/** One tick per send time and kind, one mark per time the tables change; the title says what. */
function ticksOf(seg: Segment): Tick[] {
  const groups = new Map<string, EventReport[]>();
  for (const e of seg.events) {
    const kind = e.kind === 'rib' || e.kind === 'fib' ? 'tables' : e.kind;
    const k = `${e.time}|${kind}`;
    const group = groups.get(k);
    if (group) group.push(e);
    else groups.set(k, [e]);
  }
  return [...groups.values()].map((g) => {
    const e = g[0] as EventReport;
    const at = `+${e.time - seg.start} ms`;
    const shown = g.slice(0, TITLE_LINES);
    if (e.kind === 'rib' || e.kind === 'fib') {
      const lines = shown.map((x) => `${x.kind.toUpperCase()} ${x.speaker}: ${x.prefix}`);
      return {
        time: e.time,
        kind: 'tables',
        arrive: undefined,
        title: `${at} tables change\n${listed(lines, g.length)}`,
      };
    }
    const lines = shown.map((x) => `${x.from} → ${x.to}: ${x.prefix}`);
    return {
      time: e.time,
      kind: e.kind as 'update' | 'withdraw',
      arrive: e.arrive,
      title: `${at} ${e.kind.toUpperCase()} sent (arrives +${(e.arrive ?? e.time) - seg.start} ms)\n${listed(lines, g.length)}`,
    };
  });
}

interface Interval {
  readonly from: number;
  readonly to: number;
  readonly outcome: Outcome;
  readonly title: string;
}

/** The clients' worst outcome between consecutive instants of the phase. */
function strip(report: SimulationSummary, seg: Segment): Interval[] {
  const states = instantStates(report).filter((s) => s.phase === seg.phase);
  return states.map((s, k) => {
    const to = states[k + 1]?.time ?? seg.end;
    const counts = SEVERITY.map(
      (o) => [o, [...s.flows.values()].filter((f) => f.outcome === o).length] as const,
    ).filter(([, n]) => n > 0);
    const outcome = worst([...s.flows.values()].map((f) => f.outcome));
    const what = counts.map(([o, n]) => `${OUTCOME_ICON[o]} ${n} ${OUTCOME_LABEL[o]}`).join(', ');
    return { from: s.time, to, outcome, title: `+${s.time - seg.start} to +${to - seg.start} ms: ${what}` };
  });
}

/** The transients of a phase for a tooltip, the longest first, a dozen at most. */
function transientList(transients: SimulationSummary['transients']): string {
  const sorted = [...transients].sort((a, b) => b.blackholeMs - a.blackholeMs);
  const more = sorted.length - TITLE_LINES;
  return (
    sorted
      .slice(0, TITLE_LINES)
      .map((t) => `${t.client} ${t.blackholeMs} ms`)
      .join(', ') + (more > 0 ? ` and ${more} more` : '')
  );
}

const SegmentView = memo(function SegmentView({
  report,
  seg,
  current,
}: {
  report: SimulationSummary;
  seg: Segment;
  current: boolean;
}) {
  const phase = report.phases.find((p) => p.name === seg.phase);
  const verdict = phase ? verdictOf(phase) : undefined;
  const tone = verdict ? verdictTone(verdict) : undefined;
  const icon = verdict ? phaseIcon(verdict) : undefined;
  const ticks = useMemo(() => ticksOf(seg), [seg]);
  const intervals = useMemo(() => strip(report, seg), [report, seg]);
  const transients = report.transients.filter((t) => t.phase === seg.phase);
  const longest = Math.max(0, ...transients.map((t) => t.blackholeMs));
  const x = (t: number) => pct((t - seg.start) / (seg.end - seg.start));
  const bad = verdict ? OUTCOMES.filter((o) => o !== 'delivered' && verdict[o] > 0) : [];
  return (
    <div
      className={`tl-segment${current ? ' current' : ''}${tone ? ` tone-${tone}` : ''}`}
      style={{ left: pct(seg.left), width: pct(seg.width) }}
      data-testid={`timeline-segment-${seg.phase}`}
      data-phase={seg.phase}
    >
      <div className="tl-seg-head" title={phase?.trigger}>
        {icon && <span className={`tl-verdict ${icon}`}>{OUTCOME_ICON[icon]}</span>}
        <span className="tl-seg-name">{seg.phase}</span>
        {verdict &&
          bad.map((o) => (
            <span
              key={o}
              className={`tl-count ${o}`}
              title={`${verdict[o]} client${verdict[o] === 1 ? '' : 's'} ${OUTCOME_LABEL[o]} once settled`}
            >
              {verdict[o]} {OUTCOME_LABEL[o]}
            </span>
          ))}
        {longest > 0 && (
          <span
            className="tl-transient"
            title={`Transient blackholes while the routes converge: ${transientList(transients)}`}
          >
            ✕≤{longest} ms
          </span>
        )}
      </div>
      <div className="tl-lane">
        <div className="tl-axis" />
        {seg.settledAt > seg.start && (
          <div
            className="tl-settle"
            style={{ left: x(seg.settledAt) }}
            title={`settled at +${seg.settledAt - seg.start} ms`}
          />
        )}
        {ticks.map((t) =>
          t.kind === 'tables' ? (
            <span key={`${t.time}-t`} className="tl-mark" style={{ left: x(t.time) }} title={t.title} />
          ) : (
            <Fragment key={`${t.time}-${t.kind}`}>
              {/* The message on the wire, from sending to arrival. */}
              {t.arrive !== undefined && (
                <span
                  className={`tl-transit ${t.kind}`}
                  style={{ left: x(t.time), width: `calc(${x(Math.min(t.arrive, seg.end))} - ${x(t.time)})` }}
                />
              )}
              <span className={`tl-tick ${t.kind}`} style={{ left: x(t.time) }} title={t.title} />
            </Fragment>
          ),
        )}
        {intervals.map((i) => (
          <span
            key={i.from}
            className={`tl-strip ${i.outcome}`}
            style={{ left: x(i.from), width: `calc(${x(i.to)} - ${x(i.from)})` }}
            title={i.title}
          />
        ))}
      </div>
      <div className="tl-seg-foot">
        {formatMs(seg.start)} · settles +{seg.settledAt - seg.start} ms
      </div>
    </div>
  );
});

/** The instant's clients, counted by outcome: for the slider's spoken value. */
function verdictText(report: SimulationSummary, instant: number): string {
  const s = instant >= 0 ? instantStates(report)[instant] : undefined;
  if (!s) return 'no routes yet';
  const flows = [...s.flows.values()];
  return SEVERITY.map((o) => [o, flows.filter((f) => f.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${OUTCOME_LABEL[o]}`)
    .join(', ');
}

export function Track({ report }: { report: SimulationSummary }) {
  const stores = useStores();
  const time = useSimulation((s) => s.time);
  const instant = useSimulation((s) => s.instant);
  const axis = axisOf(report);
  const ref = useRef<HTMLDivElement>(null);
  const scrubbing = useRef(false);
  const label = timeLabel(report, time);
  const first = axis.segments[0];
  const last = axis.segments[axis.segments.length - 1];

  const scrubTo = (clientX: number) => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    stores.simulation.getState().setTime(timeAt(axis, Math.min(1, Math.max(0, (clientX - box.left) / box.width))));
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const sim = stores.simulation.getState();
    const lastInstant = report.timeline.length - 1;
    const jump = (i: number) => sim.setTime((report.timeline[i] as { time: number }).time);
    const actions: Record<string, (() => void) | undefined> = {
      // Shift+arrow: one simulated millisecond, to watch a message cross a link.
      ArrowLeft: () =>
        e.shiftKey ? sim.setTime(Math.max(first?.start ?? 0, Math.round(time) - 1)) : sim.stepInstant(-1),
      ArrowRight: () => (e.shiftKey ? sim.setTime(Math.min(last?.end ?? 0, Math.round(time) + 1)) : sim.stepInstant(1)),
      ArrowDown: () => sim.stepInstant(-1),
      ArrowUp: () => sim.stepInstant(1),
      Home: () => lastInstant >= 0 && jump(0),
      End: () => lastInstant >= 0 && jump(lastInstant),
      PageUp: () => sim.stepPhase(-1),
      PageDown: () => sim.stepPhase(1),
    };
    const act = actions[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  return (
    <div
      ref={ref}
      className="tl-track"
      role="slider"
      tabIndex={0}
      aria-label="Simulated time (arrows: previous and next event; Shift+arrows: 1 ms; Page Up and Down: phase)"
      aria-valuemin={first?.start ?? 0}
      aria-valuemax={last?.end ?? 0}
      aria-valuenow={Math.round(time)}
      aria-valuetext={label ? `${label.text} (${formatMs(time)}): ${verdictText(report, instant)}` : formatMs(time)}
      data-testid="timeline-track"
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        scrubbing.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.focus();
        scrubTo(e.clientX);
      }}
      onPointerMove={(e) => scrubbing.current && scrubTo(e.clientX)}
      onPointerUp={() => void (scrubbing.current = false)}
      onPointerCancel={() => void (scrubbing.current = false)}
    >
      {axis.segments.map((seg) => (
        <SegmentView key={seg.phase} report={report} seg={seg} current={seg.phase === label?.phase} />
      ))}
      {axis.breaks.map((b, k) => (
        <div
          key={k}
          className="tl-break"
          style={{ left: pct(b.left), width: pct(b.width) }}
          title={`nothing happens for ${formatGap(b.ms)}`}
        >
          <span>{formatGap(b.ms)}</span>
        </div>
      ))}
      <div className="tl-cursor" data-testid="timeline-cursor" style={{ left: pct(positionOf(axis, time)) }} />
    </div>
  );
}
