/**
 * GN Lingkaran in public: the whole programme's money in, allocated and unused (checked against the
 * ledger), the workers protected by region, occupation and month, and every campaign's progress.
 */
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { Bars } from '../../components/Bars.tsx';
import { LoadState } from '../../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../../i18n.tsx';
import { useApi } from '../../useApi.ts';
import { formatMonth } from '../MyFamily.tsx';
import { LINGKARAN_WORDS, type Breakdowns, type Campaign, type LedgerTotals, type Money } from './shared.ts';

const WORDS = {
  ...LINGKARAN_WORDS,
  title: { id: 'GN Lingkaran: donasi untuk pekerja rentan', en: 'GN Lingkaran: giving for vulnerable workers' },
  intro: { id: 'Perusahaan dan perorangan membayar iuran JKK dan JKM (Rp16.800 sebulan) pekerja informal yang rentan, biasanya 6 sampai 12 bulan, sampai mereka mampu membayar sendiri. Setiap rupiah tercatat di buku besar dan dapat diperiksa siapa saja.', en: 'Companies and individuals pay the JKK and JKM contributions (Rp16,800 a month) of vulnerable informal workers, usually for 6 to 12 months, until they can pay themselves. Every rupiah is in the ledger, and anyone can check it.' },
  campaigns: { id: 'Kampanye', en: 'Campaigns' },
  newCampaign: { id: 'Buat kampanye', en: 'Create a campaign' },
  giveToPool: { id: 'Berdonasi ke dana umum', en: 'Give to the general pool' },
  becomeDonor: { id: 'Daftar sebagai donatur perusahaan atau perorangan', en: 'Register as a company or individual donor' },
  myPage: { id: 'Halaman donatur saya', en: 'My donor page' },
  findReceipt: { id: 'Cari tanda terima', en: 'Find a receipt' },
};

export function LingkaranHome() {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const { me } = useAuth();
  const summary = useApi<{ money: Omit<Money, 'movedToPool' | 'fromOthers'>; ledger: LedgerTotals; campaigns: Campaign[] } & Breakdowns>('/api/v1/lingkaran/summary');
  const s = summary.data;
  const canCreate = me && ['officer', 'supervisor', 'admin', 'donor'].includes(me.role);
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      <p className="actions">
        <Link className="button primary" to="/lingkaran/umum">{w.giveToPool}</Link>
        {canCreate && <Link className="button" to="/lingkaran/baru">{w.newCampaign}</Link>}
        {me?.role === 'donor' ? <Link className="button" to="/donatur">{w.myPage}</Link> : !me && <Link className="button" to="/lingkaran/daftar-donatur">{w.becomeDonor}</Link>}
      </p>
      <LoadState loading={summary.loading} error={summary.error} />
      {s && (
        <>
          <Totals money={s.money} ledger={s.ledger} programme />
          <p><a href="/api/v1/lingkaran/ledger.csv" download>{w.downloadCsv}</a></p>
          <p className="hint">{w.csvHint}</p>
          <h2>{w.campaigns}</h2>
          <ul className="campaigns">
            {s.campaigns.map((c) => (
              <li key={c.code}>
                <h3><Link to={`/lingkaran/${c.code}`}>{c.title}</Link>{c.status === 'closed' && <span className="badge badge-muted"> {w.closed}</span>}</h3>
                {c.owner && <p className="muted">{c.owner}</p>}
                {c.goalAmount ? (
                  <>
                    <progress max={c.goalAmount} value={Math.min(c.money.raised, c.goalAmount)} aria-label={fmt(w.progress, { raised: rupiah(c.money.raised, lang), goal: rupiah(c.goalAmount, lang) })} />
                    <p>{fmt(w.progress, { raised: rupiah(c.money.raised, lang), goal: rupiah(c.goalAmount, lang) })} · {w.workersProtected}: {c.money.workers}</p>
                  </>
                ) : <p>{w.raised}: {rupiah(c.money.raised + c.money.fromOthers, lang)} · {w.unused}: {rupiah(c.money.unused, lang)}</p>}
              </li>
            ))}
          </ul>
          <Charts data={s} />
        </>
      )}
    </>
  );
}

/**
 * Money in, allocated and unused, the workers protected, and whether the figures agree with the
 * journal: the donations fund's entries that came from these gifts, runs and refunds. (Money a campaign
 * moves to the general pool stays in the fund, so it moves no money in the ledger.)
 */
export function Totals({ money, ledger, programme = false }: { money: { raised: number; allocated: number; unused: number; workers: number; workerMonths: number; refunded: number }; ledger: LedgerTotals; programme?: boolean }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const agrees = ledger.in === money.raised && ledger.out === money.allocated + money.refunded && (!programme || ledger.balance === money.unused);
  return (
    <>
      <ul className="totals" aria-label={w.programme}>
        <li>{w.raised}<strong data-testid="raised">{rupiah(money.raised, lang)}</strong></li>
        <li>{w.allocated}<strong data-testid="allocated">{rupiah(money.allocated, lang)}</strong></li>
        <li>{w.unused}<strong data-testid="unused">{rupiah(money.unused, lang)}</strong></li>
        <li>{w.workersProtected}<strong data-testid="workers">{money.workers.toLocaleString('id-ID')}</strong></li>
        <li>{w.workerMonths}<strong>{money.workerMonths.toLocaleString('id-ID')}</strong></li>
      </ul>
      <p className={agrees ? 'ok' : 'warn'} data-testid="ledger-check">{fmt(agrees ? w.ledgerMatches : w.ledgerDiffers, { in: rupiah(ledger.in, lang), out: rupiah(ledger.out, lang) })}</p>
      {programme && <p data-testid="fund-balance">{fmt(w.fundBalance, { balance: rupiah(ledger.balance, lang) })}</p>}
    </>
  );
}

export function Charts({ data }: { data: Breakdowns }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  if (!data.byMonth.length) return null;
  return (
    <section aria-label={w.workersProtected}>
      <Bars caption={w.byRegion} valueLabel={w.workers} rows={data.byRegion.map((r) => ({ key: r.code, label: r.name, value: r.workers, detail: rupiah(r.amount, lang) }))} />
      <Bars caption={w.byOccupation} valueLabel={w.workers} rows={data.byOccupation.map((o) => ({ key: o.code ?? '-', label: (lang === 'id' ? o.name : o.nameEn) ?? '—', value: o.workers, detail: rupiah(o.amount, lang) }))} />
      <Bars caption={w.byMonth} valueLabel={w.workers} rows={data.byMonth.map((m) => ({ key: m.month, label: formatMonth(m.month, lang), value: m.workers, detail: rupiah(m.amount, lang) }))} />
    </section>
  );
}
