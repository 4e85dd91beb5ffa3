/**
 * What the simulation adds to a canvas card at the selected phase: the client's outcome (tinted
 * card plus a pill with icon and word) and the mark of the node that runs the VM. Each card
 * subscribes to its own values only, so changing the phase re-renders just the cards that change.
 */
import { outcomeOf, vmHostOf, type Outcome } from '../../store/simulation';
import { useSimulation, useUi } from '../context';
import { OutcomeBadge } from './outcome';

export interface SimMarks {
  readonly outcome: Outcome | undefined;
  /** The migrating VM's name when it runs on this node at the selected phase. */
  readonly vmHere: string | undefined;
  /** The migrating VM's name when the design places it here but it runs elsewhere at this phase. */
  readonly vmAway: string | undefined;
  readonly phase: string;
  /** A diagnostic the user clicked names this element. */
  readonly highlighted: boolean;
}

export function useSimMarks(name: string): SimMarks {
  const outcome = useSimulation((s) => outcomeOf(s, name));
  const host = useSimulation((s) => vmHostOf(s));
  const vm = useSimulation((s) => s.report?.migration.vm);
  const from = useSimulation((s) => s.report?.migration.from);
  const phase = useSimulation((s) => s.phase);
  const highlighted = useUi((s) => s.highlight.includes(name));
  return {
    highlighted,
    outcome,
    vmHere: host === name ? vm : undefined,
    vmAway: host !== undefined && host !== name && from === name ? vm : undefined,
    phase,
  };
}

/** The pills above the card's top edge. */
export function CardPills({ name, marks }: { name: string; marks: SimMarks }) {
  if (!marks.outcome && !marks.vmHere) return null;
  return (
    <div className="sim-pills">
      {marks.vmHere && (
        <span className="vm-pill" data-testid={`vmhost-${name}`} title={`${marks.vmHere} runs on ${name} in phase ${marks.phase}`}>
          ▣ {marks.vmHere} here
        </span>
      )}
      {marks.outcome && <OutcomeBadge outcome={marks.outcome} testId={`outcome-${name}`} />}
    </div>
  );
}
