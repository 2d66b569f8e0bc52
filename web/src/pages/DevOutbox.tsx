import { LoadState } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface Message {
  id: number;
  channel: string;
  recipient: string;
  body: string;
  createdAt: string;
}

export function DevOutbox() {
  const { t } = useI18n();
  const { data, loading, error } = useApi<{ items: Message[] }>('/api/v1/dev/outbox');
  return (
    <>
      <h1>{t('devOutbox')}</h1>
      <p className="lead">{t('devOutboxIntro')}</p>
      <LoadState loading={loading} error={error} />
      {data && (data.items.length === 0 ? <p>{t('empty')}</p> : (
        <ul className="list messages">
          {data.items.map((m) => (
            <li key={m.id}><strong>{m.channel.toUpperCase()}</strong> → {m.recipient}<br /><span className="message-body">{m.body}</span></li>
          ))}
        </ul>
      ))}
    </>
  );
}
