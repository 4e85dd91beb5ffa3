/**
 * The canvas animation layer (issue 6), drawn in flow coordinates so it pans and zooms with the
 * canvas: packet paths (always: they are information), and with animation on the BGP messages in
 * flight, the flash of speakers whose routes changed and the VM moving at the switchover.
 * Nothing here takes pointer events except the small message dots and path-end marks (for their
 * hover text), so dragging and selecting on the canvas work as without it.
 */
import { ViewportPortal } from '@xyflow/react';
import { useUi } from '../../context';
import { Flashes } from './Flashes';
import { Messages } from './Messages';
import { PacketPaths } from './PacketPaths';
import { VmMove } from './VmMove';
import './overlay.css';

export function SimOverlay() {
  const animate = useUi((s) => s.animate);
  return (
    <ViewportPortal>
      {animate && <Flashes />}
      <PacketPaths />
      {animate && <Messages />}
      {animate && <VmMove />}
    </ViewportPortal>
  );
}
