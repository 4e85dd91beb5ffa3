/**
 * Migrating by dragging: a VM chip on a node card is an HTML5 drag source (it carries the VM's
 * name under its own MIME type, so files and other drags are ignored), and every other Calico
 * node card is a drop target that makes it the VM's migration target.
 */
import { useState, type DragEvent, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import { vmId } from '../../store/ui';
import { useStores } from '../context';
import { setMigration, VM_MIME, vmDrag } from './migrate';

/**
 * The props of a VM chip: draggable, and a click selects the VM. Its class must hold
 * `nodrag nopan` so React Flow leaves the gesture alone; the click stops here so that React Flow
 * does not also select the node card around it (the two selections would fight).
 */
export function useVmChip(vm: string, node: string) {
  const stores = useStores();
  return {
    draggable: true,
    onClick: (e: MouseEvent) => {
      e.stopPropagation();
      stores.ui.getState().select([vmId(vm)]);
    },
    onDragStart: (e: DragEvent) => {
      e.stopPropagation();
      e.dataTransfer.setData(VM_MIME, vm);
      e.dataTransfer.setData('text/plain', vm);
      e.dataTransfer.effectAllowed = 'move';
      vmDrag.setState({ vm, from: node });
    },
    onDragEnd: () => vmDrag.setState({ vm: undefined, from: undefined }),
  };
}

export interface VmDropTarget {
  /** A VM from another node is being dragged: this card can take it. */
  readonly candidate: boolean;
  /** It is over this card now. */
  readonly over: boolean;
  readonly vm: string | undefined;
  readonly props: {
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
}

/** The drop side, for the card of Calico node `node`. */
export function useVmDropTarget(node: string): VmDropTarget {
  const stores = useStores();
  const vm = useStore(vmDrag, (s) => s.vm);
  const candidate = useStore(vmDrag, (s) => s.vm !== undefined && s.from !== node);
  const [over, setOver] = useState(false);
  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(VM_MIME) && vmDrag.getState().from !== node;
  return {
    candidate,
    over: over && candidate,
    vm,
    props: {
      onDragOver: (e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      },
      onDragLeave: (e) => {
        // Moving onto a child of the card is not leaving it.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      },
      onDrop: (e) => {
        setOver(false);
        if (!accepts(e)) return;
        e.preventDefault();
        e.stopPropagation();
        const name = e.dataTransfer.getData(VM_MIME);
        vmDrag.setState({ vm: undefined, from: undefined });
        if (name) setMigration(stores, name, node);
      },
    },
  };
}
