/**
 * One donation by its receipt code: how to pay it while it waits (payment code, virtual accounts,
 * QRIS), and once paid, the receipt to download and where to find it in the public list.
 */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PaymentOptions, type PaymentOptionsData } from '../../components/PaymentOptions.tsx';
import { LoadState } from '../../components/Status.tsx';
import { fmt, rupiah, useI18n, useWords } from '../../i18n.tsx';
import { useApi } from '../../useApi.ts';
import { formatDate } from '../MyFamily.tsx';
import { LINGKARAN_WORDS } from './shared.ts';

interface Donation {
  receiptCode: string; paymentCode: string; amount: number; status: 'pending' | 'paid'; anonymous: boolean; donorName: string;
  campaign: { code: string; title: string }; channel: string | null; paidAt: string | null; entryId: number | null; payment: PaymentOptionsData | null;
}

const WORDS = {
  ...LINGKARAN_WORDS,
  title: { id: 'Donasi {code}', en: 'Donation {code}' },
  keepCode: { id: 'Simpan kode tanda terima ini. Dengan kode ini Anda dapat membuka halaman ini lagi dan menemukan donasi Anda di daftar publik.', en: 'Keep this receipt code. With it you can open this page again and find your gift in the public list.' },
  pending: { id: 'Menunggu pembayaran {amount} untuk "{campaign}". Halaman ini diperbarui sendiri setelah bank memberi tahu kami.', en: 'Waiting for the payment of {amount} to "{campaign}". This page updates itself once the bank tells us.' },
  paid: { id: 'Terima kasih. {amount} untuk "{campaign}" diterima pada {date} dan dicatat di buku besar (entri #{entry}).', en: 'Thank you. {amount} to "{campaign}" was received on {date} and recorded in the ledger (entry #{entry}).' },
  downloadReceipt: { id: 'Unduh tanda terima (PDF)', en: 'Download the receipt (PDF)' },
  seeCampaign: { id: 'Lihat kampanye dan daftar donasinya', en: 'See the campaign and its list of gifts' },
};

export function DonationPage() {
  const { receipt = '' } = useParams();
  const w = useWords(WORDS);
  const { lang } = useI18n();
  const donation = useApi<Donation>(`/api/v1/lingkaran/donations/${encodeURIComponent(receipt)}`);
  const d = donation.data;
  // while it waits, look again every 10 seconds
  useEffect(() => {
    if (d?.status !== 'pending') return;
    const timer = setInterval(donation.reload, 10_000);
    return () => clearInterval(timer);
  }, [d?.status, donation.reload]);
  return (
    <>
      <h1>{fmt(w.title, { code: receipt.toUpperCase() })}</h1>
      <LoadState loading={donation.loading && !d} error={donation.error} />
      {d && (
        <>
          <p>{w.receipt}: <strong className="receipt-code" data-testid="receipt-code">{d.receiptCode}</strong></p>
          <p className="hint">{w.keepCode}</p>
          {d.status === 'pending' ? (
            <>
              <p role="status" data-testid="donation-status">{fmt(w.pending, { amount: rupiah(d.amount, lang), campaign: d.campaign.title })}</p>
              <PaymentOptions options={d.payment} showCode />
            </>
          ) : (
            <>
              <p role="status" className="ok" data-testid="donation-status">{fmt(w.paid, { amount: rupiah(d.amount, lang), campaign: d.campaign.title, date: formatDate(d.paidAt!, lang), entry: d.entryId ?? '' })}</p>
              <p><a className="button primary" href={`/api/v1/lingkaran/donations/${d.receiptCode}/receipt.pdf`}>{w.downloadReceipt}</a></p>
            </>
          )}
          <p><Link to={`/lingkaran/${d.campaign.code}`}>{w.seeCampaign}</Link></p>
        </>
      )}
    </>
  );
}
