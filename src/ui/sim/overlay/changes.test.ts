import { describe, expect, it } from 'vitest';
import { speakersChangedBetween } from './changes';

const states = [
  new Set(['node-a1']),
  new Set(['tor-a']),
  new Set<string>(),
  new Set(['spine-1', 'tor-a']),
  new Set(['tor-b']),
].map((changedSpeakers) => ({ changedSpeakers }));
const between = (from: number, to: number) => [...speakersChangedBetween(states, from, to)].sort();

describe('speakers that flash', () => {
  it('are those changed by the instants stepped over, in either direction', () => {
    expect(between(0, 1)).toEqual(['tor-a']);
    expect(between(1, 4)).toEqual(['spine-1', 'tor-a', 'tor-b']);
    // Back from 4 to 2: instants 3 and 4 are undone.
    expect(between(4, 2)).toEqual(['spine-1', 'tor-a', 'tor-b']);
    expect(between(-1, 0)).toEqual(['node-a1']);
    expect(between(1, 2)).toEqual([]);
    expect(between(3, 3)).toEqual([]);
    expect(between(2, 99)).toEqual(['spine-1', 'tor-a', 'tor-b']);
  });
});
