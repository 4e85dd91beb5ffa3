/**
 * File → Copy share link: the link of the current design, to the clipboard, or shown to copy by
 * hand where the browser refuses. Loaded on first use (it brings the compressor).
 */
import { buildShare } from '../../share/link';
import type { Stores } from '../context';
import { lessonOf } from '../lesson/workshop';

const count = (n: number) => n.toLocaleString('en-US');

/** The lesson step on screen, when the design's lesson is open: the link opens the lesson there. */
function openLessonStep(stores: Stores): number | undefined {
  const lesson = lessonOf(stores).getState();
  const doc = stores.design.getState().doc;
  return lesson.lesson && doc.lesson && lesson.design === doc.metadata.name ? lesson.step : undefined;
}

/** The full URL of a share link for the current design (and open lesson step), or why there is none. */
export function shareUrl(
  stores: Stores,
  location: Pick<Location, 'origin' | 'pathname'> = window.location,
): { ok: true; url: string; step?: number } | { ok: false; message: string } {
  const step = openLessonStep(stores);
  const built = buildShare(stores.design.getState().doc, step !== undefined ? { step } : {});
  if (built.problem)
    return {
      ok: false,
      message: `This design is too big for a share link: ${built.problem}. Use File → Save as YAML and share the file instead.`,
    };
  return {
    ok: true,
    url: `${location.origin}${location.pathname}${built.fragment}`,
    ...(step !== undefined ? { step } : {}),
  };
}

/** Copies the share link; where the clipboard is missing or refuses, shows the link to copy by hand. */
export async function copyShareLink(stores: Stores): Promise<void> {
  const ui = stores.ui.getState();
  const link = shareUrl(stores);
  if (!link.ok) {
    ui.notify('error', link.message);
    return;
  }
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(link.url);
  } catch {
    ui.open({ kind: 'share-link', link: link.url });
    return;
  }
  const at = link.step !== undefined ? `, opens the lesson at step ${link.step + 1}` : '';
  ui.notify('info', `Share link copied (${count(link.url.length)} characters${at})`);
}
