/** Calendar dates (`YYYY-MM-DD`) in Europe/Stockholm, and the small arithmetic the deciders need. */
export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function addDaysTo(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const stockholmFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Stockholm at an instant. */
export function stockholmDateOf(instant: Date): IsoDate {
  // Intl formatting costs microseconds and every command asks several times with nearly the same
  // instant: remember the last minute asked for (a Stockholm date changes only on a whole minute).
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute || Number.isNaN(minute)) {
    lastDate = stockholmFormat.format(instant);
    lastMinute = minute;
  }
  return lastDate;
}

let lastMinute = NaN;
let lastDate = '';
