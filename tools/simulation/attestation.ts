import { Day, addMonths, firstDayOfMonth, isWorkday, monthOf, weekdayOf, workdayOnOrAfter } from './days';
import type { Organisation, Window } from './organisation';
import type { SimulationParameters } from './parameters';
import type { Random } from './random';
import { Moment, moment } from './reporting';

/** A manager sits down to attest their department's pending cases (beslutsattest). */
export interface AttestationRound extends Moment {
  managerId: string;
  departmentId: string;
  /** The monthly round for the payroll cut-off, on time or late (the others are weekly habits). */
  kind: 'weekly' | 'cutoff' | 'late';
}

/**
 * Each manager has a weekday for attesting that they keep most weeks (a slow manager seldom), plus
 * the monthly round before the payroll cut-off on the 10th, which some hold late and a few skip. A
 * manager who is away that day holds no round.
 */
export function planAttestationRounds(
  org: Organisation,
  window: Window,
  awayDays: ReadonlyMap<string, ReadonlySet<Day>>,
  params: SimulationParameters,
  rng: Random,
): Map<Day, AttestationRound[]> {
  const a = params.attestation;
  const rounds = new Map<Day, AttestationRound[]>();
  const add = (round: AttestationRound) => {
    if (round.day < window.startDay || round.day > window.endDay) return;
    if (!isWorkday(round.day) || awayDays.get(round.managerId)?.has(round.day)) return;
    const list = rounds.get(round.day) ?? [];
    list.push(round);
    rounds.set(round.day, list);
  };
  for (const dept of org.departments) {
    for (const managerId of dept.managerIds) {
      const r = rng.fork(`${managerId}/attestation`);
      const weekday = r.int(1, 5);
      const weekly = r.chance(a.slowManagerShare) ? a.slowWeeklySessionChance : a.weeklySessionChance;
      for (let d = window.startDay; d <= window.endDay; d++) {
        if (weekdayOf(d) === weekday && r.chance(weekly)) {
          add({ ...moment(d, r.between(a.sessionHours[0], a.sessionHours[1])), managerId, departmentId: dept.id, kind: 'weekly' });
        }
      }
      // The round for each month (the month before the start too) in the following month.
      for (let m = addMonths(monthOf(window.startDay), -1); firstDayOfMonth(m) <= window.endDay; m = addMonths(m, 1)) {
        const next = firstDayOfMonth(addMonths(m, 1));
        const outcome = r.weighted(a.monthlyRound);
        if (outcome === 'skipped') continue;
        const day = workdayOnOrAfter(outcome === 'on_time' ? next + r.int(0, a.cutoffDay - 3) : next + r.int(a.cutoffDay, 24));
        add({ ...moment(day, r.between(a.sessionHours[0], a.sessionHours[1])), managerId, departmentId: dept.id, kind: outcome === 'on_time' ? 'cutoff' : 'late' });
      }
    }
  }
  return rounds;
}
