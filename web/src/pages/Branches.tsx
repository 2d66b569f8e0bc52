import { LoadState } from '../components/Status.tsx';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

interface Branch {
  id: number;
  code: string;
  name: string;
  provinceName: string;
  address: string;
  regencyCount: number;
}

export function Branches() {
  const { t } = useI18n();
  const { data, loading, error } = useApi<{ items: Branch[] }>('/api/v1/branches');
  return (
    <>
      <h1>{t('branches')}</h1>
      <LoadState loading={loading} error={error} />
      {data && (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('province')}</th><th scope="col">{t('address')}</th><th scope="col" className="num">{t('regenciesServed')}</th></tr></thead>
            <tbody>
              {data.items.map((b) => (
                <tr key={b.id}><th scope="row">{b.name}</th><td>{b.provinceName}</td><td>{b.address}</td><td className="num">{b.regencyCount}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
