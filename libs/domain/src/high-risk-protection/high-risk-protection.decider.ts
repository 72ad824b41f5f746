import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import { addDaysTo, IsoDate } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden, invalid, notFound } from '../shared/errors';

/**
 * Stream `high-risk-protection-<employeeId>`: Försäkringskassan's decisions on särskilt
 * högriskskydd for one employee (SjLL 17 §; Försäkringskassan, "Sjuk ofta eller länge – särskilt
 * högriskskydd"), as HR records them. A sick period that starts within a decision gets no
 * karensavdrag, and its sick pay lines are marked so payroll can claim the sick pay back.
 *
 * A decision is known by its first day: recording one with the same `from` and another `to`
 * replaces it (a shortened or extended decision); the same `from` and `to` again changes nothing.
 */
export const highRiskProtectionStreamId = (employeeId: string) => `high-risk-protection-${employeeId}`;

export const HIGH_RISK_PROTECTION_RECORDED = 'HighRiskProtectionRecorded';
export type HighRiskProtectionRecorded = DomainEvent<'HighRiskProtectionRecorded', { employeeId: string; from: IsoDate; to: IsoDate }>;
export type HighRiskProtectionEvent = HighRiskProtectionRecorded;

export interface RecordHighRiskProtection {
  employeeId: string;
  from: IsoDate;
  to: IsoDate;
}

export interface HighRiskProtectionState {
  employeeId: string;
  /** Stream revision after the last event, 0-based; -1 before the first. */
  version: number;
  /** The decisions, by first day. */
  decisions: Array<{ from: IsoDate; to: IsoDate }>;
}

export interface HighRiskProtectionContext {
  actor: Actor;
  /** Whether the employee is known to the ledger. */
  employeeKnown: boolean;
}

/** A decision lasts at most this long (Försäkringskassan grants it for a limited time, a few years at most). */
export const HIGH_RISK_PROTECTION_MAX_DAYS = 3660;

export const highRiskProtectionDecider: Decider<RecordHighRiskProtection, HighRiskProtectionState, HighRiskProtectionEvent, HighRiskProtectionContext> = {
  initialState: { employeeId: '', version: -1, decisions: [] },

  decide(c, state, ctx) {
    if (!hasRole(ctx.actor, 'hr')) throw forbidden('only HR records Försäkringskassan’s decision on särskilt högriskskydd');
    if (!ctx.employeeKnown) throw notFound(`employee ${c.employeeId} is not known to the ledger`);
    if (c.to < c.from) throw invalid('to', 'must not be before from');
    if (c.to > addDaysTo(c.from, HIGH_RISK_PROTECTION_MAX_DAYS)) throw invalid('to', `a decision spans at most ${HIGH_RISK_PROTECTION_MAX_DAYS} days`);
    const same = state.decisions.find((d) => d.from === c.from);
    if (same !== undefined && same.to === c.to) return [];
    return [{ type: 'HighRiskProtectionRecorded', data: { employeeId: c.employeeId, from: c.from, to: c.to } }];
  },

  evolve(state, event, meta) {
    const { employeeId, from, to } = event.data;
    const decisions = [...state.decisions.filter((d) => d.from !== from), { from, to }].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    return { employeeId, version: meta.revision, decisions };
  },
};
