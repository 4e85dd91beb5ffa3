/** Monaco's editor worker, through a local entry for the same reason as yaml.worker.ts. */
import 'monaco-editor/editor/editor.worker';
