import { formatDecimal2, formatDecimalUpTo2, formatPlainNumber } from './numbers';

describe('number formatting', () => {
  it('formatDecimal2: two decimals, decimal rounding half away from zero, no negative zero', () => {
    expect([8, 3.2, -8, 1.005, -1.005, 0.125, -0.004, 0, -0, 6.4].map((n) => formatDecimal2(n))).toEqual([
      '8.00', '3.20', '-8.00', '1.01', '-1.01', '0.13', '0.00', '0.00', '0.00', '6.40',
    ]);
    expect(() => formatDecimal2(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatDecimal2(1e20)).toThrow(RangeError);
  });

  it('formatDecimalUpTo2 drops trailing zeros', () => {
    expect([100, 50, 37.5, 33.333, 0.01].map((n) => formatDecimalUpTo2(n))).toEqual(['100', '50', '37.5', '33.33', '0.01']);
  });

  it('formatPlainNumber never uses exponent notation', () => {
    expect([1e-7, -1.5e-7, 1e21, 2.5, -0, 123456789.125].map((n) => formatPlainNumber(n))).toEqual([
      '0.0000001', '-0.00000015', '1000000000000000000000', '2.5', '0', '123456789.125',
    ]);
  });
});
