/**
 * Reading a liveroute/v1 design from YAML or JSON text, or validating one already in memory.
 * Either the document comes back, or every issue found, each with its path and (from text) its
 * line and column. Nothing is partially applied.
 */
import { type Result, ok, err } from '../lib/result';
import { formatCount, issue, IssueLog, logZodIssues, type Issue } from './issues';
import { locate } from './locate';
import { migrateToCurrent, type RawDocument } from './migrate';
import { topologySchema, type Topology } from './schema';
import { checkSemantics } from './semantic';
import { DESIGN_YAML_LIMITS, readYaml, textTooLong } from './yamlRead';

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
  if (!isMapping(value))
    return err([issue([], 'a liveroute design is a mapping with apiVersion, kind, metadata and spec')]);
  const migrated = migrateToCurrent(value);
  if (!migrated.ok) return migrated;
  const parsed = topologySchema.safeParse(migrated.value.doc, { reportInput: true });
  if (!parsed.success) {
    const log = new IssueLog();
    logZodIssues(log, parsed.error.issues);
    return err(log.issues());
  }
  const semantic = checkSemantics(parsed.data);
  return semantic.length > 0 ? err(semantic) : ok({ doc: parsed.data, applied: migrated.value.applied });
}

/** Parses YAML or JSON text into a design. */
export function parseDesign(text: string, format: Format = detectFormat(text)): Result<Parsed, Issue[]> {
  if (text.trim() === '') return err([issue([], 'the file is empty')]);
  const tooLong = textTooLong(text, DESIGN_YAML_LIMITS);
  if (tooLong) return err([issue([], tooLong)]);
  if (format === 'json') {
    const jsonError = jsonSyntaxIssue(text);
    if (jsonError) return err([jsonError]);
  }
  const read = readYaml(text, DESIGN_YAML_LIMITS);
  if (!read.ok) return err(read.error.map(({ document: _, ...i }) => i));
  const { documents, lineCounter } = read.value;
  if (documents.length !== 1) {
    return err([issue([], `the file holds ${documents.length} YAML documents; a liveroute design is exactly one`)]);
  }
  const { doc: yamlDoc, value: raw } = documents[0] as (typeof documents)[number];
  const result = validateRaw(raw);
  if (!result.ok) {
    const located = result.error.map((i) => ({ ...i, ...locate(yamlDoc, lineCounter, i.path) }));
    return err(ordered(located));
  }
  return ok({ doc: result.value.doc, format, migratedFrom: result.value.applied });
}

/**
 * Issues by line, at most MAX_REPORTED_ISSUES of them, then the lines that count the problems
 * left unlisted (per kind, and past the maximum).
 */
function ordered(issues: readonly Issue[]): Issue[] {
  const listed = issues.filter((i) => i.omitted === undefined).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const counts = issues.filter((i) => i.omitted !== undefined);
  const cut = listed.length - MAX_REPORTED_ISSUES;
  const more: Issue[] =
    cut > 0 ? [{ path: [], message: `… and ${formatCount(cut)} more problems of other kinds`, omitted: cut }] : [];
  return [...listed.slice(0, MAX_REPORTED_ISSUES), ...counts, ...more];
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
    // V8 names no position for "Unexpected token" (it quotes the text instead) or for the end of input.
    const offset = at ? Number(at[1]) : jsonErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const what = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
    return { path: [], message: `JSON syntax: ${what}`, line, column };
  }
}

const JSON_SCALAR = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?|true|false|null/y;

/** The offset where `text` stops being JSON (RFC 8259), for error messages that name no position. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = () => {
    for (i++; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '"') return void i++;
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
    }
    fail();
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      return list('}', () => {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    }
    if (c === '[') return list(']', value);
    if (c === '"') return str();
    JSON_SCALAR.lastIndex = i;
    if (!JSON_SCALAR.test(text)) fail();
    i = JSON_SCALAR.lastIndex;
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (e) {
    // Anything else is the stack running out on deep nesting: report where the scan got to.
    return e instanceof JsonStop ? e.offset : i;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
