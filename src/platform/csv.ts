/** One CSV cell: quoted when it must be; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvRow = (cells: readonly unknown[]) => cells.map(csvCell).join(',');
