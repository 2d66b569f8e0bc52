/** What the GN Lingkaran pages read from the API, and the words they share. */
export interface Money { raised: number; allocated: number; refunded: number; movedToPool: number; fromOthers: number; unused: number; donations: number; workers: number; workerMonths: number }
export interface Campaign {
  code: string; title: string; description: string; isPool: boolean; targetWorkers: number | null; months: number; regionCodes: string[]; occupationCodes: string[];
  monthlyAmount: number; goalAmount: number | null; status: 'open' | 'closed'; unusedPolicy: 'reallocate' | 'refund'; owner: string | null; money: Money;
}
export interface Breakdowns {
  byRegion: { code: string; name: string; workers: number; amount: number }[];
  byOccupation: { code: string | null; name: string | null; nameEn: string | null; workers: number; amount: number }[];
  byMonth: { month: string; workers: number; amount: number }[];
}
export interface LedgerTotals { in: number; out: number; balance: number }
export interface PublicDonation { receiptCode: string; amount: number; paidAt: string; donor: string | null; donorKind: string; channel: string; entryId: number; campaign: string }
export interface PublicWorker { pseudonym: string; district: string | null; regency: string | null; occupation: string | null; occupationEn: string | null; first: string; last: string; months: number; amount: number; campaign: string }

export const LINGKARAN_WORDS = {
  programme: { id: 'GN Lingkaran', en: 'GN Lingkaran' },
  raised: { id: 'Uang masuk', en: 'Money in' },
  allocated: { id: 'Dialokasikan ke iuran', en: 'Allocated to contributions' },
  unused: { id: 'Belum terpakai', en: 'Not yet used' },
  refunded: { id: 'Dikembalikan', en: 'Refunded' },
  movedToPool: { id: 'Dipindah ke dana umum', en: 'Moved to the general pool' },
  workersProtected: { id: 'Pekerja terlindungi', en: 'Workers protected' },
  workerMonths: { id: 'Bulan perlindungan', en: 'Months of protection' },
  donations: { id: 'Donasi', en: 'Donations' },
  ledgerMatches: { id: 'Cocok dengan buku besar: {in} masuk dan {out} keluar tercatat di jurnal dana donasi.', en: 'Agrees with the ledger: {in} in and {out} out are in the donations fund\'s journal.' },
  ledgerDiffers: { id: 'Tidak cocok dengan buku besar ({in} masuk, {out} keluar di jurnal). Laporkan ke petugas.', en: 'Does not agree with the ledger ({in} in, {out} out in the journal). Please report it.' },
  fundBalance: { id: 'Saldo dana donasi di buku besar: {balance}.', en: 'Donations fund balance in the ledger: {balance}.' },
  byRegion: { id: 'Pekerja terlindungi per kabupaten/kota', en: 'Workers protected by regency or city' },
  byOccupation: { id: 'Pekerja terlindungi per pekerjaan', en: 'Workers protected by occupation' },
  byMonth: { id: 'Pekerja terlindungi per bulan', en: 'Workers protected by month' },
  workers: { id: 'Pekerja', en: 'Workers' },
  downloadCsv: { id: 'Unduh buku besar publik (CSV)', en: 'Download the public ledger (CSV)' },
  csvHint: { id: 'Setiap donasi dan setiap alokasi, dengan nomor entri buku besarnya. Jumlah masuk dikurangi keluar sama dengan saldo dana donasi.', en: 'Every donation and every allocation, with its ledger entry number. Money in less money out equals the donations fund balance.' },
  anonymous: { id: 'Donatur anonim', en: 'Anonymous donor' },
  receipt: { id: 'Tanda terima', en: 'Receipt' },
  date: { id: 'Tanggal', en: 'Date' },
  donor: { id: 'Donatur', en: 'Donor' },
  amount: { id: 'Jumlah', en: 'Amount' },
  pseudonym: { id: 'Pekerja (pseudonim)', en: 'Worker (pseudonym)' },
  district: { id: 'Kecamatan', en: 'District' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  months: { id: 'Bulan', en: 'Months' },
  period: { id: 'Masa perlindungan', en: 'Protected' },
  goal: { id: 'Target dana', en: 'Funding goal' },
  progress: { id: '{raised} dari {goal}', en: '{raised} of {goal}' },
  target: { id: '{workers} pekerja × {months} bulan × {monthly}', en: '{workers} workers × {months} months × {monthly}' },
  closed: { id: 'Ditutup', en: 'Closed' },
  pool: { id: 'Dana umum', en: 'General pool' },
  none: { id: 'Belum ada.', en: 'None yet.' },
};
