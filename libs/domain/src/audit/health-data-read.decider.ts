import type { AbsenceType } from '../absence/absence-types';
import type { Actor } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';

/**
 * Absence types that are health data (GDPR art. 9): the fact that a person is sick is itself
 * health data, even without a diagnosis.
 */
export const HEALTH_DATA_TYPES: readonly AbsenceType[] = ['sick', 'work_injury', 'pregnancy_benefit', 'care_of_relative'];

export const isHealthData = (type: AbsenceType): boolean => HEALTH_DATA_TYPES.includes(type);

/** What was read: one case, its history, a list of an employee's cases, or a department's lists. */
export type HealthDataReadKind = 'absence' | 'history' | 'employee_absences' | 'pending_attestations' | 'discrepancies' | 'personal_data_copy';

/**
 * One part of a stream name made safe: letters, digits, '.', '_' and '-' stay; every other
 * character (of a token claim, say) becomes `~` and its UTF-8 bytes in hex, and `~` itself is
 * escaped, so two different values never give the same name.
 */
export function streamNamePart(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/gu, (ch) => `~${[...new TextEncoder().encode(ch)].map((b) => b.toString(16).padStart(2, '0')).join('')}~`);
}

/**
 * Stream `health-data-reads-<YYYY-MM>-<employeeId>`: who read this person's health data in that
 * month (the access log, registerutdrag's "who has seen my data"). One stream per person and month
 * keeps each append's read of its stream short.
 */
export const healthDataReadsStreamId = (employeeId: string, month: string) => `health-data-reads-${month}-${streamNamePart(employeeId)}`;

export interface RecordHealthDataRead {
  employeeId: string;
  what: HealthDataReadKind;
  absenceId: string | null;
  departmentId: string | null;
  asOf: string | null;
}

export type HealthDataRead = DomainEvent<'HealthDataRead', RecordHealthDataRead & { reader: Actor }>;

export const healthDataReadDecider: Decider<RecordHealthDataRead, { reads: number }, HealthDataRead, { actor: Actor }> = {
  initialState: { reads: 0 },
  decide: (command, _state, { actor }) => [{ type: 'HealthDataRead', data: { ...command, reader: { sub: actor.sub, roles: [...actor.roles] } } }],
  evolve: (state) => ({ reads: state.reads + 1 }),
};
