/**
 * Which packet paths the canvas draws and how they are laid out: the clients `pathsFrom` asks
 * for, every path of each as hop-to-hop segments, and for each segment a lane beside the link
 * (so that paths sharing a link stay apart instead of painting over each other). Pure.
 */
import type { PathsFrom } from '../../../store/ui';
import type { FlowReport } from '../../../worker/protocol';

export type PathEnd = FlowReport['pathEnds'][number]['end'];

/** With more clients than this, "all" draws only the paths that fail (the delivered rest would be a wall of lines). */
export const ALL_CLIENTS_LIMIT = 24;
/** Never more clients' paths than this at once. */
export const MAX_DRAWN_FLOWS = 60;

export interface PathChoice {
  readonly flows: readonly FlowReport[];
  /** Clients left out: delivered ones when there are too many clients, and any beyond the cap. */
  readonly hidden: number;
  /** What is drawn: a `pathsFrom` naming a client that is gone falls back to all. */
  readonly mode: 'all' | 'none' | 'one';
}

const byClient = (a: FlowReport, b: FlowReport) => (a.client < b.client ? -1 : a.client > b.client ? 1 : 0);

export function choosePaths(flows: ReadonlyMap<string, FlowReport> | undefined, pathsFrom: PathsFrom): PathChoice {
  if (!flows || pathsFrom === 'none') return { flows: [], hidden: 0, mode: 'none' };
  const one = pathsFrom === 'all' ? undefined : flows.get(pathsFrom);
  if (one) return { flows: [one], hidden: 0, mode: 'one' };
  const all = [...flows.values()].sort(byClient);
  const wanted = all.length <= ALL_CLIENTS_LIMIT ? all : all.filter((f) => f.outcome !== 'delivered');
  const drawn = wanted.slice(0, MAX_DRAWN_FLOWS);
  return { flows: drawn, hidden: all.length - drawn.length, mode: 'all' };
}

export interface PlannedSegment {
  readonly from: string;
  readonly to: string;
  /** Its lane among the drawn segments on this link in this direction (0 nearest the link). */
  readonly lane: number;
  readonly lanes: number;
}

export interface PlannedPath {
  readonly client: string;
  readonly index: number;
  readonly hops: readonly string[];
  readonly end: PathEnd;
  readonly why: string;
  readonly fraction: number;
  readonly segments: readonly PlannedSegment[];
  /** Where the path ends: the VM's host, the hop that drops the packet, or the speaker a loop returns to. */
  readonly endHop: string;
}

export interface PlannedFlow {
  readonly client: string;
  readonly outcome: FlowReport['outcome'];
  readonly paths: readonly PlannedPath[];
}

const directed = (from: string, to: string) => `${from}\u0000${to}`;

/** Every drawn path's segments with their lanes. Lanes are given in client order, then path order. */
export function planPaths(flows: readonly FlowReport[]): PlannedFlow[] {
  const lanesOn = new Map<string, number>();
  const planned = flows.map((f) => ({
    client: f.client,
    outcome: f.outcome,
    paths: f.paths.map((hops, index) => {
      const end = f.pathEnds[index] ?? { end: 'blackhole' as const, why: 'unknown', fraction: 0 };
      const segments = hops.slice(1).map((to, i) => {
        const from = hops[i] as string;
        const key = directed(from, to);
        const lane = lanesOn.get(key) ?? 0;
        lanesOn.set(key, lane + 1);
        return { from, to, lane, lanes: 0 };
      });
      return {
        client: f.client,
        index,
        hops,
        end: end.end,
        why: end.why,
        fraction: end.fraction,
        segments,
        endHop: hops[hops.length - 1] ?? f.client,
      };
    }),
  }));
  // Second pass: now every link knows how many lanes it carries.
  return planned.map((f) => ({
    ...f,
    paths: f.paths.map((p) => ({
      ...p,
      segments: p.segments.map((s) => ({ ...s, lanes: lanesOn.get(directed(s.from, s.to)) ?? 1 })),
    })),
  }));
}

export interface EndMark {
  readonly key: string;
  readonly end: Exclude<PathEnd, 'delivered'>;
  /** The hop that drops the packets (or that a loop returns to). */
  readonly hop: string;
  /** The hop before it; undefined when the client drops its own packets. */
  readonly from: string | undefined;
  readonly paths: readonly PlannedPath[];
}

/**
 * One ✕ or ↻ per hop where paths fail, per way in: paths that all arrive from the same hop and
 * fail the same way share one mark (three clients blackholed at one node is one place to look).
 */
export function endMarks(plan: readonly PlannedFlow[]): EndMark[] {
  const marks = new Map<string, { end: EndMark['end']; hop: string; from: string | undefined; paths: PlannedPath[] }>();
  for (const f of plan)
    for (const p of f.paths) {
      if (p.end === 'delivered') continue;
      const from = p.segments[p.segments.length - 1]?.from;
      const key = `${from ?? ''}>${p.endHop}|${p.end}`;
      const mark = marks.get(key) ?? { end: p.end, hop: p.endHop, from, paths: [] };
      mark.paths.push(p);
      marks.set(key, mark);
    }
  return [...marks].map(([key, m]) => ({ key, ...m }));
}

/** The hover text of a mark: who is affected where, and why. */
export function markTitle(m: EndMark): string {
  const clients = [...new Set(m.paths.map((p) => p.client))];
  const what =
    m.end === 'loop'
      ? `↻ the packets of ${clients.join(', ')} loop back to ${m.hop}`
      : `✕ ${m.hop} drops the packets of ${clients.join(', ')}`;
  return [what, ...new Set(m.paths.map((p) => p.why))].join('\n');
}

/** The nearest lane keeps clear of the session edge drawn on the link itself. */
export const LANE_BASE = 6;
export const LANE_SPACING = 4;
/** However many paths share a link, their band stays this wide. */
export const LANE_BAND = 14;

/** How far right of the link (in its direction of travel) a lane runs, in flow units. */
export function laneOffset(lane: number, lanes: number): number {
  const spacing = lanes > 1 ? Math.min(LANE_SPACING, LANE_BAND / (lanes - 1)) : 0;
  return LANE_BASE + lane * spacing;
}
