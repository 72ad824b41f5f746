import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { DefineDepartment, DepartmentContext, DepartmentDefined, DepartmentEvent, departmentDecider, DepartmentState, isSubstituteOn } from './department.decider';

const HR: Actor = { sub: 'hr-hanna', roles: ['hr'] };
const INTEGRATION: Actor = { sub: 'hr-sync', roles: ['integration'] };

const define = (overrides: Partial<DefineDepartment> = {}): DefineDepartment => ({
  departmentId: 'dept-care',
  name: 'Hemtjänst Söder',
  managerIds: ['mgr-anna'],
  ...overrides,
});
const defined = (overrides: Partial<DepartmentDefined['data']> = {}): DepartmentDefined => ({
  type: 'DepartmentDefined',
  data: { departmentId: 'dept-care', name: 'Hemtjänst Söder', managerIds: ['mgr-anna'], parentId: null, ...overrides },
});

describe('department decider', () => {
  it('defines a department', () => {
    const state = given(departmentDecider, [], { actor: HR })
      .when(define())
      .then([defined()]);
    expect(state).toEqual<DepartmentState>({
      exists: true,
      departmentId: 'dept-care',
      name: 'Hemtjänst Söder',
      managerIds: ['mgr-anna'],
      parentId: null,
      substitutes: [],
    });
  });

  it('lets an integration sync departments', () => {
    given(departmentDecider, [], { actor: INTEGRATION })
      .when(define({ managerIds: [] }))
      .then([defined({ managerIds: [] })]);
  });

  it('deduplicates and sorts managerIds', () => {
    given(departmentDecider, [], { actor: HR })
      .when(define({ managerIds: ['mgr-cecilia', 'mgr-anna', 'mgr-cecilia', 'mgr-bo'] }))
      .then([defined({ managerIds: ['mgr-anna', 'mgr-bo', 'mgr-cecilia'] })]);
  });

  it('records nothing when nothing changed, whatever the order or repetition of managerIds', () => {
    given(departmentDecider, [defined()], { actor: HR })
      .when(define())
      .then([]);
    given(departmentDecider, [defined({ managerIds: ['mgr-anna', 'mgr-bo'] })], { actor: HR })
      .when(define({ managerIds: ['mgr-bo', 'mgr-anna', 'mgr-bo'] }))
      .then([]);
  });

  it('records a rename and a change of managers', () => {
    const renamed = given(departmentDecider, [defined()], { actor: HR })
      .when(define({ name: 'Hemtjänst Söder och Öster' }))
      .then([defined({ name: 'Hemtjänst Söder och Öster' })]);
    expect(renamed.name).toBe('Hemtjänst Söder och Öster');

    const newManagers = given(departmentDecider, [defined()], { actor: HR })
      .when(define({ managerIds: ['mgr-bo'] }))
      .then([defined({ managerIds: ['mgr-bo'] })]);
    expect(newManagers.managerIds).toEqual(['mgr-bo']);

    given(departmentDecider, [defined({ managerIds: ['mgr-anna', 'mgr-bo'] })], { actor: HR })
      .when(define({ managerIds: [] }))
      .then([defined({ managerIds: [] })]);
  });

  it('forbids everyone but hr and integrations', () => {
    for (const roles of [['employee'], ['employee', 'manager'], ['payroll'], ['auditor'], []]) {
      given(departmentDecider, [], { actor: { sub: 'mgr-anna', roles } })
        .when(define())
        .thenThrows('forbidden');
    }
  });
});

describe('department tree', () => {
  const underSocial: DepartmentContext = { actor: HR, parentChain: ['dept-social', 'dept-municipality'] };

  it('places a department under a known parent', () => {
    const state = given(departmentDecider, [], underSocial)
      .when(define({ parentId: 'dept-social' }))
      .then([defined({ parentId: 'dept-social' })]);
    expect(state.parentId).toBe('dept-social');
  });

  it('keeps the parent when a PUT leaves it out, and makes a root with null', () => {
    given(departmentDecider, [defined({ parentId: 'dept-social' })], { actor: HR })
      .when(define({ name: 'Hemtjänst Öster' }))
      .then([defined({ name: 'Hemtjänst Öster', parentId: 'dept-social' })]);
    given(departmentDecider, [defined({ parentId: 'dept-social' })], { actor: HR })
      .when(define({ parentId: null }))
      .then([defined({ parentId: null })]);
  });

  it('reads a department defined before the tree as a root', () => {
    const old: DepartmentEvent = { type: 'DepartmentDefined', data: { departmentId: 'dept-care', name: 'Hemtjänst Söder', managerIds: ['mgr-anna'] } };
    const state = given(departmentDecider, [old], { actor: HR }).when(define()).then([]);
    expect(state.parentId).toBeNull();
  });

  it('answers not found for an unknown parent', () => {
    given(departmentDecider, [], { actor: HR })
      .when(define({ parentId: 'dept-nowhere' }))
      .thenThrows('not_found');
  });

  it('refuses a department as its own parent (422, parentId)', () => {
    given(departmentDecider, [defined()], { actor: HR, parentChain: ['dept-care'] })
      .when(define({ parentId: 'dept-care' }))
      .thenThrows('rule', undefined, { field: 'parentId' });
  });

  it('refuses a parent below the department: a cycle (422, parentId)', () => {
    // dept-care-night lies under dept-care; making it dept-care's parent would close a loop.
    given(departmentDecider, [defined({ parentId: 'dept-social' })], { actor: HR, parentChain: ['dept-care-night', 'dept-care', 'dept-social'] })
      .when(define({ parentId: 'dept-care-night' }))
      .thenThrows('rule', undefined, { field: 'parentId' });
  });
});

describe('substitutes (ersättare)', () => {
  const NOW = new Date('2026-07-01T08:00:00Z');
  const asHr: DepartmentContext = { actor: HR, now: NOW, substituteIsEmployee: true };
  const MANAGER_ABOVE: Actor = { sub: 'mgr-sven', roles: ['employee', 'manager'] };
  const appointed = (from = '2026-07-01', to = '2026-07-31', employeeId = 'emp-bo'): DepartmentEvent => ({
    type: 'SubstituteAppointed',
    data: { employeeId, from, to },
  });

  it('lets hr appoint a substitute for a span of days', () => {
    const state = given(departmentDecider, [defined()], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' })
      .then([appointed()]);
    expect(state.substitutes).toEqual([{ employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' }]);
    expect(isSubstituteOn(state, 'emp-bo', '2026-07-01')).toBe(true);
    expect(isSubstituteOn(state, 'emp-bo', '2026-07-31')).toBe(true);
    expect(isSubstituteOn(state, 'emp-bo', '2026-08-01')).toBe(false);
    expect(isSubstituteOn(state, 'emp-bo', '2026-06-30')).toBe(false);
  });

  it('lets a manager of the department or above appoint, and no one else', () => {
    given(departmentDecider, [defined()], { ...asHr, actor: MANAGER_ABOVE, managersHereAndAbove: ['mgr-anna', 'mgr-sven'] })
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' })
      .then([appointed()]);
    given(departmentDecider, [defined()], { ...asHr, actor: MANAGER_ABOVE, managersHereAndAbove: ['mgr-anna'] })
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' })
      .thenThrows('forbidden');
    given(departmentDecider, [defined()], { ...asHr, actor: { sub: 'mgr-anna', roles: ['employee'] }, managersHereAndAbove: ['mgr-anna'] })
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' })
      .thenThrows('forbidden');
  });

  it('refuses to before from (400, to), more than a year (422, to) and someone who is no employee (422, employeeId)', () => {
    given(departmentDecider, [defined()], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-10', to: '2026-07-09' })
      .thenThrows('validation', undefined, { field: 'to' });
    // 2026-07-01 + 366 days = 2027-07-02: the last day allowed is 2027-07-01.
    given(departmentDecider, [defined()], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2027-07-01' })
      .then([appointed('2026-07-01', '2027-07-01')]);
    given(departmentDecider, [defined()], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2027-07-02' })
      .thenThrows('rule', undefined, { field: 'to' });
    given(departmentDecider, [defined()], { ...asHr, substituteIsEmployee: false })
      .when({ kind: 'appoint_substitute', employeeId: 'emp-nobody', from: '2026-07-01', to: '2026-07-31' })
      .thenThrows('rule', undefined, { field: 'employeeId' });
  });

  it('answers not found for an unknown department', () => {
    given(departmentDecider, [], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' })
      .thenThrows('not_found');
  });

  it('replaces an appointment of the same person, and records nothing for the same span', () => {
    const state = given(departmentDecider, [defined(), appointed()], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-15', to: '2026-08-15' })
      .then([appointed('2026-07-15', '2026-08-15')]);
    expect(state.substitutes).toEqual([{ employeeId: 'emp-bo', from: '2026-07-15', to: '2026-08-15' }]);
    given(departmentDecider, [defined(), appointed()], asHr)
      .when({ kind: 'appoint_substitute', employeeId: 'emp-bo', from: '2026-07-01', to: '2026-07-31' })
      .then([]);
  });

  it('ends an appointment at once; ending one that does not exist is not found', () => {
    const state = given(departmentDecider, [defined(), appointed()], asHr)
      .when({ kind: 'end_substitute', employeeId: 'emp-bo' })
      .then([{ type: 'SubstituteAppointmentEnded', data: { employeeId: 'emp-bo' } }]);
    expect(state.substitutes).toEqual([]);
    given(departmentDecider, [defined()], asHr)
      .when({ kind: 'end_substitute', employeeId: 'emp-bo' })
      .thenThrows('not_found');
  });

  it('a redefinition of the department keeps its substitutes', () => {
    const state = given(departmentDecider, [defined(), appointed()], asHr)
      .when(define({ name: 'Hemtjänst Öster' }))
      .then([defined({ name: 'Hemtjänst Öster' })]);
    expect(state.substitutes).toHaveLength(1);
  });
});
