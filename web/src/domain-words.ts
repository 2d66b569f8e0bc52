/** Names of the scheme's codes (segments, programmes, statuses…) in both languages, for every page. */
import { useWords } from './i18n.tsx';

export type Words = Record<string, { id: string; en: string }>;

export const SEGMENTS = {
  PU: { id: 'Penerima Upah', en: 'Wage earner' },
  BPU: { id: 'Bukan Penerima Upah', en: 'Informal worker' },
  JAKON: { id: 'Jasa Konstruksi', en: 'Construction worker' },
  PMI: { id: 'Pekerja Migran Indonesia', en: 'Indonesian migrant worker' },
} satisfies Words;

export const PROGRAMS = {
  JKK: { id: 'Jaminan Kecelakaan Kerja', en: 'Work accident benefit' },
  JKM: { id: 'Jaminan Kematian', en: 'Death benefit' },
  JHT: { id: 'Jaminan Hari Tua', en: 'Old-age savings' },
  JP: { id: 'Jaminan Pensiun', en: 'Pension' },
  JKP: { id: 'Jaminan Kehilangan Pekerjaan', en: 'Job-loss benefit' },
} satisfies Words;

export const PARTICIPANT_STATUS = {
  pending: { id: 'Menunggu iuran pertama', en: 'Awaiting the first contribution' },
  active: { id: 'Aktif', en: 'Active' },
  arrears: { id: 'Aktif, iuran tertunggak', en: 'Active, contributions overdue' },
  lapsed: { id: 'Tidak aktif (iuran terhenti)', en: 'Not active (contributions stopped)' },
  ended: { id: 'Kepesertaan berakhir', en: 'Participation ended' },
} satisfies Words;

export const VIA = {
  self: { id: 'mendaftar sendiri', en: 'self-registered' },
  agent: { id: 'lewat agen Perisai', en: 'through a Perisai agent' },
  officer: { id: 'lewat petugas cabang', en: 'through a branch officer' },
  employer: { id: 'didaftarkan pemberi kerja', en: 'registered by the employer' },
  donor: { id: 'didaftarkan donatur', en: 'registered by a donor' },
  import: { id: 'dari data impor', en: 'from imported data' },
} satisfies Words;

export const CONTRACTS = {
  PKWTT: { id: 'PKWTT (tetap)', en: 'PKWTT (permanent)' },
  PKWT: { id: 'PKWT (kontrak)', en: 'PKWT (fixed-term)' },
} satisfies Words;

export const END_REASONS = {
  resignation: { id: 'mengundurkan diri', en: 'resigned' },
  dismissal: { id: 'PHK', en: 'dismissed' },
  contract_end: { id: 'kontrak berakhir', en: 'contract ended' },
  retirement: { id: 'pensiun', en: 'retired' },
  death: { id: 'meninggal dunia', en: 'died' },
} satisfies Words;

/** A word from one of these lists, or the code itself when the list does not know it. */
export function useLookup(dict: Words) {
  const words = useWords(dict);
  return (code: string) => (words as Record<string, string>)[code] ?? code;
}
