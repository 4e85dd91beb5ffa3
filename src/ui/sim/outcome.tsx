/** How outcomes look everywhere: an icon and a word next to the colour, never the colour alone. */
import type { Outcome } from '../../store/simulation';

export const OUTCOME_ICON: Readonly<Record<Outcome, string>> = {
  delivered: '✓',
  blackhole: '✕',
  loop: '↻',
  split: '½',
};
export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  delivered: 'delivered',
  blackhole: 'blackhole',
  loop: 'loop',
  split: 'split',
};

/** A pill with the outcome's icon and word (the word can be dropped where space is short). */
export function OutcomeBadge({
  outcome,
  fraction,
  testId,
  short,
}: {
  outcome: Outcome;
  fraction?: number;
  testId?: string;
  short?: boolean;
}) {
  const share = outcome === 'split' && fraction !== undefined ? ` ${Math.round(fraction * 100)}%` : '';
  return (
    <span
      className={`outcome-pill ${outcome}`}
      data-testid={testId}
      data-outcome={outcome}
      title={`${OUTCOME_LABEL[outcome]}${share}`}
    >
      <span aria-hidden="true">{OUTCOME_ICON[outcome]}</span>
      {short ? <span className="sr-only">{OUTCOME_LABEL[outcome]}</span> : ` ${OUTCOME_LABEL[outcome]}${share}`}
    </span>
  );
}
