/**
 * The branch offices Lindung starts with: one main office per province capital, and the larger
 * provinces split the way branch networks are, by regency. A main branch serves every regency of
 * its province that no other branch lists. Addresses are the office's town; officers correct them.
 */
export interface BranchSeed {
  code: string;
  name: string;
  provinceCode: string;
  town: string;
  /** Regencies and cities served; omitted for the province's main branch (it takes the rest). */
  regencies?: string[];
}

export const BRANCHES: BranchSeed[] = [
  { code: 'BNA', name: 'Banda Aceh', provinceCode: '11', town: 'Kota Banda Aceh' },
  { code: 'MDN', name: 'Medan', provinceCode: '12', town: 'Kota Medan' },
  { code: 'PSR', name: 'Pematang Siantar', provinceCode: '12', town: 'Kota Pematang Siantar', regencies: ['12.72', '12.08', '12.09', '12.10'] },
  { code: 'PDG', name: 'Padang', provinceCode: '13', town: 'Kota Padang' },
  { code: 'PKU', name: 'Pekanbaru', provinceCode: '14', town: 'Kota Pekanbaru' },
  { code: 'JMB', name: 'Jambi', provinceCode: '15', town: 'Kota Jambi' },
  { code: 'MBG', name: 'Muara Bungo', provinceCode: '15', town: 'Kabupaten Bungo', regencies: ['15.01', '15.02', '15.03', '15.08', '15.09', '15.72'] },
  { code: 'PLG', name: 'Palembang', provinceCode: '16', town: 'Kota Palembang' },
  { code: 'BKL', name: 'Bengkulu', provinceCode: '17', town: 'Kota Bengkulu' },
  { code: 'BDL', name: 'Bandar Lampung', provinceCode: '18', town: 'Kota Bandar Lampung' },
  { code: 'PGK', name: 'Pangkalpinang', provinceCode: '19', town: 'Kota Pangkalpinang' },
  { code: 'BTM', name: 'Batam', provinceCode: '21', town: 'Kota Batam' },
  { code: 'TPI', name: 'Tanjung Pinang', provinceCode: '21', town: 'Kota Tanjung Pinang', regencies: ['21.72', '21.01', '21.02', '21.03', '21.04', '21.05'] },
  { code: 'JKT-SLB', name: 'Jakarta Salemba', provinceCode: '31', town: 'Kota Jakarta Pusat', regencies: ['31.73'] },
  { code: 'JKT-CLD', name: 'Jakarta Cilandak', provinceCode: '31', town: 'Kota Jakarta Selatan', regencies: ['31.71'] },
  { code: 'JKT-RWM', name: 'Jakarta Rawamangun', provinceCode: '31', town: 'Kota Jakarta Timur', regencies: ['31.72'] },
  { code: 'JKT-GGL', name: 'Jakarta Grogol', provinceCode: '31', town: 'Kota Jakarta Barat', regencies: ['31.74'] },
  { code: 'JKT-TPR', name: 'Jakarta Tanjung Priok', provinceCode: '31', town: 'Kota Jakarta Utara' },
  { code: 'BDG-SCI', name: 'Bandung Suci', provinceCode: '32', town: 'Kota Bandung' },
  { code: 'BKS', name: 'Bekasi', provinceCode: '32', town: 'Kota Bekasi', regencies: ['32.75', '32.16'] },
  { code: 'BGR', name: 'Bogor', provinceCode: '32', town: 'Kota Bogor', regencies: ['32.71', '32.01', '32.76'] },
  { code: 'KRW', name: 'Karawang', provinceCode: '32', town: 'Kabupaten Karawang', regencies: ['32.15', '32.13', '32.14'] },
  { code: 'CBN', name: 'Cirebon', provinceCode: '32', town: 'Kota Cirebon', regencies: ['32.74', '32.09', '32.10', '32.12', '32.08'] },
  { code: 'SMG-MJP', name: 'Semarang Majapahit', provinceCode: '33', town: 'Kota Semarang' },
  { code: 'SMG-PMD', name: 'Semarang Pemuda', provinceCode: '33', town: 'Kota Semarang', regencies: ['33.22', '33.73', '33.15'] },
  { code: 'SKA', name: 'Surakarta', provinceCode: '33', town: 'Kota Surakarta', regencies: ['33.72', '33.09', '33.10', '33.11', '33.12', '33.13', '33.14'] },
  { code: 'PKL', name: 'Pekalongan', provinceCode: '33', town: 'Kota Pekalongan', regencies: ['33.75', '33.25', '33.26', '33.27'] },
  { code: 'TGL', name: 'Tegal', provinceCode: '33', town: 'Kota Tegal', regencies: ['33.76', '33.28', '33.29'] },
  { code: 'PWT', name: 'Purwokerto', provinceCode: '33', town: 'Kabupaten Banyumas', regencies: ['33.01', '33.02', '33.03', '33.04'] },
  { code: 'MGL', name: 'Magelang', provinceCode: '33', town: 'Kota Magelang', regencies: ['33.71', '33.05', '33.06', '33.07', '33.08', '33.23'] },
  { code: 'KDS', name: 'Kudus', provinceCode: '33', town: 'Kabupaten Kudus', regencies: ['33.16', '33.17', '33.18', '33.19', '33.20'] },
  { code: 'YGY', name: 'Yogyakarta', provinceCode: '34', town: 'Kota Yogyakarta' },
  { code: 'SBY-DRM', name: 'Surabaya Darmo', provinceCode: '35', town: 'Kota Surabaya' },
  { code: 'SDA', name: 'Sidoarjo', provinceCode: '35', town: 'Kabupaten Sidoarjo', regencies: ['35.15', '35.16', '35.76'] },
  { code: 'MLG', name: 'Malang', provinceCode: '35', town: 'Kota Malang', regencies: ['35.07', '35.73', '35.79', '35.05', '35.72'] },
  { code: 'KDR', name: 'Kediri', provinceCode: '35', town: 'Kota Kediri', regencies: ['35.06', '35.71', '35.04', '35.03', '35.18'] },
  { code: 'JBR', name: 'Jember', provinceCode: '35', town: 'Kabupaten Jember', regencies: ['35.09', '35.08', '35.10', '35.11', '35.12'] },
  { code: 'SRG', name: 'Serang', provinceCode: '36', town: 'Kota Serang' },
  { code: 'TNG', name: 'Tangerang', provinceCode: '36', town: 'Kota Tangerang', regencies: ['36.03', '36.71', '36.74'] },
  { code: 'DPS', name: 'Denpasar', provinceCode: '51', town: 'Kota Denpasar' },
  { code: 'MTR', name: 'Mataram', provinceCode: '52', town: 'Kota Mataram' },
  { code: 'KPG', name: 'Kupang', provinceCode: '53', town: 'Kota Kupang' },
  { code: 'PTK', name: 'Pontianak', provinceCode: '61', town: 'Kota Pontianak' },
  { code: 'PKY', name: 'Palangkaraya', provinceCode: '62', town: 'Kota Palangka Raya' },
  { code: 'BJM', name: 'Banjarmasin', provinceCode: '63', town: 'Kota Banjarmasin' },
  { code: 'SMD', name: 'Samarinda', provinceCode: '64', town: 'Kota Samarinda' },
  { code: 'BPN', name: 'Balikpapan', provinceCode: '64', town: 'Kota Balikpapan', regencies: ['64.71', '64.09', '64.01'] },
  { code: 'TRK', name: 'Tarakan', provinceCode: '65', town: 'Kota Tarakan' },
  { code: 'MND', name: 'Manado', provinceCode: '71', town: 'Kota Manado' },
  { code: 'PAL', name: 'Palu', provinceCode: '72', town: 'Kota Palu' },
  { code: 'MKS', name: 'Makassar', provinceCode: '73', town: 'Kota Makassar' },
  { code: 'KDI', name: 'Kendari', provinceCode: '74', town: 'Kota Kendari' },
  { code: 'GTO', name: 'Gorontalo', provinceCode: '75', town: 'Kota Gorontalo' },
  { code: 'MJU', name: 'Mamuju', provinceCode: '76', town: 'Kabupaten Mamuju' },
  { code: 'AMB', name: 'Ambon', provinceCode: '81', town: 'Kota Ambon' },
  { code: 'TTE', name: 'Ternate', provinceCode: '82', town: 'Kota Ternate' },
  { code: 'DJJ', name: 'Jayapura', provinceCode: '91', town: 'Kota Jayapura' },
  { code: 'MKW', name: 'Manokwari', provinceCode: '92', town: 'Kabupaten Manokwari' },
  { code: 'MKQ', name: 'Merauke', provinceCode: '93', town: 'Kabupaten Merauke' },
  { code: 'TIM', name: 'Timika', provinceCode: '94', town: 'Kabupaten Mimika' },
  { code: 'WMX', name: 'Wamena', provinceCode: '95', town: 'Kabupaten Jayawijaya' },
  { code: 'SOQ', name: 'Sorong', provinceCode: '96', town: 'Kota Sorong' },
];
