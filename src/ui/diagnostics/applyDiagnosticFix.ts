/**
 * A finding's one-click fix: the change is applied to the current design and committed as one
 * undoable step; the simulation store sees the new design and re-runs by itself. A fix that
 * fails, or a result the design store refuses, is reported and changes nothing.
 */
import { formatIssue } from '../../model';
import { applyFix, applyFixes } from '../../model/edit/fixes';
import type { Diagnostic } from '../../worker/protocol';
import type { Stores } from '../context';

/** "Attach the filter … to rack-a-tor." → "Attach the filter … to rack-a-tor" (the notice goes on after it). */
const withoutFinalStop = (text: string) => text.replace(/\.\s*$/, '');

export type FixOutcome = 'applied' | 'unchanged' | 'refused' | 'no-action';

export function applyDiagnosticFix(stores: Stores, d: Diagnostic): FixOutcome {
  const { notify } = stores.ui.getState();
  if (!d.action) return 'no-action';
  const before = stores.design.getState().doc;
  const fixed = applyFix(before, d.action);
  if (!fixed.ok) {
    notify('error', `${d.code}: the fix cannot be applied: ${fixed.error}`);
    return 'refused';
  }
  // A fix already in place (applied by hand meanwhile) would add an empty undo step and no re-run.
  if (JSON.stringify(fixed.value) === JSON.stringify(before)) {
    notify('info', `${d.code}: nothing to change, the design already has this fix`);
    return 'unchanged';
  }
  const committed = stores.design.getState().commit(fixed.value);
  if (!committed.ok) {
    notify('error', `${d.code}: the fix was refused: ${committed.error.slice(0, 2).map(formatIssue).join('; ')}`);
    return 'refused';
  }
  notify('info', `Applied: ${withoutFinalStop(d.fix)}; re-simulating`);
  return 'applied';
}

/**
 * Every fix of a kind at once (the findings share a code): one change, one undo step. All or
 * nothing: when one of them cannot be applied, none is, and the notice says which and why.
 */
export function applyDiagnosticFixes(stores: Stores, list: readonly Diagnostic[]): FixOutcome {
  const { notify } = stores.ui.getState();
  const actions = list.flatMap((d) => (d.action ? [d.action] : []));
  const code = list[0]?.code;
  if (actions.length === 0 || code === undefined) return 'no-action';
  const before = stores.design.getState().doc;
  const fixed = applyFixes(before, actions);
  if (!fixed.ok) {
    notify('error', `${code}: the fixes cannot be applied: ${fixed.error}`);
    return 'refused';
  }
  if (JSON.stringify(fixed.value) === JSON.stringify(before)) {
    notify('info', `${code}: nothing to change, the design already has these fixes`);
    return 'unchanged';
  }
  const committed = stores.design.getState().commit(fixed.value);
  if (!committed.ok) {
    notify('error', `${code}: the fixes were refused: ${committed.error.slice(0, 2).map(formatIssue).join('; ')}`);
    return 'refused';
  }
  notify('info', `Applied ${actions.length} fixes for ${code} as one step; re-simulating`);
  return 'applied';
}
