/**
 * Opening share links: at startup and whenever the fragment changes, a share link's design is
 * offered (never applied without asking), a broken link is refused with a notice and changes
 * nothing, and either way the fragment leaves the address bar so that a reload does not ask
 * again. The decoder loads only when the address holds a share link.
 */
import type { Topology } from '../../model';
import { isShareFragment } from '../../share/fragment';
import { replaceDesign } from '../actions';
import type { Stores } from '../context';

/** Takes the fragment out of the address bar without a reload (and without a new history entry). */
export function clearShareFragment(): void {
  if (window.location.hash === '') return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}

/** If the address holds a share link: asks before opening its design, or says why it cannot. */
export async function openShareFromLocation(stores: Stores): Promise<void> {
  const fragment = window.location.hash;
  if (!isShareFragment(fragment)) return;
  const { decodeShare } = await import('../../share/link');
  // The address moved on while the decoder loaded: the newer fragment has its own turn.
  if (window.location.hash !== fragment) return;
  const decoded = decodeShare(fragment);
  if (!decoded.ok) {
    clearShareFragment();
    stores.ui.getState().notify('error', `${decoded.message} The current design was not changed.`);
    return;
  }
  stores.ui
    .getState()
    .open({ kind: 'share-open', doc: decoded.doc, ...(decoded.step !== undefined ? { step: decoded.step } : {}) });
}

/** Open: the shared design replaces the current one (one undo step); its lesson step waits for the lesson player. */
export function acceptSharedDesign(stores: Stores, doc: Topology, step: number | undefined): void {
  stores.ui.getState().open({ kind: 'none' });
  replaceDesign(stores, doc, `Opened the shared design “${doc.metadata.title ?? doc.metadata.name}”`);
  if (step !== undefined) stores.ui.setState({ pendingLessonStep: step });
  clearShareFragment();
}

/** Keep mine: the link is dropped, the design stays. */
export function declineSharedDesign(stores: Stores): void {
  stores.ui.getState().open({ kind: 'none' });
  clearShareFragment();
}

/** Follows the address: checks it now and whenever its fragment changes. Returns the unsubscribe function. */
export function followShareLinks(stores: Stores): () => void {
  const onHash = () => void openShareFromLocation(stores);
  onHash();
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
