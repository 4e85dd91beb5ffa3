/** Modal dialogs: issues of a refused file, an import's report; the build dialogs (New, rack template, fabric generator) load on first use. */
import { lazy, Suspense } from 'react';
import { formatPath } from '../../model';
import { useStores, useUi } from '../context';
import { Modal } from './Modal';

const BuildDialogs = lazy(() => import('./BuildDialogs'));
const BUILD_DIALOGS = new Set(['new-design', 'rack-template', 'fabric-generator']);

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
        <button className="btn primary" type="button" autoFocus onClick={close}>
          Close
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
        <button className="btn primary" type="button" autoFocus onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function BuildDialogsWhenOpen() {
  const open = useUi((s) => BUILD_DIALOGS.has(s.dialog.kind));
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <BuildDialogs />
    </Suspense>
  );
}

export function Dialogs() {
  return (
    <>
      <IssuesDialog />
      <ImportReportDialog />
      <BuildDialogsWhenOpen />
    </>
  );
}
