import { addMonths, fromEpochDay, IsoDate, toEpochDay } from './calendar';
import { isScheduledWorkday } from './holidays';
import { DEFAULT_SICK_RULES, SickRuleParameters, sickRulesOn } from './parameters';

/** One sick absence (sjukfrånvaro) with a closed date range; the caller resolves an open-ended `to`. */
export interface SickSpell {
  absenceId: string;
  from: IsoDate;
  to: IsoDate;
  /** Omfattning, 1–100 % of scheduled time. Days count as sick days whatever the extent. */
  extentPercent: number;
}

/** PAXml tidkod of a sick day. */
export type SickCode = 'SJK_KAR' | 'SJK_LÖN' | 'SJK_ERS' | 'SJK_PEN';

/** A sjukperiod: spells chained by återinsjuknande. */
export interface SickPeriod {
  start: IsoDate;
  end: IsoDate;
  /** The spells of the period, sorted by `from`. */
  spells: SickSpell[];
  /** False when högriskskydd applied (no karensavdrag in this period). */
  karens: boolean;
  /** The day of the karensavdrag (the first scheduled day within the sjuklöneperiod); absent when none fell. */
  karensDate?: IsoDate;
}

/** A run of consecutive sick days in a period; `before` = sick days of the period before the run. */
interface SickRun {
  start: number;
  end: number;
  before: number;
}

interface SpellDays {
  spell: SickSpell;
  from: number;
  to: number;
}

/** A period with day numbers (days since 1970-01-01), as the rules work on it. */
export interface ChainedPeriod {
  start: number;
  end: number;
  items: SpellDays[];
  runs: SickRun[];
  rules: SickRuleParameters;
  karens: boolean;
  karensDay?: number;
}

function toSpellDays(spell: SickSpell): SpellDays {
  const from = toEpochDay(spell.from);
  const to = toEpochDay(spell.to);
  if (to < from) throw new RangeError(`Sick spell ${spell.absenceId} ends (${spell.to}) before it starts (${spell.from})`);
  return { spell, from, to };
}

function bySpellStart(a: SpellDays, b: SpellDays): number {
  return a.from - b.from || a.to - b.to || (a.spell.absenceId < b.spell.absenceId ? -1 : a.spell.absenceId > b.spell.absenceId ? 1 : 0);
}

/** Merges spells sorted by start into runs of consecutive days: a date is a sick day of the period once. */
function sickRuns(items: readonly SpellDays[]): SickRun[] {
  const runs: SickRun[] = [];
  let before = 0;
  for (const it of items) {
    const last = runs[runs.length - 1];
    if (last !== undefined && it.from <= last.end + 1) {
      if (it.to > last.end) last.end = it.to;
    } else {
      if (last !== undefined) before += last.end - last.start + 1;
      runs.push({ start: it.from, end: it.to, before });
    }
  }
  return runs;
}

/** Sick day number (1-based, gap days not counted) of a day that lies in `run`. */
export function sickDayInRun(run: SickRun, day: number): number {
  return run.before + day - run.start + 1;
}

/** The first scheduled workday among sick days 1..lastDay of the period, if any. */
function firstScheduledDay(runs: readonly SickRun[], lastDay: number): number | undefined {
  for (const run of runs) {
    for (let z = run.start; z <= run.end && sickDayInRun(run, z) <= lastDay; z++) {
      if (isScheduledWorkday(fromEpochDay(z))) return z;
    }
    if (sickDayInRun(run, run.end) >= lastDay) return undefined;
  }
  return undefined;
}

/**
 * Chains spells into sick periods and decides the karensavdrag of each (day numbers; for the coding).
 * Spells need 12 months of history before the first period of interest for högriskskydd to be right.
 */
export function chainPeriods(spells: readonly SickSpell[], versions: readonly SickRuleParameters[] = DEFAULT_SICK_RULES): ChainedPeriod[] {
  const items = spells.map(toSpellDays).sort(bySpellStart);
  const groups: SpellDays[][] = [];
  let groupEnd = Number.NEGATIVE_INFINITY;
  for (const it of items) {
    const current = groups[groups.length - 1];
    // Återinsjuknande: starts at most chainGapDays after the period ended (or overlaps it).
    if (current !== undefined && it.from - groupEnd <= sickRulesOn(versions, it.spell.from).chainGapDays) {
      current.push(it);
      if (it.to > groupEnd) groupEnd = it.to;
    } else {
      groups.push([it]);
      groupEnd = it.to;
    }
  }

  const periods: ChainedPeriod[] = [];
  const karensDays: number[] = []; // ascending: periods are chronological and do not overlap
  for (const group of groups) {
    const runs = sickRuns(group);
    const start = runs[0].start;
    const end = runs[runs.length - 1].end;
    const startDate = fromEpochDay(start);
    const rules = sickRulesOn(versions, startDate);
    // Högriskskydd: karensavdrag taken in [start − window, start).
    const windowStart = toEpochDay(addMonths(startDate, -rules.highRiskWindowMonths));
    let taken = 0;
    for (let i = karensDays.length - 1; i >= 0 && karensDays[i] >= windowStart; i--) taken++;
    const karens = taken < rules.highRiskKarensThreshold;
    const karensDay = karens ? firstScheduledDay(runs, rules.sickPayLastDay) : undefined;
    if (karensDay !== undefined) karensDays.push(karensDay);
    periods.push({ start, end, items: group, runs, rules, karens, karensDay });
  }
  return periods;
}

/** Återinsjuknande: spells chained into sick periods, with the karensavdrag (or högriskskydd) of each. */
export function chainSickPeriods(spells: readonly SickSpell[], rules: readonly SickRuleParameters[] = DEFAULT_SICK_RULES): SickPeriod[] {
  return chainPeriods(spells, rules).map((p) => {
    const period: SickPeriod = {
      start: fromEpochDay(p.start),
      end: fromEpochDay(p.end),
      spells: p.items.map((it) => it.spell),
      karens: p.karens,
    };
    if (p.karensDay !== undefined) period.karensDate = fromEpochDay(p.karensDay);
    return period;
  });
}

function runsOf(period: SickPeriod): SickRun[] {
  if (period.spells.length === 0) throw new RangeError(`Sick period ${period.start} has no spells`);
  return sickRuns(period.spells.map(toSpellDays).sort(bySpellStart));
}

/** Number of distinct sick days of the period on or before `upTo` (all of them without `upTo`). */
export function sickDayCount(period: SickPeriod, upTo?: IsoDate): number {
  const limit = upTo === undefined ? Number.POSITIVE_INFINITY : toEpochDay(upTo);
  let count = 0;
  for (const run of runsOf(period)) {
    if (run.start > limit) break;
    count = sickDayInRun(run, Math.min(run.end, limit));
  }
  return count;
}

/**
 * The date of sick day `n` of the period (gap days between chained spells are not counted).
 * Beyond the period's last sick day the date is projected as if the sickness continued without a break.
 */
export function sickDayDate(period: SickPeriod, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Sick day must be a whole number >= 1, got ${n}`);
  const runs = runsOf(period);
  for (const run of runs) {
    if (sickDayInRun(run, run.end) >= n) return fromEpochDay(run.start + (n - run.before - 1));
  }
  const last = runs[runs.length - 1];
  return fromEpochDay(last.end + (n - sickDayInRun(last, last.end)));
}
