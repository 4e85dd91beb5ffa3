/**
 * The BGP messages in flight, drawn straight into the overlay's SVG: while the timeline plays
 * this runs every frame, for up to MAX_MESSAGES dots. A message keeps its element for as long as
 * it is on the wire (a frame only moves it: one `transform`, set when it changed); a message that
 * arrives hides its element (it stays in the page: taking an element out and putting one in cost
 * more than the rest of a frame) and gives it to a spare pool that the next message of its kind
 * reuses. So a frame creates no elements and React renders nothing. The same for the trails.
 */
import { pointAtDistance, polylineLength, svgPath, type Point } from './geometry';
import { messageTitle, type InFlight } from './messages';
import type { FlowGeometry } from './useFlowGeometry';

export { messagesInFlight } from './messages';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Messages sent together on one session queue this far apart (flow units), first sent first. */
const QUEUE_GAP = 13;
export const DOT_R = 7;

type Kind = InFlight['message']['kind'];

interface Dot {
  readonly g: SVGGElement;
  readonly kind: Kind;
  transform: string;
}

/** A message's identity while it is on the wire. */
export const flightKey = (f: InFlight) =>
  `${f.message.time}|${f.message.from}|${f.message.to}|${f.message.kind}|${f.message.prefix}|${f.queue}`;

const lengths = new WeakMap<readonly Point[], number>();
function lengthOf(route: readonly Point[]): number {
  let length = lengths.get(route);
  if (length === undefined) {
    length = polylineLength(route);
    lengths.set(route, length);
  }
  return length;
}

function makeDot(kind: Kind): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('data-kind', kind);
  g.setAttribute('class', `bgp-message ${kind}`);
  g.appendChild(document.createElementNS(SVG_NS, 'title'));
  const shape = document.createElementNS(SVG_NS, kind === 'update' ? 'circle' : 'rect');
  if (kind === 'update') shape.setAttribute('r', String(DOT_R));
  else {
    for (const [name, value] of [
      ['x', -DOT_R],
      ['y', -DOT_R],
      ['width', 2 * DOT_R],
      ['height', 2 * DOT_R],
    ] as const)
      shape.setAttribute(name, String(value));
    shape.setAttribute('transform', 'rotate(45)');
  }
  g.appendChild(shape);
  return g;
}

/** Out of sight and out of the page's queries (the e2e tests count the messages on the wire). */
function hide(g: SVGGElement): void {
  g.setAttribute('visibility', 'hidden');
  g.removeAttribute('data-testid');
}

export class MessageLayer {
  private readonly dots = new Map<string, Dot>();
  private readonly spare: Record<Kind, SVGGElement[]> = { update: [], withdraw: [] };
  private readonly trails = new Map<string, SVGPathElement>();
  private readonly spareTrails: SVGPathElement[] = [];

  /** `trailGroup` holds the faint session lines, `dotGroup` the messages (drawn over them). */
  constructor(
    private readonly trailGroup: SVGGElement,
    private readonly dotGroup: SVGGElement,
  ) {}

  /** Shows exactly these messages (those whose session has no line on the canvas are left out). */
  draw(inFlight: readonly InFlight[], geometry: FlowGeometry): void {
    const shown = new Map<string, { flight: InFlight; route: readonly Point[] }>();
    const sessions = new Map<string, readonly Point[]>();
    for (const f of inFlight) {
      const route = geometry.route(f.message.from, f.message.to);
      if (!route) continue;
      shown.set(flightKey(f), { flight: f, route });
      sessions.set(`${f.message.from}\u0000${f.message.to}`, route);
    }
    // The arrived first: their elements are the spares of this frame's new messages.
    for (const [key, dot] of this.dots) {
      if (shown.has(key)) continue;
      hide(dot.g);
      this.spare[dot.kind].push(dot.g);
      this.dots.delete(key);
    }
    for (const [key, { flight, route }] of shown) {
      const m = flight.message;
      const at = pointAtDistance(route, flight.progress * lengthOf(route) - flight.queue * QUEUE_GAP);
      const transform = `translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`;
      const dot = this.dots.get(key);
      if (!dot) {
        const spare = this.spare[m.kind].pop();
        const g = spare ?? makeDot(m.kind);
        g.setAttribute('data-from', m.from);
        g.setAttribute('data-to', m.to);
        g.setAttribute('data-prefix', m.prefix);
        (g.firstChild as SVGTitleElement).textContent = messageTitle(m);
        g.setAttribute('transform', transform);
        g.setAttribute('data-testid', 'bgp-message');
        if (spare) g.removeAttribute('visibility');
        else this.dotGroup.appendChild(g);
        this.dots.set(key, { g, kind: m.kind, transform });
      } else if (dot.transform !== transform) {
        dot.g.setAttribute('transform', transform);
        dot.transform = transform;
      }
    }
    // A faint line along each session carrying messages: where they are going, also where no
    // edge is drawn (a node's session to its router is part of its rack's bundle).
    for (const [key, path] of this.trails) {
      if (sessions.has(key)) continue;
      this.hideTrail(path);
      this.trails.delete(key);
    }
    for (const [key, route] of sessions) {
      if (this.trails.has(key)) continue;
      let path = this.spareTrails.pop();
      if (path) path.removeAttribute('visibility');
      else {
        path = document.createElementNS(SVG_NS, 'path');
        path.setAttribute('class', 'message-trail');
        this.trailGroup.appendChild(path);
      }
      path.setAttribute('d', svgPath(route));
      this.trails.set(key, path);
    }
  }

  /** The geometry changed (a card moved, the level of detail changed): draw every line anew. */
  reset(): void {
    for (const path of this.trails.values()) this.hideTrail(path);
    this.trails.clear();
  }

  private hideTrail(path: SVGPathElement): void {
    path.setAttribute('visibility', 'hidden');
    this.spareTrails.push(path);
  }

  get size(): number {
    return this.dots.size;
  }
}
