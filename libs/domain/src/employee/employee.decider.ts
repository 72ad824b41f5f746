import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import type { IsoDate } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden, ruleBroken } from '../shared/errors';
import { streamIds } from '../shared/stream-ids';

/** Stream `employee-<employeeId>`: master data and the employment history (anställning). */
const EMPLOYEE_STREAMS = streamIds('employee-');
export const employeeStreamId = (employeeId: string): string => EMPLOYEE_STREAMS.streamIdOf(employeeId);
/** The employeeId of a `employee-…` stream id. */
export const employeeIdOfStream = (streamId: string): string => EMPLOYEE_STREAMS.idOf(streamId);

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export interface Employment {
  effectiveFrom: IsoDate;
  departmentId: string;
  employmentPercent: number;
  weeklyHours: number;
}

/** The employment as of `effectiveFrom`; earlier history is kept, a record for the same date replaces it. */
export type EmploymentRecorded = DomainEvent<
  'EmploymentRecorded',
  Employment & {
    employeeId: string;
    gender: Gender;
    birthYear: number;
    personalIdentityNumber: string | null;
    /** Absent in events recorded before names were kept: read as null. */
    name?: string | null;
    email?: string | null;
  }
>;
export type EmployeeEvent = EmploymentRecorded;

/**
 * A PUT of master data. For `name`, `email` and `personalIdentityNumber`, `undefined` (left out of
 * the request) keeps what is recorded and `null` clears it.
 */
export interface RecordEmployment extends Employment {
  employeeId: string;
  gender: Gender;
  birthYear: number;
  personalIdentityNumber?: string | null;
  name?: string | null;
  email?: string | null;
}

export interface EmployeeState {
  exists: boolean;
  employeeId: string;
  gender: Gender;
  birthYear: number;
  personalIdentityNumber: string | null;
  name: string | null;
  email: string | null;
  /** Sorted by effectiveFrom, one per date. */
  employments: Employment[];
}

export interface EmployeeContext {
  actor: Actor;
  /** Whether the department named in the command is known to the ledger. */
  departmentExists: boolean;
}

export const employeeDecider: Decider<RecordEmployment, EmployeeState, EmployeeEvent, EmployeeContext> = {
  initialState: {
    exists: false,
    employeeId: '',
    gender: 'unknown',
    birthYear: 0,
    personalIdentityNumber: null,
    name: null,
    email: null,
    employments: [],
  },
  decide(command, state, { actor, departmentExists }) {
    if (!hasRole(actor, 'hr', 'integration')) throw forbidden('only hr and integrations keep employees');
    if (!departmentExists) throw ruleBroken('departmentId', `department ${command.departmentId} is not known to the ledger`);
    const current = state.employments.find((e) => e.effectiveFrom === command.effectiveFrom);
    // Left out keeps, null clears.
    const personalIdentityNumber = command.personalIdentityNumber === undefined ? state.personalIdentityNumber : command.personalIdentityNumber;
    const name = command.name === undefined ? state.name : command.name;
    const email = command.email === undefined ? state.email : command.email;
    const unchanged =
      state.exists &&
      current !== undefined &&
      current.departmentId === command.departmentId &&
      current.employmentPercent === command.employmentPercent &&
      current.weeklyHours === command.weeklyHours &&
      state.gender === command.gender &&
      state.birthYear === command.birthYear &&
      state.personalIdentityNumber === personalIdentityNumber &&
      state.name === name &&
      state.email === email;
    if (unchanged) return [];
    return [
      {
        type: 'EmploymentRecorded',
        data: {
          employeeId: command.employeeId,
          departmentId: command.departmentId,
          employmentPercent: command.employmentPercent,
          weeklyHours: command.weeklyHours,
          effectiveFrom: command.effectiveFrom,
          gender: command.gender,
          birthYear: command.birthYear,
          personalIdentityNumber,
          name,
          email,
        },
      },
    ];
  },
  evolve(state, event) {
    const d = event.data;
    const employment: Employment = {
      effectiveFrom: d.effectiveFrom,
      departmentId: d.departmentId,
      employmentPercent: d.employmentPercent,
      weeklyHours: d.weeklyHours,
    };
    const employments = [...state.employments.filter((e) => e.effectiveFrom !== d.effectiveFrom), employment].sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : 1,
    );
    return {
      exists: true,
      employeeId: d.employeeId,
      gender: d.gender,
      birthYear: d.birthYear,
      personalIdentityNumber: d.personalIdentityNumber,
      name: d.name ?? null,
      email: d.email ?? null,
      employments,
    };
  },
};

/** The employment in force on a date; before the first record, the first one (an absence reported early still belongs somewhere). */
export function employmentOnDate(employments: readonly Employment[], date: IsoDate): Employment | undefined {
  let found: Employment | undefined;
  for (const e of employments) if (e.effectiveFrom <= date) found = e;
  return found ?? employments[0];
}
