import type { AbsenceType } from '@ledger/domain';
import { Day, dayOf, isWorkday, monthIndexOf, workdayOnOrAfter, weekdayOf, yearOf } from './days';
import type { EmployeePlan, Window } from './organisation';
import type { SimulationParameters } from './parameters';
import type { Random } from './random';

/** Workdays in a year, to turn yearly rates into a chance per workday. */
const WORKDAYS_PER_YEAR = 250;

/** A stretch of one extent. */
export interface Phase {
  from: Day;
  to: Day;
  extent: number;
}

/** What really happened (or was planned): the ledger learns it through reports, late, wrong or not at all. */
export interface Spell {
  type: AbsenceType;
  /** Unplanned (sick, VAB) or planned ahead (vacation, leave, training). */
  planned: boolean;
  /** One phase, or several for long sick leave that goes on part time (each phase is its own case). */
  phases: Phase[];
  /** Planned: the day the employee reports it. */
  reportDay?: Day;
  /** Planned: reported, then cancelled before it starts (it never happens). */
  cancelled?: boolean;
  /** Planned: first reported two days short, then corrected. */
  datesCorrected?: boolean;
  /** Sick: a relapse within 5 days of the previous spell (återinsjuknande). */
  relapse?: boolean;
}

export const spellFrom = (s: Spell) => s.phases[0].from;
export const spellTo = (s: Spell) => s.phases[s.phases.length - 1].to;

export interface Life {
  spells: Spell[];
  /** Days the employee reported sick in the morning and went to work after all. */
  phantomSickDays: Day[];
  /** Workdays on which the employee is fully away (a manager holds no attestation round then). */
  awayDays: Set<Day>;
  /** Workdays at work (used for the time clock's sample observations). */
  presentWorkdays(): Iterable<Day>;
}

/**
 * One employee's absences over the run: long sick leave first (including spells already running
 * at the start, drawn so that their share matches a steady state), then planned absence around
 * it, then short sick leave and VAB day by day on the days still free.
 */
export function planLife(employee: EmployeePlan, window: Window, params: SimulationParameters, rng: Random): Life {
  const r = rng.fork(`${employee.id}/life`);
  const calendar = new Occupancy(window.startDay - 400, window.endDay + params.planned.lookaheadDays + 400);
  const spells: Spell[] = [];
  const phantomSickDays: Day[] = [];
  const s = params.sick;
  const age = yearOf(window.startDay) - employee.birthYear;

  const add = (spell: Spell) => {
    if (!spell.cancelled) for (const ph of spell.phases) calendar.take(ph.from, ph.to, ph.extent);
    spells.push(spell);
  };

  // 1. Long and middle-length sick leave running at the start (a steady state: P = rate × mean length / 365).
  const longMean = meanOfRanges(s.longLengths);
  const midMean = (s.midLengths[0] + s.midLengths[1]) / 2;
  const pLong = (s.longSpellsPerYear * longMean) / 365;
  const pMid = (s.midSpellsPerYear * midMean) / 365;
  const u = r.next();
  if (u < pLong + pMid) {
    const long = u < pLong;
    const length = lengthBiased(r, () => (long ? drawRange(r, s.longLengths) : r.int(s.midLengths[0], s.midLengths[1])), long ? 365 : s.midLengths[1]);
    const from = window.startDay - r.int(0, length - 1);
    add({ type: 'sick', planned: false, phases: sickPhases(r, params, from, from + length - 1, long) });
  }
  // 2. Long and middle-length sick leave starting during the run.
  for (let d = window.startDay; d <= window.endDay; d++) {
    if (!isWorkday(d) || !calendar.free(d, d, 100)) continue;
    const x = r.next();
    const pl = s.longSpellsPerYear / WORKDAYS_PER_YEAR;
    const pm = s.midSpellsPerYear / WORKDAYS_PER_YEAR;
    if (x >= pl + pm) continue;
    const long = x < pl;
    const length = long ? drawRange(r, s.longLengths) : r.int(s.midLengths[0], s.midLengths[1]);
    const to = calendar.freeUntil(d, d + length - 1, 100);
    add({ type: 'sick', planned: false, phases: sickPhases(r, params, d, to, long && to - d + 1 >= 60) });
    d = to;
  }

  // 3. Planned absence.
  for (const spell of plannedSpells(employee, window, params, r, age)) {
    if (spell.phases.every((ph) => calendar.free(ph.from, ph.to, ph.extent))) add(spell);
  }

  // 4. Short sick leave, VAB and the odd morning's mistaken sick report, on the days still free.
  const c = params.careOfChild;
  for (let d = window.startDay; d <= window.endDay; d++) {
    if (!isWorkday(d)) continue;
    const room = 100 - calendar.used(d);
    if (room <= 0) continue;
    const m = monthIndexOf(d);
    const pSick = (s.shortSpellsPerYear * employee.frailty * s.shortSeasonFactor[m]) / WORKDAYS_PER_YEAR;
    const pVab = employee.parent ? (c.spellsPerParentYear * c.monthFactor[m]) / WORKDAYS_PER_YEAR : 0;
    const pPhantom = params.reporting.phantomSickPerYear / WORKDAYS_PER_YEAR;
    const x = r.next();
    if (x < pSick) {
      let end = shortSpell(d, r.weighted(s.shortLengths), r.chance(s.shortPartExtent) ? 50 : 100, false);
      // Återinsjuknande: some fall ill again within five days of coming back.
      while (end !== undefined && r.chance(s.relapseChance)) {
        const again = end + r.int(s.relapseGapDays[0], s.relapseGapDays[1]);
        if (again > window.endDay || calendar.used(again) >= 100) break;
        end = shortSpell(again, r.weighted(s.shortLengths), 100, true);
      }
      if (end !== undefined) d = Math.max(d, end);
    } else if (x < pSick + pVab) {
      const length = r.weighted(c.lengths);
      const extent = r.chance(c.halfDayShare) ? 50 : 100;
      const from = d;
      const to = calendar.freeUntil(from, from + length - 1, Math.min(extent, room));
      add({ type: 'care_of_child', planned: false, phases: [{ from, to, extent: Math.min(extent, room) }] });
      d = to;
    } else if (x < pSick + pVab + pPhantom && room === 100) {
      phantomSickDays.push(d);
    }
  }

  function shortSpell(from: Day, length: number, extent: number, relapse: boolean): Day | undefined {
    const room = 100 - calendar.maxUsed(from, from);
    if (room <= 0) return undefined;
    const e = Math.min(extent, room);
    const to = calendar.freeUntil(from, from + length - 1, e);
    add({ type: 'sick', planned: false, phases: [{ from, to, extent: e }], relapse });
    return to;
  }

  spells.sort((a, b) => spellFrom(a) - spellFrom(b));
  const awayDays = new Set<Day>();
  for (let d = window.startDay; d <= window.endDay; d++) if (isWorkday(d) && calendar.used(d) >= 100) awayDays.add(d);
  return {
    spells,
    phantomSickDays,
    awayDays,
    *presentWorkdays() {
      for (let d = window.startDay; d <= window.endDay; d++) if (isWorkday(d) && calendar.used(d) === 0) yield d;
    },
  };
}

/** Sick leave from `from` to `to`; long spells often go on part time after 30–90 days (a second case). */
function sickPhases(r: Random, params: SimulationParameters, from: Day, to: Day, long: boolean): Phase[] {
  const s = params.sick;
  if (long && to - from + 1 > 60 && r.chance(s.longPartTimeShare)) {
    const switchDay = from + r.int(30, Math.min(90, to - from - 14));
    return [
      { from, to: switchDay - 1, extent: 100 },
      { from: switchDay, to, extent: r.weighted(s.longPartTimeExtents) },
    ];
  }
  return [{ from, to, extent: 100 }];
}

function plannedSpells(employee: EmployeePlan, window: Window, params: SimulationParameters, r: Random, age: number): Spell[] {
  const p = params.planned;
  const out: Spell[] = [];
  const last = window.endDay + p.lookaheadDays;
  const years = (last - window.startDay + 1) / 365;
  const planned = (type: AbsenceType, from: Day, to: Day, extent: number, reportDay: Day): Spell => ({
    type,
    planned: true,
    phases: [{ from, to, extent }],
    reportDay,
    cancelled: r.chance(p.cancelledShare),
    datesCorrected: to - from >= 3 && r.chance(p.datesCorrectedShare),
  });
  for (let y = yearOf(window.startDay); y <= yearOf(last); y++) {
    // Summer vacation: four weeks from a Monday, reported in the spring.
    const earliest = dayOf(`${y}-${p.summerStartBetween[0]}`);
    const latest = dayOf(`${y}-${p.summerStartBetween[1]}`);
    let monday = earliest + r.int(0, latest - earliest);
    while (weekdayOf(monday) !== 1) monday++;
    const summerTo = monday + 7 * p.summerWeeks - 3;
    if (summerTo >= window.startDay && monday <= last) {
      const a = dayOf(`${y}-${p.summerReportedBetween[0]}`);
      const b = dayOf(`${y}-${p.summerReportedBetween[1]}`);
      out.push(planned('vacation', monday, summerTo, 100, r.int(a, b)));
    }
    for (const [, chance, firstDay, workdays, lead] of p.holidayWeeks) {
      if (!r.chance(chance)) continue;
      const from = workdayOnOrAfter(dayOf(`${y}-${firstDay}`));
      let to = from;
      for (let n = 1; n < workdays; ) if (isWorkday(++to)) n++;
      if (to >= window.startDay && from <= last) out.push(planned('vacation', from, to, 100, from - r.int(lead[0], lead[1])));
    }
  }
  const randomDay = () => window.startDay + r.int(0, last - window.startDay);
  if (employee.parent && age <= 45 && r.chance(Math.min(0.9, p.parentalStartsPerYear * years))) {
    const from = workdayOnOrAfter(randomDay());
    out.push(planned('parental_leave', from, from + r.int(p.parentalDays[0], p.parentalDays[1]) - 1, r.weighted(p.parentalExtents), from - r.int(p.parentalLeadDays[0], p.parentalLeadDays[1])));
  }
  if (r.chance(Math.min(0.9, p.leaveOfAbsencePerYear * years))) {
    const from = workdayOnOrAfter(randomDay());
    out.push(planned('leave_of_absence', from, from + r.int(p.leaveOfAbsenceDays[0], p.leaveOfAbsenceDays[1]) - 1, 100, from - r.int(p.leaveOfAbsenceLeadDays[0], p.leaveOfAbsenceLeadDays[1])));
  }
  for (let n = poisson(r, p.trainingPerYear * years); n > 0; n--) {
    const from = workdayOnOrAfter(randomDay());
    let to = from;
    for (let k = r.int(p.trainingDays[0], p.trainingDays[1]); k > 1 && isWorkday(to + 1); k--) to++;
    out.push(planned('training', from, to, 100, from - r.int(p.trainingLeadDays[0], p.trainingLeadDays[1])));
  }
  for (let n = poisson(r, p.compLeavePerYear * years); n > 0; n--) {
    const from = workdayOnOrAfter(randomDay());
    out.push(planned('comp_leave', from, from, 100, from - r.int(p.compLeaveLeadDays[0], p.compLeaveLeadDays[1])));
  }
  return out;
}

/** Percent of each day already taken. */
class Occupancy {
  private readonly days: Uint8Array;
  constructor(
    private readonly first: Day,
    last: Day,
  ) {
    this.days = new Uint8Array(last - first + 1);
  }
  used(day: Day): number {
    const i = day - this.first;
    return i >= 0 && i < this.days.length ? this.days[i] : 0;
  }
  maxUsed(from: Day, to: Day): number {
    let m = 0;
    for (let d = from; d <= to; d++) m = Math.max(m, this.used(d));
    return m;
  }
  free(from: Day, to: Day, extent: number): boolean {
    return this.maxUsed(from, to) + extent <= 100;
  }
  /** The last day from `from` (at most `to`) before one that cannot take `extent` more. */
  freeUntil(from: Day, to: Day, extent: number): Day {
    let d = from;
    while (d < to && this.used(d + 1) + extent <= 100) d++;
    return d;
  }
  take(from: Day, to: Day, extent: number): void {
    for (let d = from; d <= to; d++) {
      const i = d - this.first;
      if (i >= 0 && i < this.days.length) this.days[i] = Math.min(100, this.days[i] + extent);
    }
  }
}

function drawRange(r: Random, table: ReadonlyArray<readonly [readonly [number, number], number]>): number {
  const [lo, hi] = r.weighted(table);
  return r.int(lo, hi);
}

function meanOfRanges(table: ReadonlyArray<readonly [readonly [number, number], number]>): number {
  let total = 0;
  let weights = 0;
  for (const [[lo, hi], w] of table) {
    total += ((lo + hi) / 2) * w;
    weights += w;
  }
  return total / weights;
}

/** A length drawn in proportion to length × its frequency: the spell someone is in on a given day. */
function lengthBiased(r: Random, draw: () => number, max: number): number {
  for (;;) {
    const length = draw();
    if (r.next() * max < length) return length;
  }
}

function poisson(r: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let n = 0;
  for (let p = r.next(); p > limit; p *= r.next()) n++;
  return n;
}
