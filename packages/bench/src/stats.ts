/** Timing and formatting helpers. The clock is captured at load, before any fake timers. */
const hrtime = process.hrtime.bigint.bind(process.hrtime);

/** Milliseconds since an arbitrary origin, from the real monotonic clock (never faked). */
export function nowMs(): number {
  return Number(hrtime()) / 1e6;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A full collection before a timed run, when node runs with --expose-gc (`pnpm bench` does), so
 * that no run pays for the garbage of the one before it, which may be the other runtime's.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns each run's milliseconds. */
export async function timeRuns(
  runs: number,
  warmup: number,
  fn: () => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    await fn();
    times.push(nowMs() - start);
  }
  return times;
}

/** The median, smallest and largest of some values. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** `b[i] / a[i]` pair by pair: a ratio that holds while the machine's speed drifts. */
export function pairRatios(a: number[], b: number[]): Spread {
  return spread(a.map((value, i) => b[i]! / value));
}

/**
 * Runs `a` and `b` in turn, A B B A A B ..., so that neither always goes first, and returns each
 * one's milliseconds pair by pair. Stops adding pairs once `budgetMs` is spent (after one pair).
 */
export async function timePairs(
  pairs: number,
  budgetMs: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<{ a: number[]; b: number[] }> {
  const times = { a: [] as number[], b: [] as number[] };
  const start = nowMs();
  const run = async (side: "a" | "b") => {
    collectGarbage();
    times[side].push(await (side === "a" ? a : b)());
  };
  for (let i = 0; i < pairs && (i === 0 || nowMs() - start < budgetMs); i++) {
    for (const side of i % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const)) await run(side);
  }
  return times;
}

/** The least-squares slope of log(ms) against log(n): 1 is linear, 2 quadratic. */
export function growthExponent(points: { n: number; ms: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.ms));
  const mx = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const my = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i++) {
    covariance += (xs[i]! - mx) * (ys[i]! - my);
    variance += (xs[i]! - mx) ** 2;
  }
  return covariance / variance;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return "n/a";
  return ratio >= 10 ? `${ratio.toFixed(0)}x` : `${ratio.toFixed(1)}x`;
}

/** "51x (44x-60x)": the median and, when there were several, the range. */
export function formatRatioSpread(ratios: Spread, count: number): string {
  if (!Number.isFinite(ratios.median)) return "n/a";
  if (count < 2) return formatRatio(ratios.median);
  return `${formatRatio(ratios.median)} (${formatRatio(ratios.min)}-${formatRatio(ratios.max)})`;
}

/** "7.62 ms (6.90 ms to 9.10 ms, 5 runs)": the median and the range. */
export function formatMsSpread(times: number[]): string {
  if (times.length === 0) return "n/a";
  const { median: mid, min, max } = spread(times);
  if (times.length === 1) return `${formatMs(mid)} (1 run)`;
  return `${formatMs(mid)} (${formatMs(min)} to ${formatMs(max)}, ${times.length} runs)`;
}

/** Microseconds with one decimal, or "n/a". */
export function formatUs(us: number): string {
  return Number.isFinite(us) ? us.toFixed(1) : "n/a";
}

/** A Markdown table, columns padded so it also reads well in a terminal. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.map(line),
  ].join("\n");
}
