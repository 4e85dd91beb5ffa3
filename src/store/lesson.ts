/**
 * The lesson player and the workshop around it (issue 7): which lesson is open and at which
 * step, the answers given per step, whether the scenario gallery is open, whether the app is in
 * presenter mode, and an offer to start the lesson of a design just opened. Pure state: applying
 * a step to the canvas and the timeline is the UI's job (src/ui/lesson).
 */
import { createStore } from 'zustand/vanilla';
import type { Lesson, LessonStep } from '../model';

/** The last answer given to a step's question. */
export interface Answer {
  /** The element clicked, or the index of the choice picked (as text: `choice:2`). */
  readonly given: string;
  readonly correct: boolean;
  /** How many answers the step has had (a wrong answer can be retried). */
  readonly attempts: number;
}

export interface LessonState {
  /** The lesson being played (a copy of the design's at the time it started); undefined: none. */
  readonly lesson: Lesson | undefined;
  /** The design the lesson belongs to (metadata.name): opening another design closes it. */
  readonly design: string | undefined;
  /** The step shown (0-based). */
  readonly step: number;
  /** The last answer per step index. */
  readonly answers: Readonly<Record<number, Answer>>;
  readonly galleryOpen: boolean;
  readonly presenter: boolean;
  /** A design with a lesson was just opened: the UI offers to start it (never starts it by itself). */
  readonly offer: string | undefined;

  readonly start: (lesson: Lesson, design: string, step?: number) => void;
  readonly close: () => void;
  readonly goTo: (step: number) => void;
  readonly next: () => void;
  readonly prev: () => void;
  /** Back to the first step, with every answer forgotten. */
  readonly restart: () => void;
  /** Answers the current step's click question with an element name; undefined when no click question waits. */
  readonly answerWithElement: (name: string) => Answer | undefined;
  /** Answers the current step's multiple-choice question; undefined when there is none or the index is out of range. */
  readonly answerWithChoice: (index: number) => Answer | undefined;
  readonly setGalleryOpen: (open: boolean) => void;
  readonly setPresenter: (on: boolean) => void;
  readonly setOffer: (design: string | undefined) => void;
}

const clamp = (step: number, lesson: Lesson | undefined) =>
  Math.max(0, Math.min((lesson?.steps.length ?? 1) - 1, Math.trunc(step)));

/** The step shown, if a lesson is open. */
export function currentStep(s: Pick<LessonState, 'lesson' | 'step'>): LessonStep | undefined {
  return s.lesson?.steps[s.step];
}

/** Whether a click on the canvas answers the current step: a click question not answered right yet. */
export function awaitsClick(s: Pick<LessonState, 'lesson' | 'step' | 'answers'>): boolean {
  const q = currentStep(s)?.question;
  return q?.answer !== undefined && s.answers[s.step]?.correct !== true;
}

export interface Progress {
  /** 1-based number of the step shown. */
  readonly current: number;
  readonly total: number;
  /** Steps with a question, and how many of them are answered, and answered right. */
  readonly questions: number;
  readonly answered: number;
  readonly right: number;
  /** How far through the lesson the step shown is, 0..1 (1 at the last step). */
  readonly fraction: number;
}

export function progressOf(s: Pick<LessonState, 'lesson' | 'step' | 'answers'>): Progress {
  const steps = s.lesson?.steps ?? [];
  const withQuestion = steps.map((st, i) => (st.question ? i : -1)).filter((i) => i >= 0);
  const answered = withQuestion.filter((i) => s.answers[i] !== undefined);
  const total = steps.length;
  return {
    current: total === 0 ? 0 : s.step + 1,
    total,
    questions: withQuestion.length,
    answered: answered.length,
    right: answered.filter((i) => s.answers[i]?.correct).length,
    fraction: total <= 1 ? (total === 0 ? 0 : 1) : s.step / (total - 1),
  };
}

export function createLessonStore() {
  return createStore<LessonState>()((set, get) => {
    /** Records an answer to the current step, unless it was already answered right (then it stays). */
    const record = (given: string, correct: boolean): Answer | undefined => {
      const { step, answers } = get();
      const before = answers[step];
      if (before?.correct) return undefined;
      const answer: Answer = { given, correct, attempts: (before?.attempts ?? 0) + 1 };
      set({ answers: { ...answers, [step]: answer } });
      return answer;
    };
    return {
      lesson: undefined,
      design: undefined,
      step: 0,
      answers: {},
      galleryOpen: false,
      presenter: false,
      offer: undefined,
      start: (lesson, design, step = 0) =>
        set({ lesson, design, step: clamp(step, lesson), answers: {}, offer: undefined }),
      close: () => set({ lesson: undefined, design: undefined, step: 0, answers: {} }),
      goTo: (step) => set((s) => (s.lesson ? { step: clamp(step, s.lesson) } : s)),
      next: () => get().goTo(get().step + 1),
      prev: () => get().goTo(get().step - 1),
      restart: () => set((s) => (s.lesson ? { step: 0, answers: {} } : s)),
      answerWithElement: (name) => {
        const q = currentStep(get())?.question;
        if (!q?.answer) return undefined;
        return record(name, q.answer.includes(name));
      },
      answerWithChoice: (index) => {
        const choice = currentStep(get())?.question?.choices?.[index];
        if (!choice) return undefined;
        return record(`choice:${index}`, choice.correct === true);
      },
      setGalleryOpen: (galleryOpen) => set({ galleryOpen }),
      setPresenter: (presenter) => set({ presenter }),
      setOffer: (offer) => set({ offer }),
    };
  });
}

export type LessonStore = ReturnType<typeof createLessonStore>;
