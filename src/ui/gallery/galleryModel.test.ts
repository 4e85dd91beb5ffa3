import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../lesson/test-fixture';
import {
  allTags,
  codeSegments,
  expectedChips,
  firstParagraph,
  galleryEntry,
  moveInGrid,
  withTag,
  type GalleryEntry,
} from './galleryModel';

const entry = (id: string, tags: string[]): GalleryEntry => ({
  id,
  title: id,
  summary: '',
  tags,
  expected: [],
  lessonSteps: 0,
});

describe('gallery model', () => {
  it('takes the first paragraph of a description, its lines joined', () => {
    expect(firstParagraph('One line\n  and its second.\n\nAnother paragraph.')).toBe('One line and its second.');
    expect(firstParagraph('  Only one.  ')).toBe('Only one.');
    expect(firstParagraph('')).toBe('');
  });

  it('drops emphasis marks outside code spans', () => {
    expect(codeSegments('make the *normal* route **worse**, not `a*b*c` or snake_case_name')).toEqual([
      { code: false, text: 'make the normal route worse, not ' },
      { code: true, text: 'a*b*c' },
      { code: false, text: ' or snake_case_name' },
    ]);
  });

  it('splits `code` spans out of a summary and interprets nothing else', () => {
    expect(codeSegments('in `live` node-a1 <b>keeps</b> it')).toEqual([
      { code: false, text: 'in ' },
      { code: true, text: 'live' },
      { code: false, text: ' node-a1 <b>keeps</b> it' },
    ]);
    expect(codeSegments('a lone ` tick')).toEqual([{ code: false, text: 'a lone ` tick' }]);
  });

  it('lists the expected verdict per phase, outcomes without clients left out', () => {
    const doc = structuredClone(NO_FILTER);
    doc.metadata.expected = { settled: { delivered: 5, loop: 0 }, live: { delivered: 4, blackhole: 1 } };
    expect(expectedChips(doc)).toEqual([
      {
        phase: 'live',
        counts: [
          { outcome: 'delivered', n: 4 },
          { outcome: 'blackhole', n: 1 },
        ],
      },
      { phase: 'settled', counts: [{ outcome: 'delivered', n: 5 }] },
    ]);
    const bare = structuredClone(doc);
    delete bare.metadata.expected;
    expect(expectedChips(bare)).toEqual([]);
  });

  it("makes an entry from a scenario: its title, summary, tags and lesson's length", () => {
    const doc = structuredClone(NO_FILTER);
    doc.metadata.tags = ['eBGP', 'broken'];
    doc.lesson = {
      steps: [
        { title: 'a', text: 'b' },
        { title: 'c', text: 'd' },
      ],
    };
    const e = galleryEntry({ id: 'x', title: 'X', description: 'First `live`\nline.\n\nSecond.', doc });
    expect(e).toEqual({
      id: 'x',
      title: 'X',
      summary: 'First `live` line.',
      tags: ['eBGP', 'broken'],
      expected: expectedChips(doc),
      lessonSteps: 2,
    });
    delete doc.lesson;
    expect(galleryEntry({ id: 'x', title: 'X', description: '', doc }).lessonSteps).toBe(0);
  });

  it('collects the tags once each, sorted ignoring case, and filters by one', () => {
    const entries = [entry('a', ['eBGP', 'broken']), entry('b', ['iBGP']), entry('c', ['ebgp-multihop', 'eBGP'])];
    expect(allTags(entries)).toEqual(['broken', 'eBGP', 'ebgp-multihop', 'iBGP']);
    expect(withTag(entries, 'eBGP').map((e) => e.id)).toEqual(['a', 'c']);
    expect(withTag(entries, undefined).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(withTag(entries, 'nothing')).toEqual([]);
  });

  it('moves the focus in the grid with the arrows, staying inside it', () => {
    // 7 cards, 3 per row.
    expect(moveInGrid(0, 'ArrowRight', 7, 3)).toBe(1);
    expect(moveInGrid(0, 'ArrowLeft', 7, 3)).toBe(0);
    expect(moveInGrid(1, 'ArrowDown', 7, 3)).toBe(4);
    expect(moveInGrid(4, 'ArrowDown', 7, 3)).toBe(4);
    expect(moveInGrid(5, 'ArrowUp', 7, 3)).toBe(2);
    expect(moveInGrid(3, 'Home', 7, 3)).toBe(0);
    expect(moveInGrid(3, 'End', 7, 3)).toBe(6);
    expect(moveInGrid(3, 'x', 7, 3)).toBe(3);
  });
});
