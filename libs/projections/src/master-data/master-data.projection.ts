import type { DepartmentState, EmployeeState } from '@ledger/domain';
import { DEPARTMENT_EVENT_TYPES, departmentDecider, departmentIdOfStream, employeeDecider, employeeIdOfStream, evolveRecorded } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '../runtime/projection';
import type { UnitOfWork } from '../runtime/unit-of-work';

export const EMPLOYEE_COLLECTION = 'employee';
export const DEPARTMENT_COLLECTION = 'department';
/** Departments by each of their managers: a manager's scope. */
export const BY_MANAGER = 'manager';
/** Employees by every department they have belonged to. */
export const BY_DEPARTMENT = 'department';
/** Every employee, and every department (value '*'), for lists in key order. */
export const ALL = 'all';
/** Departments by each substitute ever appointed and not ended (the span is checked on reading). */
export const BY_SUBSTITUTE = 'substitute';
/** Departments by their parent (value '' for a root). */
export const BY_PARENT = 'parent';

interface Versioned<S> {
  state: S;
  revision: number;
}

/** Employees with their employment history, and departments with their managers. */
export class MasterDataProjection implements Projection {
  readonly name = 'master-data';
  readonly version = 2;
  readonly eventTypes = new Set<string>(['EmploymentRecorded', ...DEPARTMENT_EVENT_TYPES]);

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    const revision = Number(event.revision);
    if (event.type === 'EmploymentRecorded') {
      const id = employeeIdOfStream(event.streamId);
      const doc = await uow.get<Versioned<EmployeeState>>(EMPLOYEE_COLLECTION, id);
      if (doc && revision <= doc.revision) return;
      const state = evolveRecorded(employeeDecider, doc?.state ?? employeeDecider.initialState, event);
      const departments = [...new Set(state.employments.map((e) => e.departmentId))];
      await uow.put(EMPLOYEE_COLLECTION, id, { state, revision }, [
        { index: ALL, value: '*' },
        ...departments.map((d) => ({ index: BY_DEPARTMENT, value: d })),
      ]);
    } else {
      const id = departmentIdOfStream(event.streamId);
      const doc = await uow.get<Versioned<DepartmentState>>(DEPARTMENT_COLLECTION, id);
      if (doc && revision <= doc.revision) return;
      const state = evolveRecorded(departmentDecider, doc?.state ?? departmentDecider.initialState, event);
      await uow.put(DEPARTMENT_COLLECTION, id, { state, revision }, [
        { index: ALL, value: '*' },
        { index: BY_PARENT, value: state.parentId ?? '' },
        ...state.managerIds.map((m) => ({ index: BY_MANAGER, value: m })),
        ...state.substitutes.map((x) => ({ index: BY_SUBSTITUTE, value: x.employeeId })),
      ]);
    }
  }
}
