/**
 * What user commands do to the stores. Every design change goes through `applyEdit`, which
 * commits a validated document (one undo step) or reports why it was refused.
 */
import { downloadBlob } from './download';
import { elementNames, formatIssue, parseDesign, serializeDesign, type Format, type Topology } from '../model';
import { computePositions } from './canvas/toFlow';
import { copy, paste } from '../model/edit/clipboard';
import { remove } from '../model/edit/remove';
import type { EditResult } from '../model/edit/common';
import { parseSelectionId } from '../store/ui';
import type { Scenario } from '../scenarios/scenario';
import type { Stores } from './context';

export function applyEdit(stores: Stores, result: EditResult, what: string): boolean {
  const { notify, select } = stores.ui.getState();
  if (!result.ok) {
    notify('error', `${what}: ${result.error}`);
    return false;
  }
  const before = stores.design.getState().doc;
  const doc = result.value.created.length > 0 ? pinLayout(before, result.value.doc) : result.value.doc;
  const committed = stores.design.getState().commit(doc);
  if (!committed.ok) {
    notify('error', `${what} refused: ${committed.error.slice(0, 2).map(formatIssue).join('; ')}`);
    return false;
  }
  if (result.value.created.length > 0) select(result.value.created.filter((n) => !n.startsWith('vm-')).slice(0, 50));
  return true;
}

/**
 * Adding an element must not move the others: elements still at their default place get that
 * place written into the layout before the new one arrives.
 */
export function pinLayout(before: Topology, after: Topology): Topology {
  const { positions } = computePositions(before);
  const saved = after.spec.layout?.positions ?? {};
  const names = elementNames(after);
  const missing = [...positions.keys()].filter((n) => names.has(n) && saved[n] === undefined);
  if (missing.length === 0) return after;
  const d = structuredClone(after);
  const out = ((d.spec.layout ??= {}).positions ??= {});
  for (const n of missing) {
    const p = positions.get(n) as readonly [number, number];
    out[n] = [Math.round(p[0]), Math.round(p[1])];
  }
  return d;
}

/** Replaces the whole design (one undo step): opening a file or a scenario; false when it is refused. */
export function replaceDesign(stores: Stores, doc: Topology, message?: string): boolean {
  const committed = stores.design.getState().commit(doc);
  const ui = stores.ui.getState();
  if (!committed.ok) {
    ui.open({
      kind: 'issues',
      report: { title: 'This design cannot be opened', source: doc.metadata.name, issues: committed.error },
    });
    return false;
  }
  ui.select([]);
  ui.requestFit();
  if (message) ui.notify('info', message);
  // A whole new design has no edits to wait for (the simulation's debounce is for typing): the
  // worker starts on it at once, beside the canvas drawing it.
  void stores.simulation.getState().run();
  return true;
}

export function deleteSelection(stores: Stores): void {
  const selection = stores.ui.getState().selection;
  if (selection.length === 0) return;
  const elements: string[] = [];
  const peers: string[] = [];
  const pairs: [string, string][] = [];
  const filters: string[] = [];
  for (const id of selection) {
    const s = parseSelectionId(id);
    if (s.kind === 'element' || s.kind === 'vm') elements.push(s.name);
    else if (s.kind === 'peer') peers.push(s.name);
    else if (s.kind === 'pair') pairs.push([s.a, s.b]);
    else filters.push(s.name);
  }
  let doc = remove(stores.design.getState().doc, { elements, peers, pairs });
  if (filters.length > 0) {
    doc = structuredClone(doc);
    doc.spec.calicoResources = doc.spec.calicoResources.filter(
      (r) => !(r.kind === 'BGPFilter' && filters.includes(r.metadata.name)),
    );
  }
  if (applyEdit(stores, { ok: true, value: { doc, created: [] } }, 'Delete')) stores.ui.getState().select([]);
}

export function copySelection(stores: Stores): void {
  const names = stores.ui
    .getState()
    .selection.map(parseSelectionId)
    .filter((s) => s.kind === 'element')
    .map((s) => (s as { name: string }).name);
  if (names.length === 0) return;
  const fragment = copy(stores.design.getState().doc, names);
  stores.ui.getState().setClipboard(fragment);
  const count = fragment.racks.length + fragment.routers.length + fragment.nodes.length;
  stores.ui.getState().notify('info', `Copied ${count} element${count === 1 ? '' : 's'}`);
}

export function pasteClipboard(stores: Stores): void {
  const fragment = stores.ui.getState().clipboard;
  if (!fragment) return;
  applyEdit(stores, paste(stores.design.getState().doc, fragment), 'Paste');
}

const elementCount = (doc: Topology) => doc.spec.racks.length + doc.spec.routers.length + doc.spec.nodes.length;

/**
 * Undoing (or redoing) a large change, such as a generated fabric, would leave the view where the
 * old design was: the canvas fits the new one, unless the view shows it well already. A small
 * change never moves the view.
 */
function travel(stores: Stores, step: () => void): void {
  const before = elementCount(stores.design.getState().doc);
  step();
  const after = elementCount(stores.design.getState().doc);
  if (Math.abs(after - before) >= Math.max(8, 0.25 * Math.max(before, after)))
    stores.ui.getState().requestFit({ ifNeeded: true });
}

export function undo(stores: Stores): void {
  travel(stores, () => stores.design.temporal.getState().undo());
}

export function redo(stores: Stores): void {
  travel(stores, () => stores.design.temporal.getState().redo());
}

export function openScenario(stores: Stores, scenario: Scenario): void {
  replaceDesign(stores, scenario.doc, `Opened “${scenario.title}”`);
}

/** Reads a dropped or picked file; a broken or foreign one is listed and changes nothing. */
export async function openFile(stores: Stores, file: File): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    stores.ui.getState().notify('error', `Cannot read ${file.name}: ${(e as Error).message}`);
    return;
  }
  const format: Format | undefined = /\.json$/i.test(file.name)
    ? 'json'
    : /\.ya?ml$/i.test(file.name)
      ? 'yaml'
      : undefined;
  if (looksLikeCalico(text)) return importCalico(stores, file.name, text);
  const parsed = parseDesign(text, format);
  if (!parsed.ok) {
    stores.ui.getState().open({
      kind: 'issues',
      report: { title: `${file.name} was not opened`, source: file.name, issues: parsed.error },
    });
    return;
  }
  const migrated =
    parsed.value.migratedFrom.length > 0 ? ` (migrated from ${parsed.value.migratedFrom.join(' → ')})` : '';
  replaceDesign(stores, parsed.value.doc, `Opened ${file.name}${migrated}`);
}

/** Calico resources as calicoctl or kubectl print them (also List wrappers). */
export function looksLikeCalico(text: string): boolean {
  const calico =
    /^\s*-?\s*apiVersion:\s*["']?(crd\.)?projectcalico\.org\/|"apiVersion"\s*:\s*"(crd\.)?projectcalico\.org\//m;
  const liveroute = /^apiVersion:\s*["']?liveroute\/|^\s*\{?\s*"apiVersion"\s*:\s*"liveroute\//m;
  return calico.test(text) && !liveroute.test(text);
}

/** Merges a cluster's Calico resources into the design (one undo step) and says what changed; the worker reads and converts them. */
export async function importCalico(stores: Stores, name: string, text: string): Promise<void> {
  const doc = stores.design.getState().doc;
  const answer = await stores.worker.importCalico(doc, [{ name, text }]);
  const ui = stores.ui.getState();
  if (!answer.ok) {
    ui.notify('error', `${name} was not imported: ${answer.error}`);
    return;
  }
  const imported = answer.value;
  if (!imported.ok) {
    const invalidDesign = imported.error.some((p) => p.kind === 'design');
    const issues = imported.error.flatMap((p) =>
      p.kind === 'read'
        ? p.issues.map((i) => ({ ...i, message: `(document ${i.document + 1}) ${i.message}` }))
        : p.kind === 'conflict'
          ? [{ path: [], message: p.message }]
          : p.issues,
    );
    const title = invalidDesign
      ? `${name}: the imported resources make the design invalid`
      : `${name}: Calico resources not imported`;
    ui.open({ kind: 'issues', report: { title, source: name, issues } });
    return;
  }
  const committed = stores.design.getState().commit(pinLayout(doc, imported.value.doc));
  if (!committed.ok) return;
  ui.requestFit();
  ui.open({ kind: 'import-report', title: `Imported ${name}`, lines: imported.value.report });
}

export function fileNameFor(doc: Topology, format: Format): string {
  return `${doc.metadata.name}.liveroute.${format === 'json' ? 'json' : 'yaml'}`;
}

function download(name: string, data: BlobPart, type: string): void {
  downloadBlob(name, new Blob([data], { type }));
}

export function downloadDesign(stores: Stores, format: Format): void {
  const doc = stores.design.getState().doc;
  download(
    fileNameFor(doc, format),
    serializeDesign(doc, format),
    format === 'json' ? 'application/json' : 'application/yaml',
  );
}

/** Every generated file in one zip (the worker builds it). */
export async function downloadZip(stores: Stores): Promise<void> {
  const doc = stores.design.getState().doc;
  const zip = await stores.worker.zip(doc);
  if (!zip.ok) return stores.ui.getState().notify('error', `No zip: ${zip.error}`);
  download(`${doc.metadata.name}.zip`, zip.value, 'application/zip');
}

/** Every generated file plus a containerlab topology to run the design for real, in one zip. */
export async function downloadContainerlab(stores: Stores): Promise<void> {
  const doc = stores.design.getState().doc;
  const zip = await stores.worker.zip(doc, { containerlab: true });
  if (!zip.ok) {
    stores.ui.getState().notify('error', `No containerlab export: ${zip.error}`);
    return;
  }
  download(`${doc.metadata.name}.containerlab.zip`, zip.value, 'application/zip');
  stores.ui
    .getState()
    .notify(
      'info',
      `${doc.metadata.name}.containerlab.zip: see containerlab/README.md inside to build the images and deploy`,
    );
}

/** The Calico manifests as one multi-document YAML, for `calicoctl apply -f`. */
export async function downloadManifests(stores: Stores): Promise<void> {
  const doc = stores.design.getState().doc;
  const manifests = await stores.worker.manifests(doc);
  if (!manifests.ok) return stores.ui.getState().notify('error', `No Calico manifests: ${manifests.error}`);
  download(`${doc.metadata.name}.calico.yaml`, manifests.value, 'application/yaml');
}
