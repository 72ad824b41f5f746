import type { IsoDate } from '../shared/dates';
import { isSubstituteOn, Substitute } from '../department/department.decider';

/** In what capacity someone attests a case (beslutsattest). */
export type AttesterCapacity = 'manager' | 'substitute' | 'manager_above';
export const ATTESTER_CAPACITIES: readonly AttesterCapacity[] = ['manager', 'substitute', 'manager_above'];

/** One department of the chain from a case's department up to the root. */
export interface DepartmentLink {
  departmentId: string;
  managerIds: readonly string[];
  substitutes: readonly Substitute[];
}

export interface Attester {
  employeeId: string;
  capacity: AttesterCapacity;
}

/** Where a case is attested: the department whose pending list holds it, and who may attest it there. */
export interface AttestingDepartment {
  departmentId: string;
  /** The case's own department when the case came up from it; null when it is attested where it belongs. */
  routedFrom: string | null;
  attesters: Attester[];
}

/**
 * Who attests an employee's case on a day (DESIGN.md §4, beslutsattest), in order:
 * 1. a manager of the case's department other than the employee;
 * 2. a substitute (ersättare) appointed for that department on that day, other than the employee;
 * 3. otherwise the managers (and that day's substitutes) of the nearest department above, following
 *    `parentId`, where someone other than the employee is found.
 * Managers and substitutes of the same department attest side by side: the order only decides
 * when the case goes up. `chain` is the case's department first, then its ancestors, nearest first.
 * Null when nobody in the whole chain may attest (the root's only manager's own case, say).
 */
export function whoAttests(employeeId: string, chain: readonly DepartmentLink[], day: IsoDate): AttestingDepartment | null {
  for (let level = 0; level < chain.length; level++) {
    const link = chain[level];
    const attesters: Attester[] = [];
    for (const m of link.managerIds) {
      if (m !== employeeId) attesters.push({ employeeId: m, capacity: level === 0 ? 'manager' : 'manager_above' });
    }
    for (const s of link.substitutes) {
      if (s.employeeId !== employeeId && !attesters.some((a) => a.employeeId === s.employeeId) && isSubstituteOn(link, s.employeeId, day)) {
        attesters.push({ employeeId: s.employeeId, capacity: 'substitute' });
      }
    }
    if (attesters.length > 0) {
      return { departmentId: link.departmentId, routedFrom: level === 0 ? null : chain[0].departmentId, attesters };
    }
  }
  return null;
}
