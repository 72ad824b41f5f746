import { fromEpochDay, IsoDate, toEpochDay } from './calendar';

/** The time zone all calendar dates in the ledger are in. */
export const TIME_ZONE = 'Europe/Stockholm';

/** A point in time: a `Date` or an ISO-8601 timestamp string (with offset or `Z`). */
export type Instant = Date | string;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds since the epoch of an instant; throws RangeError for an invalid one. */
export function instantMs(instant: Instant): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return ms;
}

/** Offset of Stockholm local time from UTC at an instant, in ms (+3 600 000 in winter, +7 200 000 in summer). */
function offsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const f: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(whole))) {
    if (p.type !== 'literal') f[p.type] = Number(p.value);
  }
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - whole;
}

/**
 * The UTC instant (ms) of a Stockholm wall-clock time: `epochDay` at `minutes` past local midnight.
 * A wall time in the spring-forward gap resolves to the instant one hour later on the clock.
 */
function wallTimeMs(epochDay: number, minutes: number): number {
  const local = epochDay * MS_PER_DAY + minutes * 60_000;
  const firstGuess = offsetAt(local);
  let utc = local - firstGuess;
  const second = offsetAt(utc);
  if (second !== firstGuess) utc = local - second;
  return utc;
}

const midnightCache = new Map<number, number>();

/** 00:00 Stockholm time of a day number, as UTC ms (cached: there are only ~365 a year). */
export function localMidnightMs(epochDay: number): number {
  let ms = midnightCache.get(epochDay);
  if (ms === undefined) {
    ms = wallTimeMs(epochDay, 0);
    midnightCache.set(epochDay, ms);
  }
  return ms;
}

/** 00:00 Europe/Stockholm of `date` as a UTC instant (23:00Z the day before in winter, 22:00Z in summer). */
export function localMidnightUtc(date: IsoDate): Date {
  return new Date(localMidnightMs(toEpochDay(date)));
}

/**
 * The UTC instant (ms) that is `hours` wall-clock hours after 00:00 local time of `date`:
 * whole days move the calendar date (24 = 00:00 of the next day even across a DST change),
 * the remainder is a wall-clock time of day on that date.
 */
export function localWallClockMs(date: IsoDate, hours: number): number {
  const days = Math.floor(hours / 24);
  const rest = hours - days * 24;
  const day = toEpochDay(date) + days;
  return rest === 0 ? localMidnightMs(day) : wallTimeMs(day, rest * 60);
}

/** The Stockholm calendar date of an instant. */
export function localDateOf(instant: Instant): IsoDate {
  const ms = instantMs(instant);
  const utcDay = Math.floor(ms / MS_PER_DAY);
  // The local date is the latest day whose local midnight is not after the instant; offsets are within ±1 day.
  for (let day = utcDay + 1; day >= utcDay - 1; day--) {
    if (localMidnightMs(day) <= ms) return fromEpochDay(day);
  }
  return fromEpochDay(utcDay - 1);
}

/** `to - from` in hours (fractional). */
export function hoursBetweenMs(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_HOUR;
}
