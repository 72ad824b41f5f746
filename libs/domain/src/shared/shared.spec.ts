import { hasRole } from './actor';
import { addDaysTo, isValidIsoDate, stockholmDateOf } from './dates';
import { fold } from './decider';
import { conflict, DomainError, forbidden, invalid, notFound, ruleBroken } from './errors';
import { absenceDecider } from '../absence/absence.decider';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidIsoDate('2026-03-10')).toBe(true);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(isValidIsoDate('2026-3-10')).toBe(false);
    expect(isValidIsoDate('2026-03-10T00:00:00Z')).toBe(false);
    expect(isValidIsoDate(20260310)).toBe(false);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDaysTo('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDaysTo('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDaysTo('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysTo('2026-03-01', -1)).toBe('2026-02-28');
    // Daylight saving time starts on 29 March 2026; date arithmetic does not notice.
    expect(addDaysTo('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('gives the calendar date in Stockholm, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(stockholmDateOf(new Date('2026-03-10T22:59:59Z'))).toBe('2026-03-10');
    expect(stockholmDateOf(new Date('2026-03-10T23:00:00Z'))).toBe('2026-03-11');
    expect(stockholmDateOf(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(stockholmDateOf(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});

describe('errors', () => {
  it('names the kind, the field and the details', () => {
    expect(invalid('to', 'must not be before from')).toMatchObject({
      kind: 'validation',
      message: 'to: must not be before from',
      errors: [{ field: 'to', message: 'must not be before from' }],
    });
    expect(ruleBroken('from', 'too far ahead')).toMatchObject({ kind: 'rule', errors: [{ field: 'from', message: 'too far ahead' }] });
    expect(conflict('overlap', { overlappingAbsenceIds: ['a'] })).toMatchObject({
      kind: 'conflict',
      errors: [],
      details: { overlappingAbsenceIds: ['a'] },
    });
    expect(forbidden('no').kind).toBe('forbidden');
    expect(notFound('gone').kind).toBe('not_found');
    expect(notFound('gone')).toBeInstanceOf(DomainError);
    expect(notFound('gone')).toBeInstanceOf(Error);
    expect(notFound('gone').name).toBe('DomainError');
  });
});

describe('actor', () => {
  it('checks for any of the given roles', () => {
    const actor = { sub: 'mgr-anna', roles: ['employee', 'manager'] };
    expect(hasRole(actor, 'manager')).toBe(true);
    expect(hasRole(actor, 'hr', 'employee')).toBe(true);
    expect(hasRole(actor, 'hr', 'payroll')).toBe(false);
    expect(hasRole({ sub: 'x', roles: [] }, 'employee')).toBe(false);
  });
});

describe('fold', () => {
  it('folds recorded events with their meta', () => {
    const actor = { sub: 'emp-eva', roles: ['employee'] };
    const state = fold(absenceDecider, [
      {
        event: {
          type: 'AbsenceReported',
          data: {
            absenceId: 'abs-1',
            employeeId: 'emp-eva',
            departmentId: 'dept-care',
            type: 'sick',
            from: '2026-03-09',
            to: null,
            extentPercent: 100,
            channel: null,
            comment: null,
          },
        },
        meta: { revision: 0, recordedAt: '2026-03-09T06:00:00.000Z', actor },
      },
      { event: { type: 'ReturnReported', data: { lastDay: '2026-03-09' } }, meta: { revision: 1, recordedAt: '2026-03-10T06:00:00.000Z', actor } },
    ]);
    expect(state).toMatchObject({ version: 1, to: '2026-03-09', reportedAt: '2026-03-09T06:00:00.000Z', returnReportedAt: '2026-03-10T06:00:00.000Z' });
    expect(fold(absenceDecider, [])).toBe(absenceDecider.initialState);
  });
});
