/**
 * The narration card of the lesson player, docked over the canvas: the step, its narration, its
 * question with feedback, and the controls (previous, next, restart, present, close). Loaded
 * lazily with the markdown renderer.
 */
import { useEffect, useRef, useState } from 'react';
import { currentStep, progressOf, type Answer } from '../../store/lesson';
import type { Question } from '../../model';
import { useStores } from '../context';
import { Markdown } from './Markdown';
import { lessonOf, togglePresenter, useLesson } from './workshop';
import './lesson.css';

function Feedback({ question, answer }: { question: Question; answer: Answer }) {
  const click = question.answer !== undefined;
  const text = answer.correct ? question.right : question.wrong;
  const box = useRef<HTMLDivElement>(null);
  // Each new answer's feedback is scrolled into sight in the card.
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [answer]);
  return (
    <div
      ref={box}
      className={`lesson-feedback ${answer.correct ? 'right' : 'wrong'}`}
      data-testid="lesson-feedback"
      data-correct={String(answer.correct)}
      role="status"
      aria-live="polite"
    >
      <strong className="verdict-line">
        <span aria-hidden="true">{answer.correct ? '✓' : '✕'}</span> {answer.correct ? 'Right' : 'Not quite'}
        {click && <span className="given"> (you clicked {answer.given})</span>}
      </strong>
      {text && <Markdown text={text} />}
      {!answer.correct && <p className="retry">Try again, or go on with Next.</p>}
    </div>
  );
}

function Choices({ question, step, answer }: { question: Question; step: number; answer: Answer | undefined }) {
  const stores = useStores();
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const locked = answer?.correct === true;
  return (
    <form
      className="lesson-choices"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked !== undefined) lessonOf(stores).getState().answerWithChoice(picked);
      }}
    >
      <fieldset disabled={locked}>
        <legend className="sr-only">Choices</legend>
        {(question.choices ?? []).map((c, i) => (
          <label key={i} className={`lesson-choice${picked === i ? ' picked' : ''}`}>
            <input
              type="radio"
              name={`lesson-choice-${step}`}
              checked={picked === i}
              onChange={() => setPicked(i)}
              data-testid={`lesson-choice-${i}`}
            />
            <Markdown text={c.text} inline />
          </label>
        ))}
        <button type="submit" className="btn primary" disabled={picked === undefined} data-testid="lesson-answer">
          Answer
        </button>
      </fieldset>
    </form>
  );
}

function QuestionBlock({ question, step }: { question: Question; step: number }) {
  const answer = useLesson((s) => s.answers[step]);
  const click = question.answer !== undefined;
  return (
    <div className="lesson-question" data-testid="lesson-question" data-kind={click ? 'click' : 'choice'}>
      <div className="prompt">
        <span className="q-mark" aria-hidden="true">
          ?
        </span>
        <Markdown text={question.prompt} />
      </div>
      {click && answer?.correct !== true && <p className="hint">Click your answer on the canvas.</p>}
      {!click && <Choices key={step} question={question} step={step} answer={answer} />}
      {answer && <Feedback question={question} answer={answer} />}
    </div>
  );
}

function ProgressBar() {
  const lesson = useLesson((s) => s.lesson);
  const step = useLesson((s) => s.step);
  const answers = useLesson((s) => s.answers);
  const p = progressOf({ lesson, step, answers });
  const score = p.questions > 0 ? `, ${p.right} of ${p.questions} question${p.questions === 1 ? '' : 's'} right` : '';
  return (
    <div
      className="lesson-progress"
      data-testid="lesson-progress"
      role="progressbar"
      aria-valuemin={1}
      aria-valuemax={p.total}
      aria-valuenow={p.current}
      aria-valuetext={`Step ${p.current} of ${p.total}${score}`}
    >
      {(lesson?.steps ?? []).map((s, i) => {
        const a = answers[i];
        const mark = a ? (a.correct ? '✓' : '✕') : s.question ? '?' : '';
        return (
          <span
            key={i}
            className={`seg${i < step ? ' done' : ''}${i === step ? ' current' : ''}${a ? (a.correct ? ' right' : ' wrong') : ''}`}
            title={`Step ${i + 1}: ${s.title}`}
          >
            {mark}
          </span>
        );
      })}
    </div>
  );
}

export default function LessonCard() {
  const stores = useStores();
  const lesson = useLesson((s) => s.lesson);
  const stepIndex = useLesson((s) => s.step);
  const answers = useLesson((s) => s.answers);
  const presenter = useLesson((s) => s.presenter);
  const step = useLesson(currentStep);
  const progress = progressOf({ lesson, step: stepIndex, answers });
  const body = useRef<HTMLDivElement>(null);
  // A new step starts at the top of its narration.
  useEffect(() => {
    body.current?.scrollTo?.({ top: 0 });
  }, [stepIndex, lesson]);
  if (!lesson || !step) return null;
  const ls = () => lessonOf(stores).getState();
  const last = stepIndex === lesson.steps.length - 1;
  return (
    <section className="lesson-card" data-testid="lesson-card" aria-label="Lesson" data-canvas-overlay>
      <header className="lesson-head">
        <span className="lesson-step" data-testid="lesson-step">
          Step {progress.current} of {progress.total}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          aria-pressed={presenter}
          onClick={() => togglePresenter(stores)}
          data-testid="lesson-present"
          title="Presenter mode: full screen, large text, keys ← → Space, Esc to leave (P)"
        >
          {presenter ? 'Leave presenter' : '▶ Present'}
        </button>
        <button
          type="button"
          className="btn lesson-close"
          onClick={() => ls().close()}
          data-testid="lesson-close"
          aria-label="Close the lesson"
          title="Close the lesson"
        >
          ✕
        </button>
      </header>
      <ProgressBar />
      <h2 className="lesson-title" data-testid="lesson-title">
        {step.title}
      </h2>
      {/* The narration scrolls; the question, its choices and the score stay in sight below it. */}
      <div className="lesson-body" ref={body} tabIndex={0} aria-label="Narration">
        <div className="lesson-text" data-testid="lesson-text">
          <Markdown text={step.text} />
        </div>
      </div>
      {step.question && <QuestionBlock key={stepIndex} question={step.question} step={stepIndex} />}
      {last && progress.questions > 0 && (
        <p className="lesson-score" data-testid="lesson-score">
          End of the lesson: {progress.right} of {progress.questions} question{progress.questions === 1 ? '' : 's'}{' '}
          answered right.
        </p>
      )}
      <footer className="lesson-nav">
        <button
          type="button"
          className="btn"
          disabled={stepIndex === 0}
          onClick={() => ls().prev()}
          data-testid="lesson-prev"
        >
          ← Previous
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => ls().restart()}
          data-testid="lesson-restart"
          title="Back to step 1, answers cleared"
        >
          ↺ Restart
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          disabled={last}
          onClick={() => ls().next()}
          data-testid="lesson-next"
        >
          Next →
        </button>
      </footer>
    </section>
  );
}
