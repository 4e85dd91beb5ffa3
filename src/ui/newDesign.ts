/**
 * File → New: the current design is replaced by an empty one or a template (one undo step). The
 * old design's prose, expectations, lesson and layout go with it, so they raise no warnings
 * about a design they no longer describe; an open lesson closes and the canvas is refitted.
 */
import { newDesign, type NewDesignTemplate } from '../model/edit/newDesign';
import { replaceDesign } from './actions';
import type { Stores } from './context';
import { lessonOf } from './lesson/workshop';

const DESCRIBED: Record<NewDesignTemplate['kind'], string> = {
  empty: 'an empty design',
  'one-rack': 'one rack',
  'two-racks': 'two racks, eBGP',
};

/** Replaces the design with a new one; false (with a notice) when that cannot be done. */
export function startNewDesign(stores: Stores, template: NewDesignTemplate): boolean {
  const made = newDesign(template);
  if (!made.ok) {
    stores.ui.getState().notify('error', `New design: ${made.error}`);
    return false;
  }
  if (!replaceDesign(stores, made.value, `New design: ${DESCRIBED[template.kind]} (Undo brings the previous one back)`))
    return false;
  const lesson = lessonOf(stores).getState();
  lesson.close();
  lesson.setOffer(undefined);
  stores.ui.getState().setHighlight([]);
  return true;
}
