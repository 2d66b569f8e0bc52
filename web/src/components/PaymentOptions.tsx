/** How to pay a payment code (a bill's or a donation's): its virtual account at each partner bank and a dynamic QRIS. */
import { fmt, rupiah, useI18n, useWords } from '../i18n.tsx';

export interface PaymentOptionsData { paymentCode: string; amount: number; virtualAccounts: { bank: string; number: string }[]; qris: { payload: string; svg: string } | null }

const WORDS = {
  howToPay: { id: 'Cara membayar', en: 'How to pay' },
  code: { id: 'Kode bayar (loket kantor cabang)', en: 'Payment code (branch counter)' },
  vaTitle: { id: 'Virtual account', en: 'Virtual account' },
  qrisTitle: { id: 'QRIS', en: 'QRIS' },
  qrisAlt: { id: 'Kode QRIS untuk membayar {amount}', en: 'QRIS code to pay {amount}' },
  qrisHint: { id: 'Pindai dengan aplikasi bank atau dompet digital mana pun; jumlahnya sudah terisi.', en: 'Scan with any bank or e-wallet app; the amount is filled in.' },
};

export function PaymentOptions({ options: o, showCode = false }: { options: PaymentOptionsData | undefined | null; showCode?: boolean }) {
  const w = useWords(WORDS);
  const { lang } = useI18n();
  if (!o || o.amount === 0) return null;
  return (
    <section aria-labelledby="how-to-pay">
      <h2 id="how-to-pay">{w.howToPay}</h2>
      {showCode && <p>{w.code}: <strong className="kpj" data-testid="payment-code">{o.paymentCode}</strong></p>}
      {o.virtualAccounts.length > 0 && (
        <>
          <h3>{w.vaTitle}</h3>
          <ul>
            {o.virtualAccounts.map((v) => <li key={v.bank}>{v.bank}: <strong className="kpj">{v.number}</strong></li>)}
          </ul>
        </>
      )}
      {o.qris && (
        <>
          <h3>{w.qrisTitle}</h3>
          <img className="qris" width={220} height={220} alt={fmt(w.qrisAlt, { amount: rupiah(o.amount, lang) })}
               src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(o.qris.svg)}`} />
          <p className="muted">{w.qrisHint}</p>
        </>
      )}
    </section>
  );
}
