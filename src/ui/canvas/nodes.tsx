/** The three kinds of canvas node: a rack (container), a Calico node, a router. */
import { lazy, memo, Suspense, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals, type Node, type NodeProps } from '@xyflow/react';
import type { CalicoNodeData, RackData, RouterData } from './toFlow';
import { CardPills, useSimMarks } from '../sim/CanvasMarks';
import { useUi } from '../context';
import { useLod } from './lod';
import { useVmChip, useVmDropTarget } from '../timeline/vmDrag';

// Only large designs zoomed far out draw it: it loads then, not with the app.
const RackSummary = lazy(() => import('./RackSummary').then((m) => ({ default: m.RackSummary })));

const ROLE_LABEL = { tor: 'ToR', spine: 'SPINE', 'route-reflector': 'RR', border: 'BORDER' } as const;
const ROLE_COLOR = {
  tor: 'var(--tor)',
  spine: 'var(--spine)',
  'route-reflector': 'var(--rr)',
  border: 'var(--border)',
} as const;
const PLATFORM_LABEL = {
  bird1: 'BIRD 1',
  bird2: 'BIRD 2',
  frr: 'FRR',
  eos: 'EOS',
  nxos: 'NX-OS',
  junos: 'Junos',
} as const;

export const RackNode = memo(function RackNode({ id, data, selected }: NodeProps<Node<RackData, 'rack'>>) {
  const { rack, anchorY, torAnchors, mesh, nodeCount } = data;
  const updateNodeInternals = useUpdateNodeInternals();
  const anchorKey = torAnchors.map((t) => `${t.name}@${t.x},${t.y}`).join(' ') + `|${anchorY}`;
  const highlighted = useUi((s) => s.highlight.includes(rack.name));
  const lod = useLod();
  // The bundle handles move with the ToRs: React Flow must re-measure them when they change.
  useEffect(() => updateNodeInternals(id), [id, anchorKey, updateNodeInternals]);
  const far = lod.level === 'racks';
  return (
    <div
      className={`rack${far ? ' rack-box' : ''}${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}`}
      data-testid={`rack-${rack.name}`}
      style={far ? { ['--lod-scale' as string]: lod.textScale } : undefined}
    >
      {far ? (
        <Suspense fallback={<div className="rack-summary" />}>
          <RackSummary data={data} />
        </Suspense>
      ) : (
        <div className="rack-header">
          <span className="name">{rack.name}</span>
          <span className="subnet mono">{rack.subnet}</span>
          <span className="chip">
            {nodeCount} node{nodeCount === 1 ? '' : 's'}
          </span>
          {mesh && nodeCount > 0 && (
            <span className="chip" title="Calico node-to-node mesh (iBGP between all nodes)">
              iBGP mesh
            </span>
          )}
        </div>
      )}
      <Handle id="top" type="source" position={Position.Top} className="hidden-handle" isConnectable={false} />
      {torAnchors.map((t) => (
        <Handle
          key={t.name}
          id={`bundle-${t.name}`}
          type="source"
          position={Position.Top}
          className="hidden-handle"
          isConnectable={false}
          style={{ left: t.x, top: t.y }}
        />
      ))}
      <Handle
        id="bundle"
        type="source"
        position={Position.Top}
        className="bundle-handle"
        style={{ left: '50%', top: anchorY }}
        title="Drag to a router to peer this rack's nodes with it (creates a BGPPeer)"
        data-testid={`rack-handle-${rack.name}`}
      />
    </div>
  );
});

export const CalicoNodeCard = memo(function CalicoNodeCard({
  data,
  selected,
}: NodeProps<Node<CalicoNodeData, 'calicoNode'>>) {
  const { node, vms, asNumber, asIsDefault, selectedVms } = data;
  const marks = useSimMarks(node.name);
  const lite = useLod().level !== 'full';
  // A VM chip dragged from another node can be dropped here: this node becomes its migration target.
  const drop = useVmDropTarget(node.name);
  return (
    <div
      className={`card${selected ? ' selected' : ''}${marks.outcome ? ` outcome-${marks.outcome}` : ''}${marks.vmHere ? ' vm-host' : ''}${marks.highlighted ? ' highlighted' : ''}${drop.candidate ? ' vm-drop-candidate' : ''}${drop.over ? ' vm-drop-over' : ''}`}
      style={{ ['--accent-color' as string]: 'var(--calico)' }}
      data-testid={`node-${node.name}`}
      {...drop.props}
    >
      {drop.over && <span className="vm-drop-label">⇄ migrate {drop.vm} here</span>}
      <Handle id="t" type="source" position={Position.Top} className="router-handle" />
      <CardPills name={node.name} marks={marks} />
      <div className="head">
        <span className="role">NODE</span>
        <span className="name">{node.name}</span>
        {node.routeReflectorClusterID && (
          <span className="platform" title={`route reflector, cluster ID ${node.routeReflectorClusterID}`}>
            RR
          </span>
        )}
      </div>
      {/* Zoomed out the small print is unreadable: the card keeps its name and marks. */}
      {!lite && (
        <>
          <div className="sub">
            <span className="mono">{node.address}</span> · AS {asNumber}
            {asIsDefault ? '*' : ''}
          </div>
          <div className="sub" title={asIsDefault ? 'AS from the cluster default (*)' : undefined}>
            block <span className="mono">{(node.blocks ?? []).join(', ') || 'auto'}</span>
          </div>
          {vms.map((vm) => (
            <VmChip
              key={vm.name}
              vm={vm}
              node={node.name}
              selected={selectedVms.includes(vm.name)}
              away={marks.vmAway === vm.name}
              phase={marks.phase}
            />
          ))}
        </>
      )}
    </div>
  );
});

/** A VM placed on a node: click to select it, drag it onto another node to migrate it there. */
function VmChip({
  vm,
  node,
  selected,
  away,
  phase,
}: {
  vm: CalicoNodeData['vms'][number];
  node: string;
  selected: boolean;
  away: boolean;
  phase: string;
}) {
  const chip = useVmChip(vm.name, node);
  return (
    <div
      className={`vm-chip nodrag nopan${selected ? ' selected' : ''}${away ? ' away' : ''}`}
      data-testid={`vm-${vm.name}`}
      title={`${away ? `${vm.name} is placed here, but runs on another node in phase ${phase}. ` : ''}Drag onto another node to migrate ${vm.name} there.`}
      {...chip}
    >
      <span>▣ {vm.name}</span>
      <span className="mono">{vm.ip}</span>
    </div>
  );
}

export const RouterNode = memo(function RouterNode({ data, selected }: NodeProps<Node<RouterData, 'router'>>) {
  const r = data.router;
  const color = ROLE_COLOR[r.role];
  const marks = useSimMarks(r.name);
  const lite = useLod().level !== 'full';
  return (
    <div
      className={`card${selected ? ' selected' : ''}${marks.outcome ? ` outcome-${marks.outcome}` : ''}${marks.highlighted ? ' highlighted' : ''}`}
      style={{ ['--accent-color' as string]: color }}
      data-testid={`router-${r.name}`}
    >
      <CardPills name={r.name} marks={marks} />
      {(['t', 'b', 'l', 'r'] as const).map((id) => (
        <Handle
          key={id}
          id={id}
          type="source"
          className="router-handle"
          position={{ t: Position.Top, b: Position.Bottom, l: Position.Left, r: Position.Right }[id]}
        />
      ))}
      <div className="head">
        <span className="role">{ROLE_LABEL[r.role]}</span>
        <span className="name">{r.name}</span>
      </div>
      {!lite && (
        <>
          <div className="sub">
            <span className="mono">{r.address}</span> · AS {r.asNumber}
          </div>
          <div className="sub">
            {PLATFORM_LABEL[r.platform]} ·{' '}
            {r.routeReflector
              ? `RR ${r.routeReflector.clusterId}`
              : r.policy?.elevatedCommunity
                ? `prefers ${r.policy.elevatedCommunity}`
                : 'no community pref.'}
          </div>
        </>
      )}
    </div>
  );
});

export const nodeTypes = { rack: RackNode, calicoNode: CalicoNodeCard, router: RouterNode };
