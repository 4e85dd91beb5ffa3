/**
 * The config editor (loaded on first open): one Monaco model per generated file. The BGPPeer
 * and BGPFilter files are editable: a valid edit updates the design (one undo step per pause in
 * typing); an invalid one shows markers and changes nothing. Everything else is read-only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatPath, type Issue, type Topology } from '../../model';
// Straight from its module, not the model's index: only the editor (loaded on first open) reads its buffers.
import { applyResourcesYaml } from '../../model/calico/yamlText';
import type { GeneratedFile } from '../../worker/protocol';
import { textFieldCommandOf } from '../commands';
import { useDesign, useStores } from '../context';
import { monaco } from './monaco';

const APPLY_DELAY_MS = 400;
const LANGUAGE_ID: Record<GeneratedFile['language'], string> = {
  yaml: 'yaml',
  bird: 'bird',
  cli: 'cli',
  junos: 'junos',
  markdown: 'markdown',
  shell: 'shell',
};

function toMarkers(issues: readonly Issue[]): monaco.editor.IMarkerData[] {
  return issues.map((i) => ({
    severity: monaco.MarkerSeverity.Error,
    message: i.path.length > 0 ? `${formatPath(i.path)}: ${i.message}` : i.message,
    startLineNumber: i.line ?? 1,
    startColumn: i.column ?? 1,
    endLineNumber: i.line ?? 1,
    endColumn: 1000,
    source: 'liveroute',
  }));
}

export default function EditorPanel({
  onDownloadZip,
  onDownloadManifests,
  onClose,
}: {
  onDownloadZip: () => void;
  onDownloadManifests: () => void;
  onClose: () => void;
}) {
  const stores = useStores();
  const doc = useDesign((s) => s.doc);
  const [node, setNode] = useState<string | undefined>(doc.spec.nodes[0]?.name);
  const nodeName = node && doc.spec.nodes.some((n) => n.name === node) ? node : doc.spec.nodes[0]?.name;
  // The worker renders the files; the list shown stays until the next one is in (with the design it was rendered from).
  const [generated, setGenerated] = useState<{
    readonly doc: Topology | undefined;
    readonly files: readonly GeneratedFile[];
  }>({ doc: undefined, files: [] });
  const files = generated.files;
  const [activePath, setActivePath] = useState<string>('');
  useEffect(() => {
    let current = true;
    void stores.worker.files(doc, nodeName ? [nodeName] : []).then((r) => {
      if (!current) return;
      if (!r.ok) return setStatus(`the files could not be generated: ${r.error}`);
      setGenerated({ doc, files: r.value });
      // The first list opens on the BGPFilter file.
      setActivePath(
        (path) => path || (r.value.find((f) => f.editable === 'BGPFilter')?.path ?? r.value[0]?.path ?? ''),
      );
    });
    return () => {
      current = false;
    };
  }, [stores, doc, nodeName]);
  const active = files.find((f) => f.path === activePath) ?? files[0];
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());
  /** The document the editor itself last committed: a design change it caused never rewrites its buffer. */
  const ownCommit = useRef<Topology | undefined>(undefined);
  /** Typing not applied to the design yet (it waits for a pause), by file path. */
  const pending = useRef(new Map<string, { timer: number; apply: () => void }>());
  const [status, setStatus] = useState<string>('');

  /** Applies the typing that waits for a pause now: before saving, closing the editor or leaving it. */
  const applyPending = useCallback(() => {
    const waiting = [...pending.current.values()];
    pending.current.clear();
    for (const p of waiting) {
      window.clearTimeout(p.timer);
      p.apply();
    }
  }, []);

  useEffect(() => {
    // For tests and the curious: the markers of every file, by owner (liveroute, yaml), and the text of the open file.
    Object.assign((window as unknown as { liveroute?: object }).liveroute ?? {}, {
      editorMarkers: () =>
        monaco.editor
          .getModelMarkers({})
          .map((m) => ({ owner: m.owner, file: m.resource.path, line: m.startLineNumber, message: m.message })),
      editorText: () => editor.current?.getValue(),
    });
    if (!host.current) return;
    const e = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12.5,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      tabSize: 2,
      fixedOverflowWidgets: true,
    });
    editor.current = e;
    // Save (Ctrl+S), Open and Close (Ctrl+E) work from inside the editor: apply the typing first, so
    // that what is saved is what is on screen. This runs before the app's shortcut (on window).
    const keys = e.onKeyDown((k) => textFieldCommandOf(k.browserEvent) && applyPending());
    // A click on Download, the canvas or the inspector leaves the editor: its typing counts from then.
    const blur = e.onDidBlurEditorText(applyPending);
    const owned = models.current;
    return () => {
      keys.dispose();
      blur.dispose();
      applyPending();
      e.dispose();
      for (const m of owned.values()) m.dispose();
      owned.clear();
    };
  }, [applyPending]);

  const applyEdit = useCallback(
    (file: GeneratedFile, model: monaco.editor.ITextModel) => {
      if (!file.editable) return;
      const current = stores.design.getState().doc;
      const r = applyResourcesYaml(current, file.editable, model.getValue());
      if (!r.ok) {
        monaco.editor.setModelMarkers(model, 'liveroute', toMarkers(r.error));
        setStatus(`${r.error.length} problem${r.error.length === 1 ? '' : 's'}: the design is unchanged`);
        return;
      }
      monaco.editor.setModelMarkers(model, 'liveroute', []);
      if (JSON.stringify(r.value) === JSON.stringify(current)) return setStatus('');
      const committed = stores.design.getState().commit(r.value);
      if (committed.ok) {
        ownCommit.current = committed.value;
        setStatus(`applied to the design`);
      }
    },
    [stores],
  );

  // Keep one model per file in step with the design.
  useEffect(() => {
    const live = new Set(files.map((f) => f.path));
    for (const [path, m] of models.current)
      if (!live.has(path)) {
        m.dispose();
        models.current.delete(path);
      }
    for (const f of files) {
      let m = models.current.get(f.path);
      if (!m) {
        m = monaco.editor.createModel(f.text, LANGUAGE_ID[f.language], monaco.Uri.parse(`file:///${f.path}`));
        models.current.set(f.path, m);
        if (f.editable) {
          const model = m;
          const path = f.path;
          const apply = () => {
            pending.current.delete(path);
            applyEdit(f, model);
          };
          m.onDidChangeContent((event) => {
            if (event.isFlush) return; // our own setValue from the design
            window.clearTimeout(pending.current.get(path)?.timer);
            pending.current.set(path, { timer: window.setTimeout(apply, APPLY_DELAY_MS), apply });
          });
        }
        continue;
      }
      if (m.getValue() === f.text) continue;
      const invalid = monaco.editor.getModelMarkers({ resource: m.uri, owner: 'liveroute' }).length > 0;
      // The editor's own commit is already in its buffer, and an invalid buffer is the user's work in progress.
      if (f.editable && (generated.doc === ownCommit.current || invalid)) continue;
      m.setValue(f.text);
    }
  }, [files, generated.doc, applyEdit]);

  useEffect(() => {
    const m = active ? models.current.get(active.path) : undefined;
    if (!editor.current || !m || !active) return;
    if (editor.current.getModel() !== m) editor.current.setModel(m);
    editor.current.updateOptions({
      readOnly: !active.editable,
      readOnlyMessage: { value: 'Generated from the design: edit the design, or the BGPPeer/BGPFilter files.' },
    });
  }, [active, files]);

  const groups = useMemo(() => {
    const out = new Map<string, GeneratedFile[]>();
    for (const f of files) out.set(f.group, [...(out.get(f.group) ?? []), f]);
    return [...out.entries()];
  }, [files]);

  return (
    <section className="editor-panel" aria-label="Config files" data-testid="editor-panel">
      <nav className="editor-files">
        {groups.map(([group, list]) => (
          <div key={group}>
            <h4>{group}</h4>
            {group === 'calico-node' && (
              <select
                value={nodeName ?? ''}
                onChange={(e) => setNode(e.target.value)}
                aria-label="calico-node"
                data-testid="editor-node"
              >
                {doc.spec.nodes.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name}
                  </option>
                ))}
              </select>
            )}
            {list.map((f) => (
              <button
                key={f.path}
                type="button"
                className={`editor-file${f.path === active?.path ? ' active' : ''}`}
                onClick={() => setActivePath(f.path)}
                title={f.about}
                data-testid={`file-${f.path}`}
              >
                <span className="editor-file-name">{f.path.split('/').pop()}</span>
                {f.editable && <span className="chip">editable</span>}
              </button>
            ))}
          </div>
        ))}
      </nav>
      <div className="editor-main">
        <div className="editor-bar">
          <span className="mono">{active?.path}</span>
          <span className={`chip${active?.editable ? ' editable' : ''}`}>
            {active?.editable ? 'editable: changes the design' : 'generated, read-only'}
          </span>
          <span className="muted" data-testid="editor-status">
            {status}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            onClick={() => void navigator.clipboard?.writeText(active?.text ?? '')}
            data-testid="editor-copy"
          >
            Copy
          </button>
          <button type="button" className="btn" onClick={onDownloadManifests} data-testid="download-manifests">
            Calico manifests
          </button>
          <button type="button" className="btn primary" onClick={onDownloadZip} data-testid="download-zip">
            Download all (.zip)
          </button>
          <button
            type="button"
            className="btn"
            onClick={onClose}
            aria-label="Close the config files"
            title="Close the config files (Ctrl+E)"
            data-testid="editor-close"
          >
            ✕
          </button>
        </div>
        {/* nokey: React Flow's key handling (Space pans the canvas, and swallows the keystroke) stays out of the editor. */}
        <div className="editor-host nokey" ref={host} data-testid="editor-host" />
      </div>
    </section>
  );
}
