/** Session edges between routers and BGPPeer bundles from racks, with readable labels. */
import { memo, useCallback } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStoreApi, type Edge, type EdgeProps } from '@xyflow/react';
import type { BundleData, PairData } from './toFlow';
import type { SessionKind } from './sessions';
import { bezierPoint } from './bezier';
import { useLod, type RackBundleData } from './lod';

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
  // Zoomed out on a large fabric the labels are specks: not drawn at all (a small design hides them with CSS).
  const labels = useLod().level === 'full';
  if (!data) return null;
  const [labelX, labelY] =
    data.labelAt === 0.5
      ? [midX, midY]
      : bezierPoint({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }, data.labelAt);
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
      {labels && data.label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${selected ? ' selected' : ''}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              ['--kind-color' as string]: color,
            }}
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
  const labels = useLod().level === 'full';
  if (!data) return null;
  const color = data.mismatch ? 'var(--danger)' : KIND_COLOR[data.kind];
  // A bundle inside its rack is short and vertical: its label sits beside the knob, not on the line.
  const beside = Math.abs(targetY - sourceY) < 100 && Math.abs(targetX - sourceX) < 40;
  const transform = beside
    ? `translate(14px, -50%) translate(${sourceX}px, ${sourceY}px)`
    : `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{
          stroke: color,
          strokeWidth: selected ? 7 : 5,
          strokeOpacity: 0.55,
          strokeDasharray: data.mismatch ? '6 4' : undefined,
        }}
        interactionWidth={18}
      />
      <BaseEdge path={path} style={{ stroke: '#fff', strokeWidth: 1.2, strokeOpacity: 0.9 }} interactionWidth={0} />
      {labels && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${selected ? ' selected' : ''}${data.mismatch ? ' mismatch' : ''}`}
            style={{ transform, ['--kind-color' as string]: color }}
            title={`${data.detail}${data.filters.length ? `\nfilters: ${data.filters.join(', ')}` : '\nno BGPFilter'}${data.mismatch ? `\n${data.mismatch}` : ''}`}
            data-testid={`edge-label-${id}`}
            onClick={onLabelClick}
          >
            {data.mismatch ? `⚠ ${data.mismatch}` : data.label}
            <span className="filters">
              {data.filters.length > 0
                ? ` · ${data.filters.length === 1 ? '1 filter' : `${data.filters.length} filters`}`
                : ' · no filter'}
            </span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/**
 * Far out on a large fabric: the sessions (or links) between a rack's members and one router or
 * rack, as one line whose width grows with their count; the count is in its tooltip and test id.
 */
export const RackBundleEdge = memo(function RackBundleEdge(props: EdgeProps<Edge<RackBundleData, 'rackBundle'>>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  const color = data.session ? KIND_COLOR[data.kind] : 'var(--link)';
  return (
    <path
      id={id}
      className="react-flow__edge-path rack-bundle"
      d={path}
      style={{ stroke: color, strokeWidth: 1.5 + Math.log2(data.count) }}
      data-testid={`rack-bundle-${id.slice('rackbundle:'.length)}`}
      data-count={data.count}
    >
      <title>{data.detail}</title>
    </path>
  );
});

export const edgeTypes = { pair: PairEdge, bundle: BundleEdge, rackBundle: RackBundleEdge };
