/** The app shell: toolbar, palette, canvas, inspector; keyboard shortcuts; file drop. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { FabricCanvas } from './canvas/FabricCanvas';
import { Palette } from './palette/Palette';
import { SidePanel } from './SidePanel';
import { useOpenDocks } from './openDocks';
import { Toolbar } from './Toolbar';
import { Dialogs } from './dialogs/Dialogs';
import { commandForShortcut, shortcutOf, type CommandContext } from './commands';
import { openFile } from './actions';
import { keyBelongsToFocus } from './focusKeys';
import { PhaseBar } from './sim/PhaseBar';
import { Timeline } from './timeline/Timeline';

// Panels and dialogs that are not on the first screen load when first shown (the initial-JS budget).
const RoutePanel = lazy(() => import('./sim/RoutePanel').then((m) => ({ default: m.RoutePanel })));
const ShareDialogs = lazy(() => import('./dialogs/ShareDialogs').then((m) => ({ default: m.ShareDialogs })));
// The gallery, the lesson player and presenter mode load when first used.
const WorkshopLayer = lazy(() => import('./lesson/WorkshopLayer'));
import { useLesson, workshopActive } from './lesson/workshop';
import { useSimulation, useStores, useUi } from './context';

function Workspace() {
  const stores = useStores();
  const flow = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  const dialogOpen = useUi((s) => s.dialog.kind !== 'none');
  const routesOpen = useSimulation((s) => s.speaker !== undefined);
  const dockWidth = useUi((s) => s.dockWidth);
  const shareDialog = useUi((s) => s.dialog.kind === 'share-open' || s.dialog.kind === 'share-link');
  const presenter = useLesson((s) => s.presenter);
  const open = useOpenDocks();
  const docked = open.lesson || open.routes || open.editor;
  const workshopWanted = useLesson(workshopActive);
  const lessonLinked = useUi((s) => s.pendingLessonStep !== undefined);
  const workshopNeeded = workshopWanted || lessonLinked;
  const [workshop, setWorkshop] = useState(false);
  if (workshopNeeded && !workshop) setWorkshop(true);
  // A long run leaves the previous result on screen, faded, so it is not mistaken for the new one.
  const stale = useSimulation((s) => s.slow && s.report !== undefined);

  const ctx: CommandContext = useMemo(
    () => ({ stores, flow, openFilePicker: () => fileInput.current?.click() }),
    [stores, flow],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen) return;
      const command = commandForShortcut(shortcutOf(e));
      if (!command || keyBelongsToFocus(e, command) || (command.enabled && !command.enabled(ctx))) return;
      e.preventDefault();
      void command.run(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx, dialogOpen]);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const file = e.dataTransfer.files[0];
      setDropping(false);
      if (!file) return;
      e.preventDefault();
      void openFile(stores, file);
    },
    [stores],
  );

  return (
    <div
      className={`app${presenter ? ' presenter' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDropping(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropping(false);
      }}
      onDrop={onDrop}
    >
      <Toolbar ctx={ctx} />
      {/* The lesson card, the route table and the editor dock in the right-hand column, which widens for them. */}
      <div
        className={`workspace${docked ? ' docked' : ''}`}
        style={dockWidth !== undefined ? ({ '--dock-width': `${dockWidth}px` } as React.CSSProperties) : undefined}
      >
        <Palette />
        <main className={`canvas-wrap${stale ? ' stale' : ''}`} aria-label="Fabric canvas" aria-busy={stale}>
          <PhaseBar />
          <div className="canvas-area">
            <FabricCanvas />
          </div>
          {/* The lesson's logic, its offer over the canvas and, presenting, its card in a column of its own. */}
          {workshop && (
            <Suspense fallback={null}>
              <WorkshopLayer />
            </Suspense>
          )}
          {/* Presenter mode has no right-hand column: the route table takes the timeline's place. */}
          {presenter && routesOpen ? (
            <Suspense fallback={<Timeline />}>
              <RoutePanel />
            </Suspense>
          ) : (
            <Timeline />
          )}
        </main>
        <SidePanel />
      </div>
      <input
        ref={fileInput}
        type="file"
        accept=".yaml,.yml,.json,application/json,application/yaml"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openFile(stores, file);
        }}
      />
      {dropping && <div className="drop-overlay">Drop a liveroute/v1 YAML or JSON file to open it</div>}
      <Dialogs />
      {shareDialog && (
        <Suspense fallback={null}>
          <ShareDialogs />
        </Suspense>
      )}
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Workspace />
    </ReactFlowProvider>
  );
}
