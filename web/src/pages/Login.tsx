import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiProblem } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorSummary, Field, type FormError } from '../components/Form.tsx';
import { useI18n } from '../i18n.tsx';

type Mode = 'password' | 'code';

export function Login() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('password');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [codeSent, setCodeSent] = useState(false);
  const [busy, setBusy] = useState(false);

  function fail(err: unknown) {
    if (err instanceof ApiProblem && err.code !== 'network') {
      setErrors(err.errors.map((e) => ({ field: e.field, message: e.message })));
      setGeneral(err.errors.length ? undefined : `${err.title}. ${err.detail}`);
    } else {
      setErrors([]);
      setGeneral(t('networkError'));
    }
  }

  async function submit(e: FormEvent<HTMLFormElement>, action: () => Promise<void>) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setGeneral(undefined);
    try {
      await action();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const required = (form: FormData, fields: string[]) => {
    const missing = fields.filter((f) => !String(form.get(f) ?? '').trim()).map((f) => ({ field: f, message: t('required') }));
    if (missing.length) {
      setErrors(missing);
      throw Object.assign(new Error('missing'), { handled: true });
    }
  };

  const signInWithPassword = (e: FormEvent<HTMLFormElement>) => submit(e, async () => {
    const form = new FormData(e.currentTarget);
    try { required(form, ['username', 'password']); } catch { return; }
    await api('/api/v1/auth/login', { method: 'POST', body: { username: String(form.get('username')).trim().toLowerCase(), password: String(form.get('password')) } });
    await refresh();
    navigate('/');
  });

  const sendCode = (e: FormEvent<HTMLFormElement>) => submit(e, async () => {
    const form = new FormData(e.currentTarget);
    try { required(form, codeSent ? ['destination', 'code'] : ['destination']); } catch { return; }
    const destination = String(form.get('destination'));
    if (!codeSent) {
      await api('/api/v1/auth/otp/request', { method: 'POST', body: { channel: 'sms', destination } });
      setCodeSent(true);
      return;
    }
    await api('/api/v1/auth/otp/verify', { method: 'POST', body: { channel: 'sms', destination, code: String(form.get('code')).trim() } });
    await refresh();
    navigate('/');
  });

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <div className="narrow">
      <h1>{t('signIn')}</h1>
      <div className="tabs" role="group" aria-label={t('signIn')}>
        <button type="button" aria-pressed={mode === 'password'} onClick={() => { setMode('password'); setErrors([]); setGeneral(undefined); }}>{t('withPassword')}</button>
        <button type="button" aria-pressed={mode === 'code'} onClick={() => { setMode('code'); setErrors([]); setGeneral(undefined); }}>{t('withCode')}</button>
      </div>
      <ErrorSummary errors={errors} general={general} labels={{ username: t('username'), password: t('password'), destination: t('phoneNumber'), code: t('code') }} />
      {mode === 'password' ? (
        <form onSubmit={signInWithPassword} noValidate>
          <Field id="username" label={t('username')} autoComplete="username" autoCapitalize="none" error={errorFor('username')} />
          <Field id="password" label={t('password')} type="password" autoComplete="current-password" error={errorFor('password')} />
          <button type="submit" className="primary" disabled={busy}>{t('signIn')}</button>
        </form>
      ) : (
        <form onSubmit={sendCode} noValidate>
          <Field id="destination" label={t('phoneNumber')} hint={t('phoneHint')} type="tel" inputMode="tel" autoComplete="tel" error={errorFor('destination')} readOnly={codeSent} />
          {codeSent && (
            <>
              <p className="notice" role="status">{t('codeSent')}</p>
              <Field id="code" label={t('code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errorFor('code')} />
            </>
          )}
          <button type="submit" className="primary" disabled={busy}>{codeSent ? t('signIn') : t('sendCode')}</button>
        </form>
      )}
    </div>
  );
}
