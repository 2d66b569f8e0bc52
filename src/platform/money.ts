/**
 * Money is whole rupiah in integers. Rates are exact decimal strings of a percentage ("0.445" means
 * 0.445%), never floating point. Rounding follows DECISIONS.md D1/D2: each line half up to a rupiah.
 */

/** A percentage as an exact fraction: "0.445" → 445 / 100000 (of the base). */
export function percentFraction(rate: string): { num: bigint; den: bigint } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new Error(`not a decimal rate: ${rate}`);
  const decimals = m[2] ?? '';
  return { num: BigInt(`${m[1]}${decimals}`), den: 100n * 10n ** BigInt(decimals.length) };
}

/** base × rate%, rounded half up to a whole rupiah (D1). Base is whole rupiah, never negative. */
export function percentOf(base: number | bigint, rate: string): number {
  const b = BigInt(base);
  if (b < 0n) throw new Error('negative base');
  const { num, den } = percentFraction(rate);
  const result = (2n * b * num + den) / (2n * den);
  return Number(result);
}

/** Rupiah as people read them: Rp16.800 (id) or Rp16,800 (en). */
export function formatRupiah(amount: number, lang: 'id' | 'en' = 'id'): string {
  return `Rp${amount.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 0 })}`;
}
