import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden, invalid } from '../shared/errors';

/**
 * Stream `personal-data-<employeeId>`: what was erased of a person, by whom and why; never the
 * data itself. The erasure (radering, GDPR art. 17) and each retention step (gallring) are
 * events here, so the audit trail of the erasing survives the erased data.
 */
export const personalDataStreamId = (employeeId: string) => `personal-data-${employeeId}`;

export const ERASURE_REASON_MAX_LENGTH = 500;

/** Who the retention job acts as; no token carries it. */
export const RETENTION_ACTOR: Actor = { sub: 'system:retention', roles: [] };

/** HR erased the person on request: every personal field of theirs is unreadable from now on. */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { employeeId: string; reason: string }>;
/** The retention job destroyed some of the person's keys (`categories`, e.g. `text-2023`) under a rule. */
export type PersonalDataRetentionApplied = DomainEvent<
  'PersonalDataRetentionApplied',
  { employeeId: string; rule: RetentionRule; categories: string[] }
>;
export type PersonalDataEvent = PersonalDataErased | PersonalDataRetentionApplied;

export type RetentionRule = 'free_text_age' | 'after_employment';

export type PersonalDataCommand =
  | { kind: 'erase'; employeeId: string; reason: string }
  | { kind: 'apply_retention'; employeeId: string; rule: RetentionRule; categories: string[] };

export interface PersonalDataState {
  erased: boolean;
  erasedAt: string | null;
  /** Key categories destroyed by retention so far. */
  retained: string[];
}

export const personalDataDecider: Decider<PersonalDataCommand, PersonalDataState, PersonalDataEvent, { actor: Actor }> = {
  initialState: { erased: false, erasedAt: null, retained: [] },
  decide(command, state, { actor }) {
    if (command.kind === 'erase') {
      if (!hasRole(actor, 'hr')) throw forbidden('only hr erases a person');
      const reason = command.reason.trim();
      if (reason === '') throw invalid('reason', 'must say why');
      if (reason.length > ERASURE_REASON_MAX_LENGTH) throw invalid('reason', `must be at most ${ERASURE_REASON_MAX_LENGTH} characters`);
      // Erasing twice records nothing new: the first erasure stands.
      if (state.erased) return [];
      return [{ type: 'PersonalDataErased', data: { employeeId: command.employeeId, reason } }];
    }
    if (actor.sub !== RETENTION_ACTOR.sub) throw forbidden('retention is applied by the retention job');
    const fresh = [...new Set(command.categories)].filter((c) => !state.retained.includes(c)).sort();
    if (state.erased || fresh.length === 0) return [];
    return [{ type: 'PersonalDataRetentionApplied', data: { employeeId: command.employeeId, rule: command.rule, categories: fresh } }];
  },
  evolve(state, event, meta) {
    switch (event.type) {
      case 'PersonalDataErased':
        return { ...state, erased: true, erasedAt: meta.recordedAt };
      case 'PersonalDataRetentionApplied':
        return { ...state, retained: [...state.retained, ...event.data.categories].sort() };
    }
  },
};
