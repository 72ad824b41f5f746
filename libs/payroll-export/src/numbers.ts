/**
 * Rounds |value| to whole hundredths, half away from zero, in decimal rather than binary terms
 * (so 1.005 gives 1.01 and -1.005 gives -1.01: an adjustment mirrors the line it reverses).
 */
function toCents(value: number): number {
  const scaled = Math.abs(value) * 100;
  // Strip binary noise such as 100.49999999999999 (= 1.005 * 100) before rounding.
  const cents = Math.round(Number(scaled.toPrecision(12)));
  return value < 0 ? -cents : cents;
}

function assertFinite(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${String(value)}`);
  }
}

/** Fixed 2-decimal xs:decimal lexical form, '.' as decimal point, e.g. "8.00", "-3.20". */
export function formatDecimal2(value: number, what = 'value'): string {
  assertFinite(value, what);
  if (Math.abs(value) >= 1e15) throw new RangeError(`${what} is out of range: ${String(value)}`);
  const cents = toCents(value);
  if (cents === 0) return '0.00';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${whole}.${frac}`;
}

/** At most 2 decimals, trailing zeros dropped: "100", "50", "37.5". */
export function formatDecimalUpTo2(value: number, what = 'value'): string {
  return formatDecimal2(value, what).replace(/\.?0+$/, '');
}

/**
 * A plain decimal rendering of a number ('.' as decimal point, never exponent notation),
 * exact to the shortest round-trip representation of the double.
 */
export function formatPlainNumber(value: number, what = 'value'): string {
  assertFinite(value, what);
  if (Object.is(value, -0)) return '0';
  const s = String(value);
  if (!/e/i.test(s)) return s;
  if (Number.isInteger(value)) return BigInt(value).toString();
  // Tiny magnitudes, e.g. 1e-7: expand the mantissa digits by hand.
  const [mantissa, expPart] = s.split(/e/i);
  const exp = Number(expPart);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const intLen = mantissa.replace(/^-/, '').split('.')[0].length;
  const point = intLen + exp; // position of the decimal point within `digits`
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${negative ? '-' : ''}${body}`;
}
