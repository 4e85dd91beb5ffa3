/**
 * BGP messages on the wire at the time shown: a dot per UPDATE (blue circle) or WITHDRAW (orange
 * diamond), at its progress along the session it travels, with what it carries on hover. It is
 * drawn from `time`, so it moves as the timeline plays and stays put when paused or scrubbed.
 * React draws only the layer; each change of time redraws the dots through a MessageLayer, from
 * the store's subscription (no render per frame: a frame costs the dots that moved).
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { useSimulation, useStores } from '../../context';
import { MessageLayer } from './messageLayer';
import { messagesInFlight } from './messages';
import { useFlowGeometry } from './useFlowGeometry';

export const Messages = memo(function Messages() {
  const stores = useStores();
  const report = useSimulation((s) => s.report);
  const geometry = useFlowGeometry();
  const trails = useRef<SVGGElement>(null);
  const dots = useRef<SVGGElement>(null);
  const layer = useRef<MessageLayer | undefined>(undefined);

  useLayoutEffect(() => {
    if (!trails.current || !dots.current) return;
    const drawn = new MessageLayer(trails.current, dots.current);
    layer.current = drawn;
    return () => {
      drawn.draw([], { rect: () => undefined, route: () => undefined });
      layer.current = undefined;
    };
  }, []);

  useLayoutEffect(() => {
    const drawn = layer.current;
    if (!drawn) return;
    drawn.reset();
    const draw = (time: number) => drawn.draw(report ? messagesInFlight(report, time) : [], geometry);
    draw(stores.simulation.getState().time);
    return stores.simulation.subscribe((s, prev) => {
      if (s.time !== prev.time) draw(s.time);
    });
  }, [report, geometry, stores]);

  return (
    <svg className="overlay-layer overlay-above" data-testid="bgp-messages">
      <g ref={trails} />
      <g ref={dots} />
    </svg>
  );
});
