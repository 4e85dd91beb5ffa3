/** One finding: severity, code, phase, what is wrong, how to fix it, its subjects and the fix button. */
import { useState } from 'react';
import type { Diagnostic } from '../../worker/protocol';
import { SeverityBadge } from './SeverityBadge';
import { subjectTitle, type SubjectTarget } from './subjects';

/** Which of the finding's subjects are highlighted on the canvas: one, all, or none. */
export type Active = { readonly subject: string } | 'all' | undefined;

export interface DiagnosticItemProps {
  readonly diagnostic: Diagnostic;
  readonly targets: readonly SubjectTarget[];
  readonly active: Active;
  /** The phase shown in the phase bar, to mark the finding's phase chip when it is the one. */
  readonly shownPhase: string;
  /** Why the fix cannot be applied now (a run is under way); undefined: it can. */
  readonly fixBlocked: string | undefined;
  readonly onSubject: (target: SubjectTarget) => void;
  readonly onAll: () => void;
  readonly onInspect: (target: SubjectTarget) => void;
  readonly onPhase: () => void;
  readonly onFix: () => void;
  /** How many findings of this code have a fix, when more than one: they can be applied at once. */
  readonly kindCount?: number;
  readonly onFixAll?: () => void;
}

function SubjectChip({
  target,
  pressed,
  phase,
  onClick,
  onInspect,
}: {
  target: SubjectTarget;
  pressed: boolean;
  phase: string | undefined;
  onClick: () => void;
  onInspect: () => void;
}) {
  const clickable = target.highlight.length > 0 || target.kind === 'cluster';
  return (
    <span className={`diag-subject kind-${target.kind}${pressed ? ' pressed' : ''}`}>
      <button
        type="button"
        className="diag-subject-main"
        data-testid="diagnostic-subject"
        data-subject={target.name}
        data-kind={target.kind}
        aria-pressed={target.kind === 'cluster' ? undefined : pressed}
        disabled={!clickable}
        title={subjectTitle(target, phase)}
        onClick={target.kind === 'cluster' ? onInspect : onClick}
      >
        <span className="diag-subject-kind">{target.label}</span> <span className="mono">{target.name}</span>
      </button>
      {target.inspect !== undefined && target.kind !== 'cluster' && (
        <button
          type="button"
          className="diag-inspect"
          data-testid="diagnostic-inspect"
          data-subject={target.name}
          title={`Show ${target.label} ${target.name} in the inspector`}
          aria-label={`Show ${target.label} ${target.name} in the inspector`}
          onClick={onInspect}
        >
          ↗
        </button>
      )}
    </span>
  );
}

/** A finding about a whole fabric can name a thousand subjects: the first few show, the rest on request. */
export const SUBJECTS_SHOWN = 12;

export function DiagnosticItem({
  diagnostic: d,
  targets,
  active,
  shownPhase,
  fixBlocked,
  onSubject,
  onAll,
  onInspect,
  onPhase,
  onFix,
  kindCount,
  onFixAll,
}: DiagnosticItemProps) {
  const highlightable = targets.filter((t) => t.highlight.length > 0);
  const [allShown, setAllShown] = useState(false);
  const capped = !allShown && targets.length > SUBJECTS_SHOWN + 1;
  // The subject highlighted on the canvas stays in sight among the few.
  const shown = capped
    ? targets.filter((t, i) => i < SUBJECTS_SHOWN || (active !== 'all' && active?.subject === t.name))
    : targets;
  return (
    <li
      className={`diag sev-${d.severity}`}
      data-testid="diagnostic"
      data-code={d.code}
      data-severity={d.severity}
      data-phase={d.phase ?? ''}
    >
      <div className="diag-head">
        <SeverityBadge severity={d.severity} />
        <code className="diag-code">{d.code}</code>
        {d.phase === undefined ? (
          <span className="diag-scope" title="Not tied to one phase: a finding about the design’s configuration">
            design-wide
          </span>
        ) : (
          <button
            type="button"
            className={`diag-phase${d.phase === shownPhase ? ' current' : ''}`}
            data-testid="diagnostic-phase"
            title={d.phase === shownPhase ? `The ${d.phase} phase is shown` : `Show the ${d.phase} phase`}
            aria-pressed={d.phase === shownPhase}
            onClick={onPhase}
          >
            {d.phase}
          </button>
        )}
      </div>
      <p className="diag-message">{d.message}</p>
      <p className="diag-fix">
        <span className="diag-label">Fix:</span> {d.fix}
      </p>
      {targets.length > 0 && (
        <div className="diag-subjects" role="group" aria-label={`Subjects of ${d.code}`}>
          {shown.map((t) => (
            <SubjectChip
              key={t.name}
              target={t}
              pressed={active === 'all' ? t.highlight.length > 0 : active?.subject === t.name}
              phase={d.phase}
              onClick={() => onSubject(t)}
              onInspect={() => onInspect(t)}
            />
          ))}
          {targets.length > SUBJECTS_SHOWN + 1 && (
            <button
              type="button"
              className="link-btn diag-more"
              data-testid="diagnostic-more-subjects"
              aria-expanded={!capped}
              onClick={() => setAllShown(capped)}
            >
              {capped ? `+${targets.length - shown.length} more` : 'show fewer'}
            </button>
          )}
          {highlightable.length > 1 && (
            <button
              type="button"
              className="link-btn diag-all"
              data-testid="diagnostic-highlight-all"
              aria-pressed={active === 'all'}
              title="Highlight every subject of this finding on the canvas"
              onClick={onAll}
            >
              {active === 'all' ? 'clear' : 'highlight all'}
            </button>
          )}
        </div>
      )}
      {d.action && (
        <div className="diag-actions">
          <button
            type="button"
            className="btn primary diag-apply"
            data-testid="diagnostic-fix"
            disabled={fixBlocked !== undefined}
            title={fixBlocked ?? `Apply: ${d.fix} (one undo step)`}
            onClick={onFix}
          >
            <span aria-hidden="true">⚙ </span>Apply fix
          </button>
          {kindCount !== undefined && kindCount > 1 && onFixAll && (
            <button
              type="button"
              className="btn diag-apply diag-apply-all"
              data-testid="diagnostic-fix-all"
              disabled={fixBlocked !== undefined}
              title={fixBlocked ?? `Apply the fixes of all ${kindCount} ${d.code} findings (one undo step)`}
              onClick={onFixAll}
            >
              Apply all {kindCount} of this kind
            </button>
          )}
          <span className="diag-undo muted">one step; Undo reverts it</span>
        </div>
      )}
    </li>
  );
}
