/**
 * Inspector fields, validated as you type: each keystroke builds the candidate document and runs
 * the full validation; the value is committed (one undo step) on Enter or leaving the field,
 * and only when valid. An invalid value shows the reason and changes nothing.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { type Result } from '../../lib/result';
import { formatPath, pathStartsWith, type Issue, type Path, type Topology } from '../../model';
import { check } from '../../store/design';
import { textFieldCommandOf } from '../commands';
import { useStores } from '../context';

export type Candidate = (text: string) => Result<Topology, string>;

function explain(issues: readonly Issue[], path: Path | undefined): string | undefined {
  if (issues.length === 0) return undefined;
  const own = path ? issues.find((i) => pathStartsWith(i.path, path)) : undefined;
  if (own) return own.message;
  const first = issues[0] as Issue;
  return `${formatPath(first.path)}: ${first.message}`;
}

function evaluate(candidate: Candidate, text: string, path: Path | undefined): { doc?: Topology; error?: string } {
  const c = candidate(text);
  if (!c.ok) return { error: c.error };
  const error = explain(check(c.value), path);
  return error ? { error } : { doc: c.value };
}

interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly candidate: Candidate;
  readonly path?: Path;
  readonly hint?: ReactNode;
  readonly placeholder?: string;
  readonly multiline?: boolean;
  readonly testId?: string;
  readonly mono?: boolean;
  /** Called after a successful commit, with the committed text (e.g. to follow a rename). */
  readonly onCommitted?: (text: string) => void;
}

export function TextField({
  label,
  value,
  candidate,
  path,
  hint,
  placeholder,
  multiline,
  testId,
  mono,
  onCommitted,
}: TextFieldProps) {
  const stores = useStores();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | undefined>();
  const focused = useRef(false);
  // The text last committed from here, so Enter followed by blur commits once, not twice.
  const committedText = useRef<string | undefined>(undefined);

  useEffect(() => {
    committedText.current = undefined;
    // The committed value changed (undo, another panel): show it unless the user is typing here.
    if (!focused.current) {
      setDraft(value);
      setError(undefined);
    }
  }, [value]);

  const onChange = (text: string) => {
    setDraft(text);
    setError(text === value ? undefined : evaluate(candidate, text, path).error);
  };

  const commit = (): boolean => {
    if (draft === value || draft === committedText.current) return true;
    const r = evaluate(candidate, draft, path);
    if (r.error || !r.doc) {
      setError(r.error);
      return false;
    }
    const committed = stores.design.getState().commit(r.doc);
    if (!committed.ok) {
      setError(explain(committed.error, path));
      return false;
    }
    committedText.current = draft;
    setError(undefined);
    onCommitted?.(draft);
    return true;
  };

  const common = {
    id,
    value: draft,
    placeholder,
    'aria-invalid': error !== undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    'data-testid': testId,
    className: mono ? 'mono' : undefined,
    spellCheck: false,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      commit();
    },
  };

  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(18, Math.max(4, draft.split('\n').length + 1))}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setDraft(value);
              setError(undefined);
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
            else if (textFieldCommandOf(e.nativeEvent)) commit(); // Ctrl+S saves what is typed here
          }}
        />
      ) : (
        <input
          {...common}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              if (commit()) (e.target as HTMLInputElement).blur();
            } else if (e.key === 'Escape') {
              setDraft(value);
              setError(undefined);
              (e.target as HTMLInputElement).blur();
            } else if (textFieldCommandOf(e.nativeEvent)) commit(); // Ctrl+S saves what is typed here
          }}
        />
      )}
      {error ? (
        <div className="error" id={`${id}-error`} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </div>
      ) : (
        hint && <div className="hint">{hint}</div>
      )}
    </div>
  );
}

interface SelectFieldProps {
  readonly label: string;
  readonly value: string;
  readonly options: readonly { value: string; label: string }[];
  readonly candidate: Candidate;
  readonly path?: Path;
  readonly testId?: string;
  readonly hint?: ReactNode;
}

export function SelectField({ label, value, options, candidate, path, testId, hint }: SelectFieldProps) {
  const stores = useStores();
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setError(undefined), [value]);
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          const r = evaluate(candidate, e.target.value, path);
          if (r.error || !r.doc) return setError(r.error);
          stores.design.getState().commit(r.doc);
          setError(undefined);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <div className="error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="hint">{hint}</div>
      )}
    </div>
  );
}

export function CheckField({
  label,
  checked,
  candidate,
  testId,
}: {
  label: string;
  checked: boolean;
  candidate: (checked: boolean) => Result<Topology, string>;
  testId?: string;
}) {
  const stores = useStores();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setError(undefined), [checked]);
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          data-testid={testId}
          onChange={(e) => {
            const c = candidate(e.target.checked);
            if (!c.ok) return setError(c.error);
            const committed = stores.design.getState().commit(c.value);
            setError(committed.ok ? undefined : explain(committed.error, undefined));
          }}
        />
        {label}
      </label>
      {error && (
        <div className="field invalid">
          <div className="error" role="alert">
            {error}
          </div>
        </div>
      )}
    </>
  );
}

/** Parses an optional whole number typed in a field ('' = unset). */
export function parseOptionalInt(text: string): Result<number | undefined, string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  if (!/^-?\d+$/.test(t)) return { ok: false, error: `${JSON.stringify(text)} is not a whole number` };
  return { ok: true, value: Number(t) };
}

/** A copy of the document changed by `mutate`, as a field candidate. */
export function edited(doc: Topology, mutate: (d: Topology) => void): Result<Topology, string> {
  const d = structuredClone(doc);
  mutate(d);
  return { ok: true, value: d };
}
