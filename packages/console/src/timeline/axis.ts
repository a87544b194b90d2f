// The time axis of a timeline. A durable execution mixes milliseconds of work with days of
// waiting, so a linear axis would draw every step as a sliver. Between each pair of moments
// something starts or ends, the axis gives the gap a width that grows with the logarithm of its
// length, plus a constant so that moments close together stay apart: order is kept, and a 3-day
// wait is wider than a 5 ms step but not a million times wider.

/** Maps epoch milliseconds to x within [left, left + width]. */
export interface TimeAxis {
  x(time: number): number;
  /** The moments the axis was built on, sorted, each with its x. */
  stops: { time: number; x: number }[];
}

function gapWeight(milliseconds: number): number {
  return Math.log1p(Math.max(0, milliseconds)) + 1;
}

/**
 * An axis through `times` (any order, duplicates allowed) over `width` pixels from `left`.
 *
 * @example
 * const axis = buildAxis([start, stepEnd, waitEnd], 80, 600);
 * axis.x(start); // 80
 */
export function buildAxis(times: number[], left: number, width: number): TimeAxis {
  const sorted = [...new Set(times.filter(Number.isFinite))].sort((a, b) => a - b);
  if (sorted.length < 2) {
    const only = sorted[0] ?? 0;
    return { x: () => left, stops: [{ time: only, x: left }] };
  }
  const weights = sorted.slice(1).map((time, index) => gapWeight(time - sorted[index]!));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const stops = [{ time: sorted[0]!, x: left }];
  let x = left;
  for (const [index, weight] of weights.entries()) {
    x += (weight / total) * width;
    stops.push({ time: sorted[index + 1]!, x });
  }
  return {
    stops,
    x(time: number): number {
      if (time <= stops[0]!.time) return left;
      // Binary search for the gap holding `time`, then interpolate within it.
      let low = 0;
      let high = stops.length - 1;
      if (time >= stops[high]!.time) return stops[high]!.x;
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (stops[middle]!.time <= time) low = middle;
        else high = middle;
      }
      const from = stops[low]!;
      const to = stops[high]!;
      const share = Math.log1p(time - from.time) / Math.log1p(to.time - from.time);
      return from.x + share * (to.x - from.x);
    },
  };
}

/**
 * A duration the way the timeline labels it: `0 ms`, `250 ms`, `1.5 s`, `3 min 20 s`, `7 d`.
 *
 * @example
 * formatDuration(90_061_000); // "1 d 1 h"
 */
export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}
