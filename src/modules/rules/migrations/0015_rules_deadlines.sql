-- Deadlines, fines and lapse of RULES.md §3 as data (DECISIONS.md D6, D7, D16).
INSERT INTO rule_parameters (key, valid_from, valid_to, value, unit, legal_basis, product_default, note) VALUES
  ('pu.due.day', '2015-07-01', NULL, 15, 'days', 'PP 44/2015; PP 46/2015; RULES.md §3', false, 'Tanggal jatuh tempo iuran PU (bulan berikutnya) / PU due day (of the next month)'),
  ('pu.due.month_offset', '2015-07-01', NULL, 1, 'months', 'PP 44/2015; PP 46/2015; RULES.md §3', false, 'Iuran PU jatuh tempo bulan berikutnya / PU is due the month after'),
  ('bpu.due.day', '2021-04-01', NULL, 15, 'days', 'Permenaker 5/2021; RULES.md §3', false, 'Tanggal jatuh tempo iuran BPU (bulan yang sama) / BPU due day (same month)'),
  ('bpu.due.month_offset', '2021-04-01', NULL, 0, 'months', 'Permenaker 5/2021; RULES.md §3', false, 'Iuran BPU jatuh tempo bulan yang sama / BPU is due the same month'),
  ('pu.fine.rate', '2015-07-01', NULL, 2, 'percent', 'PP 44/2015; PP 46/2015; DECISIONS.md D7', false, 'Denda JKK, JKM, JHT per bulan keterlambatan / fine per month late'),
  ('pu.fine.rate.jp', '2015-07-01', NULL, 0.5, 'percent', 'DECISIONS.md D6', true, 'Denda JP per bulan keterlambatan / JP fine per month late'),
  ('pu.fine.days_per_month', '2015-07-01', NULL, 30, 'days', 'DECISIONS.md D7', true, 'Hari 1–30 setelah jatuh tempo = 1 bulan / days 1–30 after the due date = 1 month'),
  ('pu.discount.labor_intensive.min_workers', '2025-02-01', '2026-01-31', 50, 'count', 'PP 7/2025; PP 36/2025', false, 'Minimal pekerja aktif untuk diskon JKK padat karya / minimum active workers for the labour-intensive discount'),
  ('bpu.lapse.months', '2022-07-01', NULL, 3, 'months', 'Perdir 22/PERDIR.02/072022; DECISIONS.md D16', false, 'Lebih dari 3 bulan tidak membayar: kepesertaan berhenti / more than 3 months unpaid: membership lapses');
