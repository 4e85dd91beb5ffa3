import { describe, expect, it } from 'vitest';
import { cardMarks } from './CanvasMarks';
import { rackMarks } from './rackMarks';
import type { Outcome } from '../../store/simulation';

const flows = (entries: Record<string, Outcome>) =>
  new Map(Object.entries(entries).map(([k, outcome]) => [k, { outcome }]));
const shown = (over: Partial<Parameters<typeof cardMarks>[0]> = {}) => ({
  flows: flows({
    'node-1': 'delivered',
    'node-2': 'blackhole',
    'node-3': 'split',
    'node-4': 'blackhole',
    'tor-1': 'delivered',
  }),
  host: 'node-2',
  vm: 'vm-1',
  from: 'node-1',
  phase: 'live',
  highlight: new Set(['rack-a']),
  ...over,
});

describe('canvas marks', () => {
  it('a card: its outcome, the VM running here or placed here but away, the phase only where a mark names it', () => {
    expect(cardMarks(shown(), 'node-2')).toEqual({
      outcome: 'blackhole',
      vmHere: 'vm-1',
      vmAway: undefined,
      phase: 'live',
      highlighted: false,
    });
    expect(cardMarks(shown(), 'node-1')).toEqual({
      outcome: 'delivered',
      vmHere: undefined,
      vmAway: 'vm-1',
      phase: 'live',
      highlighted: false,
    });
    expect(cardMarks(shown(), 'node-3')).toEqual({
      outcome: 'split',
      vmHere: undefined,
      vmAway: undefined,
      phase: '',
      highlighted: false,
    });
    expect(cardMarks(shown({ flows: undefined, host: undefined }), 'node-1')).toEqual({
      outcome: undefined,
      vmHere: undefined,
      vmAway: undefined,
      phase: '',
      highlighted: false,
    });
  });

  it('a rack: the worst outcome of its clients with how many end so, and the VM when one of them runs it', () => {
    expect(rackMarks(shown(), 'rack-a', ['node-1', 'node-2', 'node-3', 'node-4', 'tor-1'])).toEqual({
      worst: 'blackhole',
      worstCount: 2,
      vmHere: 'vm-1',
      vmNode: 'node-2',
      highlighted: true,
    });
    expect(rackMarks(shown(), 'rack-b', ['node-1', 'node-3'])).toEqual({
      worst: 'split',
      worstCount: 1,
      vmHere: undefined,
      vmNode: undefined,
      highlighted: false,
    });
    expect(
      rackMarks(shown({ flows: flows({ 'node-5': 'loop', 'node-6': 'split' }) }), 'rack-c', ['node-5', 'node-6']),
    ).toMatchObject({ worst: 'loop', worstCount: 1 });
    expect(rackMarks(shown({ flows: undefined }), 'rack-c', ['node-5'])).toMatchObject({
      worst: undefined,
      worstCount: 0,
    });
  });
});
