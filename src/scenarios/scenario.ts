/** A built-in design: its file text and the parsed document, with what menus and the gallery show. */
import { formatIssue, parseDesign, type Topology } from '../model';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly text: string;
  readonly doc: Topology;
}

/** Parses a built-in file; one that does not parse is a bug in the build, so it throws. */
export function loadScenario(path: string, text: string): Scenario {
  const parsed = parseDesign(text);
  if (!parsed.ok) throw new Error(`built-in scenario ${path} is invalid:\n${parsed.error.map(formatIssue).join('\n')}`);
  const doc = parsed.value.doc;
  return {
    id: doc.metadata.name,
    title: doc.metadata.title ?? doc.metadata.name,
    description: doc.metadata.description ?? '',
    text,
    doc,
  };
}
