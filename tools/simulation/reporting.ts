import type { AbsenceType, Channel, ObservationKind, ObservationSource } from '@ledger/domain';
import { Day, instantOf, isWorkday } from './days';
import { Life, Spell, spellFrom, spellTo } from './life';
import type { EmployeePlan, Window } from './organisation';
import type { SimulationParameters } from './parameters';
import type { Random } from './random';

/** Who sends a command for the employee: themself, a manager of their department, or HR. */
export type Who = 'self' | 'manager' | 'hr';

/** A moment of the simulation: the local day and the instant (ms). */
export interface Moment {
  day: Day;
  hours: number;
  at: number;
}

export const moment = (day: Day, hours: number): Moment => ({ day, hours, at: instantOf(day, hours) });

export type CaseKind =
  /** Sick leave or VAB as it happened. */
  | 'unplanned'
  /** Planned absence reported ahead. */
  | 'planned'
  /** Reported sick in the morning, went to work after all: withdrawn. */
  | 'phantom'
  /** Planned, then cancelled before it started: withdrawn. */
  | 'cancelled'
  /** The same absence reported a second time (by the manager on the phone): refused as an overlap. */
  | 'double'
  /** Never reported by the employee; the manager registers it after the schedule showed the gap. */
  | 'found_by_manager';

export type ErrorField = 'extentPercent' | 'from' | 'to' | 'type';

/** One absence case: what is reported, when, by whom, and what follows. */
export interface CasePlan {
  absenceId: string;
  employeeId: string;
  kind: CaseKind;
  /** What really happened (the return's last day, the fix of a wrong report). */
  truth: { type: AbsenceType; from: Day; to: Day; extent: number };
  report: Moment & { by: Who; channel: Channel; type: AbsenceType; from: Day; to: Day | null; extent: number };
  /** Friskanmälan of an open-ended report. */
  return?: Moment & { by: Who; late: boolean };
  /** Fixes the wrong field of the report. */
  correction?: Moment & { field: ErrorField; reason: string };
  withdrawal?: Moment & { by: Who; reason: string };
  certificates: Array<Moment & { by: Who; from: Day; to: Day }>;
}

export interface ObservationPlan extends Moment {
  employeeId: string;
  date: Day;
  kind: ObservationKind;
  source: ObservationSource;
}

const CORRECTION_REASONS: Record<ErrorField, string> = {
  extentPercent: 'Fel omfattning angavs i anmälan',
  from: 'Sjuk redan dagen innan, rättar första dagen',
  to: 'Frånvaron varade en dag längre',
  type: 'Fel frånvarotyp angavs',
};

/** The cases and the observations that follow from one employee's life. */
export function planCases(
  employee: EmployeePlan,
  life: Life,
  window: Window,
  params: SimulationParameters,
  rng: Random,
): { cases: CasePlan[]; observations: ObservationPlan[] } {
  const r = rng.fork(`${employee.id}/reporting`);
  const rp = params.reporting;
  const op = params.observations;
  const cases: CasePlan[] = [];
  const observations: ObservationPlan[] = [];
  const observe = (date: Day, when: Moment, kind: ObservationKind, source: ObservationSource) =>
    observations.push({ ...when, employeeId: employee.id, date, kind, source });

  const newCase = (kind: CaseKind, truth: CasePlan['truth'], report: CasePlan['report']): CasePlan => {
    const c: CasePlan = { absenceId: r.uuid(), employeeId: employee.id, kind, truth, report, certificates: [] };
    cases.push(c);
    return c;
  };

  /** The time clock sees the employee at work on workdays after `lastDay` until (not after) `until`. */
  const presentUntil = (lastDay: Day, until: Moment) => {
    let n = 0;
    for (let d = lastDay + 1; d <= until.day && n < op.presentWhileRegisteredMaxDays; d++) {
      if (!isWorkday(d)) continue;
      const clockIn = moment(d, r.between(6.5, 8.5));
      if (clockIn.at >= until.at) break;
      observe(d, clockIn, 'present', 'timeclock');
      n++;
    }
  };

  const unplanned = (spell: Spell) => {
    const type = spell.type;
    const from = spellFrom(spell);
    const to = spellTo(spell);
    const firstWorkday = firstWorkdayIn(from, to);
    if (spell.phases.length === 1 && to - from < 2 && from >= window.startDay && r.chance(rp.unreportedShare)) {
      for (let d = from; d <= to; d++) if (isWorkday(d) && r.chance(op.unreportedDaySeen)) observe(d, moment(d, r.between(16, 21)), 'absent', 'schedule');
      if (r.chance(rp.unreportedLaterByManager)) {
        const when = moment(to + r.int(rp.unreportedLaterDays[0], rp.unreportedLaterDays[1]), r.between(9, 16));
        const extent = spell.phases[0].extent;
        newCase('found_by_manager', { type, from, to, extent }, { ...when, by: 'manager', channel: 'web', type, from, to, extent });
      }
      return;
    }
    if (firstWorkday !== undefined && from >= window.startDay && r.chance(op.firstDayAbsentSeen)) {
      observe(firstWorkday, moment(firstWorkday, r.between(16, 22)), 'absent', r.chance(0.8) ? 'schedule' : 'staffing');
    }
    spell.phases.forEach((phase, i) => {
      const first = i === 0;
      const last = i === spell.phases.length - 1;
      let report: CasePlan['report'];
      let late = false;
      if (first) {
        const channel = r.weighted(rp.reporters);
        const by: Who = channel === 'phone' ? 'manager' : channel === 'paper' ? 'hr' : 'self';
        late = r.chance(rp.lateShare[type as 'sick' | 'care_of_child']);
        const when = late
          ? moment(from + r.weighted(rp.lateDays), r.between(8, 20))
          : type === 'care_of_child' && r.chance(rp.vabEveningBeforeShare)
            ? moment(from - 1, r.between(19, 22))
            : moment(from, r.between(rp.onTimeHours[0], rp.onTimeHours[1]));
        const openEnded = when.day <= phase.to && r.chance(rp.openEndedShare[type as 'sick' | 'care_of_child']);
        report = { ...when, by, channel, type, from: phase.from, to: openEnded ? null : phase.to, extent: phase.extent };
      } else {
        // The manager registers the part-time continuation the morning it starts.
        report = { ...moment(phase.from, r.between(8.1, 9.5)), by: 'manager', channel: 'web', type, from: phase.from, to: null, extent: phase.extent };
      }
      const c = newCase('unplanned', { type, from: phase.from, to: phase.to, extent: phase.extent }, report);
      if (first && spell.phases.length === 1 && r.chance(rp.errorShare)) plantError(c, employee, r, rp);
      if (report.to === null) {
        if (!last) {
          c.return = { ...moment(phase.to + 1, r.between(7.5, 8)), by: 'manager', late: false };
        } else {
          const u = r.next();
          if (u < rp.returnForgottenShare) {
            c.return = { ...moment(phase.to + r.int(rp.returnForgottenDays[0], rp.returnForgottenDays[1]), r.between(9, 16)), by: 'manager', late: true };
          } else if (u < rp.returnForgottenShare + rp.returnLateShare) {
            c.return = { ...moment(phase.to + 1 + r.int(rp.returnLateDays[0], rp.returnLateDays[1]), r.between(8, 20)), by: 'self', late: true };
          } else {
            c.return = { ...(r.chance(0.5) ? moment(phase.to, r.between(15, 22)) : moment(phase.to + 1, r.between(6.5, 10))), by: 'self', late: false };
          }
          if (c.return.at <= report.at) c.return = { ...moment(report.day, Math.min(23.9, report.hours + 0.5)), by: 'self', late: c.return.late };
          if (c.return.late) presentUntil(phase.to, c.return);
        }
      }
      if (type === 'sick') planCertificates(c, from, params, r);
      if (first && !late && report.by === 'self' && r.chance(rp.doubleReportShare)) {
        const again = moment(report.day, Math.min(23.9, report.hours + r.between(0.3, 2)));
        newCase('double', c.truth, { ...report, ...again, by: 'manager', channel: 'phone' });
      }
    });
  };

  const planned = (spell: Spell) => {
    const { type, from, to, extent } = { type: spell.type, ...spell.phases[0] };
    const reportDay = Math.max(window.masterDataDay + 1, spell.reportDay ?? from);
    const by: Who = (type === 'parental_leave' || type === 'leave_of_absence') && r.chance(0.3) ? 'hr' : 'self';
    const reportedTo = spell.datesCorrected ? to - 2 : to;
    const c = newCase(spell.cancelled ? 'cancelled' : 'planned', { type, from, to, extent }, {
      ...moment(reportDay, r.between(9, 17)),
      by,
      channel: by === 'hr' ? 'paper' : 'web',
      type,
      from,
      to: reportedTo,
      extent,
    });
    const before = (startDay: Day) => moment(reportDay + 1 + r.int(0, Math.max(0, startDay - reportDay - 2)), r.between(9, 17));
    if (spell.cancelled) c.withdrawal = { ...before(from), by: 'self', reason: 'Planerna ändrades' };
    else if (spell.datesCorrected) c.correction = { ...before(from), field: 'to', reason: 'Förlängd ledighet efter överenskommelse med chefen' };
  };

  for (const spell of life.spells) (spell.planned ? planned : unplanned)(spell);

  for (const day of life.phantomSickDays) {
    const report = moment(day, r.between(6, 7.5));
    const c = newCase('phantom', { type: 'sick', from: day, to: day, extent: 100 }, { ...report, by: 'self', channel: 'mobile', type: 'sick', from: day, to: null, extent: 100 });
    const lateWithdrawal = r.chance(rp.phantomWithdrawnLate);
    c.withdrawal = lateWithdrawal
      ? { ...moment(day + r.int(2, 10), r.between(9, 16)), by: r.chance(0.5) ? 'manager' : 'self', reason: 'Anmäld av misstag, var i tjänst' }
      : { ...moment(day, r.between(8.5, 12)), by: 'self', reason: 'Mådde bättre och gick till jobbet' };
    observe(day, moment(day, r.between(7, 8.4)), 'present', 'timeclock');
    if (lateWithdrawal) presentUntil(day, c.withdrawal);
  }

  const sample = op.presentSamplePerWorkday;
  if (sample > 0) for (const d of life.presentWorkdays()) if (r.chance(sample)) observe(d, moment(d, r.between(6.5, 9)), 'present', 'timeclock');

  return { cases, observations };
}

/** The first report has one field wrong; the correction (later, or after the manager returns it) puts it right. */
function plantError(c: CasePlan, employee: EmployeePlan, r: Random, rp: SimulationParameters['reporting']): void {
  const t = c.truth;
  const options: ErrorField[] = ['extentPercent'];
  if (t.to > t.from) options.push('from');
  if (t.to > t.from && c.report.to !== null) options.push('to');
  if (employee.parent) options.push('type');
  const field = r.pick(options);
  if (field === 'extentPercent') c.report.extent = Math.max(1, Math.round(t.extent / 2));
  if (field === 'from') c.report.from = t.from + 1;
  if (field === 'to') c.report.to = t.to - 1;
  if (field === 'type') c.report.type = t.type === 'sick' ? 'care_of_child' : 'sick';
  const days = r.weighted(rp.errorCorrectedDays);
  const when = days === 0 ? moment(c.report.day, Math.min(23.9, c.report.hours + r.between(1, 6))) : moment(c.report.day + days, r.between(8, 18));
  c.correction = { ...when, field, reason: CORRECTION_REASONS[field] };
}

/** Läkarintyg from day 8 of the sick spell, about four weeks each, while the case runs. */
function planCertificates(c: CasePlan, spellStart: Day, params: SimulationParameters, r: Random): void {
  const s = params.sick;
  let from = Math.max(c.truth.from, spellStart + s.certificateFromDay - 1);
  while (from <= c.truth.to) {
    const to = Math.min(c.truth.to, from + s.certificateDays - 1);
    let when = moment(from + r.int(0, 3), r.between(10, 16));
    if (when.at <= c.report.at) when = moment(c.report.day, Math.min(23.9, c.report.hours + 1));
    c.certificates.push({ ...when, by: r.chance(0.7) ? 'self' : 'hr', from, to });
    from = to + 1;
  }
}

function firstWorkdayIn(from: Day, to: Day): Day | undefined {
  for (let d = from; d <= to; d++) if (isWorkday(d)) return d;
  return undefined;
}
