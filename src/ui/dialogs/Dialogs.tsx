/** Modal dialogs: issues of a refused file, the rack template, the fabric generator. */
import { useState, type ReactNode } from 'react';
import { formatPath } from '../../model';
import { addRack } from '../../model/edit/add';
import { generateFabric, FABRIC_LIMITS } from '../../model/edit/generate';
import { applyEdit, replaceDesign } from '../actions';
import { useStores, useUi } from '../context';

export function Modal({ title, children, onClose, testId }: { title: string; children: ReactNode; onClose: () => void; testId: string }) {
  return (
    <div className="backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

function IssuesDialog() {
  const stores = useStores();
  const dialog = useUi((s) => s.dialog);
  if (dialog.kind !== 'issues') return null;
  const { report } = dialog;
  const close = () => stores.ui.getState().open({ kind: 'none' });
  return (
    <Modal title={report.title} onClose={close} testId="issues-dialog">
      <p>
        {report.issues.length} problem{report.issues.length === 1 ? '' : 's'} found. The current design was not changed.
      </p>
      <ul className="issues" data-testid="issues-list">
        {report.issues.map((i, k) => (
          <li key={k}>
            <span className="where">
              {formatPath(i.path)}
              {i.line !== undefined ? ` (line ${i.line}${i.column !== undefined ? `, column ${i.column}` : ''})` : ''}
            </span>
            : {i.message}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button className="btn primary" type="button" autoFocus onClick={close}>Close</button>
      </div>
    </Modal>
  );
}

function NumberInput({ label, value, onChange, min, max, testId }: { label: string; value: number; onChange: (v: number) => void; min: number; max: number; testId: string }) {
  return (
    <div className="field">
      <label>
        {label}
        <input type="number" min={min} max={max} value={value} data-testid={testId} onChange={(e) => onChange(Math.max(min, Math.min(max, Math.round(Number(e.target.value) || 0))))} />
      </label>
    </div>
  );
}

function RackTemplateDialog() {
  const stores = useStores();
  const dialog = useUi((s) => s.dialog);
  const [tors, setTors] = useState<1 | 2>(1);
  const [nodes, setNodes] = useState(4);
  const [nodeAs, setNodeAs] = useState<'per-node' | 'cluster'>('per-node');
  if (dialog.kind !== 'rack-template') return null;
  const close = () => stores.ui.getState().open({ kind: 'none' });
  return (
    <Modal title="New rack from template" onClose={close} testId="rack-template-dialog">
      <div className="field">
        <label>ToRs</label>
        <div className="row">
          {([1, 2] as const).map((n) => (
            <label key={n} className="check"><input type="radio" checked={tors === n} onChange={() => setTors(n)} /> {n === 1 ? 'one ToR' : 'a ToR pair'}</label>
          ))}
        </div>
      </div>
      <NumberInput label="Nodes" value={nodes} min={0} max={64} onChange={setNodes} testId="template-nodes" />
      <div className="field">
        <label>Node AS numbers</label>
        <select value={nodeAs} onChange={(e) => setNodeAs(e.target.value as 'per-node' | 'cluster')}>
          <option value="per-node">one AS per node (eBGP to the ToR)</option>
          <option value="cluster">the cluster AS</option>
        </select>
      </div>
      <p className="muted">The rack gets the next free /24; each ToR is linked to every spine and gets a BGPPeer from the rack’s nodes.</p>
      <div className="actions">
        <button className="btn" type="button" onClick={close}>Cancel</button>
        <button
          className="btn primary"
          type="button"
          data-testid="template-create"
          onClick={() => {
            if (applyEdit(stores, addRack(stores.design.getState().doc, { tors, nodes, nodeAs }), 'New rack')) close();
          }}
        >
          Add rack
        </button>
      </div>
    </Modal>
  );
}

function FabricDialog() {
  const stores = useStores();
  const dialog = useUi((s) => s.dialog);
  const [racks, setRacks] = useState(4);
  const [nodesPerRack, setNodesPerRack] = useState(4);
  const [spines, setSpines] = useState(2);
  const [torsPerRack, setTors] = useState<1 | 2>(1);
  const [vms, setVms] = useState(4);
  if (dialog.kind !== 'fabric-generator') return null;
  const close = () => stores.ui.getState().open({ kind: 'none' });
  return (
    <Modal title="Generate a fabric" onClose={close} testId="fabric-dialog">
      <p className="muted">Replaces the current design (Undo brings it back): eBGP everywhere, one AS per node, the documented live-migration BGPFilter on every node→ToR BGPPeer.</p>
      <NumberInput label="Racks" value={racks} min={1} max={FABRIC_LIMITS.racks} onChange={setRacks} testId="fabric-racks" />
      <NumberInput label="Nodes per rack" value={nodesPerRack} min={1} max={FABRIC_LIMITS.nodesPerRack} onChange={setNodesPerRack} testId="fabric-nodes" />
      <NumberInput label="Spines" value={spines} min={1} max={FABRIC_LIMITS.spines} onChange={setSpines} testId="fabric-spines" />
      <div className="field">
        <label>ToRs per rack</label>
        <select value={torsPerRack} onChange={(e) => setTors(Number(e.target.value) as 1 | 2)}>
          <option value={1}>1</option>
          <option value={2}>2</option>
        </select>
      </div>
      <NumberInput label="VMs" value={vms} min={0} max={FABRIC_LIMITS.vms} onChange={setVms} testId="fabric-vms" />
      <div className="actions">
        <button className="btn" type="button" onClick={close}>Cancel</button>
        <button
          className="btn primary"
          type="button"
          data-testid="fabric-create"
          onClick={() => {
            replaceDesign(stores, generateFabric({ racks, nodesPerRack, spines, torsPerRack, vms }), `Generated ${racks} racks × ${nodesPerRack} nodes`);
            close();
          }}
        >
          Generate
        </button>
      </div>
    </Modal>
  );
}

function ImportReportDialog() {
  const stores = useStores();
  const dialog = useUi((s) => s.dialog);
  if (dialog.kind !== 'import-report') return null;
  const close = () => stores.ui.getState().open({ kind: 'none' });
  return (
    <Modal title={dialog.title} onClose={close} testId="import-dialog">
      <p>The Calico resources were merged into the design (Undo takes them out again):</p>
      <ul data-testid="import-report">
        {dialog.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <div className="actions">
        <button className="btn primary" type="button" autoFocus onClick={close}>Close</button>
      </div>
    </Modal>
  );
}

export function Dialogs() {
  return (
    <>
      <IssuesDialog />
      <ImportReportDialog />
      <RackTemplateDialog />
      <FabricDialog />
    </>
  );
}
