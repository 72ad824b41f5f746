import { fromEpochDay, IsoDate, toEpochDay } from './calendar';

/**
 * Långtidssjukfrånvaro: the dates that lie in a run of consecutive calendar sick days of at least `minDays`
 * (adjacent and overlapping spells are merged into one run).
 */
export function longTermSickDates(spells: readonly { from: IsoDate; to: IsoDate }[], minDays = 60): Set<IsoDate> {
  const ranges = spells
    .map((s) => {
      const from = toEpochDay(s.from);
      const to = toEpochDay(s.to);
      if (to < from) throw new RangeError(`Sick spell ends (${s.to}) before it starts (${s.from})`);
      return { from, to };
    })
    .sort((a, b) => a.from - b.from);
  const out = new Set<IsoDate>();
  const flush = (from: number, to: number): void => {
    if (to - from + 1 >= minDays) for (let z = from; z <= to; z++) out.add(fromEpochDay(z));
  };
  let runFrom = Number.NaN;
  let runTo = Number.NaN;
  for (const r of ranges) {
    if (r.from <= runTo + 1) {
      if (r.to > runTo) runTo = r.to;
    } else {
      if (!Number.isNaN(runFrom)) flush(runFrom, runTo);
      runFrom = r.from;
      runTo = r.to;
    }
  }
  if (!Number.isNaN(runFrom)) flush(runFrom, runTo);
  return out;
}
