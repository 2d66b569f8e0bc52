/** `lindung bench [name …]`: runs the named benchmarks, or all of them. */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  baselines: async () => (await import('./baselines.ts')).runBaselines(),
  'workforce-upload': async () => (await import('./workforce-upload.ts')).runWorkforceUpload(),
  billing: async () => (await import('./billing.ts')).runBillingBench(),
  payments: async () => (await import('./payments.ts')).runPaymentsBench(),
};

export async function runBenchmarks(names: string[]) {
  const unknown = names.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) throw new Error(`Tolok ukur tidak dikenal / unknown benchmark: ${unknown.join(', ')}. Ada / available: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) await BENCHMARKS[name]!();
}
