/**
 * The lesson store of an app instance and the few actions the commands run. This module is in
 * the initial bundle (the menus need it); the gallery, the player and presenter mode are lazy.
 */
import { useStore } from 'zustand';
import { createLessonStore, type LessonState, type LessonStore } from '../../store/lesson';
import { useStores, type Stores } from '../context';

// One lesson store per set of stores (the app has one; component tests make their own), kept
// beside them so that the shared Stores shape needs no new member.
const lessonStores = new WeakMap<Stores, LessonStore>();

export function lessonOf(stores: Stores): LessonStore {
  let store = lessonStores.get(stores);
  if (!store) {
    store = createLessonStore();
    lessonStores.set(stores, store);
  }
  return store;
}

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonOf(useStores()), selector);
}

/** Starts the open design's lesson (at a step); false when the design has none. */
export function startLesson(stores: Stores, step = 0): boolean {
  const doc = stores.design.getState().doc;
  if (!doc.lesson) return false;
  lessonOf(stores).getState().start(doc.lesson, doc.metadata.name, step);
  return true;
}

/** After opening a scenario: offer its lesson, if it has one and it is now the design. */
export function offerLesson(stores: Stores, id: string): void {
  const doc = stores.design.getState().doc;
  if (doc.lesson && doc.metadata.name === id && !lessonOf(stores).getState().lesson)
    lessonOf(stores).getState().setOffer(id);
}

/** Full screen where the browser allows it; presenter mode either way (headless browsers refuse). */
export function enterPresenter(stores: Stores): void {
  lessonOf(stores).getState().setPresenter(true);
  // Keys go to the page, not to the button that was pressed (Space would press it again).
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  const root = document.documentElement;
  if (!document.fullscreenElement && typeof root.requestFullscreen === 'function') {
    root.requestFullscreen().catch(() => undefined);
  }
}

export function leavePresenter(stores: Stores): void {
  lessonOf(stores).getState().setPresenter(false);
  if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
}

export function togglePresenter(stores: Stores): void {
  if (lessonOf(stores).getState().presenter) leavePresenter(stores);
  else enterPresenter(stores);
}

/** Whether the lazy workshop layer is needed now. */
export function workshopActive(s: LessonState): boolean {
  return s.galleryOpen || s.presenter || s.lesson !== undefined || s.offer !== undefined;
}
