/** Indonesian mobile numbers in any common form (0812…, 62812…, +62 812-…) to +62812…; null if not one. */
export function normalizeIndonesianPhone(input: string): string | null {
  const digits = input.replace(/[\s().-]/g, '');
  const m = /^(?:\+62|62|0)(8\d{7,11})$/.exec(digits);
  return m ? `+62${m[1]}` : null;
}
