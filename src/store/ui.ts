/**
 * UI state that is not part of the design and never undone: the selection, dialogs, notices,
 * the in-app clipboard and node positions while a drag is in progress.
 */
import { createStore } from 'zustand/vanilla';
import type { Issue, Topology } from '../model';
import type { Fragment } from '../model/edit/clipboard';

/** Selection ids: element names, `peer:<BGPPeer name>`, `filter:<BGPFilter name>`, `pair:<a>|<b>`, `vm:<name>`. */
export type SelectionId = string;

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
  /** How many times it was said: a repeat is counted on the last one, not stacked. */
  readonly count?: number;
  /** Something the user can do about it (a button on the notice); such a notice stays until dismissed. */
  readonly action?: NoticeAction;
}

export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface IssuesReport {
  readonly title: string;
  readonly source: string;
  readonly issues: readonly Issue[];
}

export type Dialog =
  /** File → New: an empty design or one from a template. */
  | { kind: 'new-design' }
  | { kind: 'rack-template' }
  | { kind: 'fabric-generator' }
  | { kind: 'issues'; report: IssuesReport }
  | { kind: 'import-report'; title: string; lines: readonly string[] }
  /** A share link was opened: replace the design with the shared one? */
  | { kind: 'share-open'; doc: Topology; step?: number }
  /** The clipboard refused the share link: show it to copy by hand. */
  | { kind: 'share-link'; link: string }
  | { kind: 'none' };

export interface UiState {
  readonly selection: readonly SelectionId[];
  readonly dialog: Dialog;
  readonly notices: readonly Notice[];
  readonly clipboard: Fragment | undefined;
  readonly dragging: Readonly<Record<string, readonly [number, number]>>;
  readonly editorOpen: boolean;
  readonly setEditorOpen: (open: boolean) => void;
  /** The width the user gave the right-hand column while the route table or the editor is docked there. */
  readonly dockWidth: number | undefined;
  readonly setDockWidth: (width: number) => void;
  /** Bumped when the canvas should fit: the whole design (a design was opened) or `fitTarget`. */
  readonly fitRequest: number;
  /** What the latest fit request asked for; the canvas fits it again when its room changes. */
  readonly fitTarget: FitTarget;
  readonly requestFit: (target?: FitTarget) => void;
  /** The view is as the last fit left it (and is fitted again when the canvas's room changes). */
  readonly viewFitted: boolean;
  readonly select: (ids: readonly SelectionId[]) => void;
  readonly open: (dialog: Dialog) => void;
  readonly notify: (kind: Notice['kind'], text: string, action?: NoticeAction) => void;
  readonly dismiss: (id: number) => void;
  readonly setClipboard: (f: Fragment) => void;
  readonly setDragging: (positions: Readonly<Record<string, readonly [number, number]>>) => void;
  /** Elements to highlight on the canvas (a diagnostic's subjects): node, router and rack names, `peer:`/`filter:` ids. */
  readonly highlight: readonly string[];
  readonly setHighlight: (ids: readonly string[]) => void;
  /** Canvas animation (messages, packets, flashes); off in tests that do not need it, and on request. */
  readonly animate: boolean;
  readonly setAnimate: (on: boolean) => void;
  /** The key to the canvas is shown, or folded away to a button. */
  readonly legendOpen: boolean;
  readonly setLegendOpen: (open: boolean) => void;
  /** The right-hand column shows the inspector or the diagnostics. */
  readonly sidePanel: 'inspector' | 'diagnostics';
  readonly setSidePanel: (panel: 'inspector' | 'diagnostics') => void;
  /** Whose packet paths the canvas draws: every client's, none, or one client's (by name). */
  readonly pathsFrom: PathsFrom;
  readonly setPathsFrom: (from: PathsFrom) => void;
  /** The lesson step a share link asked for (`&step=`), for the lesson player to open at. */
  readonly pendingLessonStep?: number;
}

/**
 * A request to fit the canvas: to some elements (a lesson step's) or the whole design; `ifNeeded`
 * leaves a view alone that already shows the whole design at a fair size (after undo, redo).
 */
export interface FitTarget {
  readonly nodes?: readonly string[];
  readonly maxZoom?: number;
  readonly ifNeeded?: boolean;
  /** Milliseconds to animate the move (0: at once). */
  readonly duration?: number;
}

/** `all`, `none` or the name of a client (a Calico node or border router). */
export type PathsFrom = 'all' | 'none' | string;

export const MAX_NOTICES = 4;

export function createUiStore(options: { animate?: boolean } = {}) {
  let nextId = 1;
  return createStore<UiState>()((set) => ({
    selection: [],
    dialog: { kind: 'none' },
    notices: [],
    clipboard: undefined,
    dragging: {},
    editorOpen: false,
    setEditorOpen: (editorOpen) => set({ editorOpen }),
    dockWidth: undefined,
    setDockWidth: (dockWidth) => set({ dockWidth }),
    fitRequest: 1,
    fitTarget: {},
    viewFitted: false,
    requestFit: (target = {}) => set((s) => ({ fitRequest: s.fitRequest + 1, fitTarget: target })),
    select: (ids) =>
      set((s) => {
        const next = [...new Set(ids)];
        const same = next.length === s.selection.length && next.every((id, i) => id === s.selection[i]);
        return same ? s : { selection: next };
      }),
    open: (dialog) => set({ dialog }),
    notify: (kind, text, action) =>
      set((s) => {
        const repeat = s.notices.find((n) => n.kind === kind && n.text === text);
        const rest = repeat ? s.notices.filter((n) => n !== repeat) : s.notices;
        const notice: Notice = {
          id: nextId++,
          kind,
          text,
          ...(repeat ? { count: (repeat.count ?? 1) + 1 } : {}),
          ...(action ? { action } : {}),
        };
        const notices = [...rest, notice];
        // Past the limit the oldest goes, unless it offers an action (it waits to be dismissed).
        while (notices.length > MAX_NOTICES) {
          const plain = notices.findIndex((n) => !n.action);
          notices.splice(plain >= 0 ? plain : 0, 1);
        }
        return { notices };
      }),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    setClipboard: (clipboard) => set({ clipboard }),
    setDragging: (dragging) => set({ dragging }),
    highlight: [],
    setHighlight: (highlight) => set({ highlight: [...highlight] }),
    animate: options.animate ?? true,
    setAnimate: (animate) => set({ animate }),
    legendOpen: true,
    setLegendOpen: (legendOpen) => set({ legendOpen }),
    sidePanel: 'inspector',
    setSidePanel: (sidePanel) => set({ sidePanel }),
    pathsFrom: 'all',
    setPathsFrom: (pathsFrom) => set({ pathsFrom }),
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;

export const peerId = (name: string) => `peer:${name}`;
export const filterId = (name: string) => `filter:${name}`;
export const vmId = (name: string) => `vm:${name}`;
export const pairId = (a: string, b: string) => (a < b ? `pair:${a}|${b}` : `pair:${b}|${a}`);

export type Selected =
  | { kind: 'element'; name: string }
  | { kind: 'peer'; name: string }
  | { kind: 'filter'; name: string }
  | { kind: 'vm'; name: string }
  | { kind: 'pair'; a: string; b: string };

export function parseSelectionId(id: SelectionId): Selected {
  if (id.startsWith('peer:')) return { kind: 'peer', name: id.slice(5) };
  if (id.startsWith('filter:')) return { kind: 'filter', name: id.slice(7) };
  if (id.startsWith('vm:')) return { kind: 'vm', name: id.slice(3) };
  if (id.startsWith('pair:')) {
    const [a, b] = id.slice(5).split('|');
    return { kind: 'pair', a: a ?? '', b: b ?? '' };
  }
  return { kind: 'element', name: id };
}
