/**
 * BGP messages on the wire at the time shown: a dot per UPDATE (blue circle) or WITHDRAW (orange
 * diamond), at its progress along the session it travels, with what it carries on hover. It is
 * drawn from `time`, so it moves as the timeline plays and stays put when paused or scrubbed.
 */
import { memo, useMemo } from 'react';
import { useSimulation } from '../../context';
import { pointAtDistance, polylineLength, svgPath } from './geometry';
import { messagesInFlight, messageTitle, type InFlight } from './messages';
import { useFlowGeometry, type FlowGeometry } from './useFlowGeometry';

/** Messages sent together on one session queue this far apart (flow units), first sent first. */
const QUEUE_GAP = 13;
const DOT_R = 7;

function MessageDot({ flight, geometry }: { flight: InFlight; geometry: FlowGeometry }) {
  const m = flight.message;
  const route = geometry.route(m.from, m.to);
  if (!route) return null;
  const at = pointAtDistance(route, flight.progress * polylineLength(route) - flight.queue * QUEUE_GAP);
  return (
    <g className={`bgp-message ${m.kind}`} data-testid="bgp-message" data-kind={m.kind} data-from={m.from} data-to={m.to} data-prefix={m.prefix} transform={`translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`}>
      <title>{messageTitle(m)}</title>
      {m.kind === 'update' ? <circle r={DOT_R} /> : <rect x={-DOT_R} y={-DOT_R} width={2 * DOT_R} height={2 * DOT_R} transform="rotate(45)" />}
    </g>
  );
}

export const Messages = memo(function Messages() {
  const report = useSimulation((s) => s.report);
  const time = useSimulation((s) => s.time);
  const geometry = useFlowGeometry();
  const inFlight = useMemo(() => (report ? messagesInFlight(report, time) : []), [report, time]);
  // A faint line along each session carrying messages: where they are going, also where no edge
  // is drawn (a node's session to its router is part of its rack's bundle).
  const trails = useMemo(() => [...new Set(inFlight.map((f) => `${f.message.from}\u0000${f.message.to}`))], [inFlight]);
  if (inFlight.length === 0) return null;
  return (
    <svg className="overlay-layer overlay-above" data-testid="bgp-messages">
      {trails.map((key) => {
        const [from, to] = key.split('\u0000') as [string, string];
        const route = geometry.route(from, to);
        return route && <path key={key} className="message-trail" d={svgPath(route)} />;
      })}
      {inFlight.map((f) => (
        <MessageDot key={`${f.message.time}|${f.message.from}|${f.message.to}|${f.message.kind}|${f.message.prefix}|${f.queue}`} flight={f} geometry={geometry} />
      ))}
    </svg>
  );
});
