import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useLang, type Lang } from './i18n';
import { fieldMessages, formMessage } from './errors';

/** Today in Europe/Stockholm as YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "12 mars" / "12 March" (with the year when it is not this year). */
export function formatDate(date: string, lang: Lang): string {
  const d = new Date(`${date}T12:00:00Z`);
  const sameYear = date.slice(0, 4) === today().slice(0, 4);
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'sv-SE', { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' });
}

export function formatTimestamp(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'medium', timeStyle: 'short' });
}

/** A fresh UUID for a command, chosen before its first try so that retries never send it twice. */
export function newId(): string {
  return crypto.randomUUID();
}

/** Loads data for a component; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
}

/**
 * A form's submission: what was typed stays in the fields, the API's errors land next to the
 * fields they name (in Swedish) and at the top of the form.
 */
export function useSubmit<T>(action: () => Promise<T>, onDone?: (result: T) => void) {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const submit = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await action();
      onDone?.(result);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    submit,
    message: failure === undefined ? null : formMessage(failure, lang),
    fields: failure === undefined ? {} : fieldMessages(failure, lang),
  };
}

export function ErrorText({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  min?: string | number;
  max?: string | number;
  maxLength?: number;
  step?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
}

/** A labelled input; its error (from the API) is announced and tied to it with aria-describedby. */
export function Field({ label, value, onChange, error, hint, type = 'text', ...rest }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      <ErrorText id={`${id}-error`} text={error} />
    </div>
  );
}

export function SelectField({ label, value, onChange, options, error }: { label: string; value: string; onChange: (v: string) => void; options: Array<[string, string]>; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} text={error} />
    </div>
  );
}

export function TextAreaField({ label, value, onChange, error, maxLength = 500 }: { label: string; value: string; onChange: (v: string) => void; error?: string; maxLength?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} maxLength={maxLength} rows={3} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <ErrorText id={`${id}-error`} text={error} />
    </div>
  );
}

/** A form with its top-level message; Enter submits, the button shows when it is busy. */
export function Form({ onSubmit, message, busy, submitLabel, children, secondary }: { onSubmit: () => void; message: string | null; busy: boolean; submitLabel: string; children: ReactNode; secondary?: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {children}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {secondary}
      </div>
    </form>
  );
}

export function Status({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'ok' | 'warn' | 'error' }) {
  return (
    <p className={`status status-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

export function LoadError({ error }: { error: unknown }) {
  const lang = useLang();
  return <Status kind="error">{formMessage(error, lang)}</Status>;
}
