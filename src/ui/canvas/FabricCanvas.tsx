/**
 * The fabric canvas: a React Flow view of the design. Positions, selection and connections are
 * turned into design edits; React Flow's own state only lives for the duration of a drag.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { connect } from '../../model/edit/connect';
import { useDesign, useSimulation, useStores, useUi } from '../context';
import { applyEdit } from '../actions';
import { edgeTypes } from './edges';
import { nodeTypes } from './nodes';
import { toFlow, type FlowNode } from './toFlow';
import { FIT_PADDING, RACK_HEADER, RACK_PAD } from './geometry';
import { Legend } from './Legend';
import { SimOverlay } from '../sim/overlay/SimOverlay';
import { useKeepInView } from './keepInView';

const MINIMAP_COLORS: Record<string, string> = { rack: '#c9d6e8', calicoNode: '#d9480f', router: '#3b5bdb' };

export function FabricCanvas() {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const selection = useUi((s) => s.selection);
  const flow = useMemo(() => toFlow(doc, selection), [doc, selection]);
  const [nodes, setNodes] = useState<FlowNode[]>(flow.nodes);
  const reactFlow = useReactFlow();
  const fitRequest = useUi((s) => s.fitRequest);
  const fitted = useRef(0);
  useKeepInView(useSimulation((s) => s.speaker));

  // A new document or selection rebuilds the nodes, keeping React Flow's measurements.
  useEffect(() => {
    setNodes((prev) => {
      const measured = new Map(prev.map((n) => [n.id, n.measured]));
      return flow.nodes.map((n) => {
        const m = measured.get(n.id);
        return m ? { ...n, measured: m } : n;
      });
    });
  }, [flow.nodes]);

  // Fit the whole design when one is opened: once React Flow holds its nodes (fitView then
  // waits for their measurements itself).
  useEffect(() => {
    if (fitted.current === fitRequest || nodes.length !== flow.nodes.length || nodes.some((n, i) => n.id !== flow.nodes[i]?.id)) return;
    fitted.current = fitRequest;
    void reactFlow.fitView({ padding: FIT_PADDING, includeHiddenNodes: true });
  }, [nodes, flow.nodes, fitRequest, reactFlow]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, []);

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: Node, dragged: Node[]) => {
      const moved = dragged.map((n) => {
        const member = n.parentId !== undefined;
        // Members stay inside their rack's frame: below the header, right of the padding.
        const x = member ? Math.max(RACK_PAD, n.position.x) : n.position.x;
        const y = member ? Math.max(RACK_HEADER, n.position.y) : n.position.y;
        return [n.id, [Math.round(x), Math.round(y)]] as const;
      });
      const result = stores.design.getState().update((d) => {
        d.spec.layout ??= {};
        d.spec.layout.positions ??= {};
        for (const [id, p] of moved) d.spec.layout.positions[id] = [p[0], p[1]];
      });
      if (!result.ok) stores.ui.getState().notify('error', 'Could not save the new positions');
    },
    [stores],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target) return;
      applyEdit(stores, connect(stores.design.getState().doc, c.source, c.target), 'Connect');
    },
    [stores],
  );

  // Dropping a connection anywhere on a router (not only on its handle) connects to it.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node')?.getAttribute('data-id');
      if (!target || target === state.fromNode.id) return;
      applyEdit(stores, connect(stores.design.getState().doc, state.fromNode.id, target), 'Connect');
    },
    [stores],
  );

  const isValidConnection = useCallback(
    (c: Connection | { source: string; target: string }) => {
      const s = stores.design.getState().doc.spec;
      const kind = (n: string) => (s.routers.some((r) => r.name === n) ? 'router' : s.racks.some((r) => r.name === n) ? 'rack' : s.nodes.some((x) => x.name === n) ? 'node' : 'none');
      const kinds = [kind(c.source), kind(c.target)].sort().join('-');
      return c.source !== c.target && (kinds === 'router-router' || kinds === 'rack-router' || kinds === 'node-router');
    },
    [stores],
  );

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
      const ids = [...ns.map((n) => n.id), ...es.map((e) => e.id.replace(/@.*$/, ''))];
      stores.ui.getState().select(ids);
    },
    [stores],
  );

  const onNodeClick = useCallback(
    (e: React.MouseEvent, node: Node) => {
      const chip = (e.target as HTMLElement).closest('[data-testid^="vm-"]');
      if (chip && node.type === 'calicoNode') {
        const name = chip.getAttribute('data-testid')?.slice(3);
        if (name) stores.ui.getState().select([`vm:${name}`]);
      }
    },
    [stores],
  );

  // A double click on a node or router opens its route table.
  const onNodeDoubleClick = useCallback(
    (_e: React.MouseEvent, node: Node) => {
      if (node.type === 'calicoNode' || node.type === 'router') stores.simulation.getState().showRoutes(node.id);
    },
    [stores],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={flow.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onSelectionChange={onSelectionChange}
      onNodeClick={onNodeClick}
      onNodeDoubleClick={onNodeDoubleClick}
      zoomOnDoubleClick={false}
      connectionMode={ConnectionMode.Loose}
      deleteKeyCode={null}
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      selectionKeyCode="Shift"
      minZoom={0.05}
      maxZoom={2.5}
      onlyRenderVisibleElements={nodes.length > 300}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} size={1.2} color="#cbd3de" />
      <MiniMap pannable zoomable nodeColor={(n) => MINIMAP_COLORS[n.type ?? ''] ?? '#999'} nodeStrokeWidth={2} style={{ width: 170, height: 110 }} />
      <Controls showInteractive={false} position="top-left" />
      <Legend />
      <SimOverlay />
    </ReactFlow>
  );
}
