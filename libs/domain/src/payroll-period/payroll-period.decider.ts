import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden } from '../shared/errors';

/** Stream `payroll-period-<YYYY-MM>`: a payroll period (löneperiod), locked after the payroll run. */
export const payrollPeriodStreamId = (period: string) => `payroll-period-${period}`;

export type PayrollPeriodLocked = DomainEvent<'PayrollPeriodLocked', { period: string }>;
export type PayrollPeriodEvent = PayrollPeriodLocked;

export interface LockPayrollPeriod {
  period: string;
}

export interface PayrollPeriodState {
  locked: boolean;
}

export const payrollPeriodDecider: Decider<LockPayrollPeriod, PayrollPeriodState, PayrollPeriodEvent, { actor: Actor }> = {
  initialState: { locked: false },
  decide(command, state, { actor }) {
    if (!hasRole(actor, 'payroll')) throw forbidden('only payroll locks a period');
    // Locking is idempotent: a locked period stays as it is.
    if (state.locked) return [];
    return [{ type: 'PayrollPeriodLocked', data: { period: command.period } }];
  },
  evolve() {
    return { locked: true };
  },
};
