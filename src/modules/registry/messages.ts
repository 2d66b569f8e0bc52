import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';

defineProblems({
  already_registered: {
    title: { id: 'NIK ini sudah terdaftar', en: 'This NIK is already registered' },
    detail: { id: 'NIK ini sudah menjadi peserta dengan KPJ {kpj}. Masuk dengan kode SMS, atau hubungi kantor cabang bila nomor HP Anda berubah.', en: 'This NIK is already a participant with KPJ {kpj}. Sign in with an SMS code, or contact a branch office if your phone number changed.' },
  },
  person_mismatch: {
    title: { id: 'Data tidak cocok dengan data kependudukan yang tercatat', en: 'Data does not match the recorded person' },
    detail: { id: 'NIK ini sudah tercatat dengan nama atau tanggal lahir lain. Periksa kembali, atau minta petugas cabang memverifikasi.', en: 'This NIK is recorded with another name or birth date. Check again, or ask a branch officer to verify.' },
  },
  kpj_merge_invalid: {
    title: { id: 'KPJ tidak dapat digabung', en: 'KPJ numbers cannot be merged' },
    detail: { id: 'Semua KPJ harus milik orang yang sama, belum digabung, dan berbeda dari KPJ utama.', en: 'All KPJ numbers must belong to the same person, not be merged already, and differ from the primary KPJ.' },
  },
  kpj_taken: {
    title: { id: 'Nomor KPJ sudah tercatat', en: 'KPJ number already recorded' },
    detail: { id: 'Nomor KPJ ini sudah tercatat untuk peserta lain atau untuk orang ini. Periksa kembali kartunya.', en: 'This KPJ number is already recorded, for another participant or for this person. Check the card again.' },
  },
  no_person_record: {
    title: { id: 'Akun belum terhubung dengan data peserta', en: 'Account not linked to a participant' },
    detail: { id: 'Akun ini belum terhubung dengan data kepesertaan. Hubungi kantor cabang.', en: 'This account is not linked to a participant record. Contact a branch office.' },
  },
  upload_has_errors: {
    title: { id: 'Berkas masih berisi kesalahan', en: 'The file still has errors' },
    detail: { id: 'Tidak ada yang diterapkan. Perbaiki {errors} baris yang salah lalu unggah lagi.', en: 'Nothing was applied. Fix the {errors} rows with errors and upload again.' },
  },
  upload_unreadable: {
    title: { id: 'Berkas tidak dapat dibaca', en: 'The file cannot be read' },
    detail: { id: 'Unggah berkas CSV atau XLSX dengan baris judul kolom berisi kolom wajib.', en: 'Upload a CSV or XLSX file with a header row that has the required columns.' },
  },
  employment_not_open: {
    title: { id: 'Hubungan kerja tidak aktif', en: 'Employment not open' },
    detail: { id: 'Pekerja ini tidak sedang bekerja di perusahaan ini.', en: 'This worker is not currently employed by this employer.' },
  },
  already_employed: {
    title: { id: 'Pekerja sudah terdaftar di perusahaan ini', en: 'Worker already employed here' },
    detail: { id: 'Pekerja dengan NIK ini sudah aktif di perusahaan Anda.', en: 'A worker with this NIK is already employed by your company.' },
  },
});

defineFieldRules({
  nik_length: { id: 'NIK harus 16 angka.', en: 'The NIK must be 16 digits.' },
  nik_digits: { id: 'NIK hanya berisi angka.', en: 'The NIK may contain digits only.' },
  nik_province: { id: 'Dua angka pertama NIK bukan kode provinsi.', en: 'The first two digits of the NIK are not a province code.' },
  nik_birth_date: { id: 'Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang ada (untuk perempuan, tanggal ditambah 40).', en: 'Digits 7 to 12 of the NIK are not a real birth date (for women, 40 is added to the day).' },
  nik_serial: { id: 'Empat angka terakhir NIK tidak boleh 0000.', en: 'The last four digits of the NIK cannot be 0000.' },
  nik_birth_date_mismatch: { id: 'Tanggal lahir tidak sesuai dengan NIK (NIK menunjukkan {nikDate}).', en: 'The birth date does not match the NIK (the NIK says {nikDate}).' },
  nik_sex_mismatch: { id: 'Jenis kelamin tidak sesuai dengan NIK (NIK menunjukkan {nikSex}).', en: 'The sex does not match the NIK (the NIK says {nikSex}).' },
  phone_invalid: { id: 'Nomor HP Indonesia tidak sah. Contoh: 0812 3456 7890.', en: 'Not a valid Indonesian mobile number. For example: 0812 3456 7890.' },
  village_unknown: { id: 'Desa/kelurahan tidak ditemukan. Pilih dari daftar.', en: 'Village not found. Choose one from the list.' },
  occupation_unknown: { id: 'Pekerjaan tidak ada dalam daftar.', en: 'The occupation is not in the list.' },
  income_below_minimum: { id: 'Penghasilan minimal {min} per bulan.', en: 'The income must be at least {min} a month.' },
  programs_required: { id: 'JKK dan JKM wajib dipilih.', en: 'JKK and JKM are required.' },
  program_not_available: { id: 'Program {program} tidak tersedia untuk peserta ini.', en: 'Programme {program} is not available to this participant.' },
  date_invalid: { id: 'Tanggal tidak sah (format TTTT-BB-HH).', en: 'Not a valid date (format YYYY-MM-DD).' },
  date_in_future: { id: 'Tanggal tidak boleh di masa depan.', en: 'The date cannot be in the future.' },
  date_before_start: { id: 'Tanggal berhenti tidak boleh sebelum tanggal mulai.', en: 'The end date cannot be before the start date.' },
  month_invalid: { id: 'Bulan tidak sah (format TTTT-BB).', en: 'Not a valid month (format YYYY-MM).' },
  name_invalid: { id: 'Nama 2–120 huruf, tanpa angka.', en: 'Name of 2–120 letters, without digits.' },
  sex_invalid: { id: 'Isi L (laki-laki) atau P (perempuan).', en: 'Use L (male) or P (female).' },
  contract_invalid: { id: 'Isi PKWT (kontrak) atau PKWTT (tetap).', en: 'Use PKWT (fixed-term) or PKWTT (permanent).' },
  wage_invalid: { id: 'Upah harus bilangan bulat rupiah lebih dari 0.', en: 'The wage must be a whole number of rupiah above 0.' },
  end_reason_invalid: { id: 'Alasan berhenti: mengundurkan diri, PHK, kontrak berakhir, pensiun, atau meninggal.', en: 'End reason: resignation, dismissal, contract end, retirement or death.' },
  end_reason_required: { id: 'Alasan berhenti wajib diisi bila ada tanggal berhenti.', en: 'An end reason is required with an end date.' },
  duplicate_in_file: { id: 'NIK ini muncul lebih dari sekali dalam berkas (baris {first}).', en: 'This NIK appears more than once in the file (row {first}).' },
  column_missing: { id: 'Kolom wajib tidak ada di baris judul.', en: 'A required column is missing from the header row.' },
  unique: { id: 'Sudah dipakai.', en: 'Already in use.' },
  kpj_merge_invalid: { id: 'Pilih satu KPJ utama dan KPJ lain milik orang ini yang belum digabung.', en: 'Choose one primary KPJ and other KPJ numbers of this person that are not merged yet.' },
  kpj_check_digit: { id: 'Nomor KPJ salah ketik (angka pemeriksa tidak cocok).', en: 'The KPJ number is mistyped (its check digit does not match).' },
});
