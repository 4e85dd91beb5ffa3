/**
 * The right-hand column's upper part, above the inspector: the lesson card, the route table and
 * the config editor dock there, and the column widens for them, so the canvas keeps its whole
 * height and most of its width and nothing covers it. The lesson card is on top; below it, the
 * route table or the editor, with tabs when both are open (the last opened in front; the other
 * stays mounted, so the editor keeps its state). The
 * column's left edge can be dragged (or moved with the arrow keys) to resize it. Presenter mode
 * has no right-hand column: the card and the route table have places of their own there (App,
 * WorkshopLayer).
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { downloadManifests, downloadZip } from './actions';
import { useSimulation, useStores, useUi } from './context';
import { useOpenDocks } from './openDocks';

// Monaco and the generators load on first open, never with the app; the card with its lesson.
const EditorPanel = lazy(() => import('./editor/EditorPanel'));
const RoutePanel = lazy(() => import('./sim/RoutePanel').then((m) => ({ default: m.RoutePanel })));
const LessonCard = lazy(() => import('./lesson/LessonCard'));

/** The narrowest the docked column gets, and the least the canvas keeps beside it. */
export const DOCK_MIN_WIDTH = 380;
const CANVAS_MIN_WIDTH = 360;
const KEY_STEP = 24;

/** The docks that share the room below the lesson, in tabs when both are open. */
type Tool = 'routes' | 'editor';
const TOOLS: readonly Tool[] = ['routes', 'editor'];

export default function Docks() {
  const stores = useStores();
  const speaker = useSimulation((s) => s.speaker);
  const open = useOpenDocks();
  const [front, setFront] = useState<Tool>('routes');
  // Of the route table and the editor, the one opened last comes to the front.
  const seen = useRef(open);
  if (
    seen.current.routes !== open.routes ||
    seen.current.editor !== open.editor ||
    seen.current.lesson !== open.lesson
  ) {
    if (open.routes && !seen.current.routes) setFront('routes');
    else if (open.editor && !seen.current.editor) setFront('editor');
    seen.current = open;
  }
  const tools = TOOLS.filter((d) => open[d]);
  if (!open.lesson && tools.length === 0) return null;
  const shown = open[front] ? front : tools[0];
  const label: Record<Tool, string> = { routes: `Route table · ${speaker ?? ''}`, editor: 'Config files' };
  return (
    <div
      className={`dock-area${open.lesson ? ' with-lesson' : ''}${tools.length > 0 ? ' with-tool' : ''}`}
      data-testid="docks"
    >
      <ColumnResizer />
      {/* The lesson stays in sight above a route table or the editor: its steps talk about them. */}
      {open.lesson && (
        <div className="dock-slot lesson-slot">
          <Suspense fallback={<p className="muted dock-loading">Loading the lesson…</p>}>
            <LessonCard />
          </Suspense>
        </div>
      )}
      {tools.length > 1 && (
        <div className="side-tabs dock-tabs" role="tablist" aria-label="Docked panels">
          {tools.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={shown === id}
              className={`side-tab${shown === id ? ' selected' : ''}`}
              onClick={() => setFront(id)}
              data-testid={`dock-tab-${id}`}
            >
              {label[id]}
            </button>
          ))}
        </div>
      )}
      {open.routes && (
        <div className="dock-slot" hidden={shown !== 'routes'}>
          <Suspense fallback={<p className="muted dock-loading">Loading the route table…</p>}>
            <RoutePanel />
          </Suspense>
        </div>
      )}
      {open.editor && (
        <div className="dock-slot" hidden={shown !== 'editor'}>
          <Suspense fallback={<div className="editor-panel loading">Loading the editor…</div>}>
            <EditorPanel
              onDownloadZip={() => void downloadZip(stores)}
              onDownloadManifests={() => void downloadManifests(stores)}
              onClose={() => stores.ui.getState().setEditorOpen(false)}
            />
          </Suspense>
        </div>
      )}
    </div>
  );
}

/** The docked column's left edge: drag it, or focus it and use ← →, to give the canvas or the docks more room. */
function ColumnResizer() {
  const stores = useStores();
  const width = useUi((s) => s.dockWidth);
  const handle = useRef<HTMLDivElement>(null);
  const limits = () => {
    const workspace = handle.current?.closest('.workspace')?.getBoundingClientRect();
    const palette =
      handle.current?.closest('.workspace')?.querySelector('.palette')?.getBoundingClientRect().width ?? 0;
    const max = workspace ? workspace.width - palette - CANVAS_MIN_WIDTH : 1200;
    return { right: workspace?.right ?? window.innerWidth, max: Math.max(DOCK_MIN_WIDTH, max) };
  };
  const set = (w: number) =>
    stores.ui.getState().setDockWidth(Math.round(Math.min(limits().max, Math.max(DOCK_MIN_WIDTH, w))));
  const current = () =>
    width ?? handle.current?.closest('.side-column')?.getBoundingClientRect().width ?? DOCK_MIN_WIDTH;
  return (
    <div
      ref={handle}
      className="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the docked panels"
      aria-valuenow={Math.round(current())}
      tabIndex={0}
      data-testid="dock-resizer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        const { right } = limits();
        const move = (ev: PointerEvent) => set(right - ev.clientX);
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
          el.removeEventListener('pointercancel', up);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
        el.addEventListener('pointercancel', up);
      }}
      onKeyDown={(e) => {
        const delta = { ArrowLeft: KEY_STEP, ArrowRight: -KEY_STEP }[e.key];
        if (delta === undefined) return;
        e.preventDefault();
        set(current() + delta);
      }}
    />
  );
}
