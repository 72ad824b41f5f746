import { addMonths, fromEpochDay, IsoDate, toEpochDay } from './calendar';
import { DEFAULT_SICK_RULES, SickRuleParameters, sickRulesOn } from './parameters';
import { SickCode } from './sick-periods';
import { EmploymentPeriod, employmentOn, scheduledHours } from './working-time';

/**
 * Sick pay coding in hours (sjuklön, karensavdrag, sjukpenning) for payroll, as one pure function.
 *
 * Sources, each cited where it is applied below:
 * - Lag (1991:1047) om sjuklön (SjLL) 6 § (karensavdrag, 20 % of the average weekly sick pay; the
 *   allmänt högriskskydd of ten karensavdrag in twelve months), 7 § (the sjuklöneperiod: the first
 *   sick day and the thirteen calendar days after it), 8 § (no sjuklön before the employer was
 *   notified, unless the employee was prevented from notifying; "the first day paid counts as the
 *   notification day"), 14 § (återinsjuknande within five days continues the sjukperiod) and
 *   17 § / 27 kap. 28 b § SFB (särskilt högriskskydd: no karensavdrag, the employer claims the
 *   sick pay back from Försäkringskassan).
 * - Prop. 2017/18:96 "Karensavdrag – en mer rättvis självrisk" and SKR/Sobona cirkulär 18:54 (PAN
 *   § 10 as changed from 2019-01-01): the karensavdrag is drawn from the sick pay of the first sick
 *   hours of the period and carries over to the next days until it has been made in full; in hours
 *   it is 20 % of the employee's average weekly working time.
 * - Försäkringskassan, "Sjuk ofta eller länge – särskilt högriskskydd" (employer pages): with the
 *   decision the employee gets sick pay from the first day without karensavdrag and the employer
 *   may apply for the whole sick pay cost.
 * - Försäkringskassan pays sjukpenning from sick day 15 at 25, 50, 75 or 100 % only (SFB 27 kap.
 *   45 §): another extent on such a day is flagged.
 */

/**
 * Absence types that are sickness for the sick pay period and the sick-leave figures: sjukdom and
 * arbetsskada (a work injury gives sick pay from the employer like any sickness, SjLL 1 and 7 §§;
 * the statistics that split it out keep its own type).
 */
export const SICKNESS_TYPES: readonly string[] = Object.freeze(['sick', 'work_injury']);

/** Whether an absence of this type is sickness (sick or work_injury). */
export function isSickness(type: string): boolean {
  return SICKNESS_TYPES.includes(type);
}

/** Why a sick day pays nothing although the employee was sick. */
export type UnpaidReason = 'not_reported';

/**
 * Markers on a coded sick day:
 * - `high_risk_protection`: a day of the sjuklöneperiod (days 1–14) of a period under
 *   särskilt högriskskydd: the employer may claim its sick pay back from Försäkringskassan.
 * - `extent_not_payable_from_day_15`: a day from sick day 15 on with an extent other than
 *   25, 50, 75 or 100 %, which Försäkringskassan does not pay: the manager should correct it.
 */
export type SickPayFlag = 'high_risk_protection' | 'extent_not_payable_from_day_15';
export const HIGH_RISK_PROTECTION_FLAG: SickPayFlag = 'high_risk_protection';
export const EXTENT_NOT_PAYABLE_FLAG: SickPayFlag = 'extent_not_payable_from_day_15';

/** The extents Försäkringskassan pays sjukpenning at (SFB 27 kap. 45 §). */
export const FK_PAYABLE_EXTENTS: readonly number[] = Object.freeze([25, 50, 75, 100]);

/** Whether Försäkringskassan can pay sjukpenning at this extent. */
export function isFkPayableExtent(extentPercent: number): boolean {
  return FK_PAYABLE_EXTENTS.includes(extentPercent);
}

/** One sick case (sjukdom, or arbetsskada: it is sickness for the sick pay period), closed date range. */
export interface SickPaySpell {
  absenceId: string;
  from: IsoDate;
  to: IsoDate;
  /** The extent from `from` on. */
  extentPercent: number;
  /** Extents that change within the case: each applies from its `from` on (sorted or not). */
  extents?: readonly { from: IsoDate; extentPercent: number }[];
  /** Stockholm date the employer was told of the sickness (SjLL 8 §). Left out: `from`. */
  notifiedOn?: IsoDate;
  /** The attesting manager found the employee prevented from reporting (SjLL 8 § 1 st second sentence). */
  preventedFromReporting?: boolean;
}

/** Försäkringskassan's decision on särskilt högriskskydd, valid on [from, to]. */
export interface HighRiskProtection {
  from: IsoDate;
  to: IsoDate;
}

/** One payroll line of a sick day. A day partly covered by the karensavdrag has two. */
export interface SickPayLine {
  absenceId: string;
  date: IsoDate;
  /** `SJK` for a sick day that pays nothing (see unpaidReason), else the sick day's code. */
  code: SickCode | 'SJK';
  /** Hours to 2 decimals. */
  hours: number;
  extentPercent: number;
  /** Calendar day within the chained sick pay period; null for an unpaid day before it. */
  sickDay: number | null;
  unpaidReason: UnpaidReason | null;
  /** First day of the sick pay period; null for an unpaid day. */
  periodStart: IsoDate | null;
  flags: SickPayFlag[];
}

/** What one sick pay period came to (for tests, reminders and explanations). */
export interface SickPayPeriodSummary {
  /** First paid sick day: sick day 1. */
  start: IsoDate;
  /** Last sick day. */
  end: IsoDate;
  /** The karensavdrag owed in hours (0 under högriskskydd). */
  karensHours: number;
  /** The karensavdrag drawn in hours (less than owed when the period pays too few hours in days 1–14). */
  karensDrawnHours: number;
  /** `general` (allmänt: 10 in 12 months), `special` (särskilt, FK's decision), or null. */
  highRiskProtection: 'general' | 'special' | null;
  /** Whether it counts as one of the ten karensavdrag of the allmänt högriskskydd. */
  countsTowardsHighRisk: boolean;
}

export interface SickPayInput {
  spells: readonly SickPaySpell[];
  employments: readonly EmploymentPeriod[];
  highRiskProtections?: readonly HighRiskProtection[];
  rules?: readonly SickRuleParameters[];
  /** Only lines dated in the range are returned; the periods are decided over every spell. */
  range?: { from: IsoDate; to: IsoDate };
}

export interface SickPayResult {
  lines: SickPayLine[];
  periods: SickPayPeriodSummary[];
}

/** Hours as whole hundredths, half away from zero, without binary noise (6.4 × 75 / 100 = 4.80). */
export function hoursToCents(hours: number): number {
  const scaled = Math.abs(hours) * 100;
  const cents = Math.round(Number(scaled.toPrecision(12)));
  return hours < 0 ? -cents : cents;
}

/** Absent hours of a day in cents: scheduled × extent / 100. */
function absentCents(scheduled: number, extentPercent: number): number {
  return hoursToCents((scheduled * extentPercent) / 100);
}

/**
 * The karensavdrag in hours (SjLL 6 §, prop. 2017/18:96, cirkulär 18:54): 20 % of the average
 * weekly working hours on `date`: weeklyHours × employmentPercent / 100 × 20 / 100.
 * Worked example: 40 h at 100 % → 8 h; 40 h at 75 % → 6 h; 38.25 h at 50 % → 3.825 → 3.83 h.
 */
export function karensavdragHours(employments: readonly EmploymentPeriod[], date: IsoDate, rules: SickRuleParameters): number {
  const e = employmentOn(employments, date);
  if (e === undefined || e.employmentPercent <= 0) return 0;
  return hoursToCents((e.weeklyHours * e.employmentPercent * rules.karensavdragPercentOfWeek) / 10000) / 100;
}

/**
 * SjLL 8 §: the first day sick pay may be paid for in a spell: the day the employer was notified
 * (or the first sick day when that is later), or the first sick day when the employee was prevented
 * from reporting.
 * Worked example: sick since Monday 9 March 2026, reported on Wednesday 11 March → Wednesday;
 * with preventedFromReporting → Monday.
 */
export function sickPayStart(spell: Pick<SickPaySpell, 'from' | 'notifiedOn' | 'preventedFromReporting'>): IsoDate {
  if (spell.preventedFromReporting || spell.notifiedOn === undefined) return spell.from;
  return spell.notifiedOn > spell.from ? spell.notifiedOn : spell.from;
}

/** The extent of a spell on `date`: the latest change on or before it, else the spell's own. */
export function extentOn(spell: Pick<SickPaySpell, 'extentPercent' | 'extents'>, date: IsoDate): number {
  let best: { from: IsoDate; extentPercent: number } | undefined;
  for (const e of spell.extents ?? []) {
    if (e.from <= date && (best === undefined || e.from >= best.from)) best = e;
  }
  return best?.extentPercent ?? spell.extentPercent;
}

interface Item {
  spell: SickPaySpell;
  from: number;
  to: number;
  /** First paid day (epoch) of the spell; > to when the whole spell is before the notification. */
  paidFrom: number;
}

interface Run {
  start: number;
  end: number;
  /** Sick days of the period before this run. */
  before: number;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Paid parts of a period's spells, merged into runs of consecutive days. */
function runsOf(items: readonly Item[]): Run[] {
  const paid = items.filter((i) => i.paidFrom <= i.to).sort((a, b) => a.paidFrom - b.paidFrom || a.to - b.to);
  const runs: Run[] = [];
  let before = 0;
  for (const it of paid) {
    const last = runs[runs.length - 1];
    if (last !== undefined && it.paidFrom <= last.end + 1) {
      if (it.to > last.end) last.end = it.to;
    } else {
      if (last !== undefined) before += last.end - last.start + 1;
      runs.push({ start: it.paidFrom, end: it.to, before });
    }
  }
  return runs;
}

function sickDayOf(runs: readonly Run[], day: number): number | undefined {
  for (const r of runs) if (day >= r.start && day <= r.end) return r.before + day - r.start + 1;
  return undefined;
}

function codeOf(sickDay: number, rules: SickRuleParameters): SickCode {
  return sickDay <= rules.sickPayLastDay ? 'SJK_LÖN' : sickDay <= rules.sicknessBenefitLastDay ? 'SJK_ERS' : 'SJK_PEN';
}

/**
 * Codes every scheduled working day of the sick spells for payroll, in hours.
 *
 * 1. SjLL 8 §: days of a spell before its notification day are unpaid: `SJK`, `sickDay` null,
 *    `unpaidReason: "not_reported"`; with `preventedFromReporting` they are paid as usual.
 * 2. SjLL 14 §: spells are chained into one sjukperiod when one starts at most `chainGapDays` after
 *    the previous ended (the days the employee was sick, reported or not). The sick pay period is
 *    made of the paid days: its first paid day is sick day 1, gap days are not counted.
 * 3. SjLL 6 §: the karensavdrag (20 % of the weekly hours on sick day 1) is drawn from the first
 *    absent hours of days 1–14 in date order (cases of one day by absenceId) and carried over day by
 *    day; a day partly covered gets an `SJK_KAR` and an `SJK_LÖN` line.
 * 4. No karensavdrag when `highRiskKarensThreshold` karensavdrag were taken in the
 *    `highRiskWindowMonths` before sick day 1 (allmänt högriskskydd), or when sick day 1 lies in a
 *    särskilt högriskskydd decision; the days 1–14 of the latter are flagged `high_risk_protection`.
 *    Whether a karensavdrag drawn only in part counts as one of the ten is the parameter
 *    `highRiskCountsPartialKarens` (see parameters.ts).
 * 5. Days 1–14 `SJK_LÖN`, 15–90 `SJK_ERS`, 91 on `SJK_PEN`; from day 15 an extent other than 25,
 *    50, 75 or 100 % is flagged `extent_not_payable_from_day_15`.
 *
 * Spells need 12 months of history before the days of interest for högriskskydd to be decided right.
 * Lines are sorted by date, then absenceId, then code.
 */
export function codeSickPay(input: SickPayInput): SickPayResult {
  const versions = input.rules ?? DEFAULT_SICK_RULES;
  const rangeFrom = input.range === undefined ? Number.NEGATIVE_INFINITY : toEpochDay(input.range.from);
  const rangeTo = input.range === undefined ? Number.POSITIVE_INFINITY : toEpochDay(input.range.to);
  const items: Item[] = input.spells
    .map((spell) => {
      const from = toEpochDay(spell.from);
      const to = toEpochDay(spell.to);
      if (to < from) throw new RangeError(`Sick spell ${spell.absenceId} ends (${spell.to}) before it starts (${spell.from})`);
      return { spell, from, to, paidFrom: toEpochDay(sickPayStart(spell)) };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to || byId(a.spell.absenceId, b.spell.absenceId));

  // SjLL 14 §: chain the spells by the days of sickness.
  const groups: Item[][] = [];
  let groupEnd = Number.NEGATIVE_INFINITY;
  for (const it of items) {
    const current = groups[groups.length - 1];
    if (current !== undefined && it.from - groupEnd <= sickRulesOn(versions, it.spell.from).chainGapDays) {
      current.push(it);
      if (it.to > groupEnd) groupEnd = it.to;
    } else {
      groups.push([it]);
      groupEnd = it.to;
    }
  }

  const lines: Array<SickPayLine & { day: number }> = [];
  const periods: SickPayPeriodSummary[] = [];
  const karensTaken: number[] = []; // epoch days of karensavdrag that count, ascending
  const emitted = new Set<string>(); // absenceId|day: a case given twice codes its dates once

  const emit = (line: SickPayLine, day: number) => {
    if (line.hours > 0 && day >= rangeFrom && day <= rangeTo) lines.push({ ...line, day });
  };

  for (const group of groups) {
    // SjLL 8 §: days before the notification day pay nothing and have no sick day number.
    for (const it of group) {
      const last = Math.min(it.to, it.paidFrom - 1);
      for (let z = Math.max(it.from, rangeFrom); z <= last && z <= rangeTo; z++) {
        const date = fromEpochDay(z);
        const extentPercent = extentOn(it.spell, date);
        const cents = absentCents(scheduledHours(input.employments, date), extentPercent);
        emit({ absenceId: it.spell.absenceId, date, code: 'SJK', hours: cents / 100, extentPercent, sickDay: null, unpaidReason: 'not_reported', periodStart: null, flags: [] }, z);
      }
    }

    const runs = runsOf(group);
    if (runs.length === 0) continue;
    const start = runs[0].start;
    const end = runs[runs.length - 1].end;
    const startDate = fromEpochDay(start);
    const rules = sickRulesOn(versions, startDate);

    const special = (input.highRiskProtections ?? []).some((p) => p.from <= startDate && startDate <= p.to);
    const windowStart = toEpochDay(addMonths(startDate, -rules.highRiskWindowMonths));
    let taken = 0;
    for (let i = karensTaken.length - 1; i >= 0 && karensTaken[i] >= windowStart; i--) if (karensTaken[i] < start) taken++;
    const general = !special && taken >= rules.highRiskKarensThreshold;
    const owedCents = special || general ? 0 : hoursToCents(karensavdragHours(input.employments, startDate, rules));
    let leftCents = owedCents;
    let firstDrawn: number | undefined;

    // The days of the period, case by case, in date order: days 1–14 always (the karensavdrag is
    // drawn there), later days only within the range.
    const lastDayToWalk = Math.min(end, rangeTo);
    const paidItems = group.filter((i) => i.paidFrom <= i.to).sort((a, b) => byId(a.spell.absenceId, b.spell.absenceId));
    for (let z = start; z <= end; z++) {
      const sickDay = sickDayOf(runs, z);
      if (sickDay === undefined) continue;
      if (sickDay > rules.sickPayLastDay && (z > lastDayToWalk || z < rangeFrom)) {
        if (z > lastDayToWalk) break;
        continue;
      }
      const date = fromEpochDay(z);
      const scheduled = scheduledHours(input.employments, date);
      for (const it of paidItems) {
        if (z < it.paidFrom || z > it.to) continue;
        const key = `${it.spell.absenceId}|${z}`;
        if (emitted.has(key)) continue;
        emitted.add(key);
        const extentPercent = extentOn(it.spell, date);
        const cents = absentCents(scheduled, extentPercent);
        if (cents <= 0) continue;
        const flags: SickPayFlag[] = [];
        if (special && sickDay <= rules.sickPayLastDay) flags.push(HIGH_RISK_PROTECTION_FLAG);
        if (sickDay >= rules.fkExtentStepsFromDay && !isFkPayableExtent(extentPercent)) flags.push(EXTENT_NOT_PAYABLE_FLAG);
        const base = { absenceId: it.spell.absenceId, date, extentPercent, sickDay, unpaidReason: null, periodStart: startDate };
        let rest = cents;
        if (leftCents > 0 && sickDay <= rules.sickPayLastDay) {
          const kar = Math.min(leftCents, cents);
          leftCents -= kar;
          rest -= kar;
          if (firstDrawn === undefined) firstDrawn = z;
          emit({ ...base, code: 'SJK_KAR', hours: kar / 100, flags: [...flags] }, z);
        }
        if (rest > 0) emit({ ...base, code: codeOf(sickDay, rules), hours: rest / 100, flags }, z);
      }
    }

    const drawnCents = owedCents - leftCents;
    const counts = drawnCents > 0 && (rules.highRiskCountsPartialKarens || leftCents === 0);
    if (counts) karensTaken.push(firstDrawn!);
    periods.push({
      start: startDate,
      end: fromEpochDay(end),
      karensHours: owedCents / 100,
      karensDrawnHours: drawnCents / 100,
      highRiskProtection: special ? 'special' : general ? 'general' : null,
      countsTowardsHighRisk: counts,
    });
  }

  lines.sort((a, b) => a.day - b.day || byId(a.absenceId, b.absenceId) || byId(a.code, b.code));
  return { lines: lines.map(({ day: _day, ...line }) => line), periods };
}
