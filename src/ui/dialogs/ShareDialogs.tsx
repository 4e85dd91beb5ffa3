/** The dialogs of share links: "open the shared design?" and the link to copy by hand. */
import { useRef } from 'react';
import { useStores, useUi } from '../context';
import { acceptSharedDesign, declineSharedDesign } from '../share/openShared';
import { Modal } from './Modal';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function OpenSharedDialog() {
  const stores = useStores();
  const dialog = useUi((s) => s.dialog);
  if (dialog.kind !== 'share-open') return null;
  const { doc, step } = dialog;
  const title = doc.metadata.title ?? doc.metadata.name;
  const s = doc.spec;
  const keep = () => declineSharedDesign(stores);
  return (
    <Modal title={`Open the shared design “${title}”?`} onClose={keep} testId="share-open-dialog">
      <p>It replaces the current design (you can undo).</p>
      <p className="muted" data-testid="share-open-summary">
        {doc.metadata.name}: {plural(s.racks.length, 'rack')}, {plural(s.nodes.length, 'node')},{' '}
        {plural(s.routers.length, 'router')}, {plural(s.vms.length, 'VM')}
        {step !== undefined ? `; lesson step ${step}` : ''}
      </p>
      <div className="actions">
        <button className="btn" type="button" onClick={keep} data-testid="share-keep">
          Keep mine
        </button>
        <button
          className="btn primary"
          type="button"
          autoFocus
          onClick={() => acceptSharedDesign(stores, doc, step)}
          data-testid="share-accept"
        >
          Open
        </button>
      </div>
    </Modal>
  );
}

function CopyLinkDialog() {
  const stores = useStores();
  const dialog = useUi((s) => s.dialog);
  const field = useRef<HTMLTextAreaElement>(null);
  if (dialog.kind !== 'share-link') return null;
  const close = () => stores.ui.getState().open({ kind: 'none' });
  const copy = async () => {
    const ui = stores.ui.getState();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(dialog.link);
    } catch {
      // The clipboard API is refused: the selection and the older copy command may still work.
      field.current?.select();
      if (!document.execCommand('copy')) {
        ui.notify('error', 'The browser does not allow copying: the link is selected, press Ctrl+C (⌘C).');
        return;
      }
    }
    ui.notify('info', `Share link copied (${dialog.link.length.toLocaleString('en-US')} characters)`);
    close();
  };
  return (
    <Modal title="Share link" onClose={close} testId="share-link-dialog">
      <p>The browser did not let liveroute copy the link. Copy it from here: anyone who opens it gets this design.</p>
      <textarea
        ref={field}
        className="share-link-field"
        readOnly
        rows={4}
        value={dialog.link}
        onFocus={(e) => e.currentTarget.select()}
        aria-label="Share link"
        data-testid="share-link-field"
        style={{
          width: '100%',
          fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
          fontSize: 12,
          wordBreak: 'break-all',
        }}
      />
      <div className="actions">
        <button className="btn" type="button" onClick={close}>
          Close
        </button>
        <button
          className="btn primary"
          type="button"
          autoFocus
          onClick={() => void copy()}
          data-testid="share-link-copy"
        >
          Copy
        </button>
      </div>
    </Modal>
  );
}

export function ShareDialogs() {
  return (
    <>
      <OpenSharedDialog />
      <CopyLinkDialog />
    </>
  );
}
