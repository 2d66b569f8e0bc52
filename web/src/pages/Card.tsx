/**
 * The participant's digital card: shown like the physical card, with the QR code that opens the public
 * check page (/v/<code>), and the PDF to print. The card's own words are kept here, Indonesian first.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { LoadState } from '../components/Status.tsx';
import { PROGRAMS, SEGMENTS, useLookup } from '../domain-words.ts';
import { groupKpj } from '../format.ts';
import { useI18n, type Lang } from '../i18n.tsx';
import { useApi } from '../useApi.ts';

type Program = 'JKK' | 'JKM' | 'JHT' | 'JP' | 'JKP';
type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';

interface CardData {
  kpj: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  segments: Segment[];
  programs: Program[];
  status: 'pending' | 'active' | 'arrears' | 'lapsed' | 'ended';
  statusText: string;
  registeredAt: string;
  villageName: string | null;
  regencyName: string | null;
  provinceName: string | null;
  occupation: { code: string; name: string } | null;
  verifyUrl: string;
}

const words = {
  id: {
    title: 'Kartu peserta saya',
    intro: 'Tunjukkan kartu ini di kantor cabang, fasilitas kesehatan, atau kepada petugas. Mereka dapat memindai kode QR untuk memeriksa keasliannya.',
    cardTitle: 'Kartu Peserta Lindung',
    cardTitleOther: 'Lindung participant card',
    name: 'Nama',
    kpj: 'Nomor KPJ',
    birthDate: 'Tanggal lahir',
    since: 'Peserta sejak',
    segment: 'Segmen',
    programs: 'Program',
    status: 'Status',
    area: 'Wilayah',
    occupation: 'Pekerjaan',
    qrAlt: 'Kode QR untuk memeriksa keaslian kartu ini',
    qrCaption: 'Pindai untuk memeriksa',
    download: 'Unduh kartu (PDF)',
    downloadHint: 'Ukuran kartu ATM, siap dicetak.',
    openCheck: 'Buka halaman pemeriksaan kartu',
  },
  en: {
    title: 'My participant card',
    intro: 'Show this card at a branch office, a health facility or to an officer. They can scan the QR code to check that it is genuine.',
    cardTitle: 'Lindung participant card',
    cardTitleOther: 'Kartu Peserta Lindung',
    name: 'Name',
    kpj: 'KPJ number',
    birthDate: 'Date of birth',
    since: 'Member since',
    segment: 'Segment',
    programs: 'Programmes',
    status: 'Status',
    area: 'Area',
    occupation: 'Occupation',
    qrAlt: 'QR code to check that this card is genuine',
    qrCaption: 'Scan to check',
    download: 'Download the card (PDF)',
    downloadHint: 'Bank-card size, ready to print.',
    openCheck: 'Open the card check page',
  },
} satisfies Record<Lang, unknown>;

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');
const formatDate = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: iso.length === 10 ? 'UTC' : 'Asia/Jakarta' })
    .format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
/** Groups of four digits, as printed on the card. */

// Colours: white on #0b5d3b is 7.9:1, #1b1b1b on white 17:1, #505a5f on white 6.9:1 (WCAG AA needs 4.5:1).
const css = `
.lc-card { max-width: 30rem; border-radius: 14px; overflow: hidden; border: 1px solid #b1b4b6; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.15); background: #fff; color: #1b1b1b; margin: 1rem 0 1.5rem; }
.lc-band { background: #0b5d3b; color: #fff; padding: 0.75rem 1rem; display: flex; justify-content: space-between; align-items: flex-start; gap: 0.5rem; }
.lc-band p { margin: 0; }
.lc-title { font-weight: 700; font-size: 1.2rem; line-height: 1.2; }
.lc-subtitle { font-size: 0.85rem; }
.lc-segments { font-weight: 700; font-size: 1.1rem; white-space: nowrap; }
.lc-body { display: flex; gap: 1rem; padding: 0.75rem 1rem 1rem; flex-wrap: wrap; }
.lc-facts { flex: 1 1 14rem; margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem 1rem; }
.lc-facts div { min-width: 0; }
.lc-facts .lc-wide { grid-column: 1 / -1; }
.lc-facts dt { color: #505a5f; font-size: 0.8rem; }
.lc-facts dd { margin: 0; overflow-wrap: anywhere; }
.lc-name { font-weight: 700; font-size: 1.15rem; }
.lc-kpj { font-weight: 700; font-size: 1.45rem; letter-spacing: 0.04em; font-variant-numeric: tabular-nums; }
.lc-qr { flex: 0 0 auto; margin: 0 auto; text-align: center; }
.lc-qr img { display: block; width: 9rem; height: 9rem; image-rendering: pixelated; }
.lc-qr figcaption { font-size: 0.8rem; color: #505a5f; }
.lc-actions { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: center; }
.lc-download { display: inline-flex; align-items: center; min-height: 44px; padding: 0.5rem 1rem; border-radius: 4px; background: #0b5d3b; color: #fff; font-weight: 700; text-decoration: none; }
.lc-download:hover { background: #07402a; color: #fff; }
`;

export function Card() {
  const { lang } = useI18n();
  const w = words[lang];
  const program = useLookup(PROGRAMS);
  const segment = useLookup(SEGMENTS);
  const { data, loading, error } = useApi<CardData>('/api/v1/me/card');
  const [qr, setQr] = useState<string>();
  const verifyUrl = data?.verifyUrl;

  useEffect(() => {
    if (!verifyUrl) return;
    let live = true;
    QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 288, color: { dark: '#000000', light: '#ffffff' } })
      .then((url) => { if (live) setQr(url); })
      .catch(() => { if (live) setQr(undefined); });
    return () => { live = false; };
  }, [verifyUrl]);

  const otherLang: Lang = lang === 'id' ? 'en' : 'id';
  const area = data ? [data.villageName, data.regencyName, data.provinceName].filter(Boolean).join(', ') : '';

  return (
    <>
      <style>{css}</style>
      <h1>{w.title}</h1>
      <LoadState loading={loading} error={error} />
      {data && (
        <>
          <p className="lead">{w.intro}</p>
          <article className="lc-card" aria-labelledby="lc-card-title">
            <div className="lc-band">
              <div>
                <p className="lc-title" id="lc-card-title">{w.cardTitle}</p>
                <p className="lc-subtitle" lang={otherLang}>{w.cardTitleOther}</p>
              </div>
              <p className="lc-segments">{data.segments.join(' · ')}</p>
            </div>
            <div className="lc-body">
              <dl className="lc-facts">
                <div className="lc-wide"><dt>{w.name}</dt><dd className="lc-name">{data.fullName}</dd></div>
                <div className="lc-wide"><dt>{w.kpj}</dt><dd className="lc-kpj">{groupKpj(data.kpj)}</dd></div>
                <div><dt>{w.birthDate}</dt><dd>{formatDate(data.birthDate, lang)}</dd></div>
                <div><dt>{w.since}</dt><dd>{formatDate(data.registeredAt, lang)}</dd></div>
                <div className="lc-wide">
                  <dt>{w.programs}</dt>
                  <dd>{data.programs.map((p, i) => <span key={p}>{i > 0 && ' · '}<abbr title={program(p)}>{p}</abbr></span>)}</dd>
                </div>
                <div className="lc-wide"><dt>{w.segment}</dt><dd>{data.segments.map((s) => `${s} (${segment(s)})`).join(', ')}</dd></div>
                <div className="lc-wide"><dt>{w.status}</dt><dd>{data.statusText}</dd></div>
                {data.occupation && <div><dt>{w.occupation}</dt><dd>{data.occupation.name}</dd></div>}
                {area && <div className={data.occupation ? undefined : 'lc-wide'}><dt>{w.area}</dt><dd>{area}</dd></div>}
              </dl>
              {qr && (
                <figure className="lc-qr">
                  <img src={qr} alt={w.qrAlt} width={144} height={144} />
                  <figcaption>{w.qrCaption}</figcaption>
                </figure>
              )}
            </div>
          </article>
          <div className="lc-actions">
            <a className="lc-download" href={`/api/v1/me/card.pdf?lang=${lang}`} download={`kartu-lindung-${data.kpj}.pdf`}>{w.download}</a>
            <span className="muted">{w.downloadHint}</span>
          </div>
          <p><a href={data.verifyUrl}>{w.openCheck}</a></p>
        </>
      )}
    </>
  );
}
