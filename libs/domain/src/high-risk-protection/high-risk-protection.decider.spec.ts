import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { highRiskProtectionDecider, HighRiskProtectionRecorded } from './high-risk-protection.decider';

const HR: Actor = { sub: 'hr-hanna', roles: ['hr'] };
const MANAGER: Actor = { sub: 'mgr-anna', roles: ['employee', 'manager'] };
const recorded = (from: string, to: string): HighRiskProtectionRecorded => ({ type: 'HighRiskProtectionRecorded', data: { employeeId: 'E1', from, to } });
const ctx = (actor: Actor = HR, employeeKnown = true) => ({ actor, employeeKnown });

describe('high-risk protection decider (särskilt högriskskydd)', () => {
  it('given no decision, when HR records one, then it is recorded', () => {
    const state = given(highRiskProtectionDecider, [], ctx())
      .when({ employeeId: 'E1', from: '2026-01-01', to: '2026-12-31' })
      .then([recorded('2026-01-01', '2026-12-31')]);
    expect(state.decisions).toEqual([{ from: '2026-01-01', to: '2026-12-31' }]);
  });

  it('given a decision, when the same is recorded again, then nothing is written; another `to` replaces it', () => {
    given(highRiskProtectionDecider, [recorded('2026-01-01', '2026-12-31')], ctx()).when({ employeeId: 'E1', from: '2026-01-01', to: '2026-12-31' }).then([]);
    const state = given(highRiskProtectionDecider, [recorded('2026-01-01', '2026-12-31'), recorded('2027-01-01', '2027-06-30')], ctx())
      .when({ employeeId: 'E1', from: '2026-01-01', to: '2026-06-30' })
      .then([recorded('2026-01-01', '2026-06-30')]);
    expect(state.decisions).toEqual([
      { from: '2026-01-01', to: '2026-06-30' },
      { from: '2027-01-01', to: '2027-06-30' },
    ]);
  });

  it('refuses anyone but HR (403), an unknown employee (404) and bad dates (400 naming the field)', () => {
    given(highRiskProtectionDecider, [], ctx(MANAGER)).when({ employeeId: 'E1', from: '2026-01-01', to: '2026-12-31' }).thenThrows('forbidden');
    given(highRiskProtectionDecider, [], ctx(HR, false)).when({ employeeId: 'E1', from: '2026-01-01', to: '2026-12-31' }).thenThrows('not_found');
    given(highRiskProtectionDecider, [], ctx()).when({ employeeId: 'E1', from: '2026-12-31', to: '2026-01-01' }).thenThrows('validation', /before from/, { field: 'to' });
    given(highRiskProtectionDecider, [], ctx()).when({ employeeId: 'E1', from: '2026-01-01', to: '2036-12-31' }).thenThrows('validation', /at most/, { field: 'to' });
  });
});
