import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../model';
import { awaitsClick, createLessonStore, currentStep, progressOf } from './lesson';

const FIXTURE_LESSON = lessonSchema.parse({
  steps: [
    { title: 'The fabric', text: 'Two racks.' },
    { title: 'Before the migration', text: 'Every client delivers.', phase: 'base' },
    {
      title: 'Live',
      text: 'The VM runs on node-b1.',
      phase: 'live',
      question: { prompt: 'Which node still delivers to the old VM?', answer: ['node-a1'] },
    },
    {
      title: 'Why',
      text: 'LOCAL_PREF does not cross eBGP.',
      question: {
        prompt: 'What carries the priority?',
        choices: [{ text: 'LOCAL_PREF' }, { text: 'A community', correct: true }, { text: 'MED' }],
      },
    },
  ],
});

function started(step?: number) {
  const store = createLessonStore();
  store.getState().start(FIXTURE_LESSON, 'two-racks-ebgp-no-filter', step);
  return store;
}

describe('lesson store', () => {
  it('starts at the first step (or the one asked for, kept within the lesson) and closes', () => {
    const s = started();
    expect([s.getState().step, currentStep(s.getState())?.title, s.getState().design]).toEqual([
      0,
      'The fabric',
      'two-racks-ebgp-no-filter',
    ]);
    expect(started(2).getState().step).toBe(2);
    expect(started(99).getState().step).toBe(3);
    expect(started(-4).getState().step).toBe(0);
    s.getState().close();
    expect([s.getState().lesson, s.getState().design, currentStep(s.getState())]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('moves with next and previous, stopping at both ends', () => {
    const s = started();
    s.getState().prev();
    expect(s.getState().step).toBe(0);
    s.getState().next();
    s.getState().next();
    s.getState().next();
    expect(s.getState().step).toBe(3);
    s.getState().next();
    expect(s.getState().step).toBe(3);
    s.getState().prev();
    expect(s.getState().step).toBe(2);
    s.getState().goTo(1.7);
    expect(s.getState().step).toBe(1);
  });

  it('does nothing to steps without a lesson', () => {
    const s = createLessonStore();
    s.getState().next();
    s.getState().goTo(3);
    expect(s.getState().step).toBe(0);
    expect(s.getState().answerWithElement('node-a1')).toBeUndefined();
  });

  it('answers a click question by element: wrong, retried, then right; later clicks change nothing', () => {
    const s = started(2);
    expect(awaitsClick(s.getState())).toBe(true);
    expect(s.getState().answerWithElement('node-a2')).toEqual({ given: 'node-a2', correct: false, attempts: 1 });
    expect(awaitsClick(s.getState())).toBe(true);
    expect(s.getState().answerWithElement('node-a1')).toEqual({ given: 'node-a1', correct: true, attempts: 2 });
    expect(awaitsClick(s.getState())).toBe(false);
    expect(s.getState().answerWithElement('node-b1')).toBeUndefined();
    expect(s.getState().answers).toEqual({ 2: { given: 'node-a1', correct: true, attempts: 2 } });
    // A choice does not answer a click question.
    expect(s.getState().answerWithChoice(1)).toBeUndefined();
  });

  it('answers a multiple-choice question by index; clicks do not answer it', () => {
    const s = started(3);
    expect(awaitsClick(s.getState())).toBe(false);
    expect(s.getState().answerWithElement('node-a1')).toBeUndefined();
    expect(s.getState().answerWithChoice(0)).toEqual({ given: 'choice:0', correct: false, attempts: 1 });
    expect(s.getState().answerWithChoice(7)).toBeUndefined();
    expect(s.getState().answerWithChoice(1)).toEqual({ given: 'choice:1', correct: true, attempts: 2 });
    expect(s.getState().answerWithChoice(2)).toBeUndefined();
  });

  it('has no question to answer on a step without one', () => {
    const s = started(0);
    expect([s.getState().answerWithElement('node-a1'), s.getState().answerWithChoice(0)]).toEqual([
      undefined,
      undefined,
    ]);
    expect(s.getState().answers).toEqual({});
  });

  it('counts progress: the step, the questions, the answers and how many are right', () => {
    const s = started();
    expect(progressOf(s.getState())).toEqual({
      current: 1,
      total: 4,
      questions: 2,
      answered: 0,
      right: 0,
      fraction: 0,
    });
    s.getState().goTo(2);
    s.getState().answerWithElement('node-a2');
    expect(progressOf(s.getState())).toEqual({
      current: 3,
      total: 4,
      questions: 2,
      answered: 1,
      right: 0,
      fraction: 2 / 3,
    });
    s.getState().next();
    s.getState().answerWithChoice(1);
    expect(progressOf(s.getState())).toEqual({
      current: 4,
      total: 4,
      questions: 2,
      answered: 2,
      right: 1,
      fraction: 1,
    });
    expect(progressOf(createLessonStore().getState())).toEqual({
      current: 0,
      total: 0,
      questions: 0,
      answered: 0,
      right: 0,
      fraction: 0,
    });
  });

  it('restarts at the first step with every answer forgotten, keeping the lesson', () => {
    const s = started(2);
    s.getState().answerWithElement('node-a1');
    s.getState().restart();
    expect([s.getState().step, s.getState().answers, s.getState().lesson === FIXTURE_LESSON]).toEqual([0, {}, true]);
  });

  it('starting a lesson clears the offer and the answers of the one before', () => {
    const s = started(2);
    s.getState().answerWithElement('node-a1');
    s.getState().setOffer('two-racks-ebgp-no-filter');
    s.getState().start(FIXTURE_LESSON, 'two-racks-ebgp-no-filter');
    expect([s.getState().offer, s.getState().answers, s.getState().step]).toEqual([undefined, {}, 0]);
  });

  it('keeps the gallery and presenter flags', () => {
    const s = createLessonStore();
    s.getState().setGalleryOpen(true);
    s.getState().setPresenter(true);
    expect([s.getState().galleryOpen, s.getState().presenter]).toEqual([true, true]);
  });
});
