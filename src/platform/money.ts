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

/** An exact decimal string from a fraction that has one: 445/100000 → "0.445". */
function decimalString(num: bigint, den: bigint): string {
  let scale = 0n;
  let d = den;
  while (d % 10n === 0n) { d /= 10n; scale++; }
  if (d !== 1n) throw new Error('not a terminating decimal');
  const digits = num.toString().padStart(Number(scale) + 1, '0');
  const cut = digits.length - Number(scale);
  const text = scale ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  return text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** A rate reduced by a discount, both percentages, exactly: ("0.89", "50") → "0.445". */
export function discountRate(rate: string, discountPercent: string): string {
  const r = percentFraction(rate);
  const d = percentFraction(discountPercent);
  // rate% × (100% − discount%), expressed again as a percentage
  const num = r.num * (d.den - d.num) * 100n;
  const den = r.den * d.den;
  return decimalString(num, den);
}

/** Sum of base × rate% over parts, rounded half up once (a program line built from tiers, D1). */
export function percentOfParts(parts: { base: number; rate: string }[]): number {
  const fractions = parts.map((p) => ({ b: BigInt(p.base), ...percentFraction(p.rate) }));
  const den = fractions.reduce((acc, f) => (acc > f.den ? acc : f.den), 1n);
  const num = fractions.reduce((acc, f) => acc + f.b * f.num * (den / f.den), 0n);
  return Number((2n * num + den) / (2n * den));
}
