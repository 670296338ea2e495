/** Small statistics helpers for latency samples (nanoseconds in, milliseconds out). */

/** The q-quantile (0..1) of the samples by the nearest-rank method; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarizeNs(samplesNs: readonly number[]): LatencySummary {
  const ms = samplesNs.map((ns) => ns / 1e6);
  return { samples: ms.length, p50Ms: quantile(ms, 0.5), p99Ms: quantile(ms, 0.99), maxMs: quantile(ms, 1) };
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
