import Holidays from 'date-holidays';
import { daysInMonth, epochDayOf, IsoDate, isoWeekdayOfEpochDay, packDate } from './calendar';

/**
 * Days that are not ordinary working days in a Swedish municipality:
 * - allmänna helgdagar (Lag 1989:253), `date-holidays` type `public`;
 * - midsommarafton, julafton and nyårsafton, which `date-holidays` (SE) returns as type `bank`.
 * Half days (trettondagsafton, valborgsmässoafton, allhelgonaafton: `optional`) and observances
 * (e.g. skärtorsdagen, påskafton, pingstafton) are ordinary working days here.
 */
const DAY_OFF_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

/** Bits of a day in a year's table. */
const WEEKEND = 1;
const DAY_OFF = 2;
const NO_SUCH_DAY = 4;

interface YearCalendar {
  /** Public holidays and days off of the year. */
  daysOff: ReadonlySet<IsoDate>;
  /** Bits per day at index (month − 1) × 31 + (day − 1): a lookup without Date objects or hashing the string. */
  table: Uint8Array;
}

let holidayCalendar: Holidays | undefined;
const calendarByYear = new Map<number, YearCalendar>();
let lastYear = Number.NaN;
let last: YearCalendar | undefined;

function buildYear(year: number): YearCalendar {
  holidayCalendar ??= new Holidays('SE');
  const daysOff = new Set<IsoDate>();
  const table = new Uint8Array(12 * 31).fill(NO_SUCH_DAY);
  for (let m = 1; m <= 12; m++) {
    const first = epochDayOf(year, m, 1);
    for (let d = 1; d <= daysInMonth(year, m); d++) {
      table[(m - 1) * 31 + d - 1] = isoWeekdayOfEpochDay(first + d - 1) > 5 ? WEEKEND : 0;
    }
  }
  for (const h of holidayCalendar.getHolidays(year)) {
    if (!DAY_OFF_TYPES.has(h.type)) continue;
    const date = h.date.slice(0, 10);
    daysOff.add(date);
    table[(Number(date.slice(5, 7)) - 1) * 31 + Number(date.slice(8, 10)) - 1] |= DAY_OFF;
  }
  return { daysOff, table };
}

/** The calendar of a year, built once and cached (year → set of days off, plus a lookup table). */
function calendarOf(year: number): YearCalendar {
  if (year === lastYear && last !== undefined) return last;
  let cal = calendarByYear.get(year);
  if (cal === undefined) {
    cal = buildYear(year);
    calendarByYear.set(year, cal);
  }
  lastYear = year;
  last = cal;
  return cal;
}

/** The table bits of a date. Hot path: no Date, no string hashing. */
function dayBits(date: IsoDate): number {
  const packed = packDate(date);
  const year = Math.floor(packed / 10000);
  const bits = calendarOf(year).table[(Math.floor(packed / 100) - year * 100 - 1) * 31 + (packed % 100) - 1];
  if (bits === NO_SUCH_DAY) throw new RangeError(`Invalid date: ${JSON.stringify(date)}`);
  return bits;
}

/** The public holidays and days off (helgdagar, midsommarafton, julafton, nyårsafton) of one year, sorted. */
export function daysOffInYear(year: number): IsoDate[] {
  return [...calendarOf(year).daysOff].sort();
}

/** Allmän helgdag (Lag 1989:253) or midsommarafton, julafton or nyårsafton. */
export function isPublicHolidayOrDayOff(date: IsoDate): boolean {
  return (dayBits(date) & DAY_OFF) !== 0;
}

/** Ordinary working day (ordinarie arbetsdag): Monday–Friday and not a public holiday or day off. */
export function isScheduledWorkday(date: IsoDate): boolean {
  return dayBits(date) === 0;
}
