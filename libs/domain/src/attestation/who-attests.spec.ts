import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { absenceDecider, AbsenceContext } from '../absence/absence.decider';
import type { AbsenceEvent, AbsenceReported } from '../absence/absence.events';
import { DepartmentLink, whoAttests } from './who-attests';

/**
 * Who attests (DESIGN.md §4): the municipality below, on Wednesday 1 July 2026.
 *
 *   dept-social (Socialförvaltningen), manager Sven
 *     └ dept-care (Hemtjänst Söder), manager Anna (its only manager); substitute Bo 1–31 July
 *         └ dept-care-night (Nattpatrullen), no manager at all
 */
const NOW = new Date('2026-07-01T08:00:00Z');
const ANNA: Actor = { sub: 'mgr-anna', roles: ['employee', 'manager'] };
const SVEN: Actor = { sub: 'mgr-sven', roles: ['employee', 'manager'] };
const BO: Actor = { sub: 'emp-bo', roles: ['employee', 'manager'] };
const HR: Actor = { sub: 'hr-hanna', roles: ['hr'] };

const social: DepartmentLink = { departmentId: 'dept-social', managerIds: ['mgr-sven'], substitutes: [] };
const care = (substitutes = [{ employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' }]): DepartmentLink => ({
  departmentId: 'dept-care',
  managerIds: ['mgr-anna'],
  substitutes,
});
const night: DepartmentLink = { departmentId: 'dept-care-night', managerIds: [], substitutes: [] };

const reportedBy = (employeeId: string, departmentId = 'dept-care'): AbsenceReported => ({
  type: 'AbsenceReported',
  data: { absenceId: 'abs-1', employeeId, departmentId, type: 'sick', from: '2026-06-29', to: '2026-06-30', extentPercent: 100, channel: 'web', comment: null },
});

function ctx(actor: Actor, chain: DepartmentLink[]): AbsenceContext {
  return { now: NOW, actor, employments: undefined, managersByDepartment: {}, otherActiveAbsences: [], attestingChain: chain };
}
const attested = (capacity: 'manager' | 'substitute' | 'manager_above'): AbsenceEvent => ({
  type: 'AbsenceAttested',
  data: { attestedVersion: 0, capacity },
});

describe('whoAttests', () => {
  it('1. a manager of the case department other than the employee, and that day\'s substitute beside them', () => {
    expect(whoAttests('emp-eva', [care(), social], '2026-07-01')).toEqual({
      departmentId: 'dept-care',
      routedFrom: null,
      attesters: [
        { employeeId: 'mgr-anna', capacity: 'manager' },
        { employeeId: 'emp-bo', capacity: 'substitute' },
      ],
    });
  });

  it('2. the substitute when the only manager is the employee, within the span only', () => {
    expect(whoAttests('mgr-anna', [care(), social], '2026-07-31')).toEqual({
      departmentId: 'dept-care',
      routedFrom: null,
      attesters: [{ employeeId: 'emp-bo', capacity: 'substitute' }],
    });
  });

  it('3. the manager of the nearest department above when nobody else is there that day', () => {
    expect(whoAttests('mgr-anna', [care(), social], '2026-08-01')).toEqual({
      departmentId: 'dept-social',
      routedFrom: 'dept-care',
      attesters: [{ employeeId: 'mgr-sven', capacity: 'manager_above' }],
    });
    // A department without any manager: its cases go up.
    expect(whoAttests('emp-eva', [night, care([]), social], '2026-07-01')).toEqual({
      departmentId: 'dept-care',
      routedFrom: 'dept-care-night',
      attesters: [{ employeeId: 'mgr-anna', capacity: 'manager_above' }],
    });
  });

  it('never names the employee, even as a substitute, and goes further up past a level that only has them', () => {
    const annaAlsoSubstitute = care([{ employeeId: 'mgr-anna', from: '2026-07-01', to: '2026-07-31' }]);
    expect(whoAttests('mgr-anna', [annaAlsoSubstitute, social], '2026-07-10')?.departmentId).toBe('dept-social');
    // Sven's own case, at the top: nobody.
    expect(whoAttests('mgr-sven', [social], '2026-07-10')).toBeNull();
  });
});

describe('absence decider: who attests', () => {
  it('the manager of the department attests as manager', () => {
    given(absenceDecider, [reportedBy('emp-eva')], ctx(ANNA, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .then([attested('manager')]);
  });

  it('the only manager\'s own absence: forbidden for them; the substitute attests it within the span', () => {
    given(absenceDecider, [reportedBy('mgr-anna')], ctx(ANNA, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden', /own absence/);
    const state = given(absenceDecider, [reportedBy('mgr-anna')], ctx(BO, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .then([attested('substitute')]);
    expect(state).toMatchObject({ status: 'attested', attestedBy: 'emp-bo', attestedAs: 'substitute' });
  });

  it('a substitute outside the span may not attest; the manager above then does', () => {
    const august = { ...ctx(BO, [care(), social]), now: new Date('2026-08-03T08:00:00Z') };
    given(absenceDecider, [reportedBy('mgr-anna')], august)
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden', /dept-social/);
    const state = given(absenceDecider, [reportedBy('mgr-anna')], { ...august, actor: SVEN })
      .when({ kind: 'attest', expectedVersion: 0 })
      .then([attested('manager_above')]);
    expect(state.attestedAs).toBe('manager_above');
  });

  it('the manager above may not attest while the department has its own attester', () => {
    given(absenceDecider, [reportedBy('emp-eva')], ctx(SVEN, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden', /dept-care/);
  });

  it('a substitute never attests their own absence', () => {
    given(absenceDecider, [reportedBy('emp-bo')], ctx(BO, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden', /own absence/);
  });

  it('a substitute whose token lacks the manager role may not attest', () => {
    given(absenceDecider, [reportedBy('mgr-anna')], ctx({ sub: 'emp-bo', roles: ['employee'] }, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden');
  });

  it('HR does not attest', () => {
    given(absenceDecider, [reportedBy('mgr-anna')], ctx(HR, [care(), social]))
      .when({ kind: 'attest', expectedVersion: 0 })
      .thenThrows('forbidden');
  });

  it('a rejection follows the same rule, records the capacity and keeps the reason on the case', () => {
    const state = given(absenceDecider, [reportedBy('mgr-anna')], { ...ctx(SVEN, [care([]), social]) })
      .when({ kind: 'reject', reason: 'the dates cross the vacation' })
      .then([{ type: 'AbsenceRejected', data: { rejectedVersion: 0, reason: 'the dates cross the vacation', capacity: 'manager_above' } }]);
    expect(state).toMatchObject({ status: 'rejected', rejectionReason: 'the dates cross the vacation' });
  });
});
