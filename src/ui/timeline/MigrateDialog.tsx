/**
 * The Migrate dialog: pick a VM and the node it moves to. A native modal <dialog>: the page
 * behind is inert and Escape closes it. Keys typed inside stay inside (the app's shortcuts only
 * skip the dialogs of the UI store, and this one is not among them).
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useDesign, useStores } from '../context';
import { closeMigrateDialog, defaultTarget, migrateDialog, migrationTargets, setMigration } from './migrate';

export function MigrateDialog() {
  const stores = useStores();
  const open = useStore(migrateDialog(stores), (s) => s.open);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog migrate-dialog"
      aria-labelledby="migrate-title"
      data-testid="migrate-dialog"
      onClose={() => closeMigrateDialog(stores)}
      onKeyDown={(e) => e.stopPropagation()}
      onPointerDown={(e) => {
        // A click on the backdrop targets the dialog itself, as does one on its padding: only the former closes.
        const r = e.currentTarget.getBoundingClientRect();
        const outside = e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
        if (e.target === e.currentTarget && outside) closeMigrateDialog(stores);
      }}
    >
      {/* Mounted only while open, so each opening starts from the design's current migration. */}
      {open && <MigrateForm />}
    </dialog>
  );
}

function MigrateForm() {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const current = doc.spec.migration;
  const [vm, setVm] = useState(() => current?.vm ?? doc.spec.vms[0]?.name ?? '');
  const [to, setTo] = useState(() => defaultTarget(doc, vm) ?? '');
  const vmSpec = doc.spec.vms.find((v) => v.name === vm);
  const targets = migrationTargets(doc, vm);
  const racks = [...new Set(targets.map((n) => n.rack))];
  const close = () => closeMigrateDialog(stores);
  const valid = vmSpec !== undefined && targets.some((n) => n.name === to);

  return (
    <form
      method="dialog"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && setMigration(stores, vm, to)) close();
      }}
    >
      <h2 id="migrate-title">Migrate a VM</h2>
      <p className="muted" data-testid="migrate-current">
        {current ? (
          <>
            Now: <span className="mono">{current.vm}</span> from{' '}
            <span className="mono">{doc.spec.vms.find((v) => v.name === current.vm)?.node ?? '?'}</span> to{' '}
            <span className="mono">{current.to}</span>
          </>
        ) : (
          'The design has no migration yet.'
        )}
      </p>
      {doc.spec.vms.length === 0 ? (
        <p>The design has no VM: drag one from the palette onto a node first.</p>
      ) : (
        <>
          <div className="field">
            <label>
              VM
              <select
                value={vm}
                data-testid="migrate-vm"
                autoFocus
                onChange={(e) => {
                  setVm(e.target.value);
                  setTo(defaultTarget(doc, e.target.value) ?? '');
                }}
              >
                {doc.spec.vms.map((v) => (
                  <option key={v.name} value={v.name}>
                    {v.name} · {v.ip} · on {v.node}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="field">
            <label>
              Target node
              <select value={to} data-testid="migrate-to" onChange={(e) => setTo(e.target.value)}>
                {racks.map((rack) => (
                  <optgroup key={rack} label={rack}>
                    {targets
                      .filter((n) => n.rack === rack)
                      .map((n) => (
                        <option key={n.name} value={n.name}>
                          {n.name} · {n.address}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </label>
            {vmSpec && (
              <span className="hint">
                Every node but {vmSpec.node}, where {vmSpec.name} runs now.
              </span>
            )}
          </div>
          <p className="muted">
            The five phases are simulated again for this migration. You can also drag a VM onto another node on the
            canvas. Undo takes it back.
          </p>
        </>
      )}
      <div className="actions">
        <button className="btn" type="button" onClick={close}>
          Cancel
        </button>
        <button className="btn primary" type="submit" disabled={!valid} data-testid="migrate-apply">
          Migrate
        </button>
      </div>
    </form>
  );
}
