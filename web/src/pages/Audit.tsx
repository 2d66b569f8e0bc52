import { useState } from 'react';
import { LoadState } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface AuditEvent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function Audit() {
  const { t, lang } = useI18n();
  const [before, setBefore] = useState<number>();
  const { data, loading, error } = useApi<{ items: AuditEvent[] }>(`/api/v1/audit/events?limit=50${before ? `&before=${before}` : ''}`);
  const fmt = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <>
      <h1>{t('audit')}</h1>
      <LoadState loading={loading} error={error} />
      {data && (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{t('time')}</th><th scope="col">{t('actor')}</th><th scope="col">{t('action')}</th><th scope="col">{t('entity')}</th><th scope="col">{t('changes')}</th></tr></thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td>{fmt.format(new Date(e.at))}</td>
                  <td>{e.actorRole}{e.actorUserId ? ` #${e.actorUserId}` : ''}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.entityType} {e.entityId}</td>
                  <td>
                    <ul className="changes">
                      {Object.entries(e.changes).map(([field, c]) => <li key={field}><strong>{field}</strong>: {show(c.before)} → {show(c.after)}</li>)}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.items.length === 50 && <button type="button" onClick={() => setBefore(data.items[data.items.length - 1]!.id)}>{t('olderEvents')}</button>}
    </>
  );
}
