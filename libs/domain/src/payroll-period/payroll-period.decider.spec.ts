import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { PayrollPeriodLocked, payrollPeriodDecider } from './payroll-period.decider';

const PAYROLL: Actor = { sub: 'payroll-run', roles: ['payroll'] };
const locked = (period: string): PayrollPeriodLocked => ({ type: 'PayrollPeriodLocked', data: { period } });

describe('payroll period decider', () => {
  it('starts open', () => {
    expect(given(payrollPeriodDecider, [], { actor: PAYROLL }).state).toEqual({ locked: false });
  });

  it('locks a period', () => {
    const state = given(payrollPeriodDecider, [], { actor: PAYROLL })
      .when({ period: '2026-02' })
      .then([locked('2026-02')]);
    expect(state).toEqual({ locked: true });
  });

  it('records nothing when the period is locked again (idempotent)', () => {
    given(payrollPeriodDecider, [locked('2026-02')], { actor: PAYROLL })
      .when({ period: '2026-02' })
      .then([]);
  });

  it('forbids everyone but payroll, also on a locked period', () => {
    for (const roles of [['hr'], ['employee', 'manager'], ['integration'], ['auditor'], []]) {
      const actor = { sub: 'someone', roles };
      given(payrollPeriodDecider, [], { actor })
        .when({ period: '2026-02' })
        .thenThrows('forbidden', /payroll/);
      given(payrollPeriodDecider, [locked('2026-02')], { actor })
        .when({ period: '2026-02' })
        .thenThrows('forbidden');
    }
  });
});
