/**
 * Monaco, bundled and loaded on first use (never from a CDN). The slim API entry plus the
 * editor features we use, YAML highlighting, and monaco-yaml for schema validation of the
 * Calico tabs. monaco-yaml predates Monaco 0.55's worker API: its workers are created here.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from './editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { z } from 'zod';
import { bgpFilter, bgpPeer } from '../../model';
import { registerLanguages } from './languages';

type CreateWebWorker = typeof monaco.editor.createWebWorker;

function patchWorkers(): void {
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: () => new EditorWorker(),
  };
  const create: CreateWebWorker = monaco.editor.createWebWorker.bind(monaco.editor);
  // monaco-worker-manager calls createWebWorker({ createData, label, moduleId }) without a worker:
  // start the YAML worker ourselves. Its bootstrap takes one message to initialise and reads
  // createData from the next; Monaco's own first message ('-please-ignore-') then finds the
  // worker already started.
  (monaco.editor as { createWebWorker: CreateWebWorker }).createWebWorker = ((
    opts: Parameters<CreateWebWorker>[0] & { createData?: unknown },
  ) => {
    if ((opts as { worker?: unknown }).worker) return create(opts);
    const worker = new YamlWorker();
    worker.postMessage(opts.createData);
    worker.postMessage(opts.createData);
    return create({ ...opts, worker } as Parameters<CreateWebWorker>[0]);
  }) as CreateWebWorker;
}

/** Editable Calico files are checked against JSON schemas derived from the same zod schemas the design uses. */
export const CALICO_SCHEMAS = [
  {
    fileMatch: ['**/bgppeers.yaml'],
    uri: 'liveroute://schemas/bgppeer.json',
    schema: z.toJSONSchema(bgpPeer, { target: 'draft-7', unrepresentable: 'any' }),
  },
  {
    fileMatch: ['**/bgpfilters.yaml'],
    uri: 'liveroute://schemas/bgpfilter.json',
    schema: z.toJSONSchema(bgpFilter, { target: 'draft-7', unrepresentable: 'any' }),
  },
];

patchWorkers();
registerLanguages(monaco);
configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemas: CALICO_SCHEMAS as unknown as NonNullable<Parameters<typeof configureMonacoYaml>[1]>['schemas'],
});

export { monaco };
