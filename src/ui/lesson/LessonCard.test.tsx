// @vitest-environment jsdom
/**
 * The narration card in a DOM with real stores: what it shows of a step, the markdown rendered
 * safely (lessons come in share links), answering by choice, and which element a canvas click
 * names.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { lessonSchema, type Lesson } from '../../model';
import { createDesignStore } from '../../store/design';
import { createSimulationStore } from '../../store/simulation';
import { createUiStore } from '../../store/ui';
import { StoresProvider, type Stores } from '../context';
import { inProcessClient } from '../diagnostics/test-support';
import { domHarness } from '../test-dom';
import LessonCard from './LessonCard';
import { FIXTURE_LESSON, NO_FILTER } from './test-fixture';
import { answerName, clickedNames } from './useClickAnswers';
import { lessonOf } from './workshop';

const dom = domHarness();

function mount(lesson: Lesson, step = 0): { stores: Stores; host: HTMLElement } {
  const design = createDesignStore(NO_FILTER);
  const stores: Stores = {
    design,
    ui: createUiStore({ animate: false }),
    simulation: createSimulationStore(design, inProcessClient),
    worker: inProcessClient,
  };
  lessonOf(stores).getState().start(lesson, 'two-racks-ebgp-no-filter', step);
  const { host, root } = dom.open();
  act(() =>
    root.render(
      <StoresProvider stores={stores}>
        <LessonCard />
      </StoresProvider>,
    ),
  );
  return { stores, host };
}

const byTestId = (el: HTMLElement, id: string) => el.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const click = (el: HTMLElement | null) => act(() => el!.click());

describe('LessonCard', () => {
  it('shows the step, its title and its markdown, and moves with Next, Previous and Restart', () => {
    const { host } = mount(FIXTURE_LESSON);
    expect(byTestId(host, 'lesson-step')!.textContent).toBe('Step 1 of 4');
    expect(byTestId(host, 'lesson-title')!.textContent).toBe('The fabric');
    expect(byTestId(host, 'lesson-text')!.innerHTML).toBe('<p>Two racks, <strong>eBGP</strong> to the ToRs.</p>');
    expect((byTestId(host, 'lesson-prev') as HTMLButtonElement).disabled).toBe(true);
    click(byTestId(host, 'lesson-next'));
    expect(byTestId(host, 'lesson-step')!.textContent).toBe('Step 2 of 4');
    expect(byTestId(host, 'lesson-text')!.querySelector('code')!.textContent).toBe('vm-1');
    click(byTestId(host, 'lesson-prev'));
    click(byTestId(host, 'lesson-next'));
    click(byTestId(host, 'lesson-next'));
    expect(byTestId(host, 'lesson-progress')!.getAttribute('aria-valuenow')).toBe('3');
    click(byTestId(host, 'lesson-restart'));
    expect(byTestId(host, 'lesson-step')!.textContent).toBe('Step 1 of 4');
  });

  it('renders no HTML, image or script a lesson carries, and no javascript: link', () => {
    const hostile = lessonSchema.parse({
      steps: [
        {
          title: 'x',
          text: 'Hi <img src="x" onerror="alert(1)"> <script>alert(2)</script>\n\n![pic](http://example.com/a.png)\n\n[go](javascript:alert(3)) [docs](https://docs.tigera.io/)',
        },
      ],
    });
    const { host } = mount(hostile);
    const text = byTestId(host, 'lesson-text')!;
    expect([
      text.querySelectorAll('img').length,
      text.querySelectorAll('script').length,
      text.querySelectorAll('[onerror]').length,
    ]).toEqual([0, 0, 0]);
    const links = [...text.querySelectorAll('a')].map((a) => [
      a.textContent,
      a.getAttribute('href'),
      a.getAttribute('rel'),
    ]);
    expect(links).toEqual([
      ['go', '', 'noopener noreferrer'],
      ['docs', 'https://docs.tigera.io/', 'noopener noreferrer'],
    ]);
  });

  it('answers a multiple-choice question wrong, then right, with the feedback of each', () => {
    const { host, stores } = mount(FIXTURE_LESSON, 3);
    expect(byTestId(host, 'lesson-question')!.getAttribute('data-kind')).toBe('choice');
    expect((byTestId(host, 'lesson-answer') as HTMLButtonElement).disabled).toBe(true);
    click(byTestId(host, 'lesson-choice-0'));
    click(byTestId(host, 'lesson-answer'));
    const wrong = byTestId(host, 'lesson-feedback')!;
    expect([wrong.getAttribute('data-correct'), wrong.textContent]).toEqual([
      'false',
      '✕ Not quiteLOCAL_PREF stays inside the AS.Try again, or go on with Next.',
    ]);
    click(byTestId(host, 'lesson-choice-1'));
    click(byTestId(host, 'lesson-answer'));
    expect(byTestId(host, 'lesson-feedback')!.getAttribute('data-correct')).toBe('true');
    expect(byTestId(host, 'lesson-feedback')!.textContent).toBe('✓ RightRight.');
    expect(lessonOf(stores).getState().answers[3]).toEqual({ given: 'choice:1', correct: true, attempts: 2 });
    expect(byTestId(host, 'lesson-score')!.textContent).toBe('End of the lesson: 1 of 2 questions answered right.');
  });

  it('asks a click question on the canvas and says what was clicked', () => {
    const { host, stores } = mount(FIXTURE_LESSON, 2);
    expect(byTestId(host, 'lesson-question')!.textContent).toContain('Click your answer on the canvas.');
    act(() => void lessonOf(stores).getState().answerWithElement('node-a2'));
    expect(byTestId(host, 'lesson-feedback')!.textContent).toBe(
      '✕ Not quite (you clicked node-a2)Look at the ✕ on the canvas.Try again, or go on with Next.',
    );
    act(() => void lessonOf(stores).getState().answerWithElement('node-a1'));
    expect(byTestId(host, 'lesson-feedback')!.getAttribute('data-correct')).toBe('true');
    expect(byTestId(host, 'lesson-question')!.textContent).not.toContain('Click your answer');
  });
});

describe('click answers', () => {
  it('names the VM chip and the canvas node a click lands on, the answer the question accepts first', () => {
    const node = document.createElement('div');
    node.className = 'react-flow__node';
    node.setAttribute('data-id', 'node-a1');
    node.innerHTML =
      '<div class="card"><span class="name">node-a1</span><div class="vm-chip" data-testid="vm-vm-1"><span>vm</span></div></div>';
    document.body.appendChild(node);
    expect(clickedNames(node.querySelector('.name')!)).toEqual(['node-a1']);
    const inChip = clickedNames(node.querySelector('.vm-chip span')!);
    expect(inChip).toEqual(['vm-1', 'node-a1']);
    expect(answerName(inChip, ['node-a1'])).toBe('node-a1');
    expect(answerName(inChip, ['node-b1'])).toBe('vm-1');
    expect(clickedNames(document.body)).toEqual([]);
    expect(answerName([], ['node-a1'])).toBeUndefined();
    node.remove();
  });
});
