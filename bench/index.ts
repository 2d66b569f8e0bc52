export async function runBenchmarks(names: string[]) {
  const { runBaselines } = await import('./baselines.ts');
  if (names.length === 0 || names.includes('baselines')) await runBaselines();
}
