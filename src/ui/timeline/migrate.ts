/**
 * The "Migrate" action: which VM moves to which node (`spec.migration`). Setting it is a design
 * edit (one undo step); the simulation re-runs by itself. Also the open state of the Migrate
 * dialog, kept per app instance so that a command can open it, and the VM being dragged on the
 * canvas (one drag at a time per page).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { formatIssue, type Topology } from '../../model';
import type { Stores } from '../context';

/** The drag payload of a VM chip: its name. */
export const VM_MIME = 'application/x-liveroute-vm';

type NodeSpec = Topology['spec']['nodes'][number];

/** The nodes a VM can migrate to: every Calico node but the one it runs on. */
export function migrationTargets(doc: Topology, vm: string): NodeSpec[] {
  const from = doc.spec.vms.find((v) => v.name === vm)?.node;
  return doc.spec.nodes.filter((n) => n.name !== from);
}

/** The target the dialog proposes for a VM: the design's current target when it fits, else the first other node. */
export function defaultTarget(doc: Topology, vm: string): string | undefined {
  const targets = migrationTargets(doc, vm);
  const wanted = doc.spec.migration?.to;
  return targets.some((n) => n.name === wanted) ? wanted : targets[0]?.name;
}

/** Makes `vm` → `to` the design's migration (one undo step); false, with an error notice, when refused. */
export function setMigration(stores: Stores, vm: string, to: string): boolean {
  const { doc, update } = stores.design.getState();
  const { notify } = stores.ui.getState();
  if (doc.spec.migration?.vm === vm && doc.spec.migration.to === to) return true;
  const result = update((d) => {
    d.spec.migration = { vm, to };
  });
  if (!result.ok) {
    notify('error', `Migrate ${vm} to ${to} refused: ${result.error.slice(0, 2).map(formatIssue).join('; ')}`);
    return false;
  }
  // No notice on success: the phase bar's status shows the new migration, and a notice would cover the timeline.
  return true;
}

interface DialogState {
  readonly open: boolean;
}

const dialogs = new WeakMap<Stores, StoreApi<DialogState>>();

/** The Migrate dialog's open state for this app instance. */
export function migrateDialog(stores: Stores): StoreApi<DialogState> {
  let s = dialogs.get(stores);
  if (!s) {
    s = createStore<DialogState>()(() => ({ open: false }));
    dialogs.set(stores, s);
  }
  return s;
}

export const openMigrateDialog = (stores: Stores) => migrateDialog(stores).setState({ open: true });
export const closeMigrateDialog = (stores: Stores) => migrateDialog(stores).setState({ open: false });

/** The VM chip being dragged over the canvas, if any: the cards use it to mark where it can go. */
export const vmDrag = createStore<{ readonly vm: string | undefined; readonly from: string | undefined }>()(() => ({
  vm: undefined,
  from: undefined,
}));
