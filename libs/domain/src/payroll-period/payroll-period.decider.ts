import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import { stockholmDateOf } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden, invalid, ruleBroken } from '../shared/errors';
import { streamIds } from '../shared/stream-ids';

/** Stream `payroll-period-<YYYY-MM>`: a payroll period (löneperiod), locked after the payroll run. */
const PAYROLL_PERIOD_STREAMS = streamIds('payroll-period-');
export const payrollPeriodStreamId = (period: string): string => PAYROLL_PERIOD_STREAMS.streamIdOf(period);
/** The period of a `payroll-period-…` stream id. */
export const periodOfPayrollPeriodStream = (streamId: string): string => PAYROLL_PERIOD_STREAMS.idOf(streamId);

/** A period is a calendar month, `YYYY-MM`. */
export const PAYROLL_PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export type PayrollPeriodLocked = DomainEvent<'PayrollPeriodLocked', { period: string }>;
export type PayrollPeriodEvent = PayrollPeriodLocked;

export interface LockPayrollPeriod {
  period: string;
}

export interface PayrollPeriodState {
  locked: boolean;
}

export interface PayrollPeriodContext {
  actor: Actor;
  now: Date;
}

export const payrollPeriodDecider: Decider<LockPayrollPeriod, PayrollPeriodState, PayrollPeriodEvent, PayrollPeriodContext> = {
  initialState: { locked: false },
  decide(command, state, { actor, now }) {
    if (!hasRole(actor, 'payroll')) throw forbidden('only payroll locks a period');
    if (!PAYROLL_PERIOD_PATTERN.test(command.period)) throw invalid('month', 'must be a month YYYY-MM');
    // Locking is idempotent: a locked period stays as it is.
    if (state.locked) return [];
    // Payroll locks a period after its run; a month that has not begun has had no run.
    if (command.period > stockholmDateOf(now).slice(0, 7)) {
      throw ruleBroken('month', `${command.period} has not begun; a period is locked after its payroll run`);
    }
    return [{ type: 'PayrollPeriodLocked', data: { period: command.period } }];
  },
  evolve() {
    return { locked: true };
  },
};
