import { describe, expect, it } from 'vitest';
import { lessonStepSchema, type LessonStep } from '../../model';
import { simulateNow } from '../diagnostics/test-support';
import { stepView } from './stepView';
import { FIXTURE_LESSON, NO_FILTER, WITH_FILTER } from './test-fixture';

const noFilter = NO_FILTER;
const withFilter = WITH_FILTER;
const report = simulateNow(noFilter);
const step = (i: number) => FIXTURE_LESSON.steps[i] as LessonStep;

describe('stepView', () => {
  it('leaves the phase alone and fits the whole design for a step that names nothing', () => {
    expect(stepView(noFilter, report, step(0))).toEqual({
      highlight: [],
      fit: [],
      phase: undefined,
      time: undefined,
      pathsFrom: 'all',
    });
  });

  it('shows a phase at its settled instant without `at`; a VM is fitted by the node it runs on in that phase', () => {
    expect(stepView(noFilter, report, step(1))).toEqual({
      highlight: ['node-a1', 'vm-1'],
      fit: ['node-a1'],
      phase: 'base',
      time: undefined,
      pathsFrom: 'all',
    });
    const live = lessonStepSchema.parse({ title: 't', text: 'x', phase: 'live', highlight: ['vm-1'] });
    expect(stepView(noFilter, report, live).fit).toEqual(['node-b1']);
    // Without a report (or a phase), where the design places it.
    expect(stepView(noFilter, undefined, live).fit).toEqual(['node-a1']);
  });

  it('counts `at` from the start of the phase in the report, and draws the paths of one client', () => {
    const live = report.phases.find((p) => p.name === 'live')!;
    expect(live.start).toBeGreaterThan(0);
    const view = stepView(noFilter, report, step(2));
    expect(view.time).toBe(live.start + 12);
    expect(view.phase).toBe('live');
    expect(view.pathsFrom).toBe('node-a1');
    expect(view.highlight).toEqual(['node-a1', 'tor-a', 'peer:rack-a-tor']);
    // A click question shows the whole design, so that every answer can be clicked.
    expect(view.fit).toEqual([]);
    // Without it, a BGPPeer is fitted by its nodes' rack and its router.
    const { question: _q, ...plain } = step(2);
    expect(stepView(noFilter, report, plain).fit).toEqual(['node-a1', 'tor-a', 'rack-a']);
  });

  it('has no time before the report is in (the phase is still selected)', () => {
    const view = stepView(noFilter, undefined, step(2));
    expect([view.phase, view.time]).toEqual(['live', undefined]);
  });

  it('fits a BGPFilter by the sessions of the peers that use it; unknown names fit nothing', () => {
    const filters = withFilter.spec.calicoResources.filter((r) => r.kind === 'BGPFilter').map((r) => r.metadata.name);
    expect(filters.length).toBeGreaterThan(0);
    const s = lessonStepSchema.parse({
      title: 't',
      text: 'x',
      highlight: [`filter:${filters[0]}`, 'peer:nope', 'nothing'],
    });
    expect(stepView(withFilter, undefined, s).fit).toEqual(['rack-a', 'tor-a', 'rack-b', 'tor-b']);
    expect(stepView(withFilter, undefined, s).highlight).toEqual([`filter:${filters[0]}`, 'peer:nope', 'nothing']);
  });
});
