import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { DefineDepartment, DepartmentDefined, departmentDecider, DepartmentState } from './department.decider';

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
  data: { departmentId: 'dept-care', name: 'Hemtjänst Söder', managerIds: ['mgr-anna'], ...overrides },
});

describe('department decider', () => {
  it('defines a department', () => {
    const state = given(departmentDecider, [], { actor: HR })
      .when(define())
      .then([defined()]);
    expect(state).toEqual<DepartmentState>({ exists: true, departmentId: 'dept-care', name: 'Hemtjänst Söder', managerIds: ['mgr-anna'] });
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
