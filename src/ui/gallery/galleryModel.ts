/**
 * What the scenario gallery shows of each scenario, as data: the description's first paragraph,
 * the tags (and the filter by tag), the verdict the author expects per phase, the lesson's size.
 */
import { PHASE_NAMES, type PhaseName, type Topology } from '../../model';
import { OUTCOMES, type Outcome } from '../../store/simulation';

export interface GalleryEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly expected: readonly ExpectedChip[];
  /** Steps of the scenario's lesson; 0: it has none. */
  readonly lessonSteps: number;
}

export interface ExpectedChip {
  readonly phase: PhaseName;
  /** Outcomes with at least one client, in the phase bar's order. */
  readonly counts: readonly { readonly outcome: Outcome; readonly n: number }[];
}

/** The first paragraph of a description, its lines joined. */
export function firstParagraph(description: string): string {
  const first = description.trim().split(/\n\s*\n/)[0] ?? '';
  return first
    .split('\n')
    .map((l) => l.trim())
    .join(' ');
}

/** Text with `code` spans, as segments to render (no markup is interpreted otherwise). */
export function codeSegments(text: string): { code: boolean; text: string }[] {
  return text
    .split(/(`[^`]+`)/)
    .filter((s) => s !== '')
    .map((s) =>
      s.length > 2 && s.startsWith('`') && s.endsWith('`')
        ? { code: true, text: s.slice(1, -1) }
        : { code: false, text: withoutEmphasis(s) },
    );
}

/** Plain text for markdown emphasis (`*normal*`, `**bold**`): a summary shows the words, not the marks. */
function withoutEmphasis(text: string): string {
  return text.replace(/(\*\*|\*)(?=\S)([^*]*?\S)\1/g, '$2');
}

export function expectedChips(doc: Topology): ExpectedChip[] {
  const expected = doc.metadata.expected;
  if (!expected) return [];
  return PHASE_NAMES.flatMap((phase) => {
    const v = expected[phase];
    if (!v) return [];
    return [{ phase, counts: OUTCOMES.map((outcome) => ({ outcome, n: v[outcome] ?? 0 })).filter((c) => c.n > 0) }];
  });
}

export function galleryEntry(s: { id: string; title: string; description: string; doc: Topology }): GalleryEntry {
  return {
    id: s.id,
    title: s.title,
    summary: firstParagraph(s.description),
    tags: s.doc.metadata.tags ?? [],
    expected: expectedChips(s.doc),
    lessonSteps: s.doc.lesson?.steps.length ?? 0,
  };
}

/** Every tag, in alphabetical order (ignoring case), each once. */
export function allTags(entries: readonly GalleryEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.tags))].sort(
    (a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1),
  );
}

/** The entries carrying the tag; every entry when no tag is chosen. */
export function withTag(entries: readonly GalleryEntry[], tag: string | undefined): GalleryEntry[] {
  return tag === undefined ? [...entries] : entries.filter((e) => e.tags.includes(tag));
}

/** Where an arrow key moves the focus in a grid of `count` cards, `columns` wide. */
export function moveInGrid(index: number, key: string, count: number, columns: number): number {
  const step: Readonly<Record<string, number>> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const delta = step[key];
  if (delta === undefined) return index;
  const next = index + delta;
  return next < 0 || next >= count ? index : next;
}
