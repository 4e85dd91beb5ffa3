/**
 * Free-text fields of a design (titles, tags, descriptions, lesson text). A single-line field is
 * one line: it reaches README headings and comments, where a line break would start a heading,
 * a command or a statement of its own (issue 15). Markdown fields may have line breaks, never
 * other control characters. The refusal names the character and where it is.
 */
import type { z } from 'zod';
import { describeChar, multiLineProblem, singleLineProblem } from '../lib/text';

function position(text: string, index: number): string {
  return `at character ${[...text.slice(0, index)].length + 1}`;
}

/** A refinement for a single-line text field, e.g. `z.string().superRefine(singleLine('title'))`. */
export function singleLine(what: string) {
  return (v: string, ctx: z.RefinementCtx): void => {
    const bad = singleLineProblem(v);
    if (bad)
      ctx.addIssue({
        code: 'custom',
        message: `${what} is a single line of text: ${describeChar(bad.char)} ${position(v, bad.index)} is not allowed`,
      });
  };
}

/** A refinement for text on several lines (markdown): line feed, carriage return and tab, no other control character. */
export function multiLine(what: string) {
  return (v: string, ctx: z.RefinementCtx): void => {
    const bad = multiLineProblem(v);
    if (bad)
      ctx.addIssue({
        code: 'custom',
        message: `${what} cannot contain ${describeChar(bad.char)} (${position(v, bad.index)})`,
      });
  };
}
