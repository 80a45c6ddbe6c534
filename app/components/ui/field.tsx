import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/utils/i18n";

interface FieldFrame {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

/** A labelled control with its hint and its error, wired for screen readers. */
// `id` is the control's own id: the name unless the form repeats the name (list fields, one field in two forms).
function Frame({ id, label, error, hint, required, children }: Omit<FieldFrame, "name"> & { id: string; children: (describedBy?: string) => ReactNode }) {
  const t = useT();
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="muted"> {t("form.required")}</span> : null}
      </label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children(ids)}
      {error ? (
        <span className="error" id={`${id}-error`} role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}

export function TextField(props: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const { name, label, error, hint, required, ...input } = props;
  return (
    <Frame id={input.id ?? name} label={label} error={error} hint={hint} required={required}>
      {(describedBy) => (
        <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} aria-required={required} {...input} />
      )}
    </Frame>
  );
}

export function TextArea(props: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { name, label, error, hint, required, ...input } = props;
  return (
    <Frame id={input.id ?? name} label={label} error={error} hint={hint} required={required}>
      {(describedBy) => (
        <textarea id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} aria-required={required} rows={4} {...input} />
      )}
    </Frame>
  );
}

export function SelectField(props: FieldFrame & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const { name, label, error, hint, required, options, ...input } = props;
  return (
    <Frame id={input.id ?? name} label={label} error={error} hint={hint} required={required}>
      {(describedBy) => (
        <select id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} aria-required={required} {...input}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Frame>
  );
}

/** The message of a failed action (not tied to one field). */
export function FormError({ failure }: { failure?: { ok: false; message: string; params?: Record<string, string | number> } | unknown }) {
  const t = useT();
  const f = failure as { ok?: boolean; message?: string; params?: Record<string, string | number> } | undefined;
  if (!f || f.ok !== false || !f.message) return null;
  return (
    <p className="form-error" role="alert">
      {t(f.message, f.params)}
    </p>
  );
}

/** Field errors of an action result, for `error={errors.name}`. */
export function fieldErrors(result: unknown): Record<string, string> {
  const r = result as { ok?: boolean; fieldErrors?: Record<string, string> } | undefined;
  return r && r.ok === false && r.fieldErrors ? r.fieldErrors : {};
}

/** A group of radio buttons with its legend and its error, wired for screen readers. */
export function RadioGroup<V extends string>(props: {
  name: string;
  legend: string;
  options: { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
  error?: string;
}) {
  const t = useT();
  const errorId = `${props.name}-error`;
  return (
    <fieldset aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <div className="row">
        {props.options.map((o) => (
          <label key={o.value} className="choice">
            <input type="radio" name={props.name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} /> {o.label}
          </label>
        ))}
      </div>
      {props.error ? (
        <span className="error" id={errorId} role="alert">
          {t(props.error)}
        </span>
      ) : null}
    </fieldset>
  );
}

/** A status line: something was done (read out by screen readers when it appears). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

/** What a form action answered: the thing done (a status line) or what went wrong. */
export function ActionResult({ result }: { result: unknown }) {
  const t = useT();
  const r = result as { done?: string; params?: Record<string, string | number> } | undefined;
  if (r && typeof r.done === "string") {
    return <Notice>{t(r.done, r.params)}</Notice>;
  }
  return <FormError failure={result} />;
}
