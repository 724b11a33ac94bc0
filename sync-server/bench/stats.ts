/** Small helpers to turn samples into the figures the bench prints. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

export const fmt = {
  s: (v: number) => `${v.toFixed(2)} s`,
  ms: (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a'),
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
  int: (v: number) => Math.round(v).toLocaleString('en-US'),
  ratio: (ours: number, reference: number) =>
    Number.isFinite(ours) && Number.isFinite(reference) && reference !== 0 ? `${(ours / reference).toFixed(2)}×` : '—',
};
