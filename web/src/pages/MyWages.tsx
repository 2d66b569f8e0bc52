/**
 * The wages a participant's employers reported, newest month first: the base of the contributions
 * and, later, of the benefits, so the worker can check them and speak up when they are wrong.
 */
import { LoadState } from '../components/Status.tsx';
import { rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { formatMonth } from './MyFamily.tsx';

interface WageRow { employerName: string; npp: string; effectiveMonth: string; wage: number; startDate: string; endDate: string | null }

const WORDS = {
  title: { id: 'Upah saya', en: 'My wages' },
  intro: { id: 'Upah ini yang dilaporkan pemberi kerja Anda. Jika tidak sesuai, hubungi HRD atau kantor cabang.', en: 'These are the wages your employers reported. If they are wrong, contact HR or a branch office.' },
  why: { id: 'Iuran dan manfaat dihitung dari upah yang dilaporkan, jadi pastikan angkanya benar.', en: 'Contributions and benefits are worked out from the reported wage, so make sure the figures are right.' },
  tableTitle: { id: 'Upah per bulan', en: 'Wage per month' },
  employer: { id: 'Pemberi kerja (NPP)', en: 'Employer (NPP)' },
  npp: { id: 'NPP', en: 'NPP' },
  month: { id: 'Berlaku mulai', en: 'From' },
  wage: { id: 'Upah sebulan', en: 'Monthly wage' },
  none: { id: 'Belum ada upah yang dilaporkan. Upah tampil di sini setelah pemberi kerja melaporkan Anda sebagai pekerja. Peserta mandiri (BPU) tidak memiliki laporan upah.', en: 'No wages reported yet. Wages appear here once an employer reports you as a worker. Self-employed participants (BPU) have no wage reports.' },
};

export function MyWages() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { data, loading, error } = useApi<{ items: WageRow[] }>('/api/v1/me/wages');
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      <p>{w.why}</p>
      <LoadState loading={loading && !data} error={error} />
      {data && (data.items.length === 0 ? <p className="notice">{w.none}</p> : (
        <div className="table-wrap" role="region" aria-labelledby="wages-caption" tabIndex={0}>
          <table>
            <caption id="wages-caption" className="visually-hidden">{w.tableTitle}</caption>
            <thead>
              <tr><th scope="col">{w.month}</th><th scope="col">{w.employer}</th><th scope="col" className="num">{w.wage}</th></tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={`${r.npp}-${r.effectiveMonth}`}>
                  <th scope="row">{formatMonth(r.effectiveMonth, lang)}</th>
                  <td>{r.employerName} <span className="muted detail">{w.npp} {r.npp}</span></td>
                  <td className="num amount">{rupiah(r.wage, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
