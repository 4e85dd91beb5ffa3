/**
 * The minimap of a large design: its racks and the routers outside them, and the view. React
 * Flow's own minimap keeps a store subscription per node (4,000 of them at 64 × 64), each run on
 * every pan and zoom tick; this one is one component that redraws one rectangle. A click centres
 * the view there.
 */
import { memo, useCallback, useMemo } from 'react';
import { Panel, useReactFlow, useStore } from '@xyflow/react';
import type { FlowNode } from './toFlow';

const WIDTH = 170;
const HEIGHT = 110;
const COLORS: Record<string, string> = { rack: '#c9d6e8', router: '#3b5bdb' };

export const LargeMiniMap = memo(function LargeMiniMap({ nodes }: { nodes: readonly FlowNode[] }) {
  const flow = useReactFlow();
  // Top-level elements only: a rack's members are inside its box.
  const shapes = useMemo(
    () =>
      nodes
        .filter((n) => n.parentId === undefined)
        .map((n) => ({
          id: n.id,
          type: n.type,
          x: n.position.x,
          y: n.position.y,
          width: n.width ?? 0,
          height: n.height ?? 0,
        })),
    [nodes],
  );
  const bounds = useMemo(() => {
    const xs = shapes.flatMap((s) => [s.x, s.x + s.width]);
    const ys = shapes.flatMap((s) => [s.y, s.y + s.height]);
    return xs.length
      ? {
          x: Math.min(...xs),
          y: Math.min(...ys),
          width: Math.max(...xs) - Math.min(...xs),
          height: Math.max(...ys) - Math.min(...ys),
        }
      : { x: 0, y: 0, width: 1, height: 1 };
  }, [shapes]);
  const view = useStore((s) => {
    const [tx, ty, zoom] = s.transform;
    return `${-tx / zoom} ${-ty / zoom} ${s.width / zoom} ${s.height / zoom}`;
  });
  const [vx, vy, vw, vh] = view.split(' ').map(Number) as [number, number, number, number];
  // The map shows the design and the view, whichever reaches further.
  const left = Math.min(bounds.x, vx);
  const top = Math.min(bounds.y, vy);
  const right = Math.max(bounds.x + bounds.width, vx + vw);
  const bottom = Math.max(bounds.y + bounds.height, vy + vh);
  const scale = Math.max((right - left) / WIDTH, (bottom - top) / HEIGHT) || 1;
  const pad = 5 * scale;
  const viewBox = `${left - pad} ${top - pad} ${right - left + 2 * pad} ${bottom - top + 2 * pad}`;
  const onClick = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const svg = e.currentTarget;
      const point = svg.createSVGPoint();
      point.x = e.clientX;
      point.y = e.clientY;
      const at = point.matrixTransform(svg.getScreenCTM()?.inverse());
      void flow.setCenter(at.x, at.y, { zoom: flow.getZoom(), duration: 200 });
    },
    [flow],
  );
  return (
    <Panel position="bottom-right" className="react-flow__minimap large-minimap" data-testid="large-minimap">
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={viewBox}
        role="img"
        aria-label="Mini map: click to move the view there"
        onClick={onClick}
      >
        {shapes.map((s) => (
          <rect key={s.id} x={s.x} y={s.y} width={s.width} height={s.height} fill={COLORS[s.type ?? ''] ?? '#999'} />
        ))}
        <rect
          className="large-minimap-view"
          x={vx}
          y={vy}
          width={vw}
          height={vh}
          fill="none"
          stroke="#1c64d1"
          strokeWidth={2 * scale}
        />
      </svg>
    </Panel>
  );
});
