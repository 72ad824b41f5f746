import { median, percentile, ratePercent, round2 } from '@ledger/swedish-rules';

describe('median and percentiles', () => {
  it('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('p90 interpolates between closest ranks (numpy default)', () => {
    const oneToTen = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    // rank = 0.90 × (10 − 1) = 8.1 → sorted[8] + 0.1 × (sorted[9] − sorted[8]) = 9 + 0.1 × 1 = 9.1
    expect(percentile(oneToTen, 90)).toBeCloseTo(9.1, 12);
    // rank 4.5 → 5 + 0.5 × 1 = 5.5, the median
    expect(percentile(oneToTen, 50)).toBe(5.5);
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 100)).toBe(10);
    // [1, 2, 3, 4], p25: rank 0.75 → 1 + 0.75 × 1 = 1.75
    expect(percentile([4, 3, 2, 1], 25)).toBe(1.75);
  });

  it('latency hours', () => {
    // sorted 0.5, 2, 4, 8, 30: median 4; p90 rank 0.9 × 4 = 3.6 → 8 + 0.6 × (30 − 8) = 8 + 13.2 = 21.2
    const hours = [30, 0.5, 8, 2, 4];
    expect(median(hours)).toBe(4);
    expect(percentile(hours, 90)).toBeCloseTo(21.2, 10);
    expect(percentile([], 90)).toBeNull();
  });

  it('works with negative latencies (reports ahead of time) and does not touch the input', () => {
    const hours = [-12, 3, -1];
    expect(median(hours)).toBe(-1);
    expect(hours).toEqual([-12, 3, -1]);
  });

  it('rejects a percentile outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

describe('rounding and rates', () => {
  it('rounds half away from zero at 2 decimals despite binary noise', () => {
    expect(round2(1.005)).toBe(1.01); // 1.005 × 100 is 100.49999… in binary
    expect(round2(2.675)).toBe(2.68);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(9.767441860465116)).toBe(9.77);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });

  it('rate in percent, null for nothing to divide by', () => {
    expect(ratePercent(1, 3)).toBe(33.33); // 33.333…
    expect(ratePercent(2, 3)).toBe(66.67); // 66.666…
    expect(ratePercent(0, 5)).toBe(0);
    expect(ratePercent(5, 0)).toBeNull();
  });
});
