/** Which panels dock in the right-hand column (Docks, loaded when one first opens). */
import { useSimulation, useUi } from './context';
import { useLesson } from './lesson/workshop';

export type Dock = 'lesson' | 'routes' | 'editor';

/** Which docks are open: the lesson (not presenting), the route table, the editor. */
export function useOpenDocks(): Record<Dock, boolean> {
  const presenter = useLesson((s) => s.presenter);
  const lesson = useLesson((s) => s.lesson !== undefined);
  const routes = useSimulation((s) => s.speaker !== undefined);
  const editor = useUi((s) => s.editorOpen);
  return { lesson: lesson && !presenter, routes: routes && !presenter, editor: editor && !presenter };
}
