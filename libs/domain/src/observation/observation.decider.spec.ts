import type { Actor } from '../shared/actor';
import type { Employment } from '../employee/employee.decider';
import { given, recordedBy } from '../testing/given-when-then';
import {
  ObservationContext,
  ObservationRecorded,
  ObservationsState,
  RecordObservation,
  observationDecider,
  observationsStreamId,
} from './observation.decider';

/** Tuesday 10 March 2026, 09:00 in Stockholm (CET). */
const NOW = new Date('2026-03-10T08:00:00Z');

const HR: Actor = { sub: 'hr-hanna', roles: ['hr'] };
const TIMECLOCK: Actor = { sub: 'timeclock-sync', roles: ['integration'] };
/** Manager of dept-care, Eva's department until her transfer on 1 March 2026. */
const ANNA: Actor = { sub: 'mgr-anna', roles: ['employee', 'manager'] };
/** Manager of dept-school, Eva's department from 1 March 2026. */
const BO: Actor = { sub: 'mgr-bo', roles: ['employee', 'manager'] };
/** Manager of dept-kitchen, which Eva never belonged to. */
const CILLA: Actor = { sub: 'mgr-cilla', roles: ['employee', 'manager'] };
const EVA: Actor = { sub: 'emp-eva', roles: ['employee'] };
const AUDITOR: Actor = { sub: 'aud-1', roles: ['auditor'] };

const EVA_EMPLOYMENTS: Employment[] = [
  { effectiveFrom: '2020-01-01', departmentId: 'dept-care', employmentPercent: 100, weeklyHours: 40 },
  { effectiveFrom: '2026-03-01', departmentId: 'dept-school', employmentPercent: 80, weeklyHours: 40 },
];

function context(actor: Actor, overrides: Partial<ObservationContext> = {}): ObservationContext {
  return {
    now: NOW,
    actor,
    employments: EVA_EMPLOYMENTS,
    managersByDepartment: { 'dept-care': ['mgr-anna'], 'dept-school': ['mgr-bo'], 'dept-kitchen': ['mgr-cilla'] },
    ...overrides,
  };
}

function observe(overrides: Partial<RecordObservation> = {}): RecordObservation {
  return { employeeId: 'emp-eva', date: '2026-03-09', kind: 'absent', source: 'timeclock', note: null, ...overrides };
}

const observed = (command: RecordObservation): ObservationRecorded => ({ type: 'ObservationRecorded', data: { ...command } });

describe('observation decider', () => {
  it('records what a time clock saw', () => {
    const state = given(observationDecider, [], context(TIMECLOCK))
      .when(observe())
      .then([observed(observe())]);
    expect(state).toEqual<ObservationsState>({
      exists: true,
      employeeId: 'emp-eva',
      version: 0,
      observations: 1,
      lastRecordedAt: NOW.toISOString(),
    });
  });

  it('records every observation, also a second one of the same day (the latest wins in the discrepancy list)', () => {
    const first = observed(observe({ kind: 'absent' }));
    const state = given(observationDecider, [recordedBy(TIMECLOCK, first, '2026-03-09T20:00:00.000Z')], context(HR))
      .when(observe({ kind: 'present', source: 'manager', note: 'she was at work after all' }))
      .then([observed(observe({ kind: 'present', source: 'manager', note: 'she was at work after all' }))]);
    expect(state).toMatchObject({ version: 1, observations: 2, lastRecordedAt: NOW.toISOString() });
  });

  it('lets a manager observe staff of their department, on the day observed or today', () => {
    // Eva was in dept-care on 20 February: Anna managed her then.
    given(observationDecider, [], context(ANNA))
      .when(observe({ date: '2026-02-20', source: 'manager' }))
      .then([observed(observe({ date: '2026-02-20', source: 'manager' }))]);
    // Bo manages her today, so he may record an observation of a day before the transfer too.
    given(observationDecider, [], context(BO))
      .when(observe({ date: '2026-02-20', source: 'staffing' }))
      .then([observed(observe({ date: '2026-02-20', source: 'staffing' }))]);
  });

  it('forbids managers of other departments, employees and auditors', () => {
    given(observationDecider, [], context(CILLA)).when(observe()).thenThrows('forbidden');
    // Anna managed Eva until 1 March only; 9 March is after the transfer.
    given(observationDecider, [], context(ANNA)).when(observe({ date: '2026-03-09' })).thenThrows('forbidden');
    given(observationDecider, [], context(EVA)).when(observe()).thenThrows('forbidden');
    given(observationDecider, [], context(AUDITOR)).when(observe()).thenThrows('forbidden');
  });

  it('answers not found for an unknown employee', () => {
    given(observationDecider, [], context(HR, { employments: undefined }))
      .when(observe({ employeeId: 'emp-nobody' }))
      .thenThrows('not_found', /emp-nobody/);
    given(observationDecider, [], context(HR, { employments: [] })).when(observe()).thenThrows('not_found');
  });

  it('accepts today but not a day that has not begun (Stockholm time)', () => {
    // 2026-03-10T22:59:59Z is 23:59:59 CET on the 10th: the 10th is today, the 11th is not.
    const lateEvening = new Date('2026-03-10T22:59:59Z');
    given(observationDecider, [], context(HR, { now: lateEvening }))
      .when(observe({ date: '2026-03-10' }))
      .then([observed(observe({ date: '2026-03-10' }))]);
    given(observationDecider, [], context(HR, { now: lateEvening }))
      .when(observe({ date: '2026-03-11' }))
      .thenThrows('rule', /has begun/, { field: 'date' });
    // One second later it is 00:00 CET on the 11th.
    given(observationDecider, [], context(HR, { now: new Date('2026-03-10T23:00:00Z') }))
      .when(observe({ date: '2026-03-11' }))
      .then([observed(observe({ date: '2026-03-11' }))]);
  });

  it('refuses bad input, naming the field', () => {
    const asHr = given(observationDecider, [], context(HR));
    asHr.when(observe({ date: '2026-02-30' })).thenThrows('validation', undefined, { field: 'date' });
    asHr.when(observe({ date: '1999-12-31' })).thenThrows('validation', undefined, { field: 'date' });
    asHr.when(observe({ kind: 'sleeping' as never })).thenThrows('validation', undefined, { field: 'kind' });
    asHr.when(observe({ source: 'rumour' as never })).thenThrows('validation', undefined, { field: 'source' });
    asHr.when(observe({ note: 'x'.repeat(501) })).thenThrows('validation', undefined, { field: 'note' });
    asHr.when(observe({ note: 'x'.repeat(500) })).then([observed(observe({ note: 'x'.repeat(500) }))]);
  });

  it('keeps one stream per employee', () => {
    expect(observationsStreamId('emp-eva')).toBe('observations-emp-eva');
  });
});
