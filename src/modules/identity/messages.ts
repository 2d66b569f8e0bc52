import { defineProblems } from '../../platform/i18n.ts';

defineProblems({
  invalid_credentials: {
    title: { id: 'Nama pengguna atau kata sandi salah', en: 'Wrong username or password' },
    detail: { id: 'Periksa lagi nama pengguna dan kata sandi Anda. Setelah {max} kali salah berturut-turut, akun dikunci sementara.', en: 'Check your username and password. After {max} wrong attempts in a row the account is locked for a while.' },
  },
  account_locked: {
    title: { id: 'Akun dikunci sementara', en: 'Account temporarily locked' },
    detail: { id: 'Terlalu banyak percobaan yang salah. Coba lagi setelah {minutes} menit, atau hubungi kantor cabang.', en: 'Too many wrong attempts. Try again in {minutes} minutes, or contact your branch office.' },
  },
  invalid_code: {
    title: { id: 'Kode tidak berlaku', en: 'Code not valid' },
    detail: { id: 'Kode salah, sudah dipakai, atau kedaluwarsa. Minta kode baru.', en: 'The code is wrong, already used or expired. Ask for a new code.' },
  },
  username_taken: {
    title: { id: 'Nama pengguna sudah dipakai', en: 'Username already taken' },
    detail: { id: 'Pilih nama pengguna lain.', en: 'Choose another username.' },
  },
  scope_required: {
    title: { id: 'Cabang atau wilayah wajib diisi', en: 'Branch or region required' },
    detail: { id: 'Peran {role} bekerja dalam lingkup cabang atau wilayah; isi salah satunya.', en: 'The {role} role works within a branch or regions; give one of them.' },
  },
});
