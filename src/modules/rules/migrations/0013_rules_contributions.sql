-- The contribution rules of RULES.md §2 as data, each with its legal basis. Rows marked
-- product_default carry a Lindung default from DECISIONS.md where no primary source was found.
INSERT INTO rule_parameters (key, valid_from, valid_to, value, unit, legal_basis, product_default, note) VALUES
  -- PU (wage earners), §2.1
  ('pu.jkk.rate.class1', '2015-07-01', NULL, 0.24, 'percent', 'PP 44/2015 Pasal 16', false, 'JKK risiko sangat rendah / very low risk'),
  ('pu.jkk.rate.class2', '2015-07-01', NULL, 0.54, 'percent', 'PP 44/2015 Pasal 16', false, 'JKK risiko rendah / low risk'),
  ('pu.jkk.rate.class3', '2015-07-01', NULL, 0.89, 'percent', 'PP 44/2015 Pasal 16', false, 'JKK risiko sedang / medium risk'),
  ('pu.jkk.rate.class4', '2015-07-01', NULL, 1.27, 'percent', 'PP 44/2015 Pasal 16', false, 'JKK risiko tinggi / high risk'),
  ('pu.jkk.rate.class5', '2015-07-01', NULL, 1.74, 'percent', 'PP 44/2015 Pasal 16', false, 'JKK risiko sangat tinggi / very high risk'),
  ('pu.jkk.discount.labor_intensive', '2025-02-01', '2026-01-31', 50, 'percent', 'PP 7/2025; PP 36/2025 Pasal 10A', false, 'Diskon JKK industri padat karya / labour-intensive JKK discount, contribution months Feb 2025 – Jan 2026'),
  ('pu.jkm.rate', '2015-07-01', NULL, 0.30, 'percent', 'PP 44/2015', false, 'JKM, dibayar pemberi kerja / paid by the employer'),
  ('pu.jht.rate.employer', '2015-07-01', NULL, 3.7, 'percent', 'PP 46/2015', false, 'JHT bagian pemberi kerja / employer share'),
  ('pu.jht.rate.worker', '2015-07-01', NULL, 2, 'percent', 'PP 46/2015', false, 'JHT bagian pekerja / worker share'),
  ('pu.jp.rate.employer', '2015-07-01', NULL, 2, 'percent', 'PP 45/2015', false, 'JP bagian pemberi kerja / employer share'),
  ('pu.jp.rate.worker', '2015-07-01', NULL, 1, 'percent', 'PP 45/2015', false, 'JP bagian pekerja / worker share'),
  -- JP wage ceiling, §2.2 and D3 (in force from March)
  ('pu.jp.cap', '2023-03-01', '2024-02-29', 9559600, 'rupiah', 'PP 45/2015 Pasal 29; BPJSTK 2023', false, 'Batas upah JP / JP wage ceiling'),
  ('pu.jp.cap', '2024-03-01', '2025-02-28', 10042300, 'rupiah', 'PP 45/2015 Pasal 29; PDB 2023 5,05% (BPS BRS 13/02/Th. XXVII)', false, 'Batas upah JP / JP wage ceiling'),
  ('pu.jp.cap', '2025-03-01', '2026-02-28', 10547400, 'rupiah', 'PP 45/2015 Pasal 29; BPJSTK B/91/022025', false, 'Batas upah JP / JP wage ceiling'),
  ('pu.jp.cap', '2026-03-01', NULL, 10547400, 'rupiah', 'DECISIONS.md D3', true, 'Tetap berlaku sampai batas baru dicatat / stays until the next ceiling is recorded'),
  -- JKP funding, §2.3: never charged on top; the government share is shown, recomposition is internal
  ('pu.jkp.rate.government', '2021-02-02', NULL, 0.22, 'percent', 'PP 37/2021; PP 6/2025 Pasal 11(2)', false, 'JKP dibayar Pemerintah Pusat / paid by central government'),
  ('pu.jkp.rate.jkk_recomposition', '2021-02-02', NULL, 0.14, 'percent', 'PP 37/2021; PP 6/2025 Pasal 11(2)', false, 'Rekomposisi dari iuran JKK, bukan tambahan / recomposed from JKK, not added'),
  ('pu.jkp.rate.jkm_recomposition', '2021-02-02', '2025-02-06', 0.10, 'percent', 'PP 37/2021', false, 'Rekomposisi dari iuran JKM (dihapus PP 6/2025) / recomposed from JKM (dropped by PP 6/2025)'),
  ('pu.jkp.cap', '2021-02-02', NULL, 5000000, 'rupiah', 'PP 37/2021; PP 6/2025', false, 'Batas upah JKP / JKP wage ceiling'),
  -- Construction (Jakon), §2.5 and D9
  ('jakon.jkk.rate.wage', '2015-07-01', NULL, 1.74, 'percent', 'Permenakertrans 44/2015; PP 49/2020 Pasal 12(1)', false, 'JKK bila upah diketahui / when wages are known'),
  ('jakon.jkm.rate.wage', '2015-07-01', NULL, 0.30, 'percent', 'Permenakertrans 44/2015; PP 49/2020 Pasal 12(1)', false, 'JKM bila upah diketahui / when wages are known'),
  ('jakon.tier.limit1', '2015-07-01', NULL, 100000000, 'rupiah', 'PP 44/2015 Lampiran', false, 'Batas atas lapis 1 / tier 1 upper bound'),
  ('jakon.tier.limit2', '2015-07-01', NULL, 500000000, 'rupiah', 'PP 44/2015 Lampiran', false, 'Batas atas lapis 2 / tier 2 upper bound'),
  ('jakon.tier.limit3', '2015-07-01', NULL, 1000000000, 'rupiah', 'PP 44/2015 Lampiran', false, 'Batas atas lapis 3 / tier 3 upper bound'),
  ('jakon.tier.limit4', '2015-07-01', NULL, 5000000000, 'rupiah', 'PP 44/2015 Lampiran', false, 'Batas atas lapis 4 / tier 4 upper bound'),
  ('jakon.jkk.rate.tier1', '2015-07-01', NULL, 0.21, 'percent', 'PP 44/2015 Lampiran', false, 'JKK s.d. Rp100 jt'),
  ('jakon.jkk.rate.tier2', '2015-07-01', NULL, 0.17, 'percent', 'PP 44/2015 Lampiran', false, 'JKK >100 jt – 500 jt'),
  ('jakon.jkk.rate.tier3', '2015-07-01', NULL, 0.13, 'percent', 'PP 44/2015 Lampiran', false, 'JKK >500 jt – 1 M'),
  ('jakon.jkk.rate.tier4', '2015-07-01', NULL, 0.11, 'percent', 'PP 44/2015 Lampiran', false, 'JKK >1 M – 5 M'),
  ('jakon.jkk.rate.tier5', '2015-07-01', NULL, 0.09, 'percent', 'PP 44/2015 Lampiran', false, 'JKK >5 M'),
  ('jakon.jkm.rate.tier1', '2015-07-01', NULL, 0.03, 'percent', 'PP 44/2015 Lampiran; PP 49/2020', false, 'JKM s.d. Rp100 jt'),
  ('jakon.jkm.rate.tier2', '2015-07-01', NULL, 0.02, 'percent', 'PP 44/2015 Lampiran; PP 49/2020', false, 'JKM >100 jt – 500 jt'),
  ('jakon.jkm.rate.tier3', '2015-07-01', NULL, 0.02, 'percent', 'DECISIONS.md D9', true, 'JKM >500 jt – 1 M'),
  ('jakon.jkm.rate.tier4', '2015-07-01', NULL, 0.01, 'percent', 'DECISIONS.md D9', true, 'JKM >1 M – 5 M'),
  ('jakon.jkm.rate.tier5', '2015-07-01', NULL, 0.01, 'percent', 'DECISIONS.md D9', true, 'JKM >5 M'),
  -- Migrant workers (PMI), §2.6
  ('pmi.pre_placement', '2023-02-22', NULL, 37500, 'rupiah', 'Permenaker 4/2023 Pasal 18', false, 'Perlindungan sebelum bekerja / before work'),
  ('pmi.package.6', '2023-02-22', NULL, 108000, 'rupiah', 'Permenaker 4/2023 Pasal 18', false, 'Selama dan setelah bekerja, kontrak 6 bulan / during and after work, 6-month contract'),
  ('pmi.package.12', '2023-02-22', NULL, 189000, 'rupiah', 'Permenaker 4/2023 Pasal 18', false, 'Kontrak 12 bulan / 12-month contract'),
  ('pmi.package.24', '2023-02-22', NULL, 332500, 'rupiah', 'Permenaker 4/2023 Pasal 18', false, 'Kontrak 24 bulan / 24-month contract'),
  ('pmi.extra_month', '2023-02-22', NULL, 13500, 'rupiah', 'Permenaker 4/2023 Pasal 18', false, 'Tiap bulan melebihi paket / each month beyond the package');
