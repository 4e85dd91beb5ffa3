/**
 * A problem found in a design: where (path, and line/column for YAML and JSON text) and what.
 * Formatted as `spec.nodes[3].address (line 41): 10.0.2.300 is not an IPv4 address`.
 */
import type { z } from 'zod';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Issue {
  readonly path: Path;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** Set on the line that stands for problems of one kind left unlisted: how many. */
  readonly omitted?: number;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(document)' : out;
}

export function formatIssue(issue: Issue): string {
  const where = issue.line !== undefined ? ` (line ${issue.line})` : '';
  return `${formatPath(issue.path)}${where}: ${issue.message}`;
}

export function issue(path: Path, message: string): Issue {
  return { path, message };
}

/** How many problems of one kind are listed; the rest are counted in one line. */
export const ISSUES_PER_KIND = 20;

/** `2997` → `2,997` (fixed, locale-independent). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Collects issues by kind, keeping the first `perKind` of each and counting the others, so that
 * 3,000 copies of one mistake cost 3,000 counter increments, not 3,000 located and sorted
 * lines: `spec.racks: … and 2,980 more duplicate rack names`.
 */
export class IssueLog {
  private readonly listed: Issue[] = [];
  private readonly kinds = new Map<string, { count: number; path: Path }>();

  constructor(private readonly perKind = ISSUES_PER_KIND) {}

  /** `kind` is a plural noun phrase ("duplicate rack names"): the summary line says it. */
  add(kind: string, problem: Issue): void {
    const seen = this.kinds.get(kind);
    if (seen === undefined) this.kinds.set(kind, { count: 1, path: listPath(problem.path) });
    else seen.count++;
    if ((seen?.count ?? 1) <= this.perKind) this.listed.push(problem);
  }

  /** How many problems were added, listed or not. */
  get total(): number {
    let n = 0;
    for (const k of this.kinds.values()) n += k.count;
    return n;
  }

  /** The listed issues in the order added, then one summary line per kind with unlisted ones. */
  issues(): Issue[] {
    const out = [...this.listed];
    for (const [kind, { count, path }] of this.kinds) {
      const omitted = count - this.perKind;
      if (omitted > 0) out.push({ path, message: `… and ${formatCount(omitted)} more ${kind}`, omitted });
    }
    return out;
  }
}

/** Where a kind's summary line points: the list its problems are in (the path up to the first index), else their parent. */
function listPath(path: Path): Path {
  const index = path.findIndex((seg) => typeof seg === 'number');
  return index >= 0 ? path.slice(0, index) : path.slice(0, -1);
}

/** Whether `path` is `prefix` or lies below it. */
export function pathStartsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string')
    return `the string ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  return `${typeof input} ${String(input)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping',
};

/**
 * Turns zod's issues into liveroute issues with readable messages. Custom messages (those the
 * schemas define) pass through; zod's generic ones are rewritten to say what was expected and
 * what was found.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], base: Path = []): Issue[] {
  const out: Issue[] = [];
  for (const zi of issues) {
    const path = [...base, ...(zi.path as PathSegment[])];
    const input = (zi as { input?: unknown }).input;
    switch (zi.code) {
      case 'unrecognized_keys':
        for (const key of zi.keys) out.push(issue([...path, key], `unknown field ${JSON.stringify(key)}`));
        break;
      case 'invalid_type':
        if (input === undefined) out.push(issue(path, 'is required'));
        else if (zi.message.startsWith('Invalid input')) {
          out.push(issue(path, `expected ${TYPE_NAMES[zi.expected] ?? zi.expected}, got ${describeValue(input)}`));
        } else out.push(issue(path, `${zi.message}, got ${describeValue(input)}`));
        break;
      case 'invalid_value':
        if (input === undefined) out.push(issue(path, 'is required'));
        else if (zi.message.startsWith('Invalid input')) {
          const allowed = zi.values.map((v) => JSON.stringify(v)).join(', ');
          out.push(
            issue(path, `must be ${zi.values.length > 1 ? 'one of ' : ''}${allowed}, got ${describeValue(input)}`),
          );
        } else out.push(issue(path, `${zi.message}, got ${describeValue(input)}`));
        break;
      case 'invalid_union':
        if (input === undefined) out.push(issue(path, 'is required'));
        else out.push(issue(path, zi.message));
        break;
      default:
        out.push(issue(path, zi.message));
    }
  }
  return out;
}

/** The issues of zod's report, added to `log` by kind: the field (list indexes left out) and the problem. */
export function logZodIssues(log: IssueLog, issues: readonly z.core.$ZodIssue[], base: Path = []): void {
  for (const zi of issues) {
    for (const i of fromZodIssues([zi], base)) {
      const field = zi.code === 'unrecognized_keys' ? i.path.slice(0, -1) : i.path;
      const where = formatPath(field).replace(/\[\d+\]/g, '[*]');
      if (zi.code !== 'unrecognized_keys') log.add(`problems with ${where}`, i);
      else log.add(field.length === 0 ? 'unknown top-level fields' : `unknown fields in ${where}`, i);
    }
  }
}
