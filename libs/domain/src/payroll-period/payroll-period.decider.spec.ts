import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { PayrollPeriodLocked, payrollPeriodDecider } from './payroll-period.decider';

const PAYROLL: Actor = { sub: 'payroll-run', roles: ['payroll'] };
/** 10 March 2026, 09:00 in Stockholm. */
const NOW = new Date('2026-03-10T08:00:00Z');
const locked = (period: string): PayrollPeriodLocked => ({ type: 'PayrollPeriodLocked', data: { period } });

describe('payroll period decider', () => {
  it('starts open', () => {
    expect(given(payrollPeriodDecider, [], { actor: PAYROLL, now: NOW }).state).toEqual({ locked: false });
  });

  it('locks a period', () => {
    const state = given(payrollPeriodDecider, [], { actor: PAYROLL, now: NOW })
      .when({ period: '2026-02' })
      .then([locked('2026-02')]);
    expect(state).toEqual({ locked: true });
  });

  it('locks the current month, but not one that has not begun (Stockholm time)', () => {
    given(payrollPeriodDecider, [], { actor: PAYROLL, now: NOW })
      .when({ period: '2026-03' })
      .then([locked('2026-03')]);
    given(payrollPeriodDecider, [], { actor: PAYROLL, now: NOW })
      .when({ period: '2026-04' })
      .thenThrows('rule', /has not begun/, { field: 'month' });
    // 31 March 22:30Z is already 1 April 00:30 in Stockholm (summer time).
    given(payrollPeriodDecider, [], { actor: PAYROLL, now: new Date('2026-03-31T22:30:00Z') })
      .when({ period: '2026-04' })
      .then([locked('2026-04')]);
  });

  it('refuses a period that is not a month YYYY-MM', () => {
    for (const period of ['2026-13', '2026-2', '26-02', '2026-02-01', '']) {
      given(payrollPeriodDecider, [], { actor: PAYROLL, now: NOW })
        .when({ period })
        .thenThrows('validation', undefined, { field: 'month' });
    }
  });

  it('records nothing when the period is locked again (idempotent)', () => {
    given(payrollPeriodDecider, [locked('2026-02')], { actor: PAYROLL, now: NOW })
      .when({ period: '2026-02' })
      .then([]);
  });

  it('forbids everyone but payroll, also on a locked period', () => {
    for (const roles of [['hr'], ['employee', 'manager'], ['integration'], ['auditor'], []]) {
      const actor = { sub: 'someone', roles };
      given(payrollPeriodDecider, [], { actor, now: NOW })
        .when({ period: '2026-02' })
        .thenThrows('forbidden', /payroll/);
      given(payrollPeriodDecider, [locked('2026-02')], { actor, now: NOW })
        .when({ period: '2026-02' })
        .thenThrows('forbidden');
    }
  });
});
