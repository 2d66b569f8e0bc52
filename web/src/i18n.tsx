/**
 * The words of the web app, Bahasa Indonesia first and English second. The chosen language is kept
 * in localStorage, set on <html lang>, and sent to the API as Accept-Language so that errors come
 * back in the same language.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'id' | 'en';

const words = {
  appName: { id: 'Lindung', en: 'Lindung' },
  tagline: { id: 'Jaminan sosial untuk setiap pekerja', en: 'Social security for every worker' },
  skipToContent: { id: 'Langsung ke isi', en: 'Skip to content' },
  mainNav: { id: 'Navigasi utama', en: 'Main navigation' },
  language: { id: 'Bahasa', en: 'Language' },
  switchTo: { id: 'English', en: 'Bahasa Indonesia' },
  switchToLabel: { id: 'Switch to English', en: 'Ganti ke Bahasa Indonesia' },
  home: { id: 'Beranda', en: 'Home' },
  regions: { id: 'Wilayah', en: 'Regions' },
  branches: { id: 'Kantor cabang', en: 'Branch offices' },
  users: { id: 'Pengguna', en: 'Users' },
  employers: { id: 'Perusahaan', en: 'Employers' },
  card: { id: 'Kartu digital', en: 'Digital card' },
  audit: { id: 'Jejak audit', en: 'Audit trail' },
  devOutbox: { id: 'Kotak keluar (dev)', en: 'Outbox (dev)' },
  apiDocs: { id: 'Dokumentasi API', en: 'API docs' },
  signIn: { id: 'Masuk', en: 'Sign in' },
  register: { id: 'Daftar', en: 'Register' },
  calculator: { id: 'Kalkulator iuran', en: 'Contribution calculator' },
  rulesNav: { id: 'Aturan iuran', en: 'Contribution rules' },
  holidaysNav: { id: 'Hari libur', en: 'Holidays' },
  jhtNav: { id: 'Hasil JHT', en: 'JHT returns' },
  billsNav: { id: 'Tagihan iuran', en: 'Contribution bills' },
  reconciliationNav: { id: 'Rekonsiliasi bank', en: 'Bank reconciliation' },
  ledgerNav: { id: 'Buku besar', en: 'Ledger' },
  lingkaranNav: { id: 'GN Lingkaran', en: 'GN Lingkaran' },
  donorNav: { id: 'Halaman donatur', en: 'Donor page' },
  lingkaranHome: { id: 'GN Lingkaran: bantu iuran pekerja rentan', en: 'GN Lingkaran: help pay vulnerable workers\' contributions' },
  myContributions: { id: 'Iuran saya', en: 'My contributions' },
  registerCta: { id: 'Daftar jadi peserta — 2 menit', en: 'Register as a participant — 2 minutes' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  signedInAs: { id: 'Masuk sebagai', en: 'Signed in as' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  showPassword: { id: 'Tampilkan kata sandi', en: 'Show password' },
  withPassword: { id: 'Dengan kata sandi', en: 'With a password' },
  withCode: { id: 'Dengan kode SMS', en: 'With an SMS code' },
  phoneNumber: { id: 'Nomor HP', en: 'Mobile number' },
  phoneHint: { id: 'Contoh: 0812 3456 7890', en: 'For example: 0812 3456 7890' },
  sendCode: { id: 'Kirim kode', en: 'Send code' },
  codeSent: { id: 'Jika nomor ini terdaftar, kode 6 angka sudah dikirim lewat SMS.', en: 'If this number is registered, a 6-digit code has been sent by SMS.' },
  code: { id: 'Kode 6 angka', en: '6-digit code' },
  errorSummary: { id: 'Ada masalah', en: 'There is a problem' },
  required: { id: 'Wajib diisi.', en: 'This field is required.' },
  networkError: { id: 'Tidak dapat terhubung ke server. Periksa sambungan Anda lalu coba lagi.', en: 'Cannot reach the server. Check your connection and try again.' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  welcome: { id: 'Selamat datang, {name}', en: 'Welcome, {name}' },
  area: { id: 'Wilayah kerja', en: 'Area' },
  branchNamed: { id: 'Kantor cabang {name}', en: '{name} branch office' },
  national: { id: 'seluruh Indonesia', en: 'all of Indonesia' },
  publicIntro: { id: 'Lindung melindungi petani, nelayan, pedagang pasar, pengemudi ojek, dan semua pekerja dari risiko kecelakaan kerja, kematian, dan hari tua.', en: 'Lindung protects farmers, fishers, market traders, ojek drivers and every worker against work accidents, death and old age.' },
  findRegion: { id: 'Cari wilayah', en: 'Find a region' },
  findBranch: { id: 'Cari kantor cabang', en: 'Find a branch office' },
  searchRegions: { id: 'Cari nama provinsi, kabupaten/kota, kecamatan, atau desa', en: 'Search a province, regency/city, district or village name' },
  search: { id: 'Cari', en: 'Search' },
  searchResults: { id: 'Hasil pencarian', en: 'Search results' },
  noResults: { id: 'Tidak ada wilayah dengan nama itu.', en: 'No region has that name.' },
  allProvinces: { id: 'Semua provinsi', en: 'All provinces' },
  breadcrumb: { id: 'Jejak wilayah', en: 'Region trail' },
  servedBy: { id: 'Dilayani oleh kantor cabang {branch}', en: 'Served by the {branch} branch office' },
  areasIn: { id: 'Wilayah di {name}', en: 'Areas in {name}' },
  code_: { id: 'Kode', en: 'Code' },
  name: { id: 'Nama', en: 'Name' },
  kind: { id: 'Jenis', en: 'Kind' },
  province: { id: 'Provinsi', en: 'Province' },
  regency: { id: 'Kabupaten', en: 'Regency' },
  city: { id: 'Kota', en: 'City' },
  district: { id: 'Kecamatan', en: 'District' },
  village: { id: 'Desa', en: 'Village' },
  urban_village: { id: 'Kelurahan', en: 'Urban village' },
  regenciesServed: { id: 'Kabupaten/kota dilayani', en: 'Regencies served' },
  address: { id: 'Alamat', en: 'Address' },
  role: { id: 'Peran', en: 'Role' },
  branch: { id: 'Cabang', en: 'Branch' },
  status: { id: 'Status', en: 'Status' },
  active: { id: 'Aktif', en: 'Active' },
  locked: { id: 'Terkunci', en: 'Locked' },
  disabled: { id: 'Nonaktif', en: 'Disabled' },
  unlock: { id: 'Buka kunci', en: 'Unlock' },
  time: { id: 'Waktu', en: 'Time' },
  actor: { id: 'Pelaku', en: 'Actor' },
  action: { id: 'Tindakan', en: 'Action' },
  entity: { id: 'Data', en: 'Record' },
  changes: { id: 'Perubahan', en: 'Changes' },
  olderEvents: { id: 'Peristiwa lebih lama', en: 'Older events' },
  channel: { id: 'Saluran', en: 'Channel' },
  recipient: { id: 'Penerima', en: 'Recipient' },
  message: { id: 'Pesan', en: 'Message' },
  devOutboxIntro: { id: 'Dalam mode pengembangan, SMS dan e-mail tidak dikirim; semuanya tampil di sini.', en: 'In development mode, SMS and e-mail are not sent; they all appear here.' },
  empty: { id: 'Belum ada.', en: 'Nothing yet.' },
  notFoundTitle: { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  notFoundBody: { id: 'Alamat yang Anda ketik mungkin salah, atau halaman sudah dipindahkan.', en: 'The address may be mistyped, or the page has moved.' },
  backHome: { id: 'Kembali ke beranda', en: 'Back to the home page' },
  role_participant: { id: 'Peserta', en: 'Participant' },
  role_employer_admin: { id: 'Admin pemberi kerja', en: 'Employer admin' },
  role_agent: { id: 'Agen Perisai', en: 'Field agent (Perisai)' },
  role_donor: { id: 'Donatur', en: 'Donor' },
  role_officer: { id: 'Petugas cabang', en: 'Branch officer' },
  role_supervisor: { id: 'Supervisor', en: 'Supervisor' },
  role_case_manager: { id: 'Manajer kasus', en: 'Case manager' },
  role_auditor: { id: 'Auditor', en: 'Auditor' },
  role_admin: { id: 'Administrator', en: 'Administrator' },
  home_participant: { id: 'Lihat kartu digital, iuran, dan saldo JHT Anda; bayar iuran; ajukan dan pantau klaim.', en: 'See your digital card, contributions and JHT balance; pay; claim and follow a claim.' },
  home_employer_admin: { id: 'Laporkan tenaga kerja dan upah, terima dan bayar tagihan bulanan, laporkan kecelakaan kerja.', en: 'Report workers and wages, receive and pay monthly bills, report work accidents.' },
  home_agent: { id: 'Daftarkan dan kumpulkan iuran pekerja informal di wilayah Anda, juga tanpa sinyal.', en: 'Register informal workers in your area and collect their contributions, even offline.' },
  home_donor: { id: 'Danai iuran pekerja rentan dan lihat ke mana setiap rupiah pergi.', en: "Fund vulnerable workers' contributions and see where every rupiah went." },
  home_officer: { id: 'Verifikasi pendaftaran dan klaim, rekonsiliasi pembayaran, tindak lanjuti tunggakan di cabang Anda.', en: 'Verify registrations and claims, reconcile payments, follow up arrears in your branch.' },
  home_supervisor: { id: 'Setujui tindakan petugas (maker-checker) dan pantau kinerja cabang.', en: "Approve officers' actions (maker-checker) and watch the branch's work." },
  home_case_manager: { id: 'Dampingi pekerja yang cedera kembali bekerja (Return to Work).', en: 'Follow injured workers back to work (Return to Work).' },
  home_auditor: { id: 'Baca buku besar dan jejak audit, jalankan pemeriksaan integritas.', en: 'Read the ledger and the audit trail, run integrity checks.' },
  home_admin: { id: 'Kelola pengguna, peran, kantor cabang, dan aturan.', en: 'Manage users, roles, branch offices and rules.' },
  whatYouCanDo: { id: 'Yang dapat Anda lakukan', en: 'What you can do' },
  registrySearch: { id: 'Cari peserta dan perusahaan', en: 'Find participants and employers' },
  personRecord: { id: 'Data peserta', en: 'Person record' },
  duplicates: { id: 'Data ganda', en: 'Duplicates' },
  duplicatesHome: { id: 'Periksa kemungkinan data ganda', en: 'Review possible duplicates' },
  newEmployer: { id: 'Pemberi kerja baru', en: 'New employer' },
  newEmployerHome: { id: 'Daftarkan pemberi kerja baru', en: 'Register a new employer' },
  cardNav: { id: 'Kartu', en: 'Card' },
  wagesNav: { id: 'Upah', en: 'Wages' },
  familyNav: { id: 'Keluarga', en: 'Family' },
  myWages: { id: 'Upah saya', en: 'My wages' },
  myFamily: { id: 'Keluarga saya', en: 'My family' },
} as const;

export type WordKey = keyof typeof words;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: WordKey, params?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem('lindung.lang');
  return saved === 'en' ? 'en' : 'id';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('lindung.lang', l);
    setLangState(l);
  }, []);
  const t = useCallback((key: WordKey, params: Record<string, string | number> = {}) =>
    words[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export const currentLang = (): Lang => (document.documentElement.lang === 'en' ? 'en' : 'id');

/**
 * A page's own words, Bahasa Indonesia first: `const w = useWords({ title: { id: 'Daftar', en: 'Register' } })`
 * gives `w.title` in the current language; `fmt(w.x, { n: 3 })` fills {n}.
 */
export function useWords<K extends string>(dict: Record<K, { id: string; en: string }>): Record<K, string> {
  const { lang } = useI18n();
  return useMemo(() => {
    const out = {} as Record<K, string>;
    for (const k of Object.keys(dict) as K[]) out[k] = dict[k][lang];
    return out;
  }, [dict, lang]);
}

export const fmt = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));

/** Rp36.800; a taking back (a reversal) as −Rp36.800. */
export const rupiah = (amount: number, lang: Lang) => `${amount < 0 ? '−' : ''}Rp${Math.abs(amount).toLocaleString(lang === 'id' ? 'id-ID' : 'en-US')}`;
