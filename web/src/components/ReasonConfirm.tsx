/**
 * An irreversible correction (reversing a journal entry, a payment): the reason first, then a confirm
 * step that repeats what will happen, then the outcome in a status line that outlives the form.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n, useWords } from '../i18n.tsx';
import { problemOf } from '../pages/MyFamily.tsx';
import { ErrorSummary, Field, type FormError } from './Form.tsx';

const WORDS = {
  next: { id: 'Lanjutkan', en: 'Continue' },
  back: { id: 'Kembali', en: 'Go back' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  tooShort: { id: 'Paling sedikit 5 karakter.', en: 'At least 5 characters.' },
};

export interface ReasonConfirmWords {
  title: string;
  intro: string;
  reason: string;
  hint: string;
  /** the question, given the reason as typed */
  confirm: (reason: string) => string;
  yes: string;
  sending: string;
}

/**
 * `send` does the correction and answers what the status line then says (text and links); the line stays
 * when `open` turns false (the corrected record no longer offers the form).
 */
export function ReasonConfirm({ id, words, send, open = true }: { id: string; words: ReasonConfirmWords; send: (reason: string) => Promise<ReactNode>; open?: boolean }) {
  const w = useWords(WORDS);
  const { t } = useI18n();
  const [step, setStep] = useState<'reason' | 'confirm' | 'sending'>('reason');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [done, setDone] = useState<ReactNode>();
  const fieldId = `${id}-reason`;
  const titleId = `${id}-title`;
  const confirmRef = useRef<HTMLDivElement>(null);
  // the form gives way to the question: move focus there, so keyboard and screen reader users follow
  useEffect(() => { if (step === 'confirm') confirmRef.current?.focus(); }, [step]);
  function next(ev: FormEvent) {
    ev.preventDefault();
    setGeneral(undefined);
    const text = reason.trim();
    const missing = !text ? [{ field: fieldId, message: w.required }] : text.length < 5 ? [{ field: fieldId, message: w.tooShort }] : [];
    setErrors(missing);
    if (!missing.length) setStep('confirm');
  }
  async function confirm() {
    setStep('sending');
    try {
      setDone(await send(reason.trim()));
    } catch (err) {
      const p = problemOf(err, t('networkError'), { reason: fieldId });
      setErrors(p.errors);
      setGeneral(p.errors.length ? undefined : p.general);
      setStep('reason');
    }
  }
  return (
    <>
      <div role="status">{done && <p className="notice">{done}</p>}</div>
      {open && !done && (
        <section aria-labelledby={titleId}>
          <h3 id={titleId}>{words.title}</h3>
          <p>{words.intro}</p>
          <ErrorSummary errors={errors} general={general} labels={{ [fieldId]: words.reason }} />
          {step === 'reason' ? (
            <form onSubmit={next} noValidate aria-labelledby={titleId}>
              <Field id={fieldId} label={words.reason} hint={words.hint} maxLength={500} value={reason} onChange={(x) => setReason(x.target.value)}
                     error={errors.find((x) => x.field === fieldId)?.message} />
              <button type="submit">{w.next}</button>
            </form>
          ) : (
            <div className="notice" ref={confirmRef} tabIndex={-1}>
              <p>{words.confirm(reason.trim())}</p>
              <p>
                <button type="button" className="primary" disabled={step === 'sending'} onClick={() => void confirm()}>{step === 'sending' ? words.sending : words.yes}</button>{' '}
                <button type="button" disabled={step === 'sending'} onClick={() => setStep('reason')}>{w.back}</button>
              </p>
            </div>
          )}
        </section>
      )}
    </>
  );
}
