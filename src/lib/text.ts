/**
 * Free text that reaches generated documents (README headings, comments, quoted config
 * strings): which characters it may hold, and how it is written so that it stays the text it
 * is. The readers refuse what a field cannot hold (src/model/text.ts); the writers here are the
 * second line, for values that got past a reader some other way.
 */

/**
 * Characters that end a line or hide text in a single-line field: C0 controls (line feed, NUL,
 * escape, ...), DEL, C1 controls (NEL among them), the Unicode line and paragraph separators, and
 * the bidirectional embedding, override and isolate controls (they make text read differently
 * from what it is).
 */
const NOT_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The same for multi-line text (markdown): tab, line feed and carriage return are allowed. */
const NOT_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** `U+000A (line feed)` for the characters a reader refuses, else `U+XXXX`. */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = {
    0x00: 'NUL',
    0x09: 'tab',
    0x0a: 'line feed',
    0x0d: 'carriage return',
    0x1b: 'escape',
    0x22: 'double quote',
    0x7f: 'delete',
    0x85: 'next line',
    0x2028: 'line separator',
    0x2029: 'paragraph separator',
  };
  const name = names[code] ?? (code >= 0x202a && code <= 0x2069 ? 'bidirectional control' : 'control character');
  return `${hex} (${name})`;
}

/** The first character a single-line field cannot hold, with its index; undefined when none. */
export function singleLineProblem(text: string): { index: number; char: string } | undefined {
  const m = NOT_SINGLE_LINE.exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}

/** The first character a multi-line (markdown) field cannot hold, with its index. */
export function multiLineProblem(text: string): { index: number; char: string } | undefined {
  const m = NOT_MULTI_LINE.exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}

const NOT_SINGLE_LINE_ALL = new RegExp(NOT_SINGLE_LINE.source, 'gu');

/** Text as one line of a comment (`#`, `!`, `//`): every character that could end the line becomes a space. */
export function commentText(text: string): string {
  return text.replace(NOT_SINGLE_LINE_ALL, ' ');
}

/**
 * Text as inline markdown that renders as exactly that text: one line (see commentText), and a
 * backslash before every character that could start markup inline (emphasis, code, links,
 * images, HTML, entities, tables, strikethrough, a heading's closing #) and before a list marker
 * at its start, so that no link, image, HTML, heading or list can appear. Other punctuation is
 * left as it is, to keep the raw file readable.
 */
export function markdownInline(text: string): string {
  return commentText(text)
    .replace(/[\\`*_[\]<>!|~&#]/g, (c) => `\\${c}`)
    .replace(/^([-+])|^(\d+)([.)])/, (_m, marker: string | undefined, digits: string, dot: string) =>
      marker ? `\\${marker}` : `${digits}\\${dot}`,
    );
}

/** Thrown when a value cannot be written into a config without changing what the config says. */
export class UnquotableValueError extends Error {}

/**
 * A BIRD string literal (1.6 and 2.0). BIRD's lexer takes everything up to the next `"` and
 * has no escapes, so a value with a double quote, a line break or any other control character
 * cannot be written as a string: it is refused rather than written.
 */
export function birdString(value: string, what: string): string {
  const bad = /["\u0000-\u001f\u007f]/.exec(value);
  if (bad)
    throw new UnquotableValueError(
      `${what} ${JSON.stringify(value)} cannot be written as a BIRD string: it contains ${describeChar(bad[0])}`,
    );
  return `"${value}"`;
}

/** A Junos string literal: `"` and `\` are escaped; line breaks and other controls are refused. */
export function junosString(value: string, what: string): string {
  const bad = /[\u0000-\u001f\u007f]/.exec(value);
  if (bad)
    throw new UnquotableValueError(
      `${what} ${JSON.stringify(value)} cannot be written as a Junos string: it contains ${describeChar(bad[0])}`,
    );
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
