/**
 * Every user command, as data: id, label, shortcut, when it is enabled, what it does. Menus,
 * keyboard shortcuts and tests all go through this registry.
 */
import {
  copySelection,
  deleteSelection,
  downloadContainerlab,
  downloadDesign,
  downloadManifests,
  downloadZip,
  pasteClipboard,
  redo,
  undo,
} from './actions';
import type { CommandContext } from './commandContext';
import { openMigrateDialog } from './timeline/migrate';
import { lessonOf, startLesson, togglePresenter } from './lesson/workshop';

export type { CommandContext };

export interface Command {
  readonly id: string;
  readonly label: string;
  /** e.g. `Mod+Z`: Mod is Ctrl, or ⌘ on macOS. */
  readonly shortcuts?: readonly string[];
  /**
   * The shortcut also works while typing in a text field or the config editor (focusKeys.ts).
   * Only for Ctrl/⌘ keys that no text field uses: saving, opening, the editor toggle. Everything
   * else (undo, copy, paste, select all, zoom, Escape, single keys) is the field's there.
   */
  readonly inTextFields?: boolean;
  readonly enabled?: (ctx: CommandContext) => boolean;
  readonly run: (ctx: CommandContext) => void | Promise<void>;
}

const hasSelection = (ctx: CommandContext) => ctx.stores.ui.getState().selection.length > 0;
const hasTimeline = (ctx: CommandContext) => (ctx.stores.simulation.getState().report?.timeline.length ?? 0) > 0;

export async function runAutoLayout(ctx: CommandContext): Promise<void> {
  const doc = ctx.stores.design.getState().doc;
  // Loaded on first use, with ELK.
  const { autoLayout } = await import('./canvas/autoLayout');
  const positions = await autoLayout(doc);
  const result = ctx.stores.design.getState().update((d) => {
    d.spec.layout = { ...(d.spec.layout ?? {}), positions };
  });
  if (!result.ok) ctx.stores.ui.getState().notify('error', 'Auto-layout produced an invalid layout');
  else ctx.stores.ui.getState().requestFit({ duration: 250 });
}

export const COMMANDS: readonly Command[] = [
  // Browsers keep Ctrl+N (a new window) for themselves.
  {
    id: 'file.new',
    label: 'New…',
    shortcuts: ['Mod+Alt+N'],
    run: (ctx) => ctx.stores.ui.getState().open({ kind: 'new-design' }),
  },
  {
    id: 'file.open',
    label: 'Open… (a design, or Calico resources to import)',
    shortcuts: ['Mod+O'],
    inTextFields: true,
    run: (ctx) => ctx.openFilePicker(),
  },
  {
    id: 'file.saveYaml',
    label: 'Save as YAML',
    shortcuts: ['Mod+S'],
    inTextFields: true,
    run: (ctx) => downloadDesign(ctx.stores, 'yaml'),
  },
  {
    id: 'file.saveJson',
    label: 'Save as JSON',
    shortcuts: ['Mod+Shift+S'],
    inTextFields: true,
    run: (ctx) => downloadDesign(ctx.stores, 'json'),
  },
  { id: 'file.downloadZip', label: 'Download all configs (.zip)', run: (ctx) => downloadZip(ctx.stores) },
  {
    id: 'file.downloadManifests',
    label: 'Download Calico manifests (.yaml)',
    run: (ctx) => downloadManifests(ctx.stores),
  },
  {
    id: 'file.downloadContainerlab',
    label: 'Export for containerlab (.zip)',
    run: (ctx) => downloadContainerlab(ctx.stores),
  },
  // Share links and diagram export load on first use (the compressor, the SVG renderer).
  {
    id: 'share.copyLink',
    label: 'Copy share link',
    run: async (ctx) => (await import('./share/copyLink')).copyShareLink(ctx.stores),
  },
  {
    id: 'export.svg',
    label: 'Export diagram as SVG',
    run: async (ctx) => (await import('./export/exportDiagram')).exportDiagramSvg(ctx),
  },
  {
    id: 'export.png',
    label: 'Export diagram as PNG',
    run: async (ctx) => (await import('./export/exportDiagram')).exportDiagramPng(ctx),
  },
  {
    id: 'view.editor',
    label: 'Config files',
    shortcuts: ['Mod+E'],
    // The key that opened the editor closes it, from inside it too.
    inTextFields: true,
    run: (ctx) => ctx.stores.ui.getState().setEditorOpen(!ctx.stores.ui.getState().editorOpen),
  },
  {
    id: 'edit.undo',
    label: 'Undo',
    shortcuts: ['Mod+Z'],
    enabled: (ctx) => ctx.stores.design.temporal.getState().pastStates.length > 0,
    run: (ctx) => undo(ctx.stores),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: (ctx) => ctx.stores.design.temporal.getState().futureStates.length > 0,
    run: (ctx) => redo(ctx.stores),
  },
  {
    id: 'edit.copy',
    label: 'Copy',
    shortcuts: ['Mod+C'],
    enabled: hasSelection,
    run: (ctx) => copySelection(ctx.stores),
  },
  {
    id: 'edit.paste',
    label: 'Paste',
    shortcuts: ['Mod+V'],
    enabled: (ctx) => ctx.stores.ui.getState().clipboard !== undefined,
    run: (ctx) => pasteClipboard(ctx.stores),
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    shortcuts: ['Delete', 'Backspace'],
    enabled: hasSelection,
    run: (ctx) => deleteSelection(ctx.stores),
  },
  {
    id: 'edit.selectAll',
    label: 'Select all',
    shortcuts: ['Mod+A'],
    run: (ctx) => {
      const s = ctx.stores.design.getState().doc.spec;
      ctx.stores.ui
        .getState()
        .select([...s.racks.map((r) => r.name), ...s.routers.filter((r) => r.role !== 'tor').map((r) => r.name)]);
    },
  },
  {
    id: 'edit.deselect',
    label: 'Clear selection',
    shortcuts: ['Escape'],
    run: (ctx) => ctx.stores.ui.getState().select([]),
  },
  { id: 'view.autoLayout', label: 'Auto-layout', shortcuts: ['Mod+Shift+L'], run: runAutoLayout },
  {
    id: 'view.fit',
    label: 'Fit view',
    shortcuts: ['Shift+1'],
    run: (ctx) => ctx.stores.ui.getState().requestFit({ duration: 200 }),
  },
  { id: 'view.zoomIn', label: 'Zoom in', shortcuts: ['Mod+='], run: (ctx) => void ctx.flow.zoomIn({ duration: 150 }) },
  {
    id: 'view.zoomOut',
    label: 'Zoom out',
    shortcuts: ['Mod+-'],
    run: (ctx) => void ctx.flow.zoomOut({ duration: 150 }),
  },
  {
    id: 'view.animate',
    label: 'Toggle animation',
    run: (ctx) => ctx.stores.ui.getState().setAnimate(!ctx.stores.ui.getState().animate),
  },
  {
    id: 'scenarios.gallery',
    label: 'Scenario gallery…',
    shortcuts: ['G'],
    run: (ctx) => lessonOf(ctx.stores).getState().setGalleryOpen(true),
  },
  {
    id: 'lesson.toggle',
    label: 'Lesson (start or close)',
    shortcuts: ['L'],
    enabled: (ctx) =>
      ctx.stores.design.getState().doc.lesson !== undefined || lessonOf(ctx.stores).getState().lesson !== undefined,
    run: (ctx) =>
      lessonOf(ctx.stores).getState().lesson ? lessonOf(ctx.stores).getState().close() : void startLesson(ctx.stores),
  },
  { id: 'view.presenter', label: 'Presenter mode', shortcuts: ['P'], run: (ctx) => togglePresenter(ctx.stores) },
  {
    id: 'sim.prevPhase',
    label: 'Previous phase',
    shortcuts: ['['],
    run: (ctx) => ctx.stores.simulation.getState().stepPhase(-1),
  },
  {
    id: 'sim.nextPhase',
    label: 'Next phase',
    shortcuts: [']'],
    run: (ctx) => ctx.stores.simulation.getState().stepPhase(1),
  },
  {
    id: 'sim.playPause',
    label: 'Play / pause the timeline',
    shortcuts: ['Space'],
    enabled: hasTimeline,
    run: (ctx) => ctx.stores.simulation.getState().togglePlay(),
  },
  {
    id: 'sim.prevInstant',
    label: 'Previous event',
    shortcuts: ['ArrowLeft'],
    enabled: hasTimeline,
    run: (ctx) => ctx.stores.simulation.getState().stepInstant(-1),
  },
  {
    id: 'sim.nextInstant',
    label: 'Next event',
    shortcuts: ['ArrowRight'],
    enabled: hasTimeline,
    run: (ctx) => ctx.stores.simulation.getState().stepInstant(1),
  },
  {
    id: 'sim.migrate',
    label: 'Migrate a VM…',
    enabled: (ctx) => ctx.stores.design.getState().doc.spec.vms.length > 0,
    run: (ctx) => openMigrateDialog(ctx.stores),
  },
  {
    id: 'sim.routes',
    label: 'Route table (of the selected node or router)',
    run: (ctx) => {
      const sim = ctx.stores.simulation.getState();
      if (sim.speaker !== undefined) return sim.showRoutes(undefined);
      const selected = ctx.stores.ui.getState().selection[0];
      const spec = ctx.stores.design.getState().doc.spec;
      const speakers = [...spec.nodes.map((n) => n.name), ...spec.routers.map((r) => r.name)];
      // Without a selected speaker, start where the VM starts.
      sim.showRoutes(
        selected !== undefined && speakers.includes(selected) ? selected : (sim.report?.migration.from ?? speakers[0]),
      );
    },
  },
  {
    id: 'build.rackTemplate',
    label: 'New rack from template…',
    shortcuts: ['Mod+Shift+R'],
    run: (ctx) => ctx.stores.ui.getState().open({ kind: 'rack-template' }),
  },
  {
    id: 'build.fabric',
    label: 'Generate fabric…',
    run: (ctx) => ctx.stores.ui.getState().open({ kind: 'fabric-generator' }),
  },
];

export function commandById(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown command ${id}`);
  return c;
}

/**
 * The shortcut string of a key event: `Mod+Shift+Z`, `Delete`, `Shift+1`, `Space`, `ArrowLeft`.
 * Whether the focused element takes the key instead is focusKeys.ts's question.
 */
export function shortcutOf(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('Mod');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  let key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (e.code.startsWith('Digit')) key = e.code.slice(5);
  // With Alt (Option on macOS) the key's character changes (⌥N is a dead key): name the key itself.
  if (e.altKey && e.code.startsWith('Key')) key = e.code.slice(3);
  if (e.code === 'Equal') key = '=';
  if (e.code === 'Minus') key = '-';
  parts.push(key);
  return parts.join('+');
}

export function commandForShortcut(shortcut: string): Command | undefined {
  return COMMANDS.find((c) => c.shortcuts?.includes(shortcut));
}

/**
 * The command a key event runs even from a text field (Mod+S, Mod+Shift+S, Mod+O, Mod+E), if any:
 * a field with unapplied typing applies it first, so that what is saved is what the user sees.
 */
export function textFieldCommandOf(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): Command | undefined {
  if (!e.ctrlKey && !e.metaKey) return undefined;
  const command = commandForShortcut(shortcutOf(e));
  return command?.inTextFields ? command : undefined;
}

export function displayShortcut(s: string): string {
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return s
    .replace('Mod', mac ? '⌘' : 'Ctrl')
    .replace('ArrowLeft', '←')
    .replace('ArrowRight', '→');
}
