function sortedCopy(values: readonly number[]): Float64Array {
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i])) throw new RangeError('Cannot take a percentile of NaN');
  }
  return sorted.sort();
}

/** Value at fractional rank `p/100 × (n − 1)` of sorted values, interpolating linearly (numpy default, Excel PERCENTILE.INC). */
function interpolate(sorted: Float64Array, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return lo === hi ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** The median: the middle value, or the mean of the two middle values for an even count; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = sortedCopy(values);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The `p`th percentile (0–100) with linear interpolation between closest ranks; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be within 0–100, got ${p}`);
  if (values.length === 0) return null;
  return interpolate(sortedCopy(values), p);
}

/** Rounds half away from zero to 2 decimals, treating binary noise as the decimal it stands for (1.005 → 1.01). */
export function round2(n: number): number {
  if (!Number.isFinite(n)) return n;
  const scaled = Number((Math.abs(n) * 100).toPrecision(15));
  return (Math.sign(n) * Math.round(scaled)) / 100 + 0;
}

/** `100 × part / whole` rounded to 2 decimals; null when `whole` is 0. */
export function ratePercent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return round2((100 * part) / whole);
}
