/** The top bar: menus built from the command registry, undo/redo, and the design's title. */
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useScenarioLibrary } from './scenarioLibrary';
import { openScenario } from './actions';
import { commandById, displayShortcut, type CommandContext } from './commands';
import { useDesign, useHistory, useUi } from './context';
import { useAppUpdate } from './pwa';
import { offerLesson } from './lesson/workshop';
// Loaded with the first notice (the initial-JS budget).
const Notices = lazy(() => import('./Notices').then((m) => ({ default: m.Notices })));

function Menu({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="tb-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        {label} ▾
      </button>
      {open && (
        <div className="menu-list" role="menu">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

function CommandItem({ ctx, id, close }: { ctx: CommandContext; id: string; close: () => void }) {
  const c = commandById(id);
  const enabled = c.enabled ? c.enabled(ctx) : true;
  return (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      disabled={!enabled}
      data-testid={`cmd-${id}`}
      onClick={() => {
        close();
        void c.run(ctx);
      }}
    >
      <span>{c.label}</span>
      {c.shortcuts?.[0] && <span className="kbd">{displayShortcut(c.shortcuts[0])}</span>}
    </button>
  );
}

/** The built-in scenarios, once the library has loaded (it is not part of the first load). */
function ScenarioItems({ ctx, close }: { ctx: CommandContext; close: () => void }) {
  const scenarios = useScenarioLibrary();
  if (!scenarios)
    return (
      <p className="menu-item muted" role="status">
        Loading the scenarios…
      </p>
    );
  return (
    <>
      {scenarios.map((s) => (
        <button
          key={s.id}
          type="button"
          role="menuitem"
          className="menu-item"
          data-testid={`scenario-${s.id}`}
          onClick={() => {
            close();
            openScenario(ctx.stores, s);
            offerLesson(ctx.stores, s.id);
          }}
        >
          <span>
            {s.title}
            <small>{s.id}</small>
          </span>
        </button>
      ))}
    </>
  );
}

export function Toolbar({ ctx }: { ctx: CommandContext }) {
  const title = useDesign((s) => s.doc.metadata.title ?? s.doc.metadata.name);
  const { canUndo, canRedo } = useHistory();
  const editorOpen = useUi((s) => s.editorOpen);
  const hasNotices = useUi((s) => s.notices.length > 0);
  const applyUpdate = useAppUpdate();
  const item = (id: string, close: () => void) => <CommandItem key={id} ctx={ctx} id={id} close={close} />;
  return (
    <header className="toolbar">
      <span className="brand">
        <img src="./favicon.svg" alt="" width={20} height={20} /> liveroute
      </span>
      <Menu label="File" testId="menu-file">
        {(close) => (
          <>
            {item('file.new', close)}
            {item('file.open', close)}
            {item('file.saveYaml', close)}
            {item('file.saveJson', close)}
            <div className="menu-sep" />
            {item('file.downloadZip', close)}
            {item('file.downloadManifests', close)}
            {item('file.downloadContainerlab', close)}
            <div className="menu-sep" />
            {item('share.copyLink', close)}
            {item('export.svg', close)}
            {item('export.png', close)}
          </>
        )}
      </Menu>
      <Menu label="Scenarios" testId="menu-scenarios">
        {(close) => (
          <>
            {item('scenarios.gallery', close)}
            {item('lesson.toggle', close)}
            <div className="menu-sep" />
            <ScenarioItems ctx={ctx} close={close} />
          </>
        )}
      </Menu>
      <Menu label="Edit" testId="menu-edit">
        {(close) =>
          ['edit.undo', 'edit.redo', 'edit.copy', 'edit.paste', 'edit.delete', 'edit.selectAll'].map((id) =>
            item(id, close),
          )
        }
      </Menu>
      <Menu label="View" testId="menu-view">
        {(close) =>
          [
            'view.editor',
            'sim.routes',
            'sim.prevPhase',
            'sim.nextPhase',
            'sim.playPause',
            'sim.prevInstant',
            'sim.nextInstant',
            'sim.migrate',
            'view.autoLayout',
            'view.fit',
            'view.zoomIn',
            'view.zoomOut',
            'view.animate',
            'view.presenter',
          ].map((id) => item(id, close))
        }
      </Menu>
      <Menu label="Build" testId="menu-build">
        {(close) => ['build.rackTemplate', 'build.fabric'].map((id) => item(id, close))}
      </Menu>
      <button
        type="button"
        className="tb-btn"
        disabled={!canUndo}
        onClick={() => void commandById('edit.undo').run(ctx)}
        title="Undo (Ctrl+Z)"
        data-testid="undo"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="tb-btn"
        disabled={!canRedo}
        onClick={() => void commandById('edit.redo').run(ctx)}
        title="Redo (Ctrl+Shift+Z)"
        data-testid="redo"
      >
        ↷ Redo
      </button>
      <button
        type="button"
        className="tb-btn"
        onClick={() => void commandById('view.autoLayout').run(ctx)}
        data-testid="auto-layout"
      >
        Auto-layout
      </button>
      <button
        type="button"
        className={`tb-btn${editorOpen ? ' on' : ''}`}
        aria-pressed={editorOpen}
        onClick={() => void commandById('view.editor').run(ctx)}
        data-testid="toggle-editor"
      >
        Configs
      </button>
      <span className="title" data-testid="design-title">
        {title}
      </span>
      {hasNotices ? (
        <Suspense fallback={<span className="notices" />}>
          <Notices />
        </Suspense>
      ) : (
        <span className="notices" />
      )}
      {applyUpdate && (
        <button
          type="button"
          className="tb-btn on"
          onClick={applyUpdate}
          title="A new version of liveroute is ready: switch to it now (the page reloads; your design is kept)"
          data-testid="app-update"
        >
          ⟳ Update
        </button>
      )}
    </header>
  );
}
