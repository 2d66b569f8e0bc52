/**
 * An employer's contribution bills on its page: arrears first (how much is overdue, since when, how
 * many bills; shown as a warning), then the recent bills with their pages and downloads. The workers
 * stay protected whatever the employer owes (D15); the page says that too.
 */
import { Link } from 'react-router-dom';
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';
import { useApi } from '../useApi.ts';
import { BillDownloads, BillStatusBadge, groupCode, usePeriodText, type BillSummary } from '../pages/Bill.tsx';
import { formatDate } from '../pages/MyFamily.tsx';
import { LoadState } from './Status.tsx';

interface Arrears { openBills: number; overdueBills: number; overdueAmount: number; oldestDueDate: string | null; bills: BillSummary[] }

const WORDS = {
  title: { id: 'Tagihan iuran', en: 'Contribution bills' },
  overdueTitle: { id: 'Ada tunggakan iuran', en: 'Contributions are overdue' },
  overdue: { id: '{n} tagihan lewat jatuh tempo, sejumlah {amount}. Jatuh tempo tertua: {date}.', en: '{n} bills are past their due date, {amount} in all. Oldest due date: {date}.' },
  fineNote: { id: 'Denda keterlambatan dihitung per bulan keterlambatan dan ditambahkan pada tagihan berikutnya. Pekerja Anda tetap terlindungi.', en: 'Late fines are counted per month of delay and added to the next bill. Your workers stay protected.' },
  noArrears: { id: 'Tidak ada tunggakan.', en: 'Nothing is overdue.' },
  openBills: { id: '{n} tagihan belum dibayar, belum lewat jatuh tempo.', en: '{n} bills unpaid, not yet due.' },
  recent: { id: 'Tagihan terakhir', en: 'Recent bills' },
  none: { id: 'Belum ada tagihan. Tagihan terbit setelah penagihan bulanan.', en: 'No bills yet. Bills are issued by the monthly billing.' },
  period: { id: 'Bulan iuran', en: 'Contribution month' },
  paymentCode: { id: 'Kode bayar', en: 'Payment code' },
  dueDate: { id: 'Jatuh tempo', en: 'Due date' },
  total: { id: 'Total', en: 'Total' },
  status: { id: 'Status', en: 'Status' },
  download: { id: 'Unduh', en: 'Download' },
};

export function EmployerBills({ employerId }: { employerId: number }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const periodText = usePeriodText();
  const { data, loading, error } = useApi<Arrears>(`/api/v1/employers/${employerId}/arrears`);
  return (
    <section aria-labelledby="employer-bills-title">
      <h2 id="employer-bills-title">{w.title}</h2>
      <LoadState loading={loading && !data} error={error} />
      {data && (
        <>
          {data.overdueBills > 0 ? (
            <div className="error-summary">
              <h3 id="arrears-title" style={{ marginTop: 0 }}>{w.overdueTitle}</h3>
              <p>{fmt(w.overdue, { n: data.overdueBills, amount: rupiah(data.overdueAmount, lang), date: data.oldestDueDate ? formatDate(data.oldestDueDate, lang) : '—' })}</p>
              <p style={{ marginBottom: 0 }}>{w.fineNote}</p>
            </div>
          ) : <p className="notice">{w.noArrears}</p>}
          {data.openBills > data.overdueBills && <p>{fmt(w.openBills, { n: data.openBills - data.overdueBills })}</p>}
          <h3>{w.recent}</h3>
          {data.bills.length === 0 ? <p>{w.none}</p> : (
            <div className="table-wrap" role="region" aria-labelledby="employer-bills-caption" tabIndex={0}>
              <table>
                <caption id="employer-bills-caption" className="visually-hidden">{w.recent}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.period}</th><th scope="col">{w.paymentCode}</th><th scope="col">{w.dueDate}</th>
                    <th scope="col" className="num">{w.total}</th><th scope="col">{w.status}</th><th scope="col">{w.download}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.bills.map((b) => {
                    const period = periodText(b.period, b.months);
                    return (
                      <tr key={b.id}>
                        <th scope="row"><Link to={`/tagihan/${b.id}`}>{period}</Link>{b.segment !== 'PU' && <>{' '}<span className="muted detail">{b.segment}</span></>}</th>
                        <td className="kpj">{groupCode(b.paymentCode)}</td>
                        <td>{formatDate(b.dueDate, lang)}</td>
                        <td className="num amount">{rupiah(b.totalAmount, lang)}</td>
                        <td><BillStatusBadge status={b.status} overdue={b.overdue} /></td>
                        <td style={{ whiteSpace: 'nowrap' }}><BillDownloads billId={b.id} what={period} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
