/**
 * Notices live in the toolbar, where they cover nothing: the newest one in a line (its whole
 * text on hover), a repeat counted on it, and the others behind "+N", which lists them all. A notice
 * may carry one action (a button), such as downloading what could not be kept.
 */
import { useEffect, useState } from 'react';
import type { Notice } from '../store/ui';
import { useStores, useUi } from './context';

function NoticeItem({ notice, hidden }: { notice: Notice; hidden: boolean }) {
  const stores = useStores();
  const repeats = (notice.count ?? 1) > 1 ? ` ×${notice.count}` : '';
  return (
    <div
      className={`notice ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      hidden={hidden}
      title={`${notice.text}${repeats}`}
    >
      <span className="notice-text">{notice.text}</span>
      {repeats && (
        <span className="notice-count" data-testid="notice-count">
          {repeats}
        </span>
      )}
      {notice.action && (
        <button type="button" className="notice-action" onClick={notice.action.run} data-testid="notice-action">
          {notice.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => stores.ui.getState().dismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

export function Notices() {
  const stores = useStores();
  const notices = useUi((s) => s.notices);
  const [listed, setListed] = useState(false);
  const older = notices.length - 1;
  const open = listed && older > 0;
  // Notices fade on their own (information after 5 s, errors after 12 s), not while listed to be read;
  // one that offers an action stays until dismissed.
  useEffect(() => {
    if (open) return;
    const timers = notices
      .filter((n) => !n.action)
      .map((n) => window.setTimeout(() => stores.ui.getState().dismiss(n.id), n.kind === 'error' ? 12000 : 5000));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [notices, open, stores]);
  return (
    <div className={`notices${open ? ' listed' : ''}`} aria-live="polite" data-testid="notices">
      {older > 0 && (
        <button
          type="button"
          className="notice-more"
          aria-expanded={open}
          onClick={() => setListed(!open)}
          data-testid="notices-more"
          title={open ? 'Show the newest notice only' : `${older} earlier notice${older === 1 ? '' : 's'}`}
        >
          {open ? '−' : `+${older}`}
        </button>
      )}
      <div className="notice-stack">
        {notices.map((n, i) => (
          <NoticeItem key={n.id} notice={n} hidden={!open && i < older} />
        ))}
      </div>
    </div>
  );
}
