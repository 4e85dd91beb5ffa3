/**
 * Reading a liveroute/v1 design from YAML or JSON text, or validating one already in memory.
 * Either the document comes back, or every issue found, each with its path and (from text) its
 * line and column. Nothing is partially applied.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { type Result, ok, err } from '../lib/result';
import { fromZodIssues, issue, type Issue } from './issues';
import { locate } from './locate';
import { migrateToCurrent, type RawDocument } from './migrate';
import { topologySchema, type Topology } from './schema';
import { checkSemantics } from './semantic';

export type Format = 'yaml' | 'json';

export interface Parsed {
  readonly doc: Topology;
  readonly format: Format;
  /** Versions the file was migrated from, oldest first; empty for a current file. */
  readonly migratedFrom: readonly string[];
}

export const MAX_REPORTED_ISSUES = 200;

export function detectFormat(text: string): Format {
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** Validates an in-memory document (schema, then whole-document checks). */
export function validateDesign(value: unknown): Result<Topology, Issue[]> {
  const r = validateRaw(value);
  return r.ok ? ok(r.value.doc) : r;
}

function validateRaw(value: unknown): Result<{ doc: Topology; applied: readonly string[] }, Issue[]> {
  if (!isMapping(value)) return err([issue([], 'a liveroute design is a mapping with apiVersion, kind, metadata and spec')]);
  const migrated = migrateToCurrent(value);
  if (!migrated.ok) return migrated;
  const parsed = topologySchema.safeParse(migrated.value.doc, { reportInput: true });
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  const semantic = checkSemantics(parsed.data);
  return semantic.length > 0 ? err(semantic) : ok({ doc: parsed.data, applied: migrated.value.applied });
}

/** Parses YAML or JSON text into a design. */
export function parseDesign(text: string, format: Format = detectFormat(text)): Result<Parsed, Issue[]> {
  if (text.trim() === '') return err([issue([], 'the file is empty')]);
  if (format === 'json') {
    const jsonError = jsonSyntaxIssue(text);
    if (jsonError) return err([jsonError]);
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(docs)) return err([issue([], 'the file holds no YAML document')]);
  if (docs.length !== 1) {
    return err([issue([], `the file holds ${docs.length} YAML documents; a liveroute design is exactly one`)]);
  }
  const yamlDoc = docs[0] as Document;
  if (yamlDoc.errors.length > 0) {
    return err(
      yamlDoc.errors.slice(0, MAX_REPORTED_ISSUES).map((e) => {
        const pos = e.linePos?.[0];
        return { path: [], message: `YAML syntax: ${e.message.split('\n')[0]}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
      }),
    );
  }
  let raw: unknown;
  try {
    raw = yamlDoc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return err([issue([], `the file cannot be read: ${(e as Error).message}`)]);
  }
  const result = validateRaw(raw);
  if (!result.ok) {
    const located = result.error.map((i) => ({ ...i, ...locate(yamlDoc, lineCounter, i.path) }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return err(located.slice(0, MAX_REPORTED_ISSUES));
  }
  return ok({ doc: result.value.doc, format, migratedFrom: result.value.applied });
}

function isMapping(value: unknown): value is RawDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonSyntaxIssue(text: string): Issue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    if (!at) return issue([], `JSON syntax: ${message}`);
    const offset = Number(at[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { path: [], message: `JSON syntax: ${message.replace(/ in JSON at position \d+.*$/, '')}`, line, column };
  }
}
