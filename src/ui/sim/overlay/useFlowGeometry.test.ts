import { describe, expect, it } from 'vitest';
import type { Edge, InternalNode } from '@xyflow/react';
import { makeGeometry } from './useFlowGeometry';

/** A measured internal node as React Flow keeps it (only what the overlay reads). */
const node = (
  id: string,
  x: number,
  y: number,
  width = 100,
  height = 50,
  handles?: { id: string; x: number; y: number; width: number; height: number }[],
) =>
  [
    id,
    {
      id,
      measured: { width, height },
      internals: { positionAbsolute: { x, y }, handleBounds: handles ? { source: handles, target: null } : undefined },
    } as unknown as InternalNode,
  ] as const;

const LOOKUP = new Map([
  node('spine-1', 0, 0),
  // Its bottom handle measured 9×9, centred on the border: the edge starts at its outer side.
  node('tor-a', 0, 300, 100, 50, [{ id: 't', x: 45.5, y: -4.5, width: 9, height: 9 }]),
  node('node-a1', 200, 500),
  [
    'unmeasured',
    { id: 'unmeasured', measured: {}, internals: { positionAbsolute: { x: 0, y: 0 } } } as unknown as InternalNode,
  ] as const,
]);
const EDGES: Edge[] = [
  { id: 'pair:spine-1|tor-a', type: 'pair', source: 'spine-1', target: 'tor-a', sourceHandle: 'b', targetHandle: 't' },
  {
    id: 'peer:x@rack-a',
    type: 'bundle',
    source: 'rack-a',
    target: 'tor-a',
    sourceHandle: 'bundle-tor-a',
    targetHandle: 'b',
  },
];

describe('the routes messages and packets follow', () => {
  const g = makeGeometry(LOOKUP, EDGES);

  it('between routers, the session edge’s own curve, in the direction travelled', () => {
    const down = g.route('spine-1', 'tor-a');
    expect(down?.[0]).toEqual({ x: 50, y: 50 });
    expect(down?.[down.length - 1]).toEqual({ x: 50, y: 295.5 });
    expect(down).toHaveLength(17);
    const up = g.route('tor-a', 'spine-1');
    expect(up?.[0]).toEqual({ x: 50, y: 295.5 });
    expect(up?.[up.length - 1]).toEqual({ x: 50, y: 50 });
  });

  it('otherwise a straight line from border to border', () => {
    // From tor-a's centre (50, 325) to node-a1's (250, 525): a 45° line leaving through the corner region.
    const d = 4 / Math.SQRT2;
    const line = g.route('tor-a', 'node-a1') ?? [];
    expect(line.flatMap((p) => [p.x, p.y]).map((v) => Math.round(v * 1000) / 1000)).toEqual(
      [75 + d, 350 + d, 225 - d, 500 - d].map((v) => Math.round(v * 1000) / 1000),
    );
  });

  it('nothing for a card that is missing or not measured yet', () => {
    expect(g.route('tor-a', 'gone')).toBeUndefined();
    expect(g.route('tor-a', 'unmeasured')).toBeUndefined();
    expect(g.rect('unmeasured')).toBeUndefined();
    expect(g.rect('node-a1')).toEqual({ x: 200, y: 500, width: 100, height: 50 });
  });
});
