import type { Actor } from '../shared/actor';
import type { Employment } from '../employee/employee.decider';
import type { AttesterCapacity } from '../attestation/who-attests';
import { given, recordedBy } from '../testing/given-when-then';
import {
  absenceDecider,
  AbsenceContext,
  AbsenceState,
  awaitsAttestation,
  CorrectAbsence,
  ReportAbsence,
} from './absence.decider';
import type {
  AbsenceAttested,
  AbsenceCorrected,
  AbsenceEvent,
  AbsenceRejected,
  AbsenceReported,
  AbsenceWithdrawn,
  MedicalCertificateRegistered,
  ReturnReported,
} from './absence.events';
import type { ActiveAbsence } from './extent-overlap';

// ---------------------------------------------------------------- fixtures

/** Tuesday 10 March 2026, 09:00 in Stockholm (CET). */
const NOW = new Date('2026-03-10T08:00:00Z');
const TODAY = '2026-03-10';

const EVA: Actor = { sub: 'emp-eva', roles: ['employee'] };
const OLLE: Actor = { sub: 'emp-olle', roles: ['employee'] };
/** Manager of dept-care (Eva's department until the transfer, Anna's own department). */
const ANNA: Actor = { sub: 'mgr-anna', roles: ['employee', 'manager'] };
/** Manager of dept-school. */
const BO: Actor = { sub: 'mgr-bo', roles: ['employee', 'manager'] };
const HR: Actor = { sub: 'hr-hanna', roles: ['hr'] };
const INTEGRATION: Actor = { sub: 'hr-sync', roles: ['integration'] };
const PAYROLL: Actor = { sub: 'payroll-run', roles: ['payroll'] };

const MANAGERS: AbsenceContext['managersByDepartment'] = {
  'dept-care': ['mgr-anna'],
  'dept-school': ['mgr-bo'],
};

/** Eva works in dept-care. */
const EVA_EMPLOYMENTS: Employment[] = [{ effectiveFrom: '2020-01-01', departmentId: 'dept-care', employmentPercent: 100, weeklyHours: 40 }];
/** Eva moved from dept-care to dept-school on 1 March 2026. */
const EVA_TRANSFERRED: Employment[] = [
  ...EVA_EMPLOYMENTS,
  { effectiveFrom: '2026-03-01', departmentId: 'dept-school', employmentPercent: 80, weeklyHours: 40 },
];

function context(overrides: Partial<AbsenceContext> = {}): AbsenceContext {
  return {
    now: NOW,
    actor: EVA,
    employments: EVA_EMPLOYMENTS,
    managersByDepartment: MANAGERS,
    otherActiveAbsences: [],
    ...overrides,
  };
}

function reportCommand(overrides: Partial<ReportAbsence> = {}): ReportAbsence {
  return {
    kind: 'report',
    absenceId: 'abs-1',
    employeeId: 'emp-eva',
    type: 'sick',
    from: '2026-03-09',
    to: null,
    extentPercent: 100,
    channel: 'web',
    comment: null,
    ...overrides,
  };
}

function reported(overrides: Partial<AbsenceReported['data']> = {}): AbsenceReported {
  return {
    type: 'AbsenceReported',
    data: {
      absenceId: 'abs-1',
      employeeId: 'emp-eva',
      departmentId: 'dept-care',
      type: 'sick',
      from: '2026-03-09',
      to: null,
      extentPercent: 100,
      channel: 'web',
      comment: null,
      ...overrides,
    },
  };
}

/** A closed sick case, 2–6 March (Mon–Fri). */
const closedSick = (overrides: Partial<AbsenceReported['data']> = {}) => reported({ from: '2026-03-02', to: '2026-03-06', ...overrides });

const returned = (lastDay: string): ReturnReported => ({ type: 'ReturnReported', data: { lastDay } });
const corrected = (data: AbsenceCorrected['data']): AbsenceCorrected => ({ type: 'AbsenceCorrected', data });
const withdrawn = (reason = 'reported by mistake'): AbsenceWithdrawn => ({ type: 'AbsenceWithdrawn', data: { reason } });
const attested = (attestedVersion: number, capacity: AttesterCapacity = 'manager'): AbsenceAttested => ({
  type: 'AbsenceAttested',
  data: { attestedVersion, capacity },
});
const rejected = (rejectedVersion: number, reason = 'wrong dates', capacity: AttesterCapacity = 'manager'): AbsenceRejected => ({
  type: 'AbsenceRejected',
  data: { rejectedVersion, reason, capacity },
});
const certificate = (from: string, to: string, extentPercent = 100): MedicalCertificateRegistered => ({
  type: 'MedicalCertificateRegistered',
  data: { from, to, extentPercent },
});
/** Attested by Anna, the manager of dept-care. */
const attestedByAnna = (attestedVersion: number) => recordedBy<AbsenceEvent>(ANNA, attested(attestedVersion));

const other = (absenceId: string, from: string, to: string | null, extentPercent: number): ActiveAbsence => ({
  absenceId,
  from,
  to,
  extentPercent,
});

const correction = (overrides: Partial<CorrectAbsence>): CorrectAbsence => ({ kind: 'correct', reason: 'fixing the dates', ...overrides });

// ---------------------------------------------------------------- report

describe('absence decider: report', () => {
  it('records an employee reporting their own sick leave, with the department of the employment on `from`', () => {
    const state = given(absenceDecider, [], context())
      .when(reportCommand())
      .then([reported()]);

    expect(state).toMatchObject<Partial<AbsenceState>>({
      exists: true,
      absenceId: 'abs-1',
      employeeId: 'emp-eva',
      departmentId: 'dept-care',
      status: 'reported',
      version: 0,
      reportedAt: NOW.toISOString(),
      reportedBy: 'emp-eva',
      attestedVersion: null,
      withdrawn: false,
    });
    expect(awaitsAttestation(state)).toBe(true);
  });

  it('takes the department from the employment in force on `from`, not the current one', () => {
    given(absenceDecider, [], context({ employments: EVA_TRANSFERRED }))
      .when(reportCommand({ from: '2026-02-26', to: '2026-03-03' }))
      .then([reported({ from: '2026-02-26', to: '2026-03-03', departmentId: 'dept-care' })]);

    given(absenceDecider, [], context({ employments: EVA_TRANSFERRED }))
      .when(reportCommand({ from: '2026-03-02', to: '2026-03-03' }))
      .then([reported({ from: '2026-03-02', to: '2026-03-03', departmentId: 'dept-school' })]);
  });

  it('places an absence before the first employment record in the first department', () => {
    given(absenceDecider, [], context({ employments: EVA_TRANSFERRED }))
      .when(reportCommand({ type: 'vacation', from: '2019-07-01', to: '2019-07-05' }))
      .then([reported({ type: 'vacation', from: '2019-07-01', to: '2019-07-05', departmentId: 'dept-care' })]);
  });

  it('answers not_found for an employee the ledger does not know', () => {
    given(absenceDecider, [], context({ employments: undefined, actor: HR }))
      .when(reportCommand({ employeeId: 'emp-nobody' }))
      .thenThrows('not_found', /emp-nobody/);
    given(absenceDecider, [], context({ employments: [], actor: HR }))
      .when(reportCommand({ employeeId: 'emp-nobody' }))
      .thenThrows('not_found', /emp-nobody/);
  });

  it('answers not_found for an unknown employee before checking who asks', () => {
    given(absenceDecider, [], context({ employments: undefined, actor: OLLE }))
      .when(reportCommand({ employeeId: 'emp-nobody' }))
      .thenThrows('not_found');
  });

  it('forbids an employee to report for another employee', () => {
    given(absenceDecider, [], context({ actor: OLLE }))
      .when(reportCommand())
      .thenThrows('forbidden', /own absence/);
  });

  it('lets a manager of the employee’s department report for them', () => {
    const state = given(absenceDecider, [], context({ actor: ANNA }))
      .when(reportCommand({ channel: 'phone' }))
      .then([reported({ channel: 'phone' })]);
    expect(state.reportedBy).toBe('mgr-anna');
  });

  it('lets a manager of the employee’s current department report an absence from before the transfer', () => {
    given(absenceDecider, [], context({ actor: BO, employments: EVA_TRANSFERRED }))
      .when(reportCommand({ from: '2026-02-26', to: '2026-02-27' }))
      .then([reported({ from: '2026-02-26', to: '2026-02-27', departmentId: 'dept-care' })]);
  });

  it('does not count a transfer that has not taken effect yet as the employee’s current department', () => {
    // Eva moves to dept-school on 1 June; on 10 March she is in dept-care, and so is her absence on 9 March.
    // Bo manages dept-school only, so Eva is not (yet) his staff (docs/http-api.md: manager, own departments).
    const futureTransfer: Employment[] = [
      ...EVA_EMPLOYMENTS,
      { effectiveFrom: '2026-06-01', departmentId: 'dept-school', employmentPercent: 100, weeklyHours: 40 },
    ];
    given(absenceDecider, [], context({ actor: BO, employments: futureTransfer }))
      .when(reportCommand({ from: '2026-03-09' }))
      .thenThrows('forbidden');
  });

  it('forbids a manager of another department', () => {
    given(absenceDecider, [], context({ actor: BO }))
      .when(reportCommand())
      .thenThrows('forbidden');
    // After the transfer, Anna no longer manages Eva: neither the case's department nor the current one is hers.
    given(absenceDecider, [], context({ actor: ANNA, employments: EVA_TRANSFERRED }))
      .when(reportCommand({ from: '2026-03-09' }))
      .thenThrows('forbidden');
  });

  it('forbids roles that do not report absence (integration, payroll)', () => {
    given(absenceDecider, [], context({ actor: INTEGRATION }))
      .when(reportCommand())
      .thenThrows('forbidden');
    given(absenceDecider, [], context({ actor: PAYROLL }))
      .when(reportCommand())
      .thenThrows('forbidden');
  });

  it('lets hr report for anyone', () => {
    given(absenceDecider, [], context({ actor: HR }))
      .when(reportCommand({ channel: 'paper', comment: 'called in' }))
      .then([reported({ channel: 'paper', comment: 'called in' })]);
  });

  it('accepts sick leave and VAB starting 1 day ahead, and refuses 2 days ahead (rule, field from)', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ from: '2026-03-11' }))
      .then([reported({ from: '2026-03-11' })]);
    given(absenceDecider, [], context())
      .when(reportCommand({ from: '2026-03-12' }))
      .thenThrows('rule', /at most 1 day/, { field: 'from' });
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'care_of_child', from: '2026-03-11' }))
      .then([reported({ type: 'care_of_child', from: '2026-03-11' })]);
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'care_of_child', from: '2026-03-12' }))
      .thenThrows('rule', undefined, { field: 'from' });
  });

  it('counts days ahead from the calendar date in Stockholm, not in UTC', () => {
    // 23:30 UTC on 10 March is 00:30 on 11 March in Stockholm: 12 March is then 1 day ahead.
    const lateEvening = new Date('2026-03-10T23:30:00Z');
    given(absenceDecider, [], context({ now: lateEvening }))
      .when(reportCommand({ from: '2026-03-12' }))
      .then([reported({ from: '2026-03-12' })]);
    // 22:30 UTC on 10 March is still 23:30 on 10 March in Stockholm.
    given(absenceDecider, [], context({ now: new Date('2026-03-10T22:30:00Z') }))
      .when(reportCommand({ from: '2026-03-12' }))
      .thenThrows('rule', undefined, { field: 'from' });
  });

  it('accepts a vacation planned 200 days ahead, and refuses one beyond the planning horizon', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'vacation', from: '2026-09-26', to: '2026-10-02' }))
      .then([reported({ type: 'vacation', from: '2026-09-26', to: '2026-10-02' })]);
    // 730 days ahead is the limit.
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'vacation', from: '2028-03-09', to: '2028-03-10' }))
      .then([reported({ type: 'vacation', from: '2028-03-09', to: '2028-03-10' })]);
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'vacation', from: '2028-03-10', to: '2028-03-11' }))
      .thenThrows('rule', /730/, { field: 'from' });
  });

  it('always accepts past dates: a late report is what must be captured', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ from: '2025-11-03', to: '2025-11-07' }))
      .then([reported({ from: '2025-11-03', to: '2025-11-07' })]);
  });

  it('refuses dates before 2000-01-01 (validation, field from)', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ from: '1999-12-31', to: '2000-01-02' }))
      .thenThrows('validation', undefined, { field: 'from' });
  });

  it('refuses an open-ended vacation (rule, field to) and accepts open-ended sick leave and VAB', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'vacation', from: '2026-06-01', to: null }))
      .thenThrows('rule', /without a last day/, { field: 'to' });
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'parental_leave', from: '2026-06-01', to: null }))
      .thenThrows('rule', undefined, { field: 'to' });
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'sick', to: null }))
      .then([reported({ type: 'sick', to: null })]);
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'care_of_child', to: null }))
      .then([reported({ type: 'care_of_child', to: null })]);
  });

  it('refuses to before from (validation, field to) and accepts a one-day absence', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ from: '2026-03-09', to: '2026-03-08' }))
      .thenThrows('validation', /before from/, { field: 'to' });
    given(absenceDecider, [], context())
      .when(reportCommand({ from: '2026-03-09', to: '2026-03-09' }))
      .then([reported({ from: '2026-03-09', to: '2026-03-09' })]);
  });

  it('refuses a case spanning more than 3660 days (validation, field to)', () => {
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'leave_of_absence', from: '2020-01-01', to: '2030-01-09' }))
      .thenThrows('validation', /3660/, { field: 'to' });
    // 2020-01-01 + 3660 days (three leap days on the way) is 2030-01-08.
    given(absenceDecider, [], context())
      .when(reportCommand({ type: 'leave_of_absence', from: '2020-01-01', to: '2030-01-08' }))
      .then([reported({ type: 'leave_of_absence', from: '2020-01-01', to: '2030-01-08' })]);
  });

  it('refuses 60 % on top of 50 % on a shared day (conflict naming the other absence)', () => {
    const ctx = context({ otherActiveAbsences: [other('abs-other', '2026-03-06', '2026-03-09', 50)] });
    given(absenceDecider, [], ctx)
      .when(reportCommand({ from: '2026-03-09', to: '2026-03-13', extentPercent: 60 }))
      .thenThrows('conflict', /abs-other/, { details: { overlappingAbsenceIds: ['abs-other'] } });
  });

  it('accepts 50 % on top of 50 %', () => {
    const ctx = context({ otherActiveAbsences: [other('abs-other', '2026-03-06', '2026-03-09', 50)] });
    given(absenceDecider, [], ctx)
      .when(reportCommand({ from: '2026-03-09', to: '2026-03-13', extentPercent: 50 }))
      .then([reported({ from: '2026-03-09', to: '2026-03-13', extentPercent: 50 })]);
  });

  it('accepts a full-day absence right after another one ends', () => {
    const ctx = context({ otherActiveAbsences: [other('abs-other', '2026-03-02', '2026-03-08', 100)] });
    given(absenceDecider, [], ctx)
      .when(reportCommand({ from: '2026-03-09', to: '2026-03-13' }))
      .then([reported({ from: '2026-03-09', to: '2026-03-13' })]);
  });

  it('refuses a future vacation that an open-ended sick leave already covers', () => {
    const ctx = context({ otherActiveAbsences: [other('abs-sick', '2026-03-02', null, 100)] });
    given(absenceDecider, [], ctx)
      .when(reportCommand({ type: 'vacation', from: '2026-07-06', to: '2026-07-31' }))
      .thenThrows('conflict', /abs-sick/, { details: { overlappingAbsenceIds: ['abs-sick'] } });
  });

  it('refuses an open-ended sick leave overlapping a future-dated vacation', () => {
    const ctx = context({ otherActiveAbsences: [other('abs-vacation', '2026-07-06', '2026-07-31', 100)] });
    given(absenceDecider, [], ctx)
      .when(reportCommand({ from: '2026-03-09', to: null, extentPercent: 25 }))
      .thenThrows('conflict', undefined, { details: { overlappingAbsenceIds: ['abs-vacation'] } });
  });

  it('refuses a report on a case that already exists (conflict)', () => {
    given(absenceDecider, [reported()], context())
      .when(reportCommand({ from: '2026-03-10' }))
      .thenThrows('conflict', /abs-1 already exists/);
  });
});

// ---------------------------------------------------------------- return (friskanmälan)

describe('absence decider: return', () => {
  it('sets the last day of an open-ended case', () => {
    const state = given(absenceDecider, [reported({ from: '2026-03-02' })], context())
      .when({ kind: 'return', lastDay: '2026-03-06' })
      .then([returned('2026-03-06')]);
    expect(state).toMatchObject<Partial<AbsenceState>>({
      to: '2026-03-06',
      returnReportedAt: NOW.toISOString(),
      status: 'reported',
      version: 1,
    });
  });

  it('accepts lastDay equal to from, and a return one day ahead (back the day after tomorrow)', () => {
    given(absenceDecider, [reported({ from: '2026-03-09' })], context())
      .when({ kind: 'return', lastDay: '2026-03-09' })
      .then([returned('2026-03-09')]);
    given(absenceDecider, [reported({ from: '2026-03-09' })], context())
      .when({ kind: 'return', lastDay: '2026-03-11' })
      .then([returned('2026-03-11')]);
  });

  it('refuses a last day more than 1 day ahead (rule, field lastDay)', () => {
    given(absenceDecider, [reported({ from: '2026-03-09' })], context())
      .when({ kind: 'return', lastDay: '2026-03-12' })
      .thenThrows('rule', undefined, { field: 'lastDay' });
  });

  it('lets the manager of the department and hr report the return; forbids another employee', () => {
    given(absenceDecider, [reported()], context({ actor: ANNA }))
      .when({ kind: 'return', lastDay: TODAY })
      .then([returned(TODAY)]);
    given(absenceDecider, [reported()], context({ actor: HR }))
      .when({ kind: 'return', lastDay: TODAY })
      .then([returned(TODAY)]);
    given(absenceDecider, [reported()], context({ actor: OLLE }))
      .when({ kind: 'return', lastDay: TODAY })
      .thenThrows('forbidden');
    given(absenceDecider, [reported()], context({ actor: BO }))
      .when({ kind: 'return', lastDay: TODAY })
      .thenThrows('forbidden');
  });

  it('refuses a return on a case that already has a last day (conflict)', () => {
    given(absenceDecider, [closedSick()], context())
      .when({ kind: 'return', lastDay: '2026-03-05' })
      .thenThrows('conflict', /already has a last day \(2026-03-06\)/);
    given(absenceDecider, [reported({ from: '2026-03-02' }), returned('2026-03-04')], context())
      .when({ kind: 'return', lastDay: '2026-03-05' })
      .thenThrows('conflict', /already has a last day/);
  });

  it('refuses a last day before the first absence day (validation, field lastDay)', () => {
    given(absenceDecider, [reported({ from: '2026-03-09' })], context())
      .when({ kind: 'return', lastDay: '2026-03-08' })
      .thenThrows('validation', /2026-03-09/, { field: 'lastDay' });
  });

  it('refuses a return on a withdrawn case (conflict)', () => {
    given(absenceDecider, [reported(), withdrawn()], context())
      .when({ kind: 'return', lastDay: TODAY })
      .thenThrows('conflict', /withdrawn/);
  });

  it('answers not_found for a case that does not exist', () => {
    given(absenceDecider, [], context())
      .when({ kind: 'return', lastDay: TODAY })
      .thenThrows('not_found');
  });

  it('puts an attested case back to reported, keeping the attested version', () => {
    const state = given(absenceDecider, [reported({ from: '2026-03-02' }), attestedByAnna(0)], context())
      .when({ kind: 'return', lastDay: '2026-03-06' })
      .then([returned('2026-03-06')]);
    expect(state).toMatchObject<Partial<AbsenceState>>({
      status: 'reported',
      version: 2,
      attestedVersion: 0,
      attestedBy: 'mgr-anna',
    });
    expect(awaitsAttestation(state)).toBe(true);
  });

  it('puts a rejected case back to reported', () => {
    const state = given(absenceDecider, [reported({ from: '2026-03-02' }), recordedBy<AbsenceEvent>(ANNA, rejected(0))], context())
      .when({ kind: 'return', lastDay: '2026-03-06' })
      .then([returned('2026-03-06')]);
    expect(state.status).toBe('reported');
  });
});

// ---------------------------------------------------------------- correct

describe('absence decider: correct', () => {
  it('records only the fields that differ', () => {
    given(absenceDecider, [closedSick()], context())
      .when(correction({ type: 'sick', from: '2026-03-02', to: '2026-03-05', extentPercent: 100, reason: 'back on Friday' }))
      .then([corrected({ reason: 'back on Friday', to: '2026-03-05' })]);
  });

  it('applies the changes to the state', () => {
    const state = given(absenceDecider, [closedSick()], context())
      .when(correction({ type: 'care_of_child', extentPercent: 50 }))
      .then([corrected({ reason: 'fixing the dates', type: 'care_of_child', extentPercent: 50 })]);
    expect(state).toMatchObject<Partial<AbsenceState>>({
      type: 'care_of_child',
      from: '2026-03-02',
      to: '2026-03-06',
      extentPercent: 50,
      status: 'reported',
      version: 1,
    });
  });

  it('sets the last day of an open-ended case', () => {
    given(absenceDecider, [reported({ from: '2026-03-02' })], context())
      .when(correction({ to: '2026-03-04' }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-04' })]);
  });

  it('refuses a correction that changes nothing (rule)', () => {
    given(absenceDecider, [closedSick()], context())
      .when(correction({ type: 'sick', from: '2026-03-02', to: '2026-03-06', extentPercent: 100 }))
      .thenThrows('rule', /changes nothing/);
    given(absenceDecider, [closedSick()], context())
      .when(correction({}))
      .thenThrows('rule', /changes nothing/);
  });

  it('refuses a stale expectedVersion (conflict, with the current version)', () => {
    given(absenceDecider, [closedSick(), returned('2026-03-06')], context())
      .when(correction({ to: '2026-03-05', expectedVersion: 0 }))
      .thenThrows('conflict', /expectedVersion 0/, { details: { currentVersion: 1 } });
  });

  it('accepts the current expectedVersion', () => {
    given(absenceDecider, [closedSick(), attestedByAnna(0)], context())
      .when(correction({ to: '2026-03-05', expectedVersion: 1 }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-05' })]);
  });

  it('puts an attested case back to reported and keeps the attested version', () => {
    const state = given(absenceDecider, [closedSick(), attestedByAnna(0)], context())
      .when(correction({ extentPercent: 50 }))
      .then([corrected({ reason: 'fixing the dates', extentPercent: 50 })]);
    expect(state).toMatchObject<Partial<AbsenceState>>({
      status: 'reported',
      version: 2,
      attestedVersion: 0,
      attestedBy: 'mgr-anna',
    });
    expect(awaitsAttestation(state)).toBe(true);
  });

  it('puts a rejected case back to reported', () => {
    const state = given(absenceDecider, [closedSick(), recordedBy<AbsenceEvent>(ANNA, rejected(0))], context())
      .when(correction({ from: '2026-03-03' }))
      .then([corrected({ reason: 'fixing the dates', from: '2026-03-03' })]);
    expect(state.status).toBe('reported');
  });

  it('moves the case to the department of the employment on the new `from`', () => {
    const ctx = context({ employments: EVA_TRANSFERRED });
    const events = [closedSick({ departmentId: 'dept-school' })];
    const state = given(absenceDecider, events, ctx)
      .when(correction({ from: '2026-02-26' }))
      .then([corrected({ reason: 'fixing the dates', from: '2026-02-26', departmentId: 'dept-care' })]);
    expect(state.departmentId).toBe('dept-care');

    // A new `from` within the same employment does not name a department.
    given(absenceDecider, events, ctx)
      .when(correction({ from: '2026-03-03' }))
      .then([corrected({ reason: 'fixing the dates', from: '2026-03-03' })]);
  });

  it('leaves the department alone when `from` does not change', () => {
    given(absenceDecider, [closedSick({ from: '2026-02-26', departmentId: 'dept-care' })], context({ employments: EVA_TRANSFERRED }))
      .when(correction({ to: '2026-03-04' }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-04' })]);
  });

  it('leaves the case itself out of the overlap check', () => {
    // The employee's active absences, as the index lists them, include this very case.
    const ctx = context({
      otherActiveAbsences: [other('abs-1', '2026-03-02', '2026-03-06', 100), other('abs-2', '2026-03-09', '2026-03-13', 50)],
    });
    given(absenceDecider, [closedSick()], ctx)
      .when(correction({ to: '2026-03-08' }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-08' })]);
    given(absenceDecider, [closedSick()], ctx)
      .when(correction({ to: '2026-03-09', extentPercent: 50 }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-09', extentPercent: 50 })]);
  });

  it('refuses a correction that would overlap another absence above 100 % (conflict)', () => {
    const ctx = context({
      otherActiveAbsences: [other('abs-1', '2026-03-02', '2026-03-06', 100), other('abs-2', '2026-03-09', '2026-03-13', 50)],
    });
    given(absenceDecider, [closedSick()], ctx)
      .when(correction({ to: '2026-03-09' }))
      .thenThrows('conflict', /abs-2/, { details: { overlappingAbsenceIds: ['abs-2'] } });
  });

  it('refuses a correction that puts `to` before `from` (validation, field to)', () => {
    given(absenceDecider, [closedSick()], context())
      .when(correction({ to: '2026-03-01' }))
      .thenThrows('validation', undefined, { field: 'to' });
    given(absenceDecider, [closedSick()], context())
      .when(correction({ from: '2026-03-07' }))
      .thenThrows('validation', undefined, { field: 'to' });
  });

  it('refuses turning an open-ended sick leave into a vacation without a last day (rule, field to)', () => {
    given(absenceDecider, [reported({ from: '2026-03-02' })], context())
      .when(correction({ type: 'vacation' }))
      .thenThrows('rule', undefined, { field: 'to' });
  });

  it('holds a new `from` to the notice rule (rule, field from)', () => {
    given(absenceDecider, [reported({ from: '2026-03-09' })], context())
      .when(correction({ from: '2026-03-11' }))
      .then([corrected({ reason: 'fixing the dates', from: '2026-03-11' })]);
    given(absenceDecider, [reported({ from: '2026-03-09' })], context())
      .when(correction({ from: '2026-03-12' }))
      .thenThrows('rule', undefined, { field: 'from' });
  });

  it('does not re-check the notice rule for an unchanged start date of the same type', () => {
    given(absenceDecider, [reported({ type: 'vacation', from: '2026-09-28', to: '2026-10-02' })], context())
      .when(correction({ to: '2026-10-09' }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-10-09' })]);
  });

  it('refuses turning a vacation 200 days ahead into sick leave (sick may start at most 1 day ahead)', () => {
    // docs/http-api.md "Absence commands": sick and care_of_child may start at most 1 day ahead. Keeping `from` must not
    // let a type change bypass that.
    given(absenceDecider, [reported({ type: 'vacation', from: '2026-09-28', to: '2026-10-02' })], context())
      .when(correction({ type: 'sick' }))
      .thenThrows('rule', undefined, { field: 'from' });
  });

  it('refuses a correction of a withdrawn case (conflict)', () => {
    given(absenceDecider, [closedSick(), withdrawn()], context())
      .when(correction({ to: '2026-03-05' }))
      .thenThrows('conflict', /withdrawn/);
  });

  it('lets the manager and hr correct; forbids another employee and a manager of another department', () => {
    given(absenceDecider, [closedSick()], context({ actor: ANNA }))
      .when(correction({ to: '2026-03-05' }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-05' })]);
    given(absenceDecider, [closedSick()], context({ actor: HR }))
      .when(correction({ to: '2026-03-05' }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-05' })]);
    given(absenceDecider, [closedSick()], context({ actor: OLLE }))
      .when(correction({ to: '2026-03-05' }))
      .thenThrows('forbidden');
    given(absenceDecider, [closedSick()], context({ actor: BO }))
      .when(correction({ to: '2026-03-05' }))
      .thenThrows('forbidden');
  });

  it('answers not_found for a case that does not exist', () => {
    given(absenceDecider, [], context())
      .when(correction({ to: '2026-03-05' }))
      .thenThrows('not_found');
  });
});

// ---------------------------------------------------------------- withdraw

describe('absence decider: withdraw', () => {
  it('withdraws a case', () => {
    const state = given(absenceDecider, [closedSick()], context())
      .when({ kind: 'withdraw', reason: 'reported by mistake' })
      .then([withdrawn('reported by mistake')]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ withdrawn: true, status: 'withdrawn', version: 1 });
    expect(awaitsAttestation(state)).toBe(false);
  });

  it('withdraws an attested case, which then awaits the attestation of the withdrawal', () => {
    const state = given(absenceDecider, [closedSick(), attestedByAnna(0)], context())
      .when({ kind: 'withdraw', reason: 'was at work after all', expectedVersion: 1 })
      .then([withdrawn('was at work after all')]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'withdrawn', attestedVersion: 0, version: 2 });
    expect(awaitsAttestation(state)).toBe(true);
  });

  it('refuses withdrawing twice (conflict)', () => {
    given(absenceDecider, [closedSick(), withdrawn()], context())
      .when({ kind: 'withdraw', reason: 'again' })
      .thenThrows('conflict', /withdrawn/);
  });

  it('refuses a stale expectedVersion (conflict)', () => {
    given(absenceDecider, [closedSick(), attestedByAnna(0)], context())
      .when({ kind: 'withdraw', reason: 'oops', expectedVersion: 0 })
      .thenThrows('conflict', /expectedVersion/, { details: { currentVersion: 1 } });
  });

  it('lets the manager and hr withdraw; forbids another employee', () => {
    given(absenceDecider, [closedSick()], context({ actor: ANNA }))
      .when({ kind: 'withdraw', reason: 'duplicate' })
      .then([withdrawn('duplicate')]);
    given(absenceDecider, [closedSick()], context({ actor: HR }))
      .when({ kind: 'withdraw', reason: 'duplicate' })
      .then([withdrawn('duplicate')]);
    given(absenceDecider, [closedSick()], context({ actor: OLLE }))
      .when({ kind: 'withdraw', reason: 'duplicate' })
      .thenThrows('forbidden');
  });

  it('answers not_found for a case that does not exist', () => {
    given(absenceDecider, [], context())
      .when({ kind: 'withdraw', reason: 'x' })
      .thenThrows('not_found');
  });
});

// ---------------------------------------------------------------- attest

describe('absence decider: attest', () => {
  const asAnna = context({ actor: ANNA });

  it('lets a manager of the department attest the exact current version', () => {
    const state = given(absenceDecider, [closedSick()], asAnna)
      .when({ kind: 'attest', expectedVersion: 0 })
      .then([attested(0)]);
    expect(state).toMatchObject<Partial<AbsenceState>>({
      status: 'attested',
      version: 1,
      attestedVersion: 0,
      attestedBy: 'mgr-anna',
      attestedAt: NOW.toISOString(),
    });
    expect(awaitsAttestation(state)).toBe(false);
  });

  it('attests a corrected version after an earlier attestation', () => {
    const state = given(absenceDecider, [closedSick(), attestedByAnna(0), corrected({ reason: 'r', to: '2026-03-05' })], asAnna)
      .when({ kind: 'attest', expectedVersion: 2 })
      .then([attested(2)]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'attested', attestedVersion: 2, to: '2026-03-05' });
  });

  it('refuses an expectedVersion that is not the current version (conflict)', () => {
    given(absenceDecider, [closedSick(), corrected({ reason: 'r', to: '2026-03-05' })], asAnna)
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('conflict', /expectedVersion 0 does not match the current version 1/, { details: { currentVersion: 1 } });
    given(absenceDecider, [closedSick()], asAnna)
      .when({ kind: 'attest', expectedVersion: 1 })
      .thenThrows('conflict', undefined, { details: { currentVersion: 0 } });
  });

  it('forbids self-attestation, even by a manager of the department', () => {
    given(absenceDecider, [closedSick({ employeeId: 'mgr-anna' })], asAnna)
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden', /own absence/);
  });

  it('forbids a manager of another department', () => {
    given(absenceDecider, [closedSick()], context({ actor: BO }))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden', /dept-care/);
  });

  it('attests by the department of the case: a manager of the employee’s later department may not', () => {
    given(absenceDecider, [closedSick({ from: '2026-02-23', to: '2026-02-27' })], context({ actor: BO, employments: EVA_TRANSFERRED }))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden');
  });

  it('forbids hr, the employee and other roles', () => {
    for (const actor of [HR, EVA, OLLE, PAYROLL, INTEGRATION]) {
      given(absenceDecider, [closedSick()], context({ actor }))
        .when({ kind: 'attest', expectedVersion: 0 })
        .thenThrows('forbidden');
    }
  });

  it('refuses attesting the same version twice, even when stale (conflict)', () => {
    given(absenceDecider, [closedSick(), attestedByAnna(0)], asAnna)
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('conflict');
  });

  it('refuses attesting an already attested case with the current expectedVersion (conflict)', () => {
    // Version 0 is attested; the attestation itself is version 1 and changes no fact.
    given(absenceDecider, [closedSick(), attestedByAnna(0)], asAnna)
      .when({ kind: 'attest', expectedVersion: 1 })
      .thenThrows('conflict', /already attested/);
  });

  it('refuses attesting a rejected case (conflict)', () => {
    given(absenceDecider, [closedSick(), recordedBy<AbsenceEvent>(ANNA, rejected(0))], asAnna)
      .when({ kind: 'attest', expectedVersion: 1 })
      .thenThrows('conflict', /rejected/);
  });

  it('attests the withdrawal of an attested case; the case stays withdrawn', () => {
    const state = given(absenceDecider, [closedSick(), attestedByAnna(0), withdrawn()], asAnna)
      .when({ kind: 'attest', expectedVersion: 2 })
      .then([attested(2)]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'withdrawn', withdrawn: true, attestedVersion: 2, version: 3 });
  });

  it('refuses attesting an attested withdrawal again (conflict)', () => {
    given(absenceDecider, [closedSick(), attestedByAnna(0), withdrawn(), attestedByAnna(2)], asAnna)
      .when({ kind: 'attest', expectedVersion: 3 })
      .thenThrows('conflict', /already attested/);
  });

  it('attests the withdrawal of a case that was attested, corrected and then withdrawn', () => {
    const events = [closedSick(), attestedByAnna(0), corrected({ reason: 'r', to: '2026-03-05' }), withdrawn()];
    const before = given(absenceDecider, events, asAnna).state;
    expect(awaitsAttestation(before)).toBe(true);
    const state = given(absenceDecider, events, asAnna)
      .when({ kind: 'attest', expectedVersion: 3 })
      .then([attested(3)]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'withdrawn', attestedVersion: 3 });
    expect(awaitsAttestation(state)).toBe(false);
  });

  it('refuses attesting the withdrawal of a never-attested case (conflict)', () => {
    given(absenceDecider, [closedSick(), withdrawn()], asAnna)
      .when({ kind: 'attest', expectedVersion: 1 })
      .thenThrows('conflict', /withdrawn before any attestation/);
  });

  it('answers not_found for a case that does not exist', () => {
    given(absenceDecider, [], asAnna)
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('not_found');
  });
});

// ---------------------------------------------------------------- reject

describe('absence decider: reject', () => {
  const asAnna = context({ actor: ANNA });

  it('returns the case for correction', () => {
    const state = given(absenceDecider, [closedSick()], asAnna)
      .when({ kind: 'reject', reason: 'wrong dates' })
      .then([rejected(0, 'wrong dates')]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'rejected', version: 1 });
    expect(awaitsAttestation(state)).toBe(false);
  });

  it('after a rejection, a correction makes the case reported again, and it can then be attested', () => {
    const afterReject = given(absenceDecider, [closedSick()], asAnna)
      .when({ kind: 'reject', reason: 'wrong dates', expectedVersion: 0 })
      .then([rejected(0, 'wrong dates')]);
    expect(afterReject.status).toBe('rejected');

    const history: AbsenceEvent[] = [closedSick(), rejected(0, 'wrong dates')];
    const afterCorrect = given(absenceDecider, history, context())
      .when(correction({ to: '2026-03-04', expectedVersion: 1 }))
      .then([corrected({ reason: 'fixing the dates', to: '2026-03-04' })]);
    expect(afterCorrect.status).toBe('reported');
    expect(awaitsAttestation(afterCorrect)).toBe(true);

    const afterAttest = given(absenceDecider, [...history, corrected({ reason: 'fixing the dates', to: '2026-03-04' })], asAnna)
      .when({ kind: 'attest', expectedVersion: 2 })
      .then([attested(2)]);
    expect(afterAttest).toMatchObject<Partial<AbsenceState>>({ status: 'attested', attestedVersion: 2, to: '2026-03-04' });
  });

  it('rejects a correction made after an attestation', () => {
    const state = given(absenceDecider, [closedSick(), attestedByAnna(0), corrected({ reason: 'r', to: '2026-03-05' })], asAnna)
      .when({ kind: 'reject', reason: 'the 6th was a working day', expectedVersion: 2 })
      .then([rejected(2, 'the 6th was a working day')]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'rejected', attestedVersion: 0 });
  });

  it('refuses a stale expectedVersion (conflict)', () => {
    given(absenceDecider, [closedSick(), corrected({ reason: 'r', to: '2026-03-05' })], asAnna)
      .when({ kind: 'reject', reason: 'no', expectedVersion: 0 })
      .thenThrows('conflict', /expectedVersion/, { details: { currentVersion: 1 } });
  });

  it('refuses rejecting a withdrawn case (conflict)', () => {
    given(absenceDecider, [closedSick(), attestedByAnna(0), withdrawn()], asAnna)
      .when({ kind: 'reject', reason: 'no' })
      .thenThrows('conflict', /withdrawn/);
  });

  it('refuses rejecting twice (conflict)', () => {
    given(absenceDecider, [closedSick(), rejected(0)], asAnna)
      .when({ kind: 'reject', reason: 'still wrong' })
      .thenThrows('conflict', /already returned/);
  });

  it('refuses rejecting an attested case (conflict)', () => {
    given(absenceDecider, [closedSick(), attestedByAnna(0)], asAnna)
      .when({ kind: 'reject', reason: 'changed my mind' })
      .thenThrows('conflict', /attested/);
  });

  it('forbids self, a manager of another department, hr and the employee', () => {
    given(absenceDecider, [closedSick({ employeeId: 'mgr-anna' })], asAnna)
      .when({ kind: 'reject', reason: 'no' })
      .thenThrows('forbidden', /own absence/);
    for (const actor of [BO, HR, EVA]) {
      given(absenceDecider, [closedSick()], context({ actor }))
        .when({ kind: 'reject', reason: 'no' })
        .thenThrows('forbidden');
    }
  });

  it('answers not_found for a case that does not exist', () => {
    given(absenceDecider, [], asAnna)
      .when({ kind: 'reject', reason: 'no' })
      .thenThrows('not_found');
  });
});

// ---------------------------------------------------------------- medical certificate

describe('absence decider: medical certificate', () => {
  it('registers a certificate for sick leave', () => {
    const state = given(absenceDecider, [reported({ from: '2026-02-23' })], context())
      .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-15', extentPercent: 50 })
      .then([certificate('2026-03-02', '2026-03-15', 50)]);
    expect(state.medicalCertificates).toEqual([{ from: '2026-03-02', to: '2026-03-15', extentPercent: 50, recordedAt: NOW.toISOString() }]);
  });

  it('appends certificates and does not reopen an attested case', () => {
    const state = given(absenceDecider, [reported({ from: '2026-02-23' }), certificate('2026-03-02', '2026-03-08'), attestedByAnna(1)], context())
      .when({ kind: 'medical_certificate', from: '2026-03-09', to: '2026-03-22', extentPercent: 100 })
      .then([certificate('2026-03-09', '2026-03-22')]);
    expect(state.medicalCertificates.map(({ recordedAt: _at, ...c }) => c)).toEqual([
      { from: '2026-03-02', to: '2026-03-08', extentPercent: 100 },
      { from: '2026-03-09', to: '2026-03-22', extentPercent: 100 },
    ]);
    expect(state.medicalCertificates[1].recordedAt).toBe(NOW.toISOString());
    expect(state.status).toBe('attested');
  });

  it('registers a certificate for a work injury', () => {
    given(absenceDecider, [reported({ type: 'work_injury', from: '2026-02-23', to: '2026-03-20' })], context({ actor: HR }))
      .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-20', extentPercent: 100 })
      .then([certificate('2026-03-02', '2026-03-20')]);
  });

  it('refuses a certificate for a vacation (rule)', () => {
    given(absenceDecider, [reported({ type: 'vacation', from: '2026-03-02', to: '2026-03-06' })], context())
      .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-06', extentPercent: 100 })
      .thenThrows('rule', /vacation/, { field: 'from' });
  });

  it('refuses to before from (validation, field to)', () => {
    given(absenceDecider, [reported({ from: '2026-02-23' })], context())
      .when({ kind: 'medical_certificate', from: '2026-03-09', to: '2026-03-08', extentPercent: 100 })
      .thenThrows('validation', undefined, { field: 'to' });
  });

  it('refuses a certificate on a withdrawn case (conflict)', () => {
    given(absenceDecider, [reported({ from: '2026-02-23' }), withdrawn()], context())
      .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-08', extentPercent: 100 })
      .thenThrows('conflict', /withdrawn/);
  });

  it('lets the manager register; forbids another employee and a manager of another department', () => {
    given(absenceDecider, [reported({ from: '2026-02-23' })], context({ actor: ANNA }))
      .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-08', extentPercent: 100 })
      .then([certificate('2026-03-02', '2026-03-08')]);
    for (const actor of [OLLE, BO]) {
      given(absenceDecider, [reported({ from: '2026-02-23' })], context({ actor }))
        .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-08', extentPercent: 100 })
        .thenThrows('forbidden');
    }
  });

  it('answers not_found for a case that does not exist', () => {
    given(absenceDecider, [], context())
      .when({ kind: 'medical_certificate', from: '2026-03-02', to: '2026-03-08', extentPercent: 100 })
      .thenThrows('not_found');
  });
});

// ---------------------------------------------------------------- awaitsAttestation

describe('awaitsAttestation', () => {
  const stateOf = (events: AbsenceEvent[]) => given(absenceDecider, events, context()).state;

  it('is false before the case exists', () => {
    expect(awaitsAttestation(absenceDecider.initialState)).toBe(false);
  });

  it('is true for a reported case', () => {
    expect(awaitsAttestation(stateOf([closedSick()]))).toBe(true);
  });

  it('is false for an attested case', () => {
    expect(awaitsAttestation(stateOf([closedSick(), attested(0)]))).toBe(false);
  });

  it('stays false when only a medical certificate was added after attestation', () => {
    expect(awaitsAttestation(stateOf([closedSick(), attested(0), certificate('2026-03-02', '2026-03-06')]))).toBe(false);
  });

  it('is true again after a correction or a return report following attestation', () => {
    expect(awaitsAttestation(stateOf([closedSick(), attested(0), corrected({ reason: 'r', to: '2026-03-05' })]))).toBe(true);
    expect(awaitsAttestation(stateOf([reported({ from: '2026-03-02' }), attested(0), returned('2026-03-06')]))).toBe(true);
  });

  it('is false for a rejected case', () => {
    expect(awaitsAttestation(stateOf([closedSick(), rejected(0)]))).toBe(false);
  });

  it('is false for a case withdrawn before any attestation', () => {
    expect(awaitsAttestation(stateOf([closedSick(), withdrawn()]))).toBe(false);
  });

  it('is true for the withdrawal of an attested case', () => {
    expect(awaitsAttestation(stateOf([closedSick(), attested(0), withdrawn()]))).toBe(true);
  });

  it('is false once the withdrawal has been attested', () => {
    const state = stateOf([closedSick(), attested(0), withdrawn(), attested(2)]);
    expect(state).toMatchObject<Partial<AbsenceState>>({ status: 'withdrawn', attestedVersion: 2, version: 3 });
    expect(awaitsAttestation(state)).toBe(false);
  });
});

// ---------------------------------------------------------------- SjLL 8 §: when the employer was notified

describe('absence decider: the notification time (SjLL 8 §)', () => {
  // NOW is Tue 10 March 2026 09:00 CET. Eva has been sick since Mon 9 March and phoned Anna on Monday at 07:30 CET.
  const phoned = '2026-03-09T06:30:00.000Z';
  const asAnna = context({ actor: ANNA });

  it('given a report by the employee, then the recording time is the notification time', () => {
    const state = given(absenceDecider, [], context()).when(reportCommand()).then([reported()]);
    expect(state.employerNotifiedAt).toBe(NOW.toISOString());
  });

  it('given a manager registering a phone report, when she states the time, then it is recorded and read back', () => {
    const state = given(absenceDecider, [], asAnna)
      .when(reportCommand({ employerNotifiedAt: phoned, channel: 'phone' }))
      .then([reported({ employerNotifiedAt: phoned, channel: 'phone' })]);
    expect(state.employerNotifiedAt).toBe(phoned);
    expect(state.reportedAt).toBe(NOW.toISOString());
  });

  it('normalises a stated time with an offset to UTC', () => {
    given(absenceDecider, [], context({ actor: HR }))
      .when(reportCommand({ employerNotifiedAt: '2026-03-09T07:30:00+01:00' }))
      .then([reported({ employerNotifiedAt: phoned })]);
  });

  it('refuses a stated time from the employee themself (403), also when she is a manager', () => {
    given(absenceDecider, [], context()).when(reportCommand({ employerNotifiedAt: phoned })).thenThrows('forbidden', /manager or HR/);
    given(absenceDecider, [], context({ actor: ANNA, employments: EVA_EMPLOYMENTS }))
      .when(reportCommand({ employeeId: 'mgr-anna', employerNotifiedAt: phoned }))
      .thenThrows('forbidden', /manager or HR/);
  });

  it('refuses a time in the future, or more than a year before the first day (422 naming the field)', () => {
    given(absenceDecider, [], asAnna)
      .when(reportCommand({ employerNotifiedAt: '2026-03-10T08:00:01.000Z' }))
      .thenThrows('rule', /future/, { field: 'employerNotifiedAt' });
    // 366 days before 9 March 2026 is 8 March 2025: that day is accepted, the 7th is not.
    given(absenceDecider, [], asAnna).when(reportCommand({ employerNotifiedAt: '2025-03-08T12:00:00.000Z' })).then([reported({ employerNotifiedAt: '2025-03-08T12:00:00.000Z' })]);
    given(absenceDecider, [], asAnna)
      .when(reportCommand({ employerNotifiedAt: '2025-03-07T12:00:00.000Z' }))
      .thenThrows('rule', /days before the first absence day/, { field: 'employerNotifiedAt' });
  });

  it('given an attested case, when HR corrects the notification time, then it needs a new attestation', () => {
    const state = given(absenceDecider, [closedSick(), attestedByAnna(1)], context({ actor: HR }))
      .when(correction({ employerNotifiedAt: '2026-03-04T07:00:00Z', reason: 'she phoned on Wednesday' }))
      .then([corrected({ employerNotifiedAt: '2026-03-04T07:00:00.000Z', reason: 'she phoned on Wednesday' })]);
    expect(state).toMatchObject({ status: 'reported', employerNotifiedAt: '2026-03-04T07:00:00.000Z', pendingAttestation: true });
  });

  it('refuses a correction of the notification time by the employee', () => {
    given(absenceDecider, [closedSick()], context())
      .when(correction({ employerNotifiedAt: '2026-03-02T07:00:00Z' }))
      .thenThrows('forbidden');
  });

  it('given a late report, when Anna attests with preventedFromReporting, then the event and state say so; a later attestation without it clears it', () => {
    const state = given(absenceDecider, [closedSick()], asAnna)
      .when({ kind: 'attest', expectedVersion: 0, preventedFromReporting: true })
      .then([{ type: 'AbsenceAttested', data: { attestedVersion: 0, capacity: 'manager', preventedFromReporting: true } }]);
    expect(state.preventedFromReporting).toBe(true);
    const again = given(absenceDecider, [closedSick(), { type: 'AbsenceAttested', data: { attestedVersion: 0, preventedFromReporting: true } }, corrected({ to: '2026-03-05', reason: 'back Friday' })], asAnna)
      .when({ kind: 'attest', expectedVersion: 2 })
      .then([attested(2)]);
    expect(again.preventedFromReporting).toBe(false);
  });
});
