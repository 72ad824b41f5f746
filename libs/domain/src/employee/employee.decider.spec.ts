import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { Employment, employeeDecider, EmployeeContext, EmployeeState, EmploymentRecorded, employmentOnDate, RecordEmployment } from './employee.decider';

const HR: Actor = { sub: 'hr-hanna', roles: ['hr'] };
const INTEGRATION: Actor = { sub: 'hr-sync', roles: ['integration'] };

const asHr: EmployeeContext = { actor: HR, departmentExists: true };

function put(overrides: Partial<RecordEmployment> = {}): RecordEmployment {
  return {
    employeeId: 'emp-eva',
    departmentId: 'dept-care',
    gender: 'female',
    birthYear: 1980,
    employmentPercent: 100,
    weeklyHours: 40,
    effectiveFrom: '2020-01-01',
    personalIdentityNumber: '198001012384',
    name: 'Eva Ek',
    email: 'eva.ek@example.org',
    ...overrides,
  };
}

const recorded = (command: RecordEmployment): EmploymentRecorded => ({
  type: 'EmploymentRecorded',
  data: { ...command, personalIdentityNumber: command.personalIdentityNumber ?? null },
});

const employment = (effectiveFrom: string, departmentId: string, employmentPercent = 100, weeklyHours = 40): Employment => ({
  effectiveFrom,
  departmentId,
  employmentPercent,
  weeklyHours,
});

describe('employee decider', () => {
  it('records the first employment', () => {
    const state = given(employeeDecider, [], asHr)
      .when(put())
      .then([recorded(put())]);
    expect(state).toEqual<EmployeeState>({
      exists: true,
      employeeId: 'emp-eva',
      gender: 'female',
      birthYear: 1980,
      personalIdentityNumber: '198001012384',
      name: 'Eva Ek',
      email: 'eva.ek@example.org',
      employments: [employment('2020-01-01', 'dept-care')],
    });
  });

  it('keeps name, email and personnummer when a PUT leaves them out', () => {
    const transfer = put({ departmentId: 'dept-school', effectiveFrom: '2026-03-01', name: undefined, email: undefined, personalIdentityNumber: undefined });
    const state = given(employeeDecider, [recorded(put())], asHr)
      .when(transfer)
      .then([recorded({ ...transfer, name: 'Eva Ek', email: 'eva.ek@example.org', personalIdentityNumber: '198001012384' })]);
    expect(state).toMatchObject({ name: 'Eva Ek', email: 'eva.ek@example.org', personalIdentityNumber: '198001012384' });
  });

  it('clears name, email and personnummer given as null', () => {
    const cleared = put({ name: null, email: null, personalIdentityNumber: null });
    const state = given(employeeDecider, [recorded(put())], asHr)
      .when(cleared)
      .then([recorded(cleared)]);
    expect(state).toMatchObject({ name: null, email: null, personalIdentityNumber: null });
  });

  it('records a new name alone, and nothing when a PUT leaves everything as it is', () => {
    given(employeeDecider, [recorded(put())], asHr)
      .when(put({ name: 'Eva Ek Lund', email: undefined }))
      .then([recorded(put({ name: 'Eva Ek Lund' }))]);
    given(employeeDecider, [recorded(put())], asHr)
      .when(put({ name: undefined, email: undefined, personalIdentityNumber: undefined }))
      .then([]);
  });

  it('reads events recorded before names were kept as having no name', () => {
    const { name: _n, email: _e, ...old } = put();
    const state = given(employeeDecider, [{ type: 'EmploymentRecorded', data: { ...old, personalIdentityNumber: '198001012384' } }], asHr)
      .when(put({ name: undefined, email: undefined }))
      .then([]);
    expect(state).toMatchObject({ name: null, email: null });
  });

  it('lets an integration sync employees', () => {
    given(employeeDecider, [], { actor: INTEGRATION, departmentExists: true })
      .when(put({ personalIdentityNumber: null }))
      .then([recorded(put({ personalIdentityNumber: null }))]);
  });

  it('keeps the history when a transfer with a later effectiveFrom is recorded', () => {
    const transfer = put({ departmentId: 'dept-school', employmentPercent: 80, effectiveFrom: '2026-03-01' });
    const state = given(employeeDecider, [recorded(put())], asHr)
      .when(transfer)
      .then([recorded(transfer)]);
    expect(state.employments).toEqual([employment('2020-01-01', 'dept-care'), employment('2026-03-01', 'dept-school', 80)]);
  });

  it('keeps the history sorted when a record is backdated', () => {
    const earlier = put({ departmentId: 'dept-school', effectiveFrom: '2018-08-15', weeklyHours: 38.25 });
    const state = given(employeeDecider, [recorded(put({ effectiveFrom: '2022-01-01' })), recorded(put({ effectiveFrom: '2026-03-01', departmentId: 'dept-x' }))], asHr)
      .when(earlier)
      .then([recorded(earlier)]);
    expect(state.employments.map((e) => e.effectiveFrom)).toEqual(['2018-08-15', '2022-01-01', '2026-03-01']);
    expect(state.employments[0]).toEqual(employment('2018-08-15', 'dept-school', 100, 38.25));
  });

  it('records nothing when the same PUT comes twice', () => {
    given(employeeDecider, [recorded(put())], asHr)
      .when(put())
      .then([]);
    // Also for an earlier record in the history.
    given(employeeDecider, [recorded(put()), recorded(put({ effectiveFrom: '2026-03-01', departmentId: 'dept-school' }))], asHr)
      .when(put())
      .then([]);
  });

  it('replaces the record of the same effectiveFrom when something changed', () => {
    const change = put({ employmentPercent: 75 });
    const state = given(employeeDecider, [recorded(put())], asHr)
      .when(change)
      .then([recorded(change)]);
    expect(state.employments).toEqual([employment('2020-01-01', 'dept-care', 75)]);
  });

  it('records a change of the personal data even when the employment is the same', () => {
    const change = put({ birthYear: 1981 });
    const state = given(employeeDecider, [recorded(put())], asHr)
      .when(change)
      .then([recorded(change)]);
    expect(state.birthYear).toBe(1981);
    given(employeeDecider, [recorded(put())], asHr)
      .when(put({ gender: 'unknown' }))
      .then([recorded(put({ gender: 'unknown' }))]);
    given(employeeDecider, [recorded(put())], asHr)
      .when(put({ personalIdentityNumber: null }))
      .then([recorded(put({ personalIdentityNumber: null }))]);
  });

  it('refuses a department the ledger does not know (rule, field departmentId)', () => {
    given(employeeDecider, [], { actor: HR, departmentExists: false })
      .when(put({ departmentId: 'dept-nowhere' }))
      .thenThrows('rule', /dept-nowhere/, { field: 'departmentId' });
  });

  it('forbids everyone but hr and integrations', () => {
    for (const roles of [['employee'], ['employee', 'manager'], ['payroll'], ['auditor'], []]) {
      given(employeeDecider, [], { actor: { sub: 'emp-eva', roles }, departmentExists: true })
        .when(put())
        .thenThrows('forbidden');
    }
    // Authorization comes before the department check: a stranger learns nothing about departments.
    given(employeeDecider, [], { actor: { sub: 'emp-eva', roles: ['employee'] }, departmentExists: false })
      .when(put())
      .thenThrows('forbidden');
  });
});

describe('employmentOnDate', () => {
  const history = [employment('2020-01-01', 'dept-care'), employment('2026-03-01', 'dept-school')];

  it('finds the employment in force on a date', () => {
    expect(employmentOnDate(history, '2020-01-01')?.departmentId).toBe('dept-care');
    expect(employmentOnDate(history, '2026-02-28')?.departmentId).toBe('dept-care');
    expect(employmentOnDate(history, '2026-03-01')?.departmentId).toBe('dept-school');
    expect(employmentOnDate(history, '2030-01-01')?.departmentId).toBe('dept-school');
  });

  it('answers the first employment before the first record, and undefined without any', () => {
    expect(employmentOnDate(history, '2019-12-31')?.departmentId).toBe('dept-care');
    expect(employmentOnDate([], '2026-03-01')).toBeUndefined();
  });
});
