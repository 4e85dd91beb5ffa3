/** Session edges between routers and BGPPeer bundles from racks, with readable labels. */
import { memo, useCallback } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStoreApi, type Edge, type EdgeProps } from '@xyflow/react';
import type { BundleData, PairData } from './toFlow';
import type { SessionKind } from './sessions';
import { bezierPoint } from './bezier';

export const KIND_COLOR: Record<SessionKind, string> = {
  eBGP: 'var(--ebgp)',
  iBGP: 'var(--ibgp)',
  'RR client': 'var(--rrclient)',
  mixed: 'var(--mixed)',
};

/**
 * A label sits outside the edge's SVG: a click on it selects the edge as a click on the line
 * does (with Shift, Ctrl or ⌘ held, adding it to the selection).
 */
function useLabelSelect(id: string): (e: React.MouseEvent) => void {
  const store = useStoreApi();
  return useCallback(
    (e: React.MouseEvent) => {
      e.stopPropagation();
      const s = store.getState();
      if (!s.elementsSelectable) return;
      s.addSelectedEdges([id]);
    },
    [store, id],
  );
}

export const PairEdge = memo(function PairEdge(props: EdgeProps<Edge<PairData, 'pair'>>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, midX, midY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const onLabelClick = useLabelSelect(id);
  if (!data) return null;
  const [labelX, labelY] = data.labelAt === 0.5 ? [midX, midY] : bezierPoint({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }, data.labelAt);
  const color = data.session ? KIND_COLOR[data.kind] : 'var(--link)';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{
          stroke: color,
          strokeWidth: selected ? 4 : data.session ? 2.5 : 1.5,
          strokeDasharray: data.session && !data.link ? '7 5' : undefined,
        }}
        interactionWidth={16}
      />
      {data.label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${selected ? ' selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, ['--kind-color' as string]: color }}
            data-testid={`edge-label-${id}`}
            onClick={onLabelClick}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const BundleEdge = memo(function BundleEdge(props: EdgeProps<Edge<BundleData, 'bundle'>>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const onLabelClick = useLabelSelect(id);
  if (!data) return null;
  const color = data.mismatch ? 'var(--danger)' : KIND_COLOR[data.kind];
  // A bundle inside its rack is short and vertical: its label sits beside the knob, not on the line.
  const beside = Math.abs(targetY - sourceY) < 100 && Math.abs(targetX - sourceX) < 40;
  const transform = beside ? `translate(14px, -50%) translate(${sourceX}px, ${sourceY}px)` : `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`;
  return (
    <>
      <BaseEdge id={id} path={path} style={{ stroke: color, strokeWidth: selected ? 7 : 5, strokeOpacity: 0.55, strokeDasharray: data.mismatch ? '6 4' : undefined }} interactionWidth={18} />
      <BaseEdge path={path} style={{ stroke: '#fff', strokeWidth: 1.2, strokeOpacity: 0.9 }} interactionWidth={0} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label nodrag nopan${selected ? ' selected' : ''}${data.mismatch ? ' mismatch' : ''}`}
          style={{ transform, ['--kind-color' as string]: color }}
          title={`${data.detail}${data.filters.length ? `\nfilters: ${data.filters.join(', ')}` : '\nno BGPFilter'}${data.mismatch ? `\n${data.mismatch}` : ''}`}
          data-testid={`edge-label-${id}`}
          onClick={onLabelClick}
        >
          {data.mismatch ? `⚠ ${data.mismatch}` : data.label}
          <span className="filters">{data.filters.length > 0 ? ` · ${data.filters.length === 1 ? '1 filter' : `${data.filters.length} filters`}` : ' · no filter'}</span>
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const edgeTypes = { pair: PairEdge, bundle: BundleEdge };
