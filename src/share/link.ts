/**
 * Share links: the whole design (and optionally a lesson step) in the URL fragment, so a link is
 * all it takes to pass a design on, and no server ever sees it (browsers do not send fragments).
 *
 * Format, version 1: `#lr1=<payload>[&step=<n>]`, where the payload is the base64url (no padding)
 * of the raw DEFLATE (level 9) of the design as minified JSON in the file's stable key order.
 * The same design always gives the same link. Other `key=value` parameters after the payload are
 * ignored, so later versions can add some; a newer version number is refused with a message
 * saying so. Pure: no DOM, no clock.
 *
 * Limits: a fragment longer than MAX_FRAGMENT_CHARS (64 KiB; chat tools and some browsers cut
 * longer URLs) is refused before decoding; the decompressed design may not exceed
 * MAX_DESIGN_BYTES (2 MiB), checked while inflating, so a small link cannot expand into a
 * zip bomb; its JSON may nest at most MAX_DESIGN_DEPTH levels (a design nests about a dozen),
 * checked before it is parsed. Anything refused comes back with a message for the user, never a
 * partial design, and nothing a link holds makes decoding throw.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import {
  canonicalize,
  formatIssue,
  jsonErrorOffset,
  topologySchema,
  validateDesign,
  type Issue,
  type Topology,
} from '../model';
import { decodeBase64url, encodeBase64url } from './base64url';
import { jsonDepth, jsonLineFinder } from './jsonLines';

export const SHARE_VERSION = 1;
export const SHARE_KEY = `lr${SHARE_VERSION}`;
/** The longest fragment accepted (and produced without a warning), in characters. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** The largest design a link may expand to, in bytes of JSON. */
export const MAX_DESIGN_BYTES = 2 * 1024 * 1024;
/** Issues listed in a refusal; the rest are counted. */
export const MAX_LISTED_ISSUES = 5;
/** The deepest nesting of arrays and objects a link's JSON may have (designs nest about a dozen levels). */
export const MAX_DESIGN_DEPTH = 64;
/** Longest issue quoted in a refusal: an issue may quote a key or value of any length. */
const MAX_ISSUE_CHARS = 300;
/** Compressed bytes fed to the inflater at a time: one push expands to at most ~1 MiB (DEFLATE's ratio is ≤ 1032:1). */
const INFLATE_CHUNK = 1024;

export interface ShareExtras {
  /** The lesson step to open at (0-based, as the lesson player counts). */
  readonly step?: number;
}

export type DecodedShare = { ok: true; doc: Topology; step?: number } | { ok: false; message: string };

export interface BuiltShare {
  readonly fragment: string;
  /** Bytes of the design's JSON, what the link expands to. */
  readonly designBytes: number;
  /** Why this link would be refused when opened (too long, too large); undefined when it is fine. */
  readonly problem?: string;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The design as the link carries it: minified JSON in the file's key order. */
function designJson(doc: Topology): string {
  return JSON.stringify(canonicalize(topologySchema, doc));
}

/** The fragment and its sizes, with the reason it would be refused, if any. */
export function buildShare(doc: Topology, extras: ShareExtras = {}): BuiltShare {
  const json = strToU8(designJson(doc));
  const payload = encodeBase64url(deflateSync(json, { level: 9 }));
  const step = extras.step !== undefined ? `&step=${extras.step}` : '';
  const fragment = `#${SHARE_KEY}=${payload}${step}`;
  let problem: string | undefined;
  if (json.length > MAX_DESIGN_BYTES)
    problem = `the design is ${count(json.length)} bytes; a share link holds at most ${count(MAX_DESIGN_BYTES)}`;
  else if (fragment.length > MAX_FRAGMENT_CHARS)
    problem = `its link would be ${count(fragment.length)} characters; a share link is at most ${count(MAX_FRAGMENT_CHARS)}`;
  return { fragment, designBytes: json.length, ...(problem ? { problem } : {}) };
}

/** The fragment text (`#lr1=…`) of a share link to the design. */
export function encodeShare(doc: Topology, extras: ShareExtras = {}): string {
  return buildShare(doc, extras).fragment;
}

export { isShareFragment } from './fragment';

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Inflates raw DEFLATE data, giving up as soon as the output passes `limit` bytes. */
function inflateCapped(data: Uint8Array, limit: number): Inflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
      if (total > limit)
        return {
          ok: false,
          message: `The share link expands to more than ${count(limit)} bytes; liveroute opens designs that large only from a file.`,
        };
    }
    if (data.length === 0) inflater.push(data, true);
  } catch (e) {
    return {
      ok: false,
      message: `The share link is damaged: its data cannot be decompressed (${(e as Error).message}).`,
    };
  }
  if (!done)
    return { ok: false, message: 'The share link is damaged: its data cannot be decompressed (unexpected EOF).' };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { ok: true, bytes };
}

/** Splits `lr1=…&step=3` into its parameters, in order. */
function parameters(text: string): [string, string][] {
  return text.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
  });
}

/** Reads a share link's fragment (with or without `#`): the design and step, or why it is refused. */
export function decodeShare(fragment: string): DecodedShare {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_CHARS) {
    return {
      ok: false,
      message: `The share link is too long (${count(text.length)} characters; at most ${count(MAX_FRAGMENT_CHARS)}).`,
    };
  }
  const [first, ...rest] = parameters(text);
  const version = /^lr(\d+)$/.exec(first?.[0] ?? '');
  if (!first || !version)
    return { ok: false, message: 'This is not a liveroute share link (it does not start with #lr1=).' };
  // `lr01` is not `lr1`: one spelling per version, so a link is either read or refused as another format.
  if (first[0] !== SHARE_KEY) {
    return {
      ok: false,
      message: `This share link has format ${first[0]}, which this version of liveroute cannot read (it reads ${SHARE_KEY}).`,
    };
  }
  if (first[1] === '') return { ok: false, message: 'The share link is empty: nothing follows #lr1=.' };

  let step: number | undefined;
  const stepText = rest.find(([k]) => k === 'step')?.[1];
  if (stepText !== undefined) {
    if (!/^\d{1,4}$/.test(stepText))
      return { ok: false, message: `The share link's lesson step ${JSON.stringify(stepText)} is not a whole number.` };
    step = Number(stepText);
  }

  const decoded = decodeBase64url(first[1]);
  if (!decoded.ok)
    return { ok: false, message: `The share link is damaged: its data is not base64url (${decoded.reason}).` };
  const inflated = inflateCapped(decoded.bytes, MAX_DESIGN_BYTES);
  if (!inflated.ok) return inflated;

  const json = strFromU8(inflated.bytes);
  if (jsonDepth(json, MAX_DESIGN_DEPTH) > MAX_DESIGN_DEPTH) {
    return {
      ok: false,
      message: `The share link is damaged: its data nests more than ${MAX_DESIGN_DEPTH} levels deep, which no design does.`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // The engine's own wording differs between browsers: name the place instead.
    return {
      ok: false,
      message: `The share link is damaged: its design is not valid JSON (at character ${jsonErrorOffset(json) + 1} of ${count(json.length)}).`,
    };
  }
  let checked: ReturnType<typeof validateDesign>;
  try {
    // The value itself, as File → Open checks a file's (migrations included); JSON needs no second reading as YAML.
    checked = validateDesign(value);
  } catch (e) {
    // Validation must not throw; if it does, the link is still refused in words.
    return {
      ok: false,
      message: `The shared design could not be read (${clip(e instanceof Error ? e.message : String(e))}).`,
    };
  }
  if (!checked.ok) return { ok: false, message: `The shared design is invalid: ${listIssues(value, checked.error)}.` };
  return { ok: true, doc: checked.value, ...(step !== undefined ? { step } : {}) };
}

const clip = (text: string) => (text.length > MAX_ISSUE_CHARS ? `${text.slice(0, MAX_ISSUE_CHARS)}…` : text);

/**
 * The first issues in the order of the design as File → Save as JSON would print it, with those
 * lines (so they mean something to whoever opens the file), and how many more there are. A
 * validator may stand for many problems of one kind with one issue that counts them (`omitted`):
 * those are counted, not listed.
 */
function listIssues(value: unknown, issues: readonly Issue[]): string {
  const lineOf = jsonLineFinder(value);
  const counted = (i: Issue) => ('omitted' in i && typeof i.omitted === 'number' ? i.omitted : undefined);
  const located = issues
    .filter((i) => counted(i) === undefined)
    .map((i) => ({ path: i.path, message: i.message, line: lineOf(i.path) }));
  located.sort((a, b) => a.line - b.line);
  // Only counting issues (no validator makes those alone, but a refusal must still say something): list them.
  if (located.length === 0)
    return issues
      .slice(0, MAX_LISTED_ISSUES)
      .map((i) => clip(formatIssue({ ...i, line: lineOf(i.path) })))
      .join('; ');
  const listed = located.slice(0, MAX_LISTED_ISSUES).map((i) => clip(formatIssue(i)));
  const hidden = located.length - listed.length + issues.reduce((n, i) => n + (counted(i) ?? 0), 0);
  const more = hidden > 0 ? `; and ${count(hidden)} more` : '';
  return `${listed.join('; ')}${more}`;
}
