/**
 * The scenario gallery: a card per built-in scenario (title, summary, tags, the verdict expected
 * per phase, its lesson), filtered by tag; Open loads it as one undo step, Open with lesson also
 * starts its lesson. Keyboard: arrows move between cards, Enter opens, Escape closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { SCENARIOS } from '../../scenarios';
import { openScenario } from '../actions';
import { useDesign, useStores } from '../context';
import { OUTCOME_ICON, OUTCOME_LABEL } from '../sim/outcome';
import { lessonOf, startLesson } from '../lesson/workshop';
import {
  allTags,
  codeSegments,
  galleryEntry,
  moveInGrid,
  withTag,
  type ExpectedChip,
  type GalleryEntry,
} from './galleryModel';
import './gallery.css';

function Summary({ text }: { text: string }) {
  return (
    <p className="gallery-summary">
      {codeSegments(text).map((s, i) => (s.code ? <code key={i}>{s.text}</code> : <span key={i}>{s.text}</span>))}
    </p>
  );
}

function Expected({ id, chips }: { id: string; chips: readonly ExpectedChip[] }) {
  if (chips.length === 0) return <p className="gallery-expected muted">No expected verdicts given.</p>;
  return (
    <ul className="gallery-expected" aria-label="Expected verdict per phase">
      {chips.map((c) => {
        const words = c.counts.map((k) => `${k.n} ${OUTCOME_LABEL[k.outcome]}`).join(', ');
        return (
          <li
            key={c.phase}
            className="exp-chip"
            data-testid={`gallery-expected-${id}-${c.phase}`}
            aria-label={`${c.phase}: ${words}`}
            title={`${c.phase}: ${words}`}
          >
            <span className="exp-phase">{c.phase}</span>
            {c.counts.map((k) => (
              <span key={k.outcome} className={`exp-count ${k.outcome}`} aria-hidden="true">
                {OUTCOME_ICON[k.outcome]}
                {k.n}
              </span>
            ))}
          </li>
        );
      })}
    </ul>
  );
}

function Card({
  entry,
  current,
  focusable,
  onTag,
  onOpen,
}: {
  entry: GalleryEntry;
  current: boolean;
  focusable: boolean;
  onTag: (t: string) => void;
  onOpen: (withLesson: boolean) => void;
}) {
  const titleId = `gallery-title-${entry.id}`;
  return (
    <li
      className={`gallery-card${current ? ' current' : ''}`}
      tabIndex={focusable ? 0 : -1}
      data-testid={`gallery-card-${entry.id}`}
      data-card={entry.id}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) {
          e.preventDefault();
          onOpen(false);
        }
      }}
    >
      <h3 id={titleId}>{entry.title}</h3>
      <span className="gallery-id mono">
        {entry.id}
        {current && <span className="gallery-now"> · open now</span>}
      </span>
      <Summary text={entry.summary} />
      {entry.tags.length > 0 && (
        <div className="gallery-card-tags">
          {entry.tags.map((t) => (
            <button
              key={t}
              type="button"
              className="tag-chip"
              tabIndex={-1}
              onClick={() => onTag(t)}
              title={`Show the scenarios tagged ${t}`}
            >
              {t}
            </button>
          ))}
        </div>
      )}
      <Expected id={entry.id} chips={entry.expected} />
      <span className="gallery-lesson-info" data-testid={`gallery-lesson-info-${entry.id}`}>
        {entry.lessonSteps > 0 ? `▶ has a lesson (${entry.lessonSteps} steps)` : 'no lesson'}
      </span>
      <div className="gallery-actions">
        <button type="button" className="btn" onClick={() => onOpen(false)} data-testid={`gallery-open-${entry.id}`}>
          Open
        </button>
        {entry.lessonSteps > 0 && (
          <button
            type="button"
            className="btn primary"
            onClick={() => onOpen(true)}
            data-testid={`gallery-lesson-${entry.id}`}
          >
            Open with lesson
          </button>
        )}
      </div>
    </li>
  );
}

/** How many cards a row of the grid holds, from where they are laid out. */
function columnsOf(grid: HTMLElement | null): number {
  const cards = [...(grid?.querySelectorAll<HTMLElement>('.gallery-card') ?? [])];
  const top = cards[0]?.offsetTop;
  return Math.max(1, cards.filter((c) => c.offsetTop === top).length);
}

export function Gallery() {
  const stores = useStores();
  const currentName = useDesign((s) => s.doc.metadata.name);
  const entries = useMemo(() => SCENARIOS.map(galleryEntry), []);
  const tags = useMemo(() => allTags(entries), [entries]);
  const [tag, setTag] = useState<string | undefined>(undefined);
  const [focus, setFocus] = useState(0);
  const visible = withTag(entries, tag);
  const grid = useRef<HTMLUListElement>(null);
  const dialog = useRef<HTMLDivElement>(null);

  const close = () => lessonOf(stores).getState().setGalleryOpen(false);
  const open = (id: string, withLesson: boolean) => {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (scenario) openScenario(stores, scenario);
    close();
    if (withLesson && stores.design.getState().doc.metadata.name === id) startLesson(stores);
  };
  const focusCard = (i: number) => {
    setFocus(i);
    grid.current?.querySelectorAll<HTMLElement>('.gallery-card')[i]?.focus();
  };

  // Open with the first card focused; give the focus back to where it was on closing.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    grid.current?.querySelector<HTMLElement>('.gallery-card')?.focus();
    return () => before?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    // A modal: the app's shortcuts do not act behind it.
    e.stopPropagation();
    if (e.key === 'Escape') return close();
    if (e.key === 'Tab') {
      const focusables = [
        ...(dialog.current?.querySelectorAll<HTMLElement>('button:not([tabindex="-1"]), [tabindex="0"]') ?? []),
      ];
      const first = focusables[0];
      const last = focusables[focusables.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
      return;
    }
    const card = (e.target as HTMLElement).closest('.gallery-card');
    if (!card || card !== e.target) return;
    const index = visible.findIndex((v) => v.id === card.getAttribute('data-card'));
    const next = moveInGrid(index, e.key, visible.length, columnsOf(grid.current));
    if (next !== index) {
      e.preventDefault();
      focusCard(next);
    }
  };

  const pickTag = (t: string | undefined) => {
    setTag(t);
    setFocus(0);
  };

  return (
    <div className="backdrop gallery-backdrop" onPointerDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gallery-heading"
        data-testid="gallery"
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        <header className="gallery-head">
          <h2 id="gallery-heading">Scenario gallery</h2>
          <span className="muted" data-testid="gallery-count">
            {visible.length} of {entries.length} scenarios
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            onClick={close}
            data-testid="gallery-close"
            aria-label="Close the gallery"
          >
            ✕
          </button>
        </header>
        <div className="gallery-tags" role="group" aria-label="Filter by tag">
          <button
            type="button"
            className="tag-chip"
            aria-pressed={tag === undefined}
            onClick={() => pickTag(undefined)}
            data-testid="gallery-tag-all"
          >
            all
          </button>
          {tags.map((t) => (
            <button
              key={t}
              type="button"
              className="tag-chip"
              aria-pressed={tag === t}
              onClick={() => pickTag(tag === t ? undefined : t)}
              data-testid={`gallery-tag-${t}`}
            >
              {t}
            </button>
          ))}
        </div>
        <ul className="gallery-grid" ref={grid} aria-label="Scenarios">
          {visible.map((entry, i) => (
            <Card
              key={entry.id}
              entry={entry}
              current={entry.id === currentName}
              focusable={i === Math.min(focus, visible.length - 1)}
              onTag={pickTag}
              onOpen={(withLesson) => open(entry.id, withLesson)}
            />
          ))}
        </ul>
        <p className="gallery-keys muted">
          Arrow keys move between the cards, Enter opens one, Escape closes the gallery.
        </p>
      </div>
    </div>
  );
}
