/**
 * The fabric canvas: a React Flow view of the design. Positions, selection and connections are
 * turned into design edits; React Flow's own state only lives for the duration of a drag.
 */
import { lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  ConnectionMode,
  MiniMap,
  Panel,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type OnSelectionChangeParams,
  type Viewport,
} from '@xyflow/react';
import { connect } from '../../model/edit/connect';
import { useDesign, useSimulation, useStores, useUi } from '../context';
import { applyEdit } from '../actions';
import { edgeTypes } from './edges';
import { nodeTypes } from './nodes';
import { toFlow, type FlowEdge, type FlowNode } from './toFlow';
import { RACK_HEADER, RACK_PAD } from './geometry';
import { Legend } from './Legend';
import { OverlayControls } from '../sim/overlay/OverlayControls';
import { useKeepInView } from './keepInView';
import { useViewFit } from './useViewFit';
import { MAX_ZOOM, MIN_ZOOM } from './panels';
import { LOD_MIN_CARDS, LodContext, lodKey, parseLod, rackEdges, rackOwners, type RackBundleEdge } from './lod';
import { CanvasLayoutContext, CanvasNodesContext, rackBoxes, racksInView, shownMembers } from './cull';

// Only large designs draw it: it loads with the first one, not with the app.
// The animation layer draws a report: it loads while the first one is computed (the initial-JS budget).
const SimOverlay = lazy(() => import('../sim/overlay/SimOverlay').then((m) => ({ default: m.SimOverlay })));
const LargeMiniMap = lazy(() => import('./LargeMiniMap').then((m) => ({ default: m.LargeMiniMap })));

/** A bundle edge is one of its BGPPeer's (`peer:<name>@<rack>`): selecting it selects the peer. */
const selectionIdOf = (edgeId: string) => edgeId.replace(/@.*$/, '');

/** Below this zoom edge labels (11 px) would be under 4 px high. */
const FAR_ZOOM = 0.33;

const MINIMAP_COLORS: Record<string, string> = { rack: '#c9d6e8', calicoNode: '#d9480f', router: '#3b5bdb' };

export function FabricCanvas() {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const selection = useUi((s) => s.selection);
  const flow = useMemo(() => toFlow(doc, selection), [doc, selection]);
  const [nodes, setNodes] = useState<FlowNode[]>(flow.nodes);
  // Edges hold React Flow's selection between two renders too, so a click elsewhere (the pane,
  // a node) takes the selection off a BGPPeer selected from the inspector. A new design or
  // selection replaces them in the same render (a fabric has thousands: no second pass).
  const [edgeState, setEdgeState] = useState({ from: flow.edges, edges: flow.edges });
  let edges = edgeState.edges;
  if (edgeState.from !== flow.edges) {
    edges = flow.edges;
    setEdgeState({ from: flow.edges, edges: flow.edges });
  }
  const flowRef = useRef<HTMLDivElement>(null);
  const flowElement = useCallback(() => flowRef.current, []);
  // Zoomed far out (a large fabric fitted), labels are specks that pile up: the lines stay, the
  // labels go. The mark goes on the labels' layer only: on the whole canvas it would restyle
  // every element of a fabric's thousand cards.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  useEffect(() => {
    flowRef.current?.querySelector('.react-flow__edgelabel-renderer')?.classList.toggle('far-view', far);
  }, [far]);

  // Level of detail (a large design only): a discrete value of the zoom, so the canvas renders
  // anew when the level changes, not on every zoom tick.
  const large = useMemo(
    () => flow.nodes.reduce((n, x) => (x.type === 'rack' ? n : n + 1), 0) > LOD_MIN_CARDS,
    [flow.nodes],
  );
  const lodAtZoom = useStore((s) => lodKey(s.transform[2], large));
  const lod = useMemo(() => parseLod(lodAtZoom), [lodAtZoom]);
  const level = lod.level;
  const owners = useMemo(() => rackOwners(flow.nodes), [flow.nodes]);
  // A large fabric gives React Flow only what can be seen (cull.ts): far out the rack boxes and
  // the routers; nearer also the members of the racks in and around the view.
  const boxes = useMemo(() => (large ? rackBoxes(flow.nodes) : []), [flow.nodes, large]);
  const inViewKey = useStore((s) =>
    large && level !== 'racks' ? racksInView(boxes, s.transform, s.width, s.height) : '',
  );
  const shownNodes = useMemo(
    () => (large ? shownMembers(nodes, level, new Set(inViewKey.split('\n'))) : nodes),
    [nodes, large, level, inViewKey],
  );
  const shownEdges = useMemo(() => {
    if (!large) return edges;
    if (level === 'racks') return rackEdges(edges, owners);
    // An edge from a member React Flow does not hold joins its rack's bundle (drawn to the rack,
    // out of view or nearly), so a router in view keeps a line towards each rack it serves.
    const held = new Set(shownNodes.map((n) => n.id));
    const away = new Map([...owners].filter(([member]) => !held.has(member)));
    return away.size === 0 ? edges : rackEdges(edges, away);
  }, [edges, owners, level, large, shownNodes]);

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

  // Fit requests wait until React Flow holds the nodes of the design (fitView then waits for
  // their measurements itself).
  const ready = nodes.length === flow.nodes.length && nodes.every((n, i) => n.id === flow.nodes[i]?.id);
  const layout = useContext(CanvasLayoutContext);
  useEffect(() => {
    layout.current = nodes;
  }, [layout, nodes]);
  useKeepInView(useSimulation((s) => s.speaker));
  const rackOf = useCallback((id: string) => owners.get(id), [owners]);
  const { onMoveStart: fitMoveStart, onMoveEnd: fitMoveEnd } = useViewFit(ready, flowElement, rackOf);
  // While a large design pans or zooms, its viewport is a layer of its own: the compositor moves
  // it instead of repainting thousands of elements every frame. At rest the layer goes, and the
  // canvas is painted sharp at the new zoom.
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      if (large) flowRef.current?.classList.add('moving');
      fitMoveStart(event, viewport);
    },
    [fitMoveStart, large],
  );
  const onMoveEnd = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      flowRef.current?.classList.remove('moving');
      fitMoveEnd(event, viewport);
    },
    [fitMoveEnd],
  );

  // The first element of an empty design: show it, wherever the view was.
  const empty = flow.nodes.length === 0;
  const wasEmpty = useRef(empty);
  useEffect(() => {
    if (wasEmpty.current && !empty) stores.ui.getState().requestFit();
    wasEmpty.current = empty;
  }, [empty, stores]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge | RackBundleEdge>[]) => {
    // A far-out bundle is drawn from the edges, not kept: a change to one has nothing to change.
    const own = changes.filter(
      (c) => !('id' in c && c.id.startsWith('rackbundle:')) && !('item' in c && c.item.type === 'rackBundle'),
    ) as EdgeChange<FlowEdge>[];
    setEdgeState((s) => ({ from: s.from, edges: applyEdgeChanges(own, s.edges) }));
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
      const target = document
        .elementFromPoint(point.clientX, point.clientY)
        ?.closest('.react-flow__node')
        ?.getAttribute('data-id');
      if (!target || target === state.fromNode.id) return;
      applyEdit(stores, connect(stores.design.getState().doc, state.fromNode.id, target), 'Connect');
    },
    [stores],
  );

  const isValidConnection = useCallback(
    (c: Connection | { source: string; target: string }) => {
      const s = stores.design.getState().doc.spec;
      const kind = (n: string) =>
        s.routers.some((r) => r.name === n)
          ? 'router'
          : s.racks.some((r) => r.name === n)
            ? 'rack'
            : s.nodes.some((x) => x.name === n)
              ? 'node'
              : 'none';
      const kinds = [kind(c.source), kind(c.target)].sort().join('-');
      return c.source !== c.target && (kinds === 'router-router' || kinds === 'rack-router' || kinds === 'node-router');
    },
    [stores],
  );

  // What of the selection the canvas can show: its nodes, sessions and BGPPeer bundles.
  const onCanvas = useRef(new Set<string>());
  useEffect(() => {
    onCanvas.current = new Set([...shownNodes.map((n) => n.id), ...flow.edges.map((e) => selectionIdOf(e.id))]);
  }, [shownNodes, flow.edges]);
  // Stable: React Flow calls a new handler at once with the selection it holds, which may be a
  // render behind the store's.
  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
      const ids = [...new Set([...ns.map((n) => n.id), ...es.map((e) => selectionIdOf(e.id))])];
      const ui = stores.ui.getState();
      // React Flow echoing the selection it was given (a VM or a BGPFilter has no element of its
      // own on the canvas) changes nothing; a click on the canvas replaces the selection.
      const shown = ui.selection.filter((id) => onCanvas.current.has(id));
      if (shown.length === ids.length && shown.every((id) => ids.includes(id))) return;
      ui.select(ids);
    },
    [stores],
  );

  // A click on the empty canvas clears the selection, whatever it holds (a BGPFilter too).
  const onPaneClick = useCallback(() => stores.ui.getState().select([]), [stores]);

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
    <LodContext.Provider value={lod}>
      <CanvasNodesContext.Provider value={nodes}>
        <ReactFlow
          ref={flowRef}
          className={large ? `lod lod-${level}` : undefined}
          nodes={shownNodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onSelectionChange={onSelectionChange}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          onNodeDoubleClick={onNodeDoubleClick}
          zoomOnDoubleClick={false}
          connectionMode={ConnectionMode.Loose}
          deleteKeyCode={null}
          multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
          selectionKeyCode="Shift"
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          // A selected rack stays under its members and the BGPPeer bundle drawn inside it.
          elevateNodesOnSelect={false}
          onlyRenderVisibleElements={large || nodes.length > 300}
          attributionPosition="bottom-right"
        >
          <Background gap={24} size={1.2} color="#cbd3de" />
          {large ? (
            <Suspense fallback={null}>
              <LargeMiniMap nodes={flow.nodes} />
            </Suspense>
          ) : (
            <MiniMap
              pannable
              zoomable
              nodeColor={(n) => MINIMAP_COLORS[n.type ?? ''] ?? '#999'}
              nodeStrokeWidth={2}
              style={{ width: 170, height: 110 }}
            />
          )}
          {/* The tools and the key share the top right: a row, and the key beside it (below it when narrow). */}
          <Panel position="top-right" className="canvas-tools">
            <OverlayControls />
            <Legend />
          </Panel>
          <Suspense fallback={null}>
            <SimOverlay />
          </Suspense>
        </ReactFlow>
      </CanvasNodesContext.Provider>
    </LodContext.Provider>
  );
}
