import { given, recordedBy } from '../testing/given-when-then';
import { PersonalDataEvent, RETENTION_ACTOR, personalDataDecider } from './personal-data.decider';

const hr = { sub: 'HR1', roles: ['hr' as const] };
const manager = { sub: 'M1', roles: ['manager' as const] };
const erased: PersonalDataEvent = { type: 'PersonalDataErased', data: { employeeId: 'E1', reason: 'Begäran om radering 2026-11-30' } };

describe('personal data decider', () => {
  it('given nothing, when hr erases with a reason, then PersonalDataErased names why and never the data', () => {
    const state = given(personalDataDecider, [], { actor: hr })
      .when({ kind: 'erase', employeeId: 'E1', reason: '  Begäran om radering 2026-11-30 ' })
      .then([erased]);
    expect(state.erased).toBe(true);
  });

  it('given an erasure, when hr erases again, then nothing new is recorded', () => {
    given(personalDataDecider, [recordedBy(hr, erased)], { actor: hr }).when({ kind: 'erase', employeeId: 'E1', reason: 'again' }).then([]);
  });

  it('only hr erases, and only with a reason of at most 500 characters', () => {
    given(personalDataDecider, [], { actor: manager }).when({ kind: 'erase', employeeId: 'E1', reason: 'x' }).thenThrows('forbidden');
    given(personalDataDecider, [], { actor: hr }).when({ kind: 'erase', employeeId: 'E1', reason: '   ' }).thenThrows('validation', undefined, { field: 'reason' });
    given(personalDataDecider, [], { actor: hr }).when({ kind: 'erase', employeeId: 'E1', reason: 'x'.repeat(501) }).thenThrows('validation', undefined, { field: 'reason' });
  });

  it('given free text of 2023 already retained, when retention names 2023 and 2024, then only 2024 is recorded', () => {
    const first: PersonalDataEvent = { type: 'PersonalDataRetentionApplied', data: { employeeId: 'E1', rule: 'free_text_age', categories: ['text-2023'] } };
    given(personalDataDecider, [recordedBy(RETENTION_ACTOR, first)], { actor: RETENTION_ACTOR })
      .when({ kind: 'apply_retention', employeeId: 'E1', rule: 'free_text_age', categories: ['text-2024', 'text-2023'] })
      .then([{ type: 'PersonalDataRetentionApplied', data: { employeeId: 'E1', rule: 'free_text_age', categories: ['text-2024'] } }]);
  });

  it('retention records nothing for an erased person, and is the retention job’s alone', () => {
    given(personalDataDecider, [recordedBy(hr, erased)], { actor: RETENTION_ACTOR })
      .when({ kind: 'apply_retention', employeeId: 'E1', rule: 'after_employment', categories: ['identity'] })
      .then([]);
    given(personalDataDecider, [], { actor: hr })
      .when({ kind: 'apply_retention', employeeId: 'E1', rule: 'after_employment', categories: ['identity'] })
      .thenThrows('forbidden');
  });
});
