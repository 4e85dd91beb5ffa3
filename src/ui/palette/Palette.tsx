/**
 * The palette: drag an item onto the canvas (a rack anywhere, a node or ToR into a rack, a VM
 * onto a node), or click it to add it next to the current selection. Pointer events, so a real
 * mouse, pen or touch all work.
 */
import { useCallback, useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStores } from '../context';
import { applyEdit } from '../actions';
import { dropItem, PALETTE, type PaletteItem, type PaletteKind } from './items';
import { parseSelectionId } from '../../store/ui';

interface Drag {
  readonly item: PaletteItem;
  readonly startX: number;
  readonly startY: number;
  readonly x: number;
  readonly y: number;
  readonly moved: boolean;
}

export function Palette() {
  const stores = useStores();
  const flow = useReactFlow();
  const [drag, setDrag] = useState<Drag | undefined>();

  const fallback = useCallback(() => {
    const doc = stores.design.getState().doc;
    let rack: string | undefined;
    let node: string | undefined;
    for (const id of stores.ui.getState().selection) {
      const s = parseSelectionId(id);
      if (s.kind !== 'element') continue;
      if (doc.spec.racks.some((r) => r.name === s.name)) rack = s.name;
      const n = doc.spec.nodes.find((x) => x.name === s.name);
      if (n) {
        node = n.name;
        rack = n.rack;
      }
      const t = doc.spec.routers.find((r) => r.name === s.name && r.rack);
      if (t) rack = t.rack;
    }
    return { rack: rack ?? doc.spec.racks[0]?.name, node: node ?? doc.spec.nodes[0]?.name };
  }, [stores]);

  const drop = useCallback(
    (kind: PaletteKind, clientX: number | undefined, clientY: number | undefined) => {
      const doc = stores.design.getState().doc;
      const at =
        clientX !== undefined && clientY !== undefined
          ? flow.screenToFlowPosition({ x: clientX, y: clientY })
          : undefined;
      applyEdit(stores, dropItem(doc, kind, at ? [at.x, at.y] : undefined, fallback()), `Add ${kind}`);
    },
    [stores, flow, fallback],
  );

  useEffect(() => {
    if (!drag) return;
    const move = (e: PointerEvent) =>
      setDrag(
        (d) =>
          d && {
            ...d,
            x: e.clientX,
            y: e.clientY,
            moved: d.moved || Math.hypot(e.clientX - d.startX, e.clientY - d.startY) > 4,
          },
      );
    const up = (e: PointerEvent) => {
      setDrag(undefined);
      if (!drag) return;
      const moved = drag.moved || Math.hypot(e.clientX - drag.startX, e.clientY - drag.startY) > 4;
      if (!moved) return drop(drag.item.kind, undefined, undefined);
      const over = document.elementFromPoint(e.clientX, e.clientY);
      if (over?.closest('.react-flow__pane, .react-flow__node, .react-flow__edge'))
        drop(drag.item.kind, e.clientX, e.clientY);
    };
    const cancel = (e: KeyboardEvent) => e.key === 'Escape' && setDrag(undefined);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('keydown', cancel);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('keydown', cancel);
    };
  }, [drag, drop]);

  return (
    <aside className="palette" aria-label="Palette">
      <h3>Add</h3>
      {PALETTE.map((item) => (
        <button
          key={item.kind}
          type="button"
          className="palette-item"
          title={item.hint}
          aria-label={item.label}
          data-testid={`palette-${item.kind}`}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            e.preventDefault();
            setDrag({ item, startX: e.clientX, startY: e.clientY, x: e.clientX, y: e.clientY, moved: false });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              drop(item.kind, undefined, undefined);
            }
          }}
        >
          <span className="glyph" style={{ background: item.color }}>
            {item.glyph}
          </span>
          <span className="palette-label">{item.label}</span>
        </button>
      ))}
      <h3>Build</h3>
      <button
        type="button"
        className="palette-item"
        onClick={() => stores.ui.getState().open({ kind: 'rack-template' })}
        data-testid="open-rack-template"
        title="Rack template…"
      >
        <span className="glyph" style={{ background: '#495057' }}>
          ▦
        </span>
        <span className="palette-label">Rack template…</span>
      </button>
      <button
        type="button"
        className="palette-item"
        onClick={() => stores.ui.getState().open({ kind: 'fabric-generator' })}
        data-testid="open-fabric-generator"
        title="Fabric generator…"
      >
        <span className="glyph" style={{ background: '#495057' }}>
          #
        </span>
        <span className="palette-label">Fabric generator…</span>
      </button>
      <p className="palette-hint">
        Drag items onto the canvas, or click to add next to the selection. Connect two routers for a BGP session; drag
        from a rack’s blue knob to a router to create its BGPPeer.
      </p>
      {drag?.moved && (
        <div className="drag-ghost" style={{ left: drag.x, top: drag.y }}>
          {drag.item.label}
        </div>
      )}
    </aside>
  );
}
