/**
 * BGP messages on the wire at the time shown: a dot per UPDATE (blue circle) or WITHDRAW (orange
 * diamond), at its progress along the session it travels, with what it carries on hover. It is
 * drawn from `time`, so it moves as the timeline plays and stays put when paused or scrubbed.
 * React draws only the layer; each change of time redraws the dots through a MessageLayer, from
 * the store's subscription (no render per frame: a frame costs the dots that moved).
 */
import { memo, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSimulation, useStores } from '../../context';
import type * as LayerModule from './messageLayer';
import type { MessageLayer } from './messageLayer';
import { useFlowGeometry } from './useFlowGeometry';
import { crossesRacks, rackOwnersOf, useLod } from '../../canvas/lod';
import { CanvasNodesContext } from '../../canvas/cull';

// The drawing (and the message index) loads with the first report: the initial-JS budget.
const loadLayer = () => import('./messageLayer');

export const Messages = memo(function Messages() {
  const stores = useStores();
  const report = useSimulation((s) => s.report);
  const geometry = useFlowGeometry();
  // Far out, a message inside one rack box is not drawn (the box stands for it, as for its edges).
  const far = useLod().level === 'racks';
  const nodes = useContext(CanvasNodesContext);
  const trails = useRef<SVGGElement>(null);
  const dots = useRef<SVGGElement>(null);
  const [code, setCode] = useState<typeof LayerModule | undefined>(undefined);
  const [layer, setLayer] = useState<MessageLayer | undefined>(undefined);

  useEffect(() => {
    if (report && !code) void loadLayer().then(setCode);
  }, [report, code]);

  useLayoutEffect(() => {
    if (!code || !trails.current || !dots.current) return;
    const drawn = new code.MessageLayer(trails.current, dots.current);
    setLayer(drawn);
    return () => drawn.draw([], { rect: () => undefined, route: () => undefined });
  }, [code]);

  useLayoutEffect(() => {
    if (!layer || !code) return;
    layer.reset();
    const owners = far ? rackOwnersOf(nodes) : undefined;
    const shown = owners && ((m: { from: string; to: string }) => crossesRacks(m.from, m.to, owners));
    const draw = (time: number) =>
      layer.draw(report ? code.messagesInFlight(report, time, undefined, shown) : [], geometry);
    draw(stores.simulation.getState().time);
    return stores.simulation.subscribe((s, prev) => {
      if (s.time !== prev.time) draw(s.time);
    });
  }, [layer, code, report, geometry, stores, far, nodes]);

  return (
    <svg className="overlay-layer overlay-above" data-testid="bgp-messages">
      <g ref={trails} />
      <g ref={dots} />
    </svg>
  );
});
