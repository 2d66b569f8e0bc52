import { api } from '../api.ts';
import { LoadState } from '../components/Status.tsx';
import { useI18n, type WordKey } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  branchName: string | null;
  regionCodes: string[];
  locked: boolean;
  disabled: boolean;
}

export function Users() {
  const { t } = useI18n();
  const { data, loading, error, reload } = useApi<{ items: User[] }>('/api/v1/users?limit=200');
  async function unlock(id: number) {
    await api(`/api/v1/users/${id}`, { method: 'PATCH', body: { unlock: true } });
    reload();
  }
  return (
    <>
      <h1>{t('users')}</h1>
      <LoadState loading={loading} error={error} />
      {data && (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{t('username')}</th><th scope="col">{t('name')}</th><th scope="col">{t('role')}</th><th scope="col">{t('branch')}</th><th scope="col">{t('status')}</th></tr></thead>
            <tbody>
              {data.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{t(`role_${u.role}` as WordKey)}</td>
                  <td>{u.branchName ?? (u.regionCodes.join(', ') || '—')}</td>
                  <td>
                    {u.disabled ? t('disabled') : u.locked ? (
                      <>{t('locked')} <button type="button" className="small" onClick={() => unlock(u.id)}>{t('unlock')} <span className="visually-hidden">{u.username}</span></button></>
                    ) : t('active')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
