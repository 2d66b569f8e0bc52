/**
 * Form pieces in the GOV.UK pattern: errors summarised at the top (focused, linking to each field)
 * and repeated beside the field, with hints and errors tied to inputs for screen readers.
 */
import { useEffect, useRef, type InputHTMLAttributes } from 'react';
import { useI18n } from '../i18n.tsx';

export interface FormError {
  field: string;
  message: string;
}

/** `labels` maps a field id to its label, so the summary says which field ("Kata sandi: wajib diisi"). */
export function ErrorSummary({ errors, general, labels = {} }: { errors: FormError[]; general?: string; labels?: Record<string, string> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length || general) ref.current?.focus();
  }, [errors, general]);
  if (!errors.length && !general) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errorSummary')}</h2>
      {general && <p>{general}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map((e) => <li key={e.field}><a href={`#${e.field}`}>{labels[e.field] ? `${labels[e.field]}: ${e.message}` : e.message}</a></li>)}
        </ul>
      )}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

export function Field({ id, label, hint, error, ...input }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="error-message" id={`${id}-error`}>{error}</p>}
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}
