/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings without allocating `Date` objects.
 *
 * Internally a date is an "epoch day": the number of days since 1970-01-01 (proleptic Gregorian),
 * computed with Howard Hinnant's days-from-civil algorithm.
 */

/** A calendar date `YYYY-MM-DD` (Europe/Stockholm). */
export type IsoDate = string;
/** A calendar month `YYYY-MM` (a payroll period). */
export type IsoMonth = string;

const DASH = 45;
const ZERO = 48;

function invalid(kind: string, value: string): never {
  throw new RangeError(`Invalid ${kind}: ${JSON.stringify(value)}`);
}

/** Parses `len` decimal digits of `s` starting at `start`; -1 when any is not a digit. */
function digits(s: string, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a (valid) civil date. */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Digit value of the character at `i`; greater than 9 when it is not a digit. */
function digitAt(s: string, i: number): number {
  return (s.charCodeAt(i) - ZERO) >>> 0;
}

/**
 * `YYYY-MM-DD` packed as the number `YYYYMMDD`, without allocating. Checks the shape, month 1–12 and day 1–31;
 * the day against the month's length is left to the caller. Throws RangeError otherwise.
 */
export function packDate(date: IsoDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) invalid('date', date);
  const y0 = digitAt(date, 0);
  const y1 = digitAt(date, 1);
  const y2 = digitAt(date, 2);
  const y3 = digitAt(date, 3);
  const m0 = digitAt(date, 5);
  const m1 = digitAt(date, 6);
  const d0 = digitAt(date, 8);
  const d1 = digitAt(date, 9);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) invalid('date', date);
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || d > 31) invalid('date', date);
  return (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 10000 + m * 100 + d;
}

/** Days since 1970-01-01 of an `IsoDate`; throws RangeError for anything that is not a real date. */
export function toEpochDay(date: IsoDate): number {
  const packed = packDate(date);
  const y = Math.floor(packed / 10000);
  const m = Math.floor(packed / 100) % 100;
  const d = packed % 100;
  if (d > daysInMonth(y, m)) invalid('date', date);
  return epochDayOf(y, m, d);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function pad4(n: number): string {
  if (n < 0 || n > 9999) throw new RangeError(`Year out of range: ${n}`);
  return n >= 1000 ? String(n) : String(n).padStart(4, '0');
}

/** The `IsoDate` of a day number since 1970-01-01. */
export function fromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad4(y)}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

/** ISO weekday of a day number since 1970-01-01: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return isoWeekdayOfEpochDay(toEpochDay(date));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** `to - from` in calendar days (negative when `to` is before `from`). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Every date from `from` to `to`, both inclusive; empty when `to` is before `from`. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  const out: IsoDate[] = [];
  for (let z = a; z <= b; z++) out.push(fromEpochDay(z));
  return out;
}

/** Adds whole calendar months; the day is clamped to the target month's length (2024-02-29 − 12 months = 2023-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`addMonths needs a whole number of months, got ${months}`);
  toEpochDay(date); // validates
  const packed = packDate(date);
  const y = Math.floor(packed / 10000);
  const m = Math.floor(packed / 100) % 100;
  const d = packed % 100;
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return `${pad4(ny)}-${TWO_DIGITS[nm]}-${TWO_DIGITS[Math.min(d, daysInMonth(ny, nm))]}`;
}

export function monthOf(date: IsoDate): IsoMonth {
  toEpochDay(date); // validates
  return date.slice(0, 7);
}

function parseMonth(month: IsoMonth): { year: number; month: number } {
  const y = month.length === 7 && month.charCodeAt(4) === DASH ? digits(month, 0, 4) : -1;
  const m = y < 0 ? -1 : digits(month, 5, 2);
  if (y < 0 || m < 1 || m > 12) invalid('month', month);
  return { year: y, month: m };
}

/** First and last date of a `YYYY-MM` month. */
export function monthBounds(month: IsoMonth): { first: IsoDate; last: IsoDate } {
  const { year, month: m } = parseMonth(month);
  return { first: `${month}-01`, last: `${month}-${TWO_DIGITS[daysInMonth(year, m)]}` };
}

/** Every month from `from` to `to`, both inclusive; empty when `to` is before `from`. */
export function eachMonth(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const a = parseMonth(from);
  const b = parseMonth(to);
  const out: IsoMonth[] = [];
  for (let i = a.year * 12 + a.month - 1; i <= b.year * 12 + b.month - 1; i++) {
    const y = Math.floor(i / 12);
    out.push(`${pad4(y)}-${TWO_DIGITS[i - y * 12 + 1]}`);
  }
  return out;
}
